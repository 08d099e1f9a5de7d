{% macro items() %}
{#-
  The relation every rule reads: one row per (run, exposure) of the run's
  sub-pool. Columns: run_id, registry ('candidate' or 'discover'), acid_id,
  acid_type, every exposures column (valid values and shared per-row facts),
  and asn_candidate as the run sees it (rewritten to the single candidate in
  candidate runs). Rules never name a table directly; tests can swap this.
-#}
(
    SELECT ri.run_id, r.registry, r.acid_id, r.acid_type,
           e.* EXCLUDE (asn_candidate),
           ri.asn_candidate
    FROM run_items ri
    JOIN runs r USING (run_id)
    JOIN exposures e USING (_row)
)
{%- endmacro %}
