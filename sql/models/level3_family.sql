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
-- (`keys`, `optional_keys`), how it takes re-offered rows and target acquisitions
-- (`groups`: reoffered, replay_existing, ta_steps) and its TAs' CTE (`ta_relation`);
-- `keys`, `optional_keys`: those of every rule; `groups`: the other level3_groups
-- arguments, which the rules share (a `ta_relation`: every rule has one);
-- `associations`: the level3_associations arguments, the per-rule ones as mappings
-- rule -> value (see level3_associations' `family`).
WITH
{{ family_rows(members) }},
{{ family_path(members, keys, optional_keys) }},
{# rules whose fold replays target acquisitions (ta_relation): their rows and their
   TAs apart, each TA meeting its own rule's steps (ta_steps per rule) #}
{% if groups.get('ta_relation') %}
family_science AS (SELECT * EXCLUDE (_ta) FROM family_path WHERE NOT _ta),
family_tas AS (SELECT * EXCLUDE (_ta) FROM family_path WHERE _ta),
{% set ta_steps = {} %}
{% for member in members %}
{% do ta_steps.update({member.rule: member.groups.get('ta_steps', [])}) %}
{% endfor %}
{% set relation = 'family_science' %}
{% set ta_arguments = {'ta_relation': 'family_tas', 'ta_steps': ta_steps} %}
{% else %}
{% set relation = 'family_path' %}
{% set ta_arguments = {} %}
{% endif %}
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
{{ level3_groups(relation, keys=['rule'] + keys, optional_keys=optional_keys,
                 **dict(dict(groups, **members[0].groups), **ta_arguments)) }},
{% else %}
{{ level3_groups(relation, keys=['rule'] + keys, optional_keys=optional_keys,
                 reoffered=true, replay_existing=true, not_reoffered=offers.none,
                 not_replayed=offers.all, **dict(groups, **ta_arguments)) }},
{% endif %}
{{ level3_associations('grouped_members', family=true, **associations) }}
