{% macro per_science_row(eligible, keys, optional_keys=[], attach_reoffered=true, unfinished=false,
                         family=false) %}
{#-
  Level 2 "one association per science exposure" (Constraint_Single_Science).
  Emits the CTEs `science_assocs` and `per_row_members`.

  Every row of `eligible` with role 'science' gets its own association.
  Rows with role 'attach' (backgrounds, imprints, TA confirms, ...) join every
  association whose pins they are compatible with: equal on every key in
  `keys`, and equal or unset on every key in `optional_keys` (the reference's
  optional pins). When an attachable row comes before every compatible science
  row, it started the association that the first of those science rows then
  completed, so that association's creation point is the attachable's row.

  Arguments:
    eligible: name of a CTE with run_id, _row, role, exptype and the key columns
    keys: required pin columns (all members equal)
    optional_keys: NULL-tolerant pin columns
    attach_reoffered: true when attachables are re-offered to associations
      created after them (an EXISTING or NONSCIENCE pass); false when they
      only join associations that exist when they are processed; or the name
      of a boolean column of `eligible` saying it row by row
    unfinished: true to also emit, as associations of one member, the
      attachable rows that start an association no science row completes
      (invalid, never written; they take a sequence number with --no-finalize)
    family: the rows of several rules (a rule family, models/level2_wfss_family.sql),
      each with its `rule`, which is then among the keys: a row is one of its
      rule's, and the members keep their rule
-#}
{% if family and 'rule' not in keys %}
{{ raise_error("per_science_row: a rule family has 'rule' among its keys") }}
{% endif %}
{# a row of a family is (rule, run_id, _row): the same pool row may be in several rules #}
science_rows AS (
    SELECT * FROM {{ eligible }} WHERE role = 'science'
),
attach_rows AS (
    SELECT * FROM {{ eligible }} WHERE role = 'attach'
),
attach_links AS (
    -- attachable rows compatible with a science row's pins
    SELECT {{ 's.rule, ' if family }}s.run_id, s._row AS science_row, a._row AS attach_row
    FROM science_rows s
    JOIN attach_rows a
      ON a.run_id = s.run_id AND a._row <> s._row
{% for key in keys %}
     AND a.{{ key }} = s.{{ key }}
{% endfor %}
{% for key in optional_keys %}
     AND (a.{{ key }} IS NULL OR s.{{ key }} IS NULL OR a.{{ key }} = s.{{ key }})
{% endfor %}
),
attach_first_science AS (
    -- for every attachable, the first science row it is compatible with
    SELECT {{ 'rule, ' if family }}run_id, attach_row, min(science_row) AS first_science
    FROM attach_links
    GROUP BY {{ 'rule, ' if family }}run_id, attach_row
),
started_by_attach AS (
    -- an attachable before every compatible science row created the association
    SELECT {{ 'rule, ' if family }}run_id, first_science AS science_row, min(attach_row) AS created_at
    FROM attach_first_science
    WHERE attach_row < first_science
    GROUP BY {{ 'rule, ' if family }}run_id, first_science
),
science_assocs AS (
    SELECT s.*, s._row AS science_row, coalesce(b.created_at, s._row) AS created_at
    FROM science_rows s
    LEFT JOIN started_by_attach b ON b.run_id = s.run_id AND b.science_row = s._row{{ ' AND b.rule = s.rule' if family }}
),
{% if unfinished %}
unfinished_assocs AS (
    -- attachable rows compatible with no science row, and with no earlier such
    -- row (which they would have joined): each started an association alone
    SELECT {{ 'a.rule, ' if family }}a.run_id, a._row AS science_row, a._row AS created_at, a._row, a.exptype
    FROM attach_rows a
    WHERE NOT EXISTS (SELECT 1 FROM attach_links l
                      WHERE l.run_id = a.run_id AND l.attach_row = a._row{{ ' AND l.rule = a.rule' if family }})
      AND NOT EXISTS (
          SELECT 1 FROM attach_rows p
          WHERE p.run_id = a.run_id AND p._row < a._row
{% for key in keys %}
            AND p.{{ key }} = a.{{ key }}
{% endfor %}
{% for key in optional_keys %}
            AND (p.{{ key }} IS NULL OR a.{{ key }} IS NULL OR p.{{ key }} = a.{{ key }})
{% endfor %}
      )
),
{% endif %}
per_row_members AS (
    SELECT {{ 'sa.rule, ' if family }}sa.run_id, sa.science_row, sa.created_at, sa._row, sa.exptype
    FROM science_assocs sa
    UNION ALL
    SELECT {{ 'sa.rule, ' if family }}sa.run_id, sa.science_row, sa.created_at, a._row, a.exptype
    FROM science_assocs sa
    JOIN attach_links l ON l.run_id = sa.run_id AND l.science_row = sa.science_row{{ ' AND l.rule = sa.rule' if family }}
    JOIN attach_rows a ON a.run_id = l.run_id AND a._row = l.attach_row{{ ' AND a.rule = l.rule' if family }}
{% if attach_reoffered is string %}
    WHERE a._row >= sa.created_at OR a.{{ attach_reoffered }}
{% elif not attach_reoffered %}
    WHERE a._row >= sa.created_at
{% endif %}
{% if unfinished %}
    UNION ALL
    SELECT * FROM unfinished_assocs
{% endif %}
)
{%- endmacro %}
