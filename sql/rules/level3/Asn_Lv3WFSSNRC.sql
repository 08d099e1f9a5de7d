{{ rule(name='Asn_Lv3WFSSNRC', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3WFSSNRC') }}
{#
  Level 3 NIRCam wide-field slitless spectroscopy: nrc_wfss exposures with
  a GRISMR/GRISMC grism in PUPIL and a FILTER, one association per grism,
  filter and target, across detectors and subarrays. Background targets
  skip the target test. The optical element of the name is filter and
  grism (`f444w-grismr`).
#}
WITH science_path AS (
    -- NIRCam grism exposures
    SELECT run_id, _row, program, instrume, obs_num, exptype_base,
           pupil AS grism, filter AS blocking_filter,
           {{ level3_target_key() }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is nrc_wfss': matches_regex('exp_type', ['nrc_wfss']),
        'PUPIL is the grism grismr or grismc': matches_regex('pupil', ['grismr', 'grismc']),
        'has a FILTER': 'filter IS NOT NULL',
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'grism', 'blocking_filter'],
                 optional_keys=['target'],
                 replay_existing=true) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=['grism', 'blocking_filter'],
                       describe=['program', 'instrume', 'grism', 'blocking_filter', 'pin_target']) }}
