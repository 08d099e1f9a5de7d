{% macro level2_target_key() %}
{#-
  Constraint_Target (rules_level2_base.py, used by the Level 2 WFSS rules)
  as a key column: '000' when the run's ASN_CANDIDATE is exactly
  [('cNNNN', 'direct_image')] (pure-parallel WFSS: the target is not
  checked), else TARGETID, a required value (NULL: the row cannot join).
  Arguments: none (reads the item columns).
-#}
CASE WHEN {{ is_direct_image_candidate() }} THEN '000' ELSE targetid END
{%- endmacro %}
