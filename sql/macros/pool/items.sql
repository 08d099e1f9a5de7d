{% macro items() %}
{#-
  The relation every rule reads: one row per (run, exposure) of the run's
  sub-pool. Columns: run_id, registry ('candidate' or 'discover'), acid_id,
  acid_type, every exposures column (valid values and shared per-row facts),
  and asn_candidate as the run sees it (rewritten to the single candidate in
  candidate runs). Rules never name a table directly; tests can swap this.
  The bare name, not a subquery: a subquery re-binds all of its columns at
  every use (10-15% of the rules' CPU on small pools).
-#}
items
{%- endmacro %}
