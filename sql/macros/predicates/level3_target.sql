{% macro level3_target_key(exptype='exptype_base') %}
{#-
  Constraint_Target(association) (rules_level3_base.py) as a key column:
  - '000' when the run's ASN_CANDIDATE is exactly [('cNNNN', 'direct_image')]
    (parallel WFSS: the target is not checked and names get t000);
  - NULL for rows the rule types as background (they skip the target test);
  - TARGETID otherwise (a required value: see level3_target_ok()).
  Arguments:
    exptype: SQL expression of the rule's Level 3 exposure type
-#}
CASE WHEN {{ is_direct_image_candidate() }} THEN '000'
     WHEN {{ exptype }} = 'background' THEN NULL
     ELSE targetid END
{%- endmacro %}

{% macro level3_target_ok(exptype='exptype_base') %}
{#- Row filter of the same constraint: a target-checked row needs a TARGETID. -#}
({{ is_direct_image_candidate() }} OR coalesce({{ exptype }} = 'background', false) OR targetid IS NOT NULL)
{%- endmacro %}

{% macro is_direct_image_candidate() %}
{#- The whole ASN_CANDIDATE (as the run sees it) is [('cNNNN', 'direct_image')]. -#}
coalesce(regexp_full_match(asn_candidate, '\[\(''c\d{4}'', ''direct_image''\)\]'), false)
{%- endmacro %}
