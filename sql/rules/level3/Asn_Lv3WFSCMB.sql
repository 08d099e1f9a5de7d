{{ rule(name='Asn_Lv3WFSCMB', level=3, asn_type='wfs-image3',
        jwst='rules_level3.py::Asn_Lv3WFSCMB') }}
{#
  Level 3 wavefront sensing & control combination: WFS&C dither images
  (PATTTYPE = wfsc) of the Level 3 image types, LOS jitter exposures
  (DMS_NOTE = wfsc_los_jitter) excluded. Grouped by program, instrument,
  subarray, EXP_TYPE, detector, observation id, activity id, target and,
  tolerant of missing values, filter, pupil/grating and fixed slit. Valid
  with at least two members, and never for `group` candidates. The product
  name appends `-<detector>_{suffix}-<act_id>` with `{suffix}` literal.
#}
WITH science_path AS (
    -- WFS&C dither images, not LOS jitter
    SELECT run_id, _row, program, instrume, subarray, exp_type, obs_num,
           exptype_base, detector, obs_id, act_id,
           {{ level3_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is a Level 3 image type': matches_regex('exp_type', IMAGE3_EXP_TYPES),
        'PATTTYPE is wfsc': matches_regex('patttype', ['wfsc']),
        'has a DETECTOR, an OBS_ID and an ACT_ID': 'detector IS NOT NULL AND obs_id IS NOT NULL AND act_id IS NOT NULL',
        'not LOS jitter (DMS_NOTE is not wfsc_los_jitter)': 'NOT ' ~ matches_regex('dms_note', ['wfsc_los_jitter']),
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'subarray', 'exp_type', 'detector', 'obs_id', 'act_id'],
                 optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL,
                 replay_existing=true) }},
{{ level3_associations('grouped_members', name_variant='wfscmb',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       name_columns=['detector', 'act_id'],
                       extra_validity="a.n_members >= 2 AND a.acid_type <> 'group'",
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'exp_type', 'pin_target', 'detector', 'obs_id',
                                 'act_id']) }}
