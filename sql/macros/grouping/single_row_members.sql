{% macro single_row_members(eligible, family=false) %}
{#-
  Level 2 rules whose associations never take a second exposure: every
  eligible row is the one (science) member of its own association.
  Emits `per_row_members` in the shape per_science_row() gives.
  Arguments:
    eligible: CTE with run_id, _row and exptype
    family: the rows of several rules (a rule family, models/level2_family.sql),
      each with its `rule`, which the members keep
-#}
per_row_members AS (
    SELECT {{ 'rule, ' if family }}run_id, _row AS science_row, _row AS created_at, _row, exptype
    FROM {{ eligible }}
)
{%- endmacro %}
