-- rule_gates: for every rule, whether any item passes its first selection (the
-- conditions of its first `all_checks`). A rule no item enters emits nothing,
-- so the engine runs only the rules whose gate is true; a rule that records no
-- selection always runs. One scan of items() for all rules, each distinct
-- condition evaluated once (rules share many).
{% set seen = namespace(conditions=[]) %}
{% for checks in conditions if checks is not none %}
{% for condition in checks if condition not in seen.conditions %}
{% set seen.conditions = seen.conditions + [condition] %}
{% endfor %}
{% endfor %}
SELECT [
{% for checks in conditions %}
{% if checks is none %}
    true{{ ',' if not loop.last }}
{% else %}
    coalesce(bool_or({% for condition in checks %}c{{ seen.conditions.index(condition) }}{{ ' AND ' if not loop.last }}{% endfor %}), false){{ ',' if not loop.last }}
{% endif %}
{% endfor %}
]::BOOLEAN[] AS gates
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
