{% macro nod_split(relation, into, degraded_known=false, family=false) %}
{#-
  Level 2 nod split at finalization (AsnMixin_Lv2Nod.make_nod_asns,
  rules_level2_base.py). A nod rule gathers every nod of a set into one
  association; each valid one becomes one association per science member s,
  in member order: s, then every other science member that does not overlap
  s (nod_background_overlap) as `background`, then all the non-science
  members. The product is named from s (folder dropped). The children keep
  the original's target, program, constraints and degraded status (from all
  the original members, dropped nods included), and replace it in creation
  order (split_order).

  Arguments:
    relation: CTE with the rule output contract columns, _row included
    into: name of the CTE this macro defines with the children's members
    degraded_known: true when `relation` already carries degraded_override
      (an earlier finalization step removed members)
    family: the rows of several rules (a rule family: a `rule` column, which the
      associations are then also keyed by)
-#}
{% set association = (['rule'] if family else []) + ['run_id', 'asn_key'] %}
{% macro same_parent(m, c) %}{{ (m ~ '.rule = ' ~ c ~ '.rule AND ') if family }}{{ m }}.run_id = {{ c }}.run_id AND {{ m }}.asn_key = {{ c }}.parent_key{% endmacro %}
_ns_members AS (
    SELECT g.*,
{% if not degraded_known %}
           bool_or(valid_value(g.exposerr) IS NOT NULL) OVER (PARTITION BY g.{{ association | join(', g.') }}) AS degraded_override,
{% endif %}
           row_number() OVER (PARTITION BY g.{{ association | join(', g.') }}, g.exptype = 'science'
                              ORDER BY g.member_order) AS _ns_position
    FROM {{ relation }} g
    WHERE g.is_valid
),
_ns_science AS (
    SELECT * FROM _ns_members WHERE exptype = 'science'
),
_ns_children AS (
    -- the science member each child is named after
    SELECT {{ 'rule, ' if family }}run_id, asn_key AS parent_key, _row AS science_row, expname AS science_expname,
           _ns_position AS split_order
    FROM _ns_science
),
_ns_child_members AS (
    -- s itself
    SELECT c.*, 0 AS slot, m.* EXCLUDE ({{ 'rule, ' if family }}run_id)
    FROM _ns_children c
    JOIN _ns_science m ON {{ same_parent('m', 'c') }} AND m._row = c.science_row
    UNION ALL BY NAME
    -- the other science nods that do not overlap s, as backgrounds
    SELECT c.*, 1 AS slot, m.* EXCLUDE ({{ 'rule, ' if family }}run_id, exptype), 'background' AS exptype
    FROM _ns_children c
    JOIN _ns_science m ON {{ same_parent('m', 'c') }} AND m.expname <> c.science_expname
    JOIN {{ items() }} si ON si.run_id = c.run_id AND si._row = c.science_row
    JOIN {{ items() }} oi ON oi.run_id = m.run_id AND oi._row = m._row
    WHERE NOT {{ nod_background_overlap('si', 'oi') }}
    UNION ALL BY NAME
    -- every non-science member
    SELECT c.*, 2 AS slot, m.* EXCLUDE ({{ 'rule, ' if family }}run_id)
    FROM _ns_children c
    JOIN _ns_members m ON {{ same_parent('m', 'c') }} AND m.exptype <> 'science'
),
{{ into }} AS (
    SELECT {{ 'rule, ' if family }}run_id,
           parent_key || '/' || split_order AS asn_key,
           created_at,
           split_order,
           {{ level2_product_name("regexp_replace(science_expname, '^.*/', '')") }} AS product_name,
           target, program, constraints, is_valid,
           slot * 1000000000000 + member_order AS member_order,
           _row, expname, exptype, exposerr, degraded_override
    FROM _ns_child_members
)
{%- endmacro %}
