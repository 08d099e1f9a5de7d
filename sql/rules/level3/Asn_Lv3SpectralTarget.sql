{{ rule(name='Asn_Lv3SpectralTarget', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3SpectralTarget') }}
{#
  Level 3 nodded slit spectroscopy: non-TSO mir_lrs-fixedslit (and nis_soss)
  exposures with a nod PATTTYPE (2-point-nod..., 4-point-nod...,
  along-slit-nod; pinned), grouped by pattern, subarray, target and,
  tolerant of missing values, filter, pupil/grating and fixed slit.
  Background-target exposures skip the target test and join as `background`.
  Finalizing adds every science member's `_x1d` as a background of the
  others (two science members or more); there is no multi-observation check.
  Default product name.
#}
WITH spectral_target AS (
    WITH nodded AS (
        -- nodded LRS slit and SOSS exposures, not TSO
        SELECT run_id, _row, program, instrume, subarray, patttype, obs_num, exptype_base,
               {{ level3_target_key() }} AS target,
               {{ level3_optical_path_keys() }}
        FROM {{ items() }}
        WHERE {{ all_checks({
            'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
            'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
            'not TSO': 'NOT is_tso',
            'has a SUBARRAY': 'subarray IS NOT NULL',
            'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
            'EXP_TYPE is mir_lrs-fixedslit or nis_soss':
                matches_regex('exp_type', ['mir_lrs-fixedslit', 'nis_soss']),
            'PATTTYPE is a nod pattern (every one contains nod)':
                matches_regex('patttype', ['2-point-nod', '4-point-nod', 'along-slit-nod']),
        }) }}
    ),
    target_acqs AS (
        -- TAs meet NOT_TSO, the optical path and the target before failing the EXP_TYPE test
        {{ level3_target_acquisitions([level3_target_key() ~ ' AS target', level3_optical_path_keys(),
                                       'subarray', 'is_tso']) }}
    ),
    {{ level3_groups('nodded',
                     keys=['program', 'instrume', 'subarray', 'patttype'],
                     optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL,
                     ta_relation='target_acqs',
                     ta_steps=LEVEL3_NOT_TSO_TA_STEPS + LEVEL3_OPTICAL_TA_STEPS
                              + LEVEL3_TARGET_TA_STEPS) }},
    {{ level3_associations('grouped_members',
                           opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                           slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                           subarray_column='subarray', multi_obs_check=false,
                           describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                     'subarray', 'pin_target', 'patttype']) }}
)
SELECT * FROM spectral_target
{% if finalize %}
UNION ALL
-- finalizing: each science nod is the background of the others
{{ level3_nod_backgrounds('spectral_target') }}
{% endif %}
