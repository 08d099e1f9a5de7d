-- level2_nod_family: Level 2b nod rules (level3_groups, then level2_nod_associations:
-- Asn_Lv2NRSFSS, Asn_Lv2NRSMSA) whose arguments differ only in the keys, the pins
-- and `describe` (asnsql.families.LEVEL2_NOD) in one statement: each rule's own CTEs
-- (its selection) as it renders them, its rows tagged with its rule, then one
-- grouping pass with `rule` as its first key (every rule grouped as if alone), one
-- naming pass and one nod split for all of them. The same rows as each rule run
-- alone (tests/test_rule_families.py), from one plan instead of one per rule.
--
-- `members`: per rule, its name (`rule`), its CTEs (`head`: "WITH ...", up to the
-- grouping), the CTE it groups (`relation`), its keys and pins; `keys`,
-- `optional_keys`: those of every rule; `groups`: the other level3_groups arguments,
-- which the rules share; `associations`: the level2_nod_associations arguments,
-- `describe` as a mapping rule -> columns.
WITH
{{ family_rows(members) }},
{{ family_path(members, keys, optional_keys) }},
{{ level3_groups('family_path', keys=['rule'] + keys, optional_keys=optional_keys, **groups) }},
{{ level2_nod_associations('grouped_members', family=true, **associations) }}
