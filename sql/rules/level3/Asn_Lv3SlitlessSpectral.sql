{{ rule(name='Asn_Lv3SlitlessSpectral', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3SlitlessSpectral') }}
{#
  Level 3 single-object slitless spectroscopy: non-TSO NIRISS SOSS
  exposures without a PATTTYPE (nod patterns go to Asn_Lv3SpectralTarget).
  Grouped by program, instrument, subarray, target (background targets skip
  it) and, tolerant of missing values, filter, pupil/grating and fixed slit.
#}
WITH science_path AS (
    -- NIRISS SOSS exposures without a dither pattern, not TSO
    SELECT run_id, _row, program, instrume, subarray, obs_num, exptype_base,
           {{ level3_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'not TSO': 'NOT is_tso',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is nis_soss': matches_regex('exp_type', ['nis_soss']),
        'no PATTTYPE': 'patttype IS NULL',
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
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       ta_gate='NOT is_tso',
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'pin_target']) }}
