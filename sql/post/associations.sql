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
           -- some member name is held twice
           len(list_distinct(list(expname))) < count(*) AS has_duplicate_members,
           -- every member as name and exptype, sorted: equal for equal memberships
           array_to_string(list_sort(list(expname || chr(31) || exptype)), chr(30)) AS member_signature
    FROM rule_members
    GROUP BY run_id, rule, asn_key
)
SELECT a.*,
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
