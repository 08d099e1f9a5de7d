{{ rule(name='Asn_Lv2CoronAsRate', level=2, asn_type='image2',
        jwst='rules_level2b.py::Asn_Lv2CoronAsRate') }}
{#
  Level 2b NIRCam coronagraphy in full frame processed as ordinary images:
  one association per science exposure, with background-target exposures of
  the same mode attached as `background`, as Asn_Lv2Image does.
  In: nrc_coron, SUBARRAY full, on the detector that holds the occulted
  target (maskbar: nrca4, maskrnd: nrca2; see nrccoron_valid_detector).
  The coronagraphic integrations test is off, so members are named _rate
  (TSO and AMI still give _rateints): the same product as the _rateints one
  of Asn_Lv2Image, kept beside it.
#}
WITH eligible AS (
    -- full-frame coronagraphic exposures on the occulting detector, of a usable mode
    SELECT run_id, _row,
           CASE WHEN bkgdtarg IS NOT NULL THEN 'attach' ELSE 'science' END AS role,
           exptype_level2 AS exptype,
           program, tsovisit, exp_type,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks([LEVEL2_MODE_CHECKS, {
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is nrc_coron': "exp_type = 'nrc_coron'",
        'SUBARRAY is full': "subarray = 'full'",
        'the detector holds the occulted target (nrccoron_valid_detector)': nrccoron_valid_detector(),
        'a background target (joins as background) or a science exposure':
            "(bkgdtarg IS NOT NULL OR exptype_level2 = 'science')",
    }]) }}
),
{{ per_science_row('eligible',
                   keys=['program', 'exp_type'] + LEVEL2_MODE_REQUIRED,
                   optional_keys=['tsovisit'] + LEVEL2_MODE_OPTIONAL, unfinished=true) }},
{{ level2_associations('per_row_members', coron_integrations=false,
                       describe=['program', 'instrume', 'detector', 'filter', 'pupil', 'subarray', 'exp_type']) }}
