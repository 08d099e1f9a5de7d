{{ rule(name='Asn_Lv3SpecAux', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3SpecAux') }}
{#
  Level 3 slit spectroscopy background targets (auxiliary data): non-TSO
  mir_lrs-fixedslit or nrs_fixedslit exposures with BKGDTARG exactly `t`,
  processed as `science`, grouped by EXP_TYPE, subarray, target and,
  tolerant of missing values, filter, pupil/grating and fixed slit
  (S200A1/S200A2 join any association). Default product name.
#}
WITH slit_background AS (
    -- slit background-target exposures, not TSO
    SELECT run_id, _row, program, instrume, exp_type, bkgdtarg, subarray, obs_num, exptype_base,
           {{ level3_target_key(level3_auxdata_exptype()) }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a direct-image candidate)': level3_target_ok(level3_auxdata_exptype()),
        'not TSO': 'NOT is_tso',
        'BKGDTARG is t': matches_regex('bkgdtarg', ['t']),
        'EXP_TYPE is mir_lrs-fixedslit or nrs_fixedslit':
            matches_regex('exp_type', ['mir_lrs-fixedslit', 'nrs_fixedslit']),
        'has a SUBARRAY': 'subarray IS NOT NULL',
    }) }}
),
{{ level3_groups('slit_background',
                 keys=['program', 'instrume', 'bkgdtarg', 'exp_type', 'subarray'],
                 optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL) }},
{{ level3_associations('grouped_members', exptype=level3_auxdata_exptype(),
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       describe=['program', 'instrume', 'pin_target', 'bkgdtarg', 'exp_type',
                                 'pin_opt_filter', 'pin_opt_elem2', 'subarray']) }}
