-- run_items: the sub-pool of every run, with ASN_CANDIDATE as that run sees it.
-- A candidate run takes the rows whose raw ASN_CANDIDATE text *contains* the
-- candidate id (a substring test, as the reference does) and rewrites their
-- ASN_CANDIDATE to the single candidate "[('<id>', '<type>')]". The discovery
-- run takes every row with its original text.
--
-- A row that repeats an earlier row of the run (same FILENAME, same text in
-- every column the reference reads, same ASN_CANDIDATE as the run sees it)
-- is left out: the reference takes a file name into an association once, so
-- such a repeat only "matches" where the first row already is.
{% set compared = KNOWN_COLUMNS | select('in', columns) | reject('equalto', 'asn_candidate') | list %}
CREATE OR REPLACE TABLE run_items AS
WITH cell_texts AS (
    SELECT DISTINCT raw_asn_candidate AS cell FROM exposures
),
cell_runs AS (
    SELECT c.cell, r.run_id, r.acid_id, r.acid_type
    FROM cell_texts c JOIN runs r
      ON r.registry = 'candidate' AND contains(c.cell, r.acid_id)
),
repeats AS (
    -- rows whose FILENAME is on an earlier row, with the first row of their kind
    SELECT _row, min(_row) OVER (PARTITION BY {{ compared | map('ident') | join(', ') }}) AS first_row
    FROM pool
    -- exposures.file_shared: another row has the FILENAME (the pool view splits every
    -- line again per scan; without repeated names this reads none of it)
    WHERE _row IN (SELECT _row FROM exposures WHERE file_shared)
),
all_items AS (
    SELECT cr.run_id, e._row,
           '[(''' || cr.acid_id || ''', ''' || cr.acid_type || ''')]' AS asn_candidate
    FROM exposures e JOIN cell_runs cr ON e.raw_asn_candidate = cr.cell
    UNION ALL
    SELECT r.run_id, e._row, e.raw_asn_candidate AS asn_candidate
    FROM exposures e, runs r
    WHERE r.registry = 'discover'
)
SELECT a.run_id, a._row, a.asn_candidate
FROM all_items a LEFT JOIN repeats r USING (_row)
QUALIFY r.first_row IS NULL
     OR row_number() OVER (PARTITION BY a.run_id, r.first_row, a.asn_candidate ORDER BY a._row) = 1
ORDER BY a.run_id, a._row;
