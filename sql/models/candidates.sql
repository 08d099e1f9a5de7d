-- candidates: the ASN_CANDIDATE cell of every pool row as a relation
-- (exposure row x position x candidate id x candidate type).
--
-- A cell is read as the Python literal the reference evaluates: a list (or
-- tuple) of ('id', 'type') pairs, e.g. [('o001', 'observation'), ('c1000', 'mosaic')].
-- A cell holding an integer yields one candidate of type 'unknown'.
-- Anything else (null, a bare pair, malformed text) yields no candidate.
CREATE OR REPLACE TABLE candidates AS
WITH cells AS (
    SELECT _row, trim(asn_candidate) AS cell
    FROM pool
),
pair_lists AS (
    -- the whole cell must be a bracketed sequence of 2-tuples of quoted strings
    SELECT _row,
           regexp_extract_all(cell, {{ CANDIDATE_PAIR_REGEX | sqlstr }}) AS pairs
    FROM cells
    WHERE regexp_full_match(cell, {{ CANDIDATE_LIST_REGEX | sqlstr }})
),
pairs AS (
    SELECT _row, pos, pair
    FROM pair_lists, unnest(pairs) WITH ORDINALITY AS t(pair, pos)
),
parsed_pairs AS (
    SELECT _row,
           pos::INTEGER AS pos,
           coalesce(nullif(regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 1), ''),
                    regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 2)) AS cand_id,
           coalesce(nullif(regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 3), ''),
                    regexp_extract(pair, {{ CANDIDATE_PAIR_REGEX | sqlstr }}, 4)) AS cand_type
    FROM pairs
),
integers AS (
    -- literal_eval of an integer cell: str(int) with type 'unknown'
    SELECT _row, 1 AS pos, CAST(parse_int(cell) AS VARCHAR) AS cand_id, 'unknown' AS cand_type
    FROM cells
    WHERE parse_int(cell) IS NOT NULL
)
SELECT _row, pos, cand_id, cand_type FROM parsed_pairs
UNION ALL
SELECT _row, pos, cand_id, cand_type FROM integers
ORDER BY _row, pos;
