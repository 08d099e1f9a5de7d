-- associations: one row per association the rules produced (rule_members
-- holds one row per member), with what finalization, pruning and naming need:
-- level, candidate id, creation order, validity and the membership signature.
CREATE OR REPLACE TABLE associations AS
WITH per_name AS (
    -- first per member name (plain aggregates throughout: on the largest pools they
    -- spill to disk, where DISTINCT and ordered aggregates run out of memory)
    SELECT m.run_id, m.rule, m.asn_key, m.expname,
           any_value(m.product_name) AS product_name,
           any_value(m.target) AS target,
           any_value(m.program) AS program,
           any_value(m.constraints) AS constraints,
           bool_and(m.is_valid) AS is_valid,
           bool_and(m.finalize_ok) AS finalize_ok,
           min(m.created_at) AS created_at,
           min(m.split_order) AS split_order,
           bool_or(m.degraded_override) AS degraded_override,
           bool_or(valid_value(m.exposerr) IS NOT NULL) AS has_exposerr,
           count(*) AS n_rows,
           list(m.exptype) AS exptypes
    FROM rule_members m
    GROUP BY m.run_id, m.rule, m.asn_key, m.expname
),
per_assoc AS (
    SELECT run_id, rule, asn_key,
           any_value(product_name) AS product_name,
           any_value(target) AS target,
           any_value(program) AS program,
           any_value(constraints) AS constraints,
           bool_and(is_valid) AS is_valid,
           coalesce(bool_and(finalize_ok), true) AS finalize_ok,
           min(created_at) AS created_at,
           coalesce(min(split_order), 0) AS split_order,
           coalesce(bool_or(degraded_override), bool_or(has_exposerr), false) AS degraded,
           sum(n_rows) AS n_members,
           bool_or(n_rows > 1) AS has_duplicate_members,
           -- every member as name and exptype, sorted: equal for equal memberships
           array_to_string(list_sort(flatten(list(
               list_transform(exptypes, lambda t: expname || chr(31) || t)))), chr(30))
               AS member_signature
    FROM per_name
    GROUP BY run_id, rule, asn_key
)
SELECT a.*,
       r.level, r.asn_type, r.rule_order,
       u.registry, u.acid_id AS asn_id, u.acid_type,
       u.registry || '_' || a.rule AS asn_rule,
       row_number() OVER (ORDER BY a.run_id, a.created_at, r.rule_order, a.split_order) AS creation_rank
FROM per_assoc a
JOIN rule_catalog r USING (rule)
JOIN runs u USING (run_id)
{% if discover_only %}
-- --discover: candidate associations were only built to be compared with; drop them
WHERE u.registry = 'discover'
{% endif %}
;
