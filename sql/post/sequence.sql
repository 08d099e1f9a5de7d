-- final_associations: sequence numbers and file names.
-- Counters are kept per (asn_id, asn_type) and run in reverse creation
-- order, as the reference resequences its pruned list: the association
-- created last gets 00001. Output order: Level 2 block, then Level 3.
CREATE OR REPLACE TABLE final_associations AS
WITH numbered AS (
    SELECT *,
           row_number() OVER (PARTITION BY level, asn_id, asn_type
                              ORDER BY {{ creation_order('DESC' if finalize else 'ASC') }}) AS sequence
    FROM kept
)
SELECT *,
       lower('jw' || program || '-' || asn_id || '_'
             || coalesce((SELECT version_id FROM settings) || '_', '')
             || asn_type || '_' || lpad(sequence::VARCHAR, 5, '0') || '_asn') AS asn_name,
       row_number() OVER (ORDER BY level, asn_id DESC, {{ creation_order('DESC') }}) AS output_order
FROM numbered
{% if not finalize %}
-- the reference skips invalid associations when saving, after numbering them
WHERE is_valid
{% endif %}
;
