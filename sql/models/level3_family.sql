-- level3_family: several Level 3 rules of one shape in one statement. The rules
-- are those (two or more) whose level3_groups and level3_associations arguments
-- differ only in the keys, the pins and the arguments level3_associations takes
-- per rule (asnsql.families.LEVEL3): each rule's own CTEs (its selection) as it
-- renders them, its rows tagged with its rule, then one grouping pass and one
-- naming pass for all of them (level3_groups with `rule` as its first key: every
-- rule grouped as if alone). The same rows as each rule run alone
-- (tests/test_rule_families.py), from one plan instead of one per rule: planning
-- is most of a small pool's cost.
--
-- `members`: per rule, its name (`rule`), its CTEs (`head`: "WITH ...", up to the
-- grouping), the CTE it groups (`relation`) and its level3_groups keys and pins
-- (`keys`, `optional_keys`) and how it takes re-offered rows (`groups`: reoffered,
-- replay_existing); `groups`: the other level3_groups arguments, which the rules share;
-- `associations`: the level3_associations arguments, the per-rule ones as mappings
-- rule -> value (see level3_associations' `family`).
{% set family = namespace(bucket_keys=[], pin_keys=[]) %}
{% for member in members %}
{% for key in member['keys'] if key not in family.bucket_keys %}
{% set family.bucket_keys = family.bucket_keys + [key] %}
{% endfor %}
{% for pin in member['optional_keys'] if pin not in family.pin_keys %}
{% set family.pin_keys = family.pin_keys + [pin] %}
{% endfor %}
{% endfor %}
{% macro owners(name, argument) -%}
{#- the rules that have `name` among their `argument` (keys or optional_keys) -#}
{% set found = namespace(rules=[]) %}
{% for member in members if name in member[argument] %}
{% set found.rules = found.rules + [member.rule] %}
{% endfor %}
{{ found.rules | sqllist }}
{%- endmacro %}
WITH
{{ family_rows(members) }},
family_path AS (
    -- a key of another rule is '' (equal on every row), a pin of another rule unset
    SELECT * REPLACE (
{% for key in family.bucket_keys %}
        CASE WHEN rule IN {{ owners(key, 'keys') }} THEN {{ key }} ELSE '' END AS {{ key }},
{% endfor %}
{% for pin in family.pin_keys %}
        CASE WHEN rule IN {{ owners(pin, 'optional_keys') }} THEN {{ pin }} END AS {{ pin }}{{ ',' if not loop.last }}
{% endfor %}
    )
    FROM family_rows
),
{# how each rule takes re-offered rows (reoffered, replay_existing; level3_groups'
   defaults true and false): when the rules differ, the replay runs for the family
   but the rules named not_reoffered or not_replayed #}
{% set offers = namespace(none=[], all=[], replayed=[]) %}
{% for member in members %}
{% if not member.groups.get('reoffered', true) %}
{% set offers.none = offers.none + [member.rule] %}
{% elif member.groups.get('replay_existing', false) %}
{% set offers.replayed = offers.replayed + [member.rule] %}
{% else %}
{% set offers.all = offers.all + [member.rule] %}
{% endif %}
{% endfor %}
{% if offers.replayed | length in (0, members | length) and (offers.none | length) in (0, members | length) %}
{{ level3_groups('family_path', keys=['rule'] + family.bucket_keys, optional_keys=family.pin_keys,
                 **dict(groups, **members[0].groups)) }},
{% else %}
{{ level3_groups('family_path', keys=['rule'] + family.bucket_keys, optional_keys=family.pin_keys,
                 reoffered=true, replay_existing=true, not_reoffered=offers.none,
                 not_replayed=offers.all, **groups) }},
{% endif %}
{{ level3_associations('grouped_members', family=true, **associations) }}
