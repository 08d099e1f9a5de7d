{% macro level3_expname(filename, exptype, integrations) %}
{#-
  Level 3 member name (rename_to_level2): <root>_uncal.<ext> becomes
  <root>_x1d for background members, <root>_cal for EXP_TYPEs that have a
  Level 2b product, <root>_rate otherwise; 'ints' is appended when
  integrations apply (calints, x1dints, rateints).
  Arguments:
    filename: SQL expression of the raw FILENAME
    exptype: SQL expression of the member exptype
    integrations: SQL boolean expression
-#}
{{ uncal_renamed(filename,
    "CASE WHEN " ~ exptype ~ " = 'background' THEN 'x1d' WHEN is_level2b_type THEN 'cal' ELSE 'rate' END"
    ~ " || CASE WHEN " ~ integrations ~ " THEN 'ints' ELSE '' END") }}
{%- endmacro %}
