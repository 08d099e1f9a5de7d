-- level2_wfss_family: the Level 2b WFSS rules of several instruments (Asn_Lv2WFSSNRC,
-- Asn_Lv2WFSSMIR, Asn_Lv2WFSSNIS: per_science_row, then level2_wfss_associations,
-- with arguments that differ only in the keys, `describe` and `subarray_column`;
-- asnsql.families.LEVEL2_WFSS) in one statement: each rule's own CTEs (its
-- selection) as it renders them, its rows tagged with its rule, then one grouping
-- pass with `rule` as its first key (every rule grouped as if alone), one naming
-- pass and one catalog swap for all of them. The same rows as each rule run alone
-- (tests/test_rule_families.py), from one plan instead of one per rule.
--
-- `members`: per rule, its name (`rule`), its CTEs (`head`: "WITH ...", up to the
-- grouping), the CTE it groups (`relation`), its keys and pins; `keys`,
-- `optional_keys`: those of every rule; `groups`: the other per_science_row
-- arguments, which the rules share; `associations`: the level2_wfss_associations
-- arguments, `describe` and `subarray_column` as mappings rule -> value.
WITH
{{ family_rows(members) }},
{{ family_path(members, keys, optional_keys) }},
{{ per_science_row('family_path', keys=['rule'] + keys, optional_keys=optional_keys,
                   family=true, **groups) }},
{{ level2_wfss_associations('per_row_members', family=true, **associations) }}
