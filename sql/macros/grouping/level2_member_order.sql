{% macro level2_member_order(row, created_at) %}
{#-
  Position of a pool row among the members of a Level 2 association, in the
  reference's order of addition: rows processed after the row that created
  the association first, in pool order, then the rows re-offered later
  (EXISTING or NONSCIENCE pass), in pool order.
  Arguments:
    row: SQL expression of the member's pool row
    created_at: SQL expression of the pool row that created the association
-#}
(CASE WHEN {{ row }} >= {{ created_at }} THEN 0 ELSE 1 END * 10000000000 + {{ row }})
{%- endmacro %}
