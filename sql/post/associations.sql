-- associations: one row per association the rules produced (rule_members
-- holds one row per member), with what finalization, pruning and naming need:
-- level, candidate id, what orders their creation (creation_order), validity and
-- the membership signature (the sorted integer keys of its (expname, exptype)
-- members: equal for equal memberships).
CREATE OR REPLACE TABLE associations AS
WITH member_pairs AS (
    -- every distinct (expname, exptype) the rules gave a member
    SELECT DISTINCT expname, exptype FROM rule_members
),
type_width AS (
    -- more than the number of exptype ranks (NULL ranks as a value)
    SELECT count(DISTINCT exptype) + 2 AS width FROM member_pairs
),
member_keys AS (
    -- each pair as one integer: name rank times type_width, plus the type's rank; so
    -- equal keys are equal pairs, sorted keys are sorted by name, and key // width
    -- is the name. A membership gathered as integers costs a fraction of one
    -- gathered as texts (at a million exposures, this statement 20.8 -> 11.5 s)
    SELECT p.expname, p.exptype,
           dense_rank() OVER (ORDER BY p.expname) * w.width + dense_rank() OVER (ORDER BY p.exptype)
               AS member_key
    FROM member_pairs p CROSS JOIN type_width w
),
per_assoc AS (
    -- plain aggregates only: on the largest pools they spill to disk, where DISTINCT
    -- and ordered aggregates run out of memory; one pass over the members, grouped
    -- by association (grouping by member name first made a group of nearly every row)
    SELECT m.run_id, m.rule, m.asn_key,
           any_value(m.product_name) AS product_name,
           any_value(m.target) AS target,
           any_value(m.program) AS program,
           any_value(m.constraints) AS constraints,
           bool_and(m.is_valid) AS is_valid,
           coalesce(bool_and(m.finalize_ok), true) AS finalize_ok,
           min(m.created_at) AS created_at,
           coalesce(min(m.split_order), 0) AS split_order,
           coalesce(bool_or(m.degraded_override), bool_or(valid_value(m.exposerr) IS NOT NULL), false) AS degraded,
           count(*) AS n_members,
           -- every member's key, sorted (one list: a second one for the duplicate
           -- test cost a fifth of this statement at 100k)
           list_sort(list(k.member_key)) AS members
    FROM rule_members m
    JOIN member_keys k
      ON k.expname IS NOT DISTINCT FROM m.expname AND k.exptype IS NOT DISTINCT FROM m.exptype
    GROUP BY m.run_id, m.rule, m.asn_key
)
SELECT a.* EXCLUDE (members),
       -- some member name is held twice: two neighbours of the sorted keys share it
       coalesce(list_bool_or(list_transform(range(1, len(a.members)),
                    lambda i: a.members[i] // w.width = a.members[i + 1] // w.width)), false)
           AS has_duplicate_members,
       -- the members' keys: equal for equal memberships
       a.members AS member_signature,
       r.level, r.asn_type, r.rule_order,
       u.registry, u.acid_id AS asn_id, u.acid_type,
       u.registry || '_' || a.rule AS asn_rule
FROM per_assoc a
JOIN rule_catalog r ON r.rule = a.rule
JOIN runs u ON u.run_id = a.run_id
CROSS JOIN type_width w
{% if discover_only %}
-- --discover: candidate associations were only built to be compared with; drop them
WHERE u.registry = 'discover'
{% endif %}
;
