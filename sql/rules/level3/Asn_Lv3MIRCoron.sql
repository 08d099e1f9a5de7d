{{ rule(name='Asn_Lv3MIRCoron', level=3, asn_type='coron3',
        jwst='rules_level3.py::Asn_Lv3MIRCoron') }}
{#
  Level 3 MIRI coronagraphy: mir_lyot and mir_4qpm exposures (one EXP_TYPE
  per association), background targets excluded, grouped by program,
  instrument, subarray, EXP_TYPE, target and, tolerant of missing values,
  filter, pupil/grating and fixed slit. Only science exposures are
  target-checked: PSF references of the same path join any association.
  Valid only with a `psf` member, so usually made for the cross-observation
  candidate holding both. Members are `_calints`.
#}
WITH science_path AS (
    -- MIRI coronagraphic exposures, not background targets
    SELECT run_id, _row, program, instrume, subarray, exp_type, obs_num,
           exptype_base,
           {{ level3_science_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'EXP_TYPE is mir_lyot or mir_4qpm': matches_regex('exp_type', ['mir_lyot', 'mir_4qpm']),
        'a TARGETID (science exposures only)': level3_science_target_ok(),
        'not a background target (BKGDTARG unset)': 'bkgdtarg IS NULL',
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'subarray', 'exp_type'],
                 optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL,
                 replay_existing=true) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       extra_validity='a.has_psf',
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'exp_type', 'pin_target']) }}
