{#
  Rows whose FILENAME (raw text) repeats an earlier row's, one row per repeat:
  _row, filename, first_row (the earliest row with that name), identical
  (every column the reference reads but ASN_CANDIDATE holds the same text on
  both rows), n_names (how many names repeat). The reference identifies an
  exposure by its file name: an association never takes a name twice.
#}
WITH named AS (
    -- only rows whose FILENAME another row has (exposures.file_shared): a table,
    -- where the pool view splits every line of the file again
    SELECT _row, raw_filename AS filename,
           min(_row) OVER (PARTITION BY raw_filename) AS first_row
    FROM exposures
    WHERE file_shared
),
repeats AS (
    SELECT _row, filename, first_row FROM named
    WHERE _row > first_row
),
shared_rows AS MATERIALIZED (
    -- the raw texts of those rows (one scan of the pool view, none without repeats)
    SELECT * FROM pool WHERE _row IN (SELECT _row FROM named)
)
SELECT r._row, r.filename, r.first_row,
{% for column in KNOWN_COLUMNS if column in columns and column != 'asn_candidate' %}
       {{ 'AND' if not loop.first else '(' }} a.{{ column | ident }} IS NOT DISTINCT FROM b.{{ column | ident }}
{% endfor %}
       ) AS identical,
       count(DISTINCT r.filename) OVER () AS n_names
FROM repeats r
JOIN shared_rows a ON a._row = r._row
JOIN shared_rows b ON b._row = r.first_row
ORDER BY r._row
