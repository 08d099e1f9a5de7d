-- rule_gates: for every rule, whether any item passes its first selection (the
-- conditions of its first `all_checks`). A rule no item enters emits nothing,
-- so the engine runs only the rules whose gate is true; a rule that records no
-- selection always runs. One scan of items() for all rules.
SELECT [
{% for condition in conditions %}
    {{ 'true' if condition is none else 'coalesce(bool_or(' ~ condition ~ '), false)' }}{{ ',' if not loop.last }}
{% endfor %}
]::BOOLEAN[] AS gates
FROM {{ items() }}
