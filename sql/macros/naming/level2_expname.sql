{% macro level2_expname(filename, integrations) %}
{#-
  Level 2 member name (rename_to_level2a): <root>_uncal.<ext> becomes
  <root>_rate.<ext>, or <root>_rateints.<ext> when integrations apply.
  A file name not of that form is used unchanged.
  Arguments:
    filename: SQL expression of the raw FILENAME
    integrations: SQL boolean expression
-#}
{{ uncal_renamed(filename, "CASE WHEN " ~ integrations ~ " THEN 'rateints' ELSE 'rate' END") }}
{%- endmacro %}
