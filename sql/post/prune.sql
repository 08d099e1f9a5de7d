-- kept: the associations that survive finalization, pruned as the reference
-- prunes (jwst.associations.lib.prune), Level 2 and Level 3 separately.
--
-- 1. Invalid associations are dropped.
-- 2. Duplicate memberships: among associations whose first product has the
--    same (expname, exptype) members, keep the one with the highest asn_id
--    (o... > c... > a...), and among equal ids the one created last.
-- 3. Duplicate product names: when two associations share a product name and
--    one has fewer members with no conflicting exptype, the smaller is dropped.
--
-- The membership signature (its members' sorted integer keys) stays in
-- `associations`: the tables after this one do not carry it.
CREATE OR REPLACE TABLE kept AS
WITH valid AS (
{% if finalize %}
    -- finalization drops invalid associations and those its checks refuse
    -- (e.g. one observation in a multi-observation candidate)
    SELECT * FROM associations WHERE is_valid AND finalize_ok
{% else %}
    -- --no-finalize: invalid associations still take a sequence number, and are
    -- skipped when written (deliver.sql)
    SELECT * FROM associations
{% endif %}
),
{% if finalize %}
membership_ranked AS (
    SELECT *,
           CASE WHEN has_duplicate_members THEN 1
                ELSE row_number() OVER (PARTITION BY level, member_signature, has_duplicate_members
                                        ORDER BY asn_id DESC, {{ creation_order('DESC') }}) END AS membership_rank
    FROM valid
),
distinct_membership AS (
    SELECT * EXCLUDE (membership_rank) FROM membership_ranked WHERE membership_rank = 1
),
same_name_members AS (
    -- members of associations whose product name is shared with another association
    SELECT d.level, d.product_name, d.run_id, d.rule, d.asn_key, d.n_members, d.has_duplicate_members,
           m.expname, m.exptype
    FROM distinct_membership d
    JOIN rule_members m USING (run_id, rule, asn_key)
    WHERE (d.level, d.product_name) IN (
        SELECT level, product_name FROM distinct_membership GROUP BY ALL HAVING count(*) > 1)
),
pairs AS (
    -- every ordered pair (small, large) of same-named associations of different sizes
    SELECT DISTINCT s.level, s.run_id, s.rule, s.asn_key, l.run_id AS l_run_id, l.rule AS l_rule,
           l.asn_key AS l_asn_key
    FROM same_name_members s
    JOIN same_name_members l
      ON l.level = s.level AND l.product_name = s.product_name AND l.n_members > s.n_members
    WHERE NOT s.has_duplicate_members AND NOT l.has_duplicate_members
),
conflicts AS (
    -- a member name present on both sides with different exptypes: not a subset
    SELECT DISTINCT p.level, p.run_id, p.rule, p.asn_key, p.l_run_id, p.l_rule, p.l_asn_key
    FROM pairs p
    JOIN same_name_members s ON (s.run_id, s.rule, s.asn_key) = (p.run_id, p.rule, p.asn_key)
    JOIN same_name_members l ON (l.run_id, l.rule, l.asn_key) = (p.l_run_id, p.l_rule, p.l_asn_key)
    WHERE s.expname = l.expname AND s.exptype <> l.exptype
),
subsets AS (
    SELECT DISTINCT run_id, rule, asn_key FROM (
        SELECT level, run_id, rule, asn_key, l_run_id, l_rule, l_asn_key FROM pairs
        EXCEPT
        SELECT * FROM conflicts)
),
pruned AS (
    SELECT d.* FROM distinct_membership d
    ANTI JOIN subsets s USING (run_id, rule, asn_key)
)
{% else %}
pruned AS (SELECT * FROM valid)
{% endif %}
SELECT * EXCLUDE (member_signature) FROM pruned;
