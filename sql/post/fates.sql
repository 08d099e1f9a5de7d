-- association_fates: what became of every association a rule made (for
-- `asnsql explain`): written (and under which name), or why it was not.
CREATE OR REPLACE TABLE association_fates AS
WITH member_facts AS (
    SELECT run_id, rule, asn_key,
           bool_or(exptype = 'science') AS has_science,
           bool_or(exptype = 'background') AS has_background
    FROM rule_members GROUP BY ALL
),
written AS (
    SELECT p.run_id, p.rule, p.asn_key, o.asn_name
    FROM output_products p JOIN output_associations o USING (out_key)
),
kept_keys AS (
    SELECT k.*, a.member_signature, f.asn_name FROM kept k
    JOIN associations a USING (run_id, rule, asn_key)
    LEFT JOIN final_associations f USING (run_id, rule, asn_key)
)
SELECT a.run_id, a.rule, a.asn_key, a.product_name, a.level,
       CASE
           WHEN w.asn_name IS NOT NULL THEN 'written as ' || w.asn_name
           WHEN NOT a.is_valid THEN 'dropped as invalid: ' || CASE
               WHEN NOT mf.has_science THEN 'no science member'
               WHEN a.level = 2 AND a.acid_type NOT IN ('observation', 'background')
                   THEN 'Level 2 takes only observation and background candidates, not '
                        || a.acid_type
               WHEN a.level = 2 AND NOT mf.has_background
                   THEN 'a background candidate needs a background member'
               ELSE 'the rule''s validity checks failed' END
           WHEN NOT a.finalize_ok THEN 'dropped at finalization (e.g. one observation in a '
               || a.acid_type || ' candidate)'
           WHEN k.asn_key IS NULL THEN 'pruned: ' || coalesce(
               (SELECT 'same members as ' || coalesce(kk.asn_name, kk.rule)
                FROM kept_keys kk
                WHERE kk.level = a.level AND kk.member_signature = a.member_signature
                LIMIT 1),
               (SELECT 'same product name as the larger ' || coalesce(kk.asn_name, kk.rule)
                FROM kept_keys kk
                WHERE kk.level = a.level AND kk.product_name = a.product_name
                  AND kk.n_members > a.n_members
                LIMIT 1),
               'duplicate')
           ELSE 'not written (filtered by --DMS)'
       END AS fate
FROM associations a
JOIN member_facts mf USING (run_id, rule, asn_key)
LEFT JOIN kept k USING (run_id, rule, asn_key)
LEFT JOIN written w USING (run_id, rule, asn_key);
