{% macro single_row_members(eligible) %}
{#-
  Level 2 rules whose associations never take a second exposure: every
  eligible row is the one (science) member of its own association.
  Emits `per_row_members` in the shape per_science_row() gives.
  Arguments:
    eligible: CTE with run_id, _row and exptype
-#}
per_row_members AS (
    SELECT run_id, _row AS science_row, _row AS created_at, _row, exptype
    FROM {{ eligible }}
)
{%- endmacro %}
