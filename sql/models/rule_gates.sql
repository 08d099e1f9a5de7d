-- rule_gates: for every rule, whether any item enters it: passes every condition
-- of one of its selections (its `all_checks`). A rule no item enters emits
-- nothing, so the engine runs only the rules whose gate is true; a rule that
-- records no selection always runs. Every selection counts, not only the first:
-- a later one may start an association (Asn_Lv2MIRLRSFixedSlitNod's TA confirm
-- does, and with --no-finalize that invalid association takes a sequence number).
-- Only a selection recorded with starts=false (its rows only join associations
-- others start: level3_target_acquisitions) is left out (SqlTemplates.entry_selections).
--
-- `selections`: per rule, None or a list of selections, each a list of conditions.
-- Two shapes, the same answer; the engine picks one by the number of run items:
-- - scan (gate_each_rule false): one scan of items() for all rules, each distinct
--   condition evaluated once (rules share many). One small plan: the cheaper
--   shape on small pools, where planning is most of the cost.
-- - gate_each_rule: one EXISTS per rule, its conditions ANDed in a filter. A scan
--   evaluates every condition on every item; a filter tests a row's later
--   conditions only while its earlier ones hold, and a rule's EXISTS stops at
--   its first item. At a million exposures (4.2M items): 8.8 s -> 0.8 s.
{% set seen = namespace(conditions=[]) %}
{% for rule_selections in selections if rule_selections is not none %}
{% for checks in rule_selections %}
{% for condition in checks if condition not in seen.conditions %}
{% set seen.conditions = seen.conditions + [condition] %}
{% endfor %}
{% endfor %}
{% endfor %}
{% macro condition_sql(condition) -%}
{#- a condition inline (EXISTS shape), or its column of the scan -#}
{{ '(' ~ condition ~ ')' if gate_each_rule else 'c' ~ seen.conditions.index(condition) }}
{%- endmacro %}
{% macro any_selection(rule_selections) -%}
{%- for checks in rule_selections -%}
({% for condition in checks %}{{ condition_sql(condition) }}{{ ' AND ' if not loop.last }}{% endfor %}){{ ' OR ' if not loop.last }}
{%- endfor -%}
{%- endmacro %}
SELECT [
{% for rule_selections in selections %}
{% if rule_selections is none %}
    true{{ ',' if not loop.last }}
{% elif gate_each_rule %}
    EXISTS (SELECT 1 FROM {{ items() }} WHERE {{ any_selection(rule_selections) }}){{ ',' if not loop.last }}
{% else %}
    coalesce(bool_or({{ any_selection(rule_selections) }}), false){{ ',' if not loop.last }}
{% endif %}
{% endfor %}
]::BOOLEAN[] AS gates
{% if not gate_each_rule %}
FROM (
    SELECT
{% for condition in seen.conditions %}
        ({{ condition }}) AS c{{ loop.index0 }}{{ ',' if not loop.last }}
{% endfor %}
{% if not seen.conditions %}
        1 AS c
{% endif %}
    FROM {{ items() }}
)
{% endif %}
