-- What is written: output_associations, output_products, output_members.
--
-- --merge: Level 2 associations of the same asn_type and asn_id become one,
-- the first in list order (sequence 00001) absorbing the others: a product
-- of a new name is appended; a product whose name exists adds only members
-- with new expnames. Non-Level-2 associations come first. No resequencing.
-- --DMS with -i: only associations whose asn_id contains an asked id remain
-- (the background candidates added for pruning are dropped after it).
-- A file is keyed by `out_key`, the output_order of the association it is written
-- from (its head, when merged): an integer, which joins and groups faster than text.
-- output_members is in no particular order: readers sort by source_order, member_order.
{% macro file_key() -%}
{#- the out_key of the file a final_associations row is written into -#}
{% if merge %}
CASE WHEN level = 2
     THEN first_value(output_order) OVER (PARTITION BY asn_type, asn_id ORDER BY output_order)
     ELSE output_order END
{%- else -%}
output_order
{%- endif %}
{%- endmacro %}
CREATE OR REPLACE TABLE output_associations AS
WITH heads AS (
    SELECT *, {{ file_key() }} AS out_key
    FROM final_associations
)
SELECT h.*,
       row_number() OVER (ORDER BY {{ 'CASE WHEN h.level = 2 THEN 1 ELSE 0 END, ' if merge }}h.output_order)
           AS write_order
FROM heads h
WHERE h.out_key = h.output_order
  -- an invalid association (kept only by --no-finalize) is not written, nor is a file
  -- merged into it: validity is the file's first association's own
  AND h.is_valid
{% if dms %}
  -- --DMS with -i: only files whose asn_id contains an asked id
  AND list_bool_or(list_transform((SELECT run_ids FROM settings),
                                  lambda id: contains(h.asn_id, id)))
{% endif %}
;

CREATE OR REPLACE TABLE output_products AS
WITH sources AS (
    SELECT h.out_key, f.run_id, f.rule, f.asn_key, f.product_name, f.output_order
    FROM (SELECT *, {{ file_key() }} AS out_key FROM final_associations) f
    JOIN output_associations h USING (out_key)
)
SELECT out_key, run_id, rule, asn_key, product_name, output_order AS source_order,
       dense_rank() OVER (PARTITION BY out_key ORDER BY first_order) - 1 AS product_index
FROM (SELECT *, min(output_order) OVER (PARTITION BY out_key, product_name) AS first_order
      FROM sources);

CREATE OR REPLACE TABLE output_members AS
WITH candidates_for_product AS NOT MATERIALIZED (
    SELECT p.out_key, p.product_index, p.source_order, m.member_order,
           m.expname, m.exptype, m.exposerr, m.asn_candidate, m._row IS NOT NULL AS from_pool
    FROM output_products p
    JOIN rule_members m USING (run_id, rule, asn_key)
)
{% if merge %}
-- a merged product takes each expname once, from the first association holding it
SELECT * EXCLUDE (keep_rank)
FROM (
    SELECT *,
           row_number() OVER (PARTITION BY out_key, product_index, expname
                              ORDER BY source_order, member_order) AS keep_rank
    FROM candidates_for_product
)
WHERE keep_rank = 1;
{% else %}
-- without --merge every member is written (no window over all of them)
SELECT * FROM candidates_for_product;
{% endif %}
