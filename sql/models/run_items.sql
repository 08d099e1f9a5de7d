-- run_items: the sub-pool of every run, with ASN_CANDIDATE as that run sees it.
-- A candidate run takes the rows whose raw ASN_CANDIDATE text *contains* the
-- candidate id (a substring test, as the reference does) and rewrites their
-- ASN_CANDIDATE to the single candidate "[('<id>', '<type>')]". The discovery
-- run takes every row with its original text.
CREATE OR REPLACE TABLE run_items AS
WITH cell_texts AS (
    SELECT DISTINCT raw_asn_candidate AS cell FROM exposures
),
cell_runs AS (
    SELECT c.cell, r.run_id, r.acid_id, r.acid_type
    FROM cell_texts c JOIN runs r
      ON r.registry = 'candidate' AND contains(c.cell, r.acid_id)
)
SELECT cr.run_id, e._row,
       '[(''' || cr.acid_id || ''', ''' || cr.acid_type || ''')]' AS asn_candidate
FROM exposures e JOIN cell_runs cr ON e.raw_asn_candidate = cr.cell
UNION ALL
SELECT r.run_id, e._row, e.raw_asn_candidate AS asn_candidate
FROM exposures e, runs r
WHERE r.registry = 'discover'
ORDER BY run_id, _row;
