{{ rule(name='Asn_Lv3NRSFSS', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3NRSFSS') }}
{#
  Level 3 NIRSpec fixed slit: non-TSO nrs_fixedslit exposures on a valid
  fixed-slit optical path, with the nrs_autoflat/nrs_autowave exposures
  (EXP_TYPE is not a grouping key), grouped by subarray, target and, tolerant
  of missing values, filter, grating and fixed slit (S200A1/S200A2 join any
  association; one other slit per association). NRS1 and NRS2 together.
  Background-target exposures skip the target test and join as `background`
  (`_x1d`). The name keeps the pipeline's placeholders:
  jwPPPPP-oNNN_tNNN-{source_id}_nirspec_<opt_elem>-{slit_name}[-<subarray>].
#}
WITH fixed_slit AS (
    -- fixed-slit science and calibration exposures, valid path, not TSO
    SELECT run_id, _row, program, instrume, subarray, obs_num, exptype_base,
           {{ level3_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'not TSO': 'NOT is_tso',
        'EXP_TYPE is nrs_autoflat, nrs_autowave or nrs_fixedslit':
            matches_regex('exp_type', ['nrs_autoflat', 'nrs_autowave', 'nrs_fixedslit']),
        'a valid fixed-slit optical path (nrsfss_valid_detector)': nrsfss_valid_detector(),
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
    }) }}
),
{{ level3_groups('fixed_slit',
                 keys=['program', 'instrume', 'subarray'],
                 optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL) }},
{{ level3_associations('grouped_members', name_variant='nrsfs_sources',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'pin_fxd_slit_pin', 'subarray', 'pin_target']) }}
