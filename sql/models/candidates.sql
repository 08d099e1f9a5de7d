-- candidates: the ASN_CANDIDATE cell of every pool row as a relation
-- (exposure row x position x candidate id x candidate type).
--
-- A cell is read as the Python literal the reference evaluates: a list (or
-- tuple) of ('id', 'type') pairs, e.g. [('o001', 'observation'), ('c1000', 'mosaic')].
-- A cell holding an integer yields one candidate of type 'unknown'.
-- Anything else (null, a bare pair, malformed text) yields no candidate.
-- Each distinct cell text is parsed once (pools repeat a few cells many times).
CREATE OR REPLACE TABLE candidates AS
WITH pool_cells AS MATERIALIZED (
    -- the raw text from exposures (a table), not from the pool view, which splits
    -- every line of the file again at each scan
    SELECT _row, trim(raw_asn_candidate) AS cell
    FROM exposures
),
cells AS (
    SELECT DISTINCT cell FROM pool_cells
),
pair_lists AS (
    -- the whole cell must be a bracketed sequence of 2-tuples of quoted strings
    SELECT cell,
           regexp_extract_all(cell, {{ CANDIDATE_PAIR_REGEX | sqlstr }}) AS pairs
    FROM cells
    WHERE regexp_full_match(cell, {{ CANDIDATE_LIST_REGEX | sqlstr }})
),
pairs AS (
    SELECT cell, pos, pair
    FROM pair_lists, unnest(pairs) WITH ORDINALITY AS t(pair, pos)
),
parsed_pairs AS (
    SELECT cell,
           pos::INTEGER AS pos,
           coalesce(nullif(regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 1), ''),
                    regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 2)) AS cand_id,
           coalesce(nullif(regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 3), ''),
                    regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 4)) AS cand_type
    FROM pairs
),
integers AS (
    -- literal_eval of an integer cell: str(int) with type 'unknown'
    SELECT cell, 1 AS pos, CAST(parse_int(cell) AS VARCHAR) AS cand_id, 'unknown' AS cand_type
    FROM cells
    WHERE parse_int(cell) IS NOT NULL
),
cell_candidates AS (
    SELECT cell, pos, cand_id, cand_type FROM parsed_pairs
    UNION ALL
    SELECT cell, pos, cand_id, cand_type FROM integers
)
SELECT p._row, c.pos, c.cand_id, c.cand_type
FROM pool_cells p
JOIN cell_candidates c USING (cell)
ORDER BY p._row, c.pos;
