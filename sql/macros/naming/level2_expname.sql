{% macro level2_expname(filename, integrations) %}
{#-
  Level 2 member name (rename_to_level2a): <root>_uncal.<ext> becomes
  <root>_rate.<ext>, or <root>_rateints.<ext> when integrations apply.
  A file name not of that form is used unchanged.
  Arguments:
    filename: SQL expression of the raw FILENAME
    integrations: SQL boolean expression
-#}
CASE
    WHEN NOT regexp_full_match({{ filename }}, '.+_uncal\..+') THEN {{ filename }}
    WHEN {{ integrations }} THEN regexp_replace({{ filename }}, '^(.+)_uncal(\..+)$', '\1_rateints\2')
    ELSE regexp_replace({{ filename }}, '^(.+)_uncal(\..+)$', '\1_rate\2')
END
{%- endmacro %}
