{{ rule(name='Asn_Lv3NRCCoron', level=3, asn_type='coron3',
        jwst='rules_level3.py::Asn_Lv3NRCCoron') }}
{#
  Level 3 NIRCam coronagraphy: nrc_coron exposures on a detector that sees
  the occulted target (nrccoron_valid_detector), background targets
  excluded, grouped by program, instrument, subarray, target and, tolerant
  of missing values, filter, pupil/grating and fixed slit. Only science
  exposures are target-checked: PSF references of the same path join any
  association. Valid only with a `psf` member. Members are `_calints`
  (unless on a full-frame detector without the occulter).
#}
WITH science_path AS (
    -- NIRCam coronagraphic exposures on an occulted detector, not background targets
    SELECT run_id, _row, program, instrume, subarray, obs_num,
           exptype_base,
           {{ level3_science_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'EXP_TYPE is nrc_coron': matches_regex('exp_type', ['nrc_coron']),
        'a TARGETID (science exposures only)': level3_science_target_ok(),
        'not a background target (BKGDTARG unset)': 'bkgdtarg IS NULL',
        'a detector that sees the occulted target': nrccoron_valid_detector(),
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'subarray'],
                 optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL,
                 replay_existing=true) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       extra_validity='a.has_psf',
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'pin_target']) }}
