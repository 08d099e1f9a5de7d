{% macro family_rows(members) %}
{#-
  The rows of a rule family's rules (models/level2_family.sql, level3_family.sql):
  each rule's own CTEs as it renders them (its `head`, "WITH ..."), its relation's
  rows tagged with its rule. Emits one CTE per rule and `family_rows`, their
  union by column name (a column one rule lacks is NULL in its rows).
  Arguments:
    members: per rule, `rule` (its name), `head` and `relation` (asnsql.families),
      and `ta_relation` (its target acquisitions, a CTE of its head, or none): the
      rows then have `_ta`, true for the target acquisitions
-#}
{% for member in members %}
family_{{ loop.index }} AS (
    {{ member.head }}
{% if member.ta_relation %}
    SELECT {{ member.rule | sqlstr }} AS rule, false AS _ta, * FROM {{ member.relation }}
    UNION ALL BY NAME
    SELECT {{ member.rule | sqlstr }} AS rule, true AS _ta, * FROM {{ member.ta_relation }}
{% else %}
    SELECT {{ member.rule | sqlstr }} AS rule, * FROM {{ member.relation }}
{% endif %}
),
{% endfor %}
family_rows AS (
{% for member in members %}
    SELECT * FROM family_{{ loop.index }}{{ ' UNION ALL BY NAME' if not loop.last }}
{% endfor %}
)
{%- endmacro %}


{% macro family_path(members, keys, optional_keys) %}
{#-
  `family_path`: the rows of `family_rows` (above) keyed for one grouping pass
  with `rule` as its first key: a key of another rule is '' (equal on every
  row), a pin of another rule unset, so that every rule groups as if alone.
  Arguments:
    members: as family_rows, each with its `keys` and `optional_keys`
    keys, optional_keys: those of every member (asnsql.families.family_context)
-#}
{% macro owners(name, argument) -%}
{#- the rules that have `name` among their `argument` (keys or optional_keys) -#}
{% set found = namespace(rules=[]) %}
{% for member in members if name in member[argument] %}
{% set found.rules = found.rules + [member.rule] %}
{% endfor %}
{{ found.rules | sqllist }}
{%- endmacro %}
family_path AS (
    SELECT * REPLACE (
{% for key in keys %}
        CASE WHEN rule IN {{ owners(key, 'keys') }} THEN {{ key }} ELSE '' END AS {{ key }}{{ ',' if not loop.last or optional_keys }}
{% endfor %}
{% for pin in optional_keys %}
        CASE WHEN rule IN {{ owners(pin, 'optional_keys') }} THEN {{ pin }} END AS {{ pin }}{{ ',' if not loop.last }}
{% endfor %}
    )
    FROM family_rows
)
{%- endmacro %}
