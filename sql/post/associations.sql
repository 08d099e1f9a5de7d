-- associations: one row per association the rules produced (rule_members
-- holds one row per member), with what finalization, pruning and naming need:
-- level, candidate id, creation order, validity and the membership signature.
CREATE OR REPLACE TABLE associations AS
WITH per_assoc AS (
    SELECT m.run_id, m.rule, m.asn_key,
           any_value(m.product_name) AS product_name,
           any_value(m.target) AS target,
           any_value(m.program) AS program,
           any_value(m.constraints) AS constraints,
           bool_and(m.is_valid) AS is_valid,
           coalesce(bool_and(m.finalize_ok), true) AS finalize_ok,
           min(m.created_at) AS created_at,
           coalesce(min(m.split_order), 0) AS split_order,
           coalesce(bool_or(m.degraded_override),
                    bool_or(valid_value(m.exposerr) IS NOT NULL), false) AS degraded,
           count(*) AS n_members,
           count(DISTINCT m.expname) < count(*) AS has_duplicate_members,
           string_agg(m.expname || chr(31) || m.exptype, chr(30) ORDER BY m.expname, m.exptype)
               AS member_signature
    FROM rule_members m
    GROUP BY m.run_id, m.rule, m.asn_key
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
