-- associations: one row per association the rules produced (rule_members
-- holds one row per member), with what finalization, pruning and naming need:
-- level, candidate id, what orders their creation (creation_order), validity and
-- the membership signature.
CREATE OR REPLACE TABLE associations AS
WITH per_assoc AS (
    -- plain aggregates only: on the largest pools they spill to disk, where DISTINCT
    -- and ordered aggregates run out of memory; one pass over the members, grouped
    -- by association (grouping by member name first made a group of nearly every row)
    SELECT run_id, rule, asn_key,
           any_value(product_name) AS product_name,
           any_value(target) AS target,
           any_value(program) AS program,
           any_value(constraints) AS constraints,
           bool_and(is_valid) AS is_valid,
           coalesce(bool_and(finalize_ok), true) AS finalize_ok,
           min(created_at) AS created_at,
           coalesce(min(split_order), 0) AS split_order,
           coalesce(bool_or(degraded_override), bool_or(valid_value(exposerr) IS NOT NULL), false) AS degraded,
           count(*) AS n_members,
           -- every member as name and exptype, sorted by name (one list: a second one
           -- for the duplicate test cost a fifth of this statement at 100k)
           list_sort(list({'expname': expname, 'exptype': exptype})) AS members
    FROM rule_members
    GROUP BY run_id, rule, asn_key
)
SELECT a.* EXCLUDE (members),
       -- some member name is held twice: two neighbours of the sorted list share it
       coalesce(list_bool_or(list_transform(range(1, len(a.members)),
                    lambda i: a.members[i].expname = a.members[i + 1].expname)), false)
           AS has_duplicate_members,
       -- the members as one text: equal for equal memberships
       array_to_string(list_transform(a.members, lambda m: m.expname || chr(31) || m.exptype), chr(30))
           AS member_signature,
       r.level, r.asn_type, r.rule_order,
       u.registry, u.acid_id AS asn_id, u.acid_type,
       u.registry || '_' || a.rule AS asn_rule
FROM per_assoc a
JOIN rule_catalog r USING (rule)
JOIN runs u USING (run_id)
{% if discover_only %}
-- --discover: candidate associations were only built to be compared with; drop them
WHERE u.registry = 'discover'
{% endif %}
;
