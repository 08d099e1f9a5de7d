-- items: what every rule reads through `items()`, made once per pool: one row
-- per (run, exposure) of the run's sub-pool, with the run's registry, id and
-- type, every exposures column, and ASN_CANDIDATE as the run sees it.
-- Rules read it only through the `items()` macro. Above a size the engine sets
-- (`items_as_view`), it is a view: joined again by every rule, never held whole.
CREATE {{ 'VIEW' if items_as_view else 'TABLE' }} items AS
SELECT ri.run_id, r.registry, r.acid_id, r.acid_type,
       e.* EXCLUDE (asn_candidate),
       ri.asn_candidate
FROM run_items ri
JOIN runs r USING (run_id)
JOIN exposures e USING (_row)
{#- a table is stored in run order; a view is not sorted again by every rule that reads it #}
{% if not items_as_view %}
ORDER BY ri.run_id, ri._row
{% endif %};
