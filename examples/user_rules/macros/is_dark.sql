{% macro is_dark() %}
{#-
  A dark exposure: its base exposure type (EXPTYPE_MAP) is 'dark'
  (mir_darkall, mir_darkimg, mir_darkmrs, nis_dark, nrc_dark, nrs_dark).
-#}
coalesce(exptype_base = 'dark', false)
{%- endmacro %}
