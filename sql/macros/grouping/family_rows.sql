{% macro family_rows(members) %}
{#-
  The rows of a rule family's rules (models/level2_family.sql, level3_family.sql):
  each rule's own CTEs as it renders them (its `head`, "WITH ..."), its relation's
  rows tagged with its rule. Emits one CTE per rule and `family_rows`, their
  union by column name (a column one rule lacks is NULL in its rows).
  Arguments:
    members: per rule, `rule` (its name), `head` and `relation` (asnsql.families)
-#}
{% for member in members %}
family_{{ loop.index }} AS (
    {{ member.head }}
    SELECT {{ member.rule | sqlstr }} AS rule, * FROM {{ member.relation }}
),
{% endfor %}
family_rows AS (
{% for member in members %}
    SELECT * FROM family_{{ loop.index }}{{ ' UNION ALL BY NAME' if not loop.last }}
{% endfor %}
)
{%- endmacro %}
