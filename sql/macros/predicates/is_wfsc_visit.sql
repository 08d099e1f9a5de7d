{% macro is_wfsc_visit() %}
{#-
  Constraint_WFSC (dms_base.py): VISITYPE contains 'wfsc' with at least one
  character before and after it (regex .+wfsc.+).
-#}
coalesce(regexp_full_match(visitype, '.+wfsc.+'), false)
{%- endmacro %}
