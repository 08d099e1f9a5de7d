-- final_associations: sequence numbers and file names.
-- Counters are kept per (asn_id, asn_type) and run in reverse creation
-- order, as the reference resequences its pruned list: the association
-- created last gets 00001 (with --no-finalize, in creation order: nothing is
-- resequenced). Output order: Level 2 block, then Level 3.
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
       -- the reference's list order: with finalization, last created first (as its
       -- resequenced, pruned list); without, in creation order (as generated)
       row_number() OVER (ORDER BY level, asn_id DESC,
                          {{ creation_order('DESC' if finalize else 'ASC') }}) AS output_order
FROM numbered;
-- --no-finalize keeps invalid associations here: they take a sequence number, and
-- with --merge their products join the file of their type and candidate (deliver.sql);
-- the reference skips an invalid one when saving (an invalid merged file too: validity
-- is the first association's own)
