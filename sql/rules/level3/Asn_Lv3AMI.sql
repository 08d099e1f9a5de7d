{{ rule(name='Asn_Lv3AMI', level=3, asn_type='ami3',
        jwst='rules_level3.py::Asn_Lv3AMI') }}
{#
  Level 3 aperture masking interferometry: nis_ami exposures grouped by
  program, instrument, subarray, target and, tolerant of missing values,
  filter, pupil/grating and fixed slit. Only science exposures are
  target-checked: PSF references (IS_PSF) and background targets of the same
  optical path join any association. Valid only with a `psf` member.
  Members are `_calints` (AMI uses integrations).
#}
WITH science_path AS (
    -- NIRISS AMI exposures
    SELECT run_id, _row, program, instrume, subarray, obs_num,
           exptype_base,
           {{ level3_science_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'EXP_TYPE is nis_ami': matches_regex('exp_type', ['nis_ami']),
        'a TARGETID (science exposures only)': level3_science_target_ok(),
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
