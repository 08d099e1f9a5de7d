{{ rule(name='Asn_Lv3TSO', level=3, asn_type='tso3',
        jwst='rules_level3.py::Asn_Lv3TSO') }}
{#
  Level 3 time series: every TSO exposure (science pointing with TSOVISIT = t
  or a TSO EXP_TYPE), one EXP_TYPE per association, only for `observation`
  candidates. Out: IFU/MRS types; NIRCam TS-grism engineering modes (pupil
  clear/gdhs0/gdhs60, module B long detector) and DHS subarrays; NIRISS SOSS
  with one integration or an uncalibrated filter; NIRSpec bright-object
  exposures on an invalid fixed-slit path. Grouped by program, instrument,
  subarray, EXP_TYPE, target (background targets skip the target test) and,
  tolerant of missing values, filter, pupil/grating and fixed slit. Members
  are `_calints`.
#}
{% set IFU3_EXP_TYPES = ['mir_mrs', 'mir_flatmrs', 'nrs_autowave', 'nrs_ifu'] %}
{% set DHS_SUBARRAYS = ['sub260stripe4_dhs', 'sub41stripe1_dhs', 'sub82stripe2_dhs', 'sub164stripe4_dhs'] %}
WITH science_path AS (
    -- TSO exposures with a Level 3 time-series product
    SELECT run_id, _row, program, instrume, subarray, exp_type, obs_num,
           exptype_base,
           {{ level3_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY and an EXP_TYPE': 'subarray IS NOT NULL AND exp_type IS NOT NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'TSO (science pointing; TSOVISIT = t or a TSO EXP_TYPE)': 'is_tso',
        'not an IFU EXP_TYPE': 'NOT ' ~ matches_regex('exp_type', IFU3_EXP_TYPES),
        'not a NIRCam TS-grism with pupil clear/gdhs0/gdhs60':
            'NOT (' ~ matches_regex('exp_type', ['nrc_tsgrism']) ~ ' AND '
                    ~ matches_regex('pupil', ['clear', 'gdhs0', 'gdhs60']) ~ ')',
        'not a NIRCam TS-grism on nrcblong':
            'NOT (' ~ matches_regex('exp_type', ['nrc_tsgrism']) ~ ' AND '
                    ~ matches_regex('detector', ['nrcblong']) ~ ')',
        'not a DHS subarray': 'NOT ' ~ matches_regex('subarray', DHS_SUBARRAYS),
        'not a NIRISS SOSS with NINTS = 1':
            'NOT (' ~ matches_regex('exp_type', ['nis_soss']) ~ ' AND '
                    ~ matches_regex('nints', ['1']) ~ ')',
        'not a NIRISS SOSS with an uncalibrated or missing filter':
            'NOT (' ~ matches_regex('exp_type', ['nis_soss']) ~ " AND coalesce(filter = 'f277w', true))",
        'not a NIRSpec bright object on an invalid fixed-slit path':
            'NOT (' ~ matches_regex('exp_type', ['nrs_brightobj']) ~ ' AND NOT ' ~ nrsfss_valid_detector() ~ ')',
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
                       extra_validity="a.acid_type = 'observation'",
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       ta_gate=is_direct_image_candidate() ~ ' OR targetid = coalesce(target_pin, targetid)',
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'exp_type', 'pin_target']) }}
