{{ rule(name='Asn_Lv3Image', level=3, asn_type='image3',
        jwst='rules_level3.py::Asn_Lv3Image') }}
{#
  Level 3 non-TSO imaging: one association per target and optical path.
  In: nrc_image, mir_image, nis_image, fgs_image, nrs_mimf (one EXP_TYPE per
  association). Out: TSO, background targets, WFS&C visits (VISITYPE with
  'wfsc'), imprints. PSF exposures of the same target and path join as `psf`.
  Grouped by program, instrument, subarray, EXP_TYPE, target, and, tolerant
  of missing values, filter, pupil/grating, fixed slit and VISITYPE.
#}
WITH science_path AS (
    -- imaging exposures, not TSO, not background targets, not WFS&C visits
    SELECT run_id, _row, program, instrume, subarray, exp_type, obs_num,
           exptype_base,
           {{ level3_target_key() }} AS target,
           visitype,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is a Level 3 image type': matches_regex('exp_type', IMAGE3_EXP_TYPES),
        'VISITYPE does not contain wfsc': "NOT coalesce(contains(visitype, 'wfsc'), false)",
        'not a background target (BKGDTARG unset)': 'bkgdtarg IS NULL',
        'not TSO': 'NOT is_tso',
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'subarray', 'exp_type'],
                 optional_keys=['target', 'visitype'] + LEVEL3_OPTICAL_OPTIONAL,
                 replay_existing=true) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'exp_type', 'pin_target', 'pin_visitype']) }}
