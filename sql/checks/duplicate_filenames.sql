{#
  Rows whose FILENAME (raw text) repeats an earlier row's, one row per repeat:
  _row, filename, first_row (the earliest row with that name), identical
  (every column the reference reads but ASN_CANDIDATE holds the same text on
  both rows), n_names (how many names repeat). The reference identifies an
  exposure by its file name: an association never takes a name twice.
#}
WITH named AS (
    SELECT _row, filename,
           min(_row) OVER (PARTITION BY filename) AS first_row,
           count(*) OVER (PARTITION BY filename) AS n_same
    FROM pool
),
repeats AS (
    SELECT _row, filename, first_row FROM named
    WHERE n_same > 1 AND _row > first_row
)
SELECT r._row, r.filename, r.first_row,
{% for column in KNOWN_COLUMNS if column in columns and column != 'asn_candidate' %}
       {{ 'AND' if not loop.first else '(' }} a.{{ column | ident }} IS NOT DISTINCT FROM b.{{ column | ident }}
{% endfor %}
       ) AS identical,
       count(DISTINCT r.filename) OVER () AS n_names
FROM repeats r
JOIN pool a ON a._row = r._row
JOIN pool b ON b._row = r.first_row
ORDER BY r._row
