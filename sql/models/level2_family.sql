-- level2_family: several Level 2 rules whose associations have one exposure each
-- (single_row_members) in one statement. The rules are those (two or more) whose
-- level2_associations arguments differ only in `describe` (asnsql.families
-- .LEVEL2_SINGLE_ROW): each rule's own CTEs (its selection) as it renders them,
-- its rows tagged with its rule, then one naming pass for all of them. The same
-- rows as each rule run alone (tests/test_rule_families.py), from one plan
-- instead of one per rule.
--
-- `members`: per rule, its name (`rule`), its CTEs (`head`: "WITH ...", up to
-- single_row_members) and the CTE it takes (`relation`); `associations`: the
-- level2_associations arguments, `describe` as a mapping rule -> columns.
WITH
{{ family_rows(members) }},
{{ single_row_members('family_rows', family=true) }},
{{ level2_associations('per_row_members', family=true, **associations) }}
