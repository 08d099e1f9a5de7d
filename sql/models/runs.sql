-- runs: one generation run per association candidate, then (when discovery
-- is on) one discovery run over the whole pool. Candidate runs are ordered as
-- the reference orders them: candidate types by first appearance in the pool,
-- ids within a type by first appearance. With -i/--ids only the listed ids run,
-- in the given order, each under the first type it was seen with; with --DMS
-- the background candidates sharing rows with them are added after them.
-- Settings arrive as data in the one-row table `settings`.
CREATE OR REPLACE TABLE runs AS
WITH firsts AS (
    SELECT cand_type, cand_id, min(_row * 100000 + pos) AS first_seen
    FROM candidates
    GROUP BY cand_type, cand_id
),
type_order AS (
    SELECT cand_type, min(first_seen) AS type_first_seen
    FROM firsts
    GROUP BY cand_type
),
ordered AS (
    SELECT f.cand_id, f.cand_type,
           row_number() OVER (ORDER BY t.type_first_seen, f.first_seen) AS natural_order,
           row_number() OVER (PARTITION BY f.cand_id ORDER BY t.type_first_seen) AS type_rank
    FROM firsts f JOIN type_order t USING (cand_type)
),
asked AS (
    -- -i/--ids: the ids asked for, in the given order
    SELECT id AS cand_id, pos AS request_order
    FROM settings, unnest(settings.run_ids) WITH ORDINALITY AS t(id, pos)
),
dms_backgrounds AS (
    -- --DMS with -i: the background candidates of the rows whose ASN_CANDIDATE
    -- text contains an asked id join the list, in order of first appearance
    SELECT c.cand_id,
           (SELECT count(*) FROM asked) + row_number() OVER (ORDER BY min(c._row * 100000 + c.pos))
               AS request_order
    FROM candidates c
    JOIN exposures p USING (_row)
    WHERE (SELECT dms FROM settings)
      AND c.cand_type = 'background'
      AND EXISTS (SELECT 1 FROM asked a WHERE contains(p.raw_asn_candidate, a.cand_id))
      AND c.cand_id NOT IN (SELECT cand_id FROM asked)
    GROUP BY c.cand_id
),
requested AS (
    SELECT cand_id, request_order FROM asked
    UNION ALL
    SELECT cand_id, request_order FROM dms_backgrounds
),
candidate_runs AS (
    SELECT o.cand_id, o.cand_type, o.natural_order AS run_order
    FROM ordered o, settings s
    WHERE s.run_ids IS NULL
    UNION ALL
    SELECT o.cand_id, o.cand_type, r.request_order AS run_order
    FROM ordered o JOIN requested r USING (cand_id)
    WHERE o.type_rank = 1
)
SELECT row_number() OVER (ORDER BY run_order)::INTEGER AS run_id,
       'candidate' AS registry,
       cand_id AS acid_id,
       cand_type AS acid_type
FROM candidate_runs
UNION ALL
SELECT (SELECT count(*) FROM candidate_runs)::INTEGER + 1, 'discover', 'a3001', 'discovered'
FROM settings
WHERE settings.discover
ORDER BY run_id;
