-- exposures: one row per pool row, every column as its *valid value*
-- (NULL when the cell is an empty token such as null, f, n, false, --, n/a,
-- or when the pool lacks the column), plus the per-row facts that rules share:
-- base exposure type, target-acquisition and TSO tests, integration flags.
-- Raw texts that the reference copies verbatim keep a raw_ column, as do the
-- columns it compares as plain text (RAW_TEXT_COLUMNS); a raw_ column is NULL
-- only when the pool lacks the column.
CREATE OR REPLACE TABLE exposures AS
WITH valid AS (
    SELECT
        _row,
{% for column in columns %}
        valid_value({{ column | ident }}) AS {{ column | ident }},
{% endfor %}
{% for column in KNOWN_COLUMNS if column not in columns %}
        NULL::VARCHAR AS {{ column | ident }},
{% endfor %}
        {{ 'filename' | ident if 'filename' in columns else 'NULL::VARCHAR' }} AS raw_filename,
        {{ 'targetid' | ident if 'targetid' in columns else 'NULL::VARCHAR' }} AS raw_targetid,
        {{ 'exposerr' | ident if 'exposerr' in columns else 'NULL::VARCHAR' }} AS raw_exposerr,
        {{ 'filter' | ident if 'filter' in columns else 'NULL::VARCHAR' }} AS raw_filter,
        {{ 'asn_candidate' | ident if 'asn_candidate' in columns else 'NULL::VARCHAR' }} AS raw_asn_candidate,
{% for column in RAW_TEXT_COLUMNS %}
        {{ column | ident if column in columns else 'NULL::VARCHAR' }} AS {{ ('raw_' ~ column) | ident }}{{ ',' if not loop.last }}
{% endfor %}
    FROM pool
),
typed AS (
    SELECT *,
        -- base exposure type (get_exposure_type): pointing, then EXP_TYPE map, then flags
        CASE
            WHEN pntgtype IS NOT NULL AND pntgtype <> 'science' THEN pntgtype
            WHEN exp_type IS NULL THEN NULL
{% for exp_type, exptype in EXPTYPE_MAP | dictsort %}
            WHEN exp_type = {{ exp_type | sqlstr }} THEN {{ exptype | sqlstr }}
{% endfor %}
            WHEN is_psf IS NOT NULL THEN 'psf'
            WHEN is_imprt IS NOT NULL THEN 'imprint'
            WHEN bkgdtarg IS NOT NULL THEN 'background'
            ELSE 'science'
        END AS exptype_base,
        -- the reference's integration tests read the raw pointing type
        coalesce(pntgtype = 'science', false) AND NOT coalesce(exp_type IN {{ ACQ_EXP_TYPES | sqllist }}, false)
            AS science_pointing
    FROM valid
)
SELECT *,
    -- Level 2 view of the exposure type: a PSF is processed as science
    CASE WHEN exptype_base = 'psf' THEN 'science' ELSE exptype_base END AS exptype_level2,
    coalesce(exptype_base = 'target_acquisition', false) AS is_target_acq,
    -- Constraint_TSO: science pointing and (TSOVISIT = t or a TSO EXP_TYPE)
    coalesce(pntgtype = 'science', false)
        AND (coalesce(tsovisit = 't', false) OR {{ matches_regex('exp_type', TSO_EXP_TYPES) }})
        AS is_tso,
    -- integrations (rateints/calints) from the row alone: coronagraphy on an occulted detector
    science_pointing AND coalesce(exp_type IN {{ CORON_EXP_TYPES | sqllist }}, false)
        AND NOT (coalesce(exp_type = 'nrc_coron' AND subarray = 'full', false)
                 AND (coalesce(pupil = 'maskbar' AND detector IN ('nrca1', 'nrca2', 'nrca3'), false)
                      OR coalesce(pupil = 'maskrnd' AND detector IN ('nrca1', 'nrca3', 'nrca4'), false)))
        AS coron_integrations,
    -- ... AMI, TSO visit or TSO EXP_TYPE
    science_pointing AND (coalesce(exp_type = 'nis_ami', false)
                          OR coalesce(tsovisit = 't', false)
                          OR coalesce(exp_type IN {{ TSO_EXP_TYPES | sqllist }}, false))
        AS other_integrations,
    coalesce(exp_type IN {{ LEVEL2B_EXPTYPES | sqllist }}, false) AS is_level2b_type,
    -- another pool row has the same FILENAME: only such rows can repeat a file
    -- within a run, so rules look for repeats among these alone
    raw_filename IS NOT NULL AND raw_filename IN (
        SELECT raw_filename FROM typed GROUP BY raw_filename HAVING count(*) > 1) AS file_shared
FROM typed;
-- no ORDER BY: nothing reads exposures in its physical order (models, checks and
-- rules join it on _row and order by _row where order matters). Its rows are not
-- always in _row order: with two threads, file_shared's join may interleave them.
