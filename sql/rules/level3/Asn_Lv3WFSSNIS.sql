{{ rule(name='Asn_Lv3WFSSNIS', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3WFSSNIS') }}
{#
  Level 3 NIRISS wide-field slitless spectroscopy: nis_wfss exposures with
  a GR150R/GR150C grism in FILTER and a blocking filter in PUPIL, one
  association per grism, blocking filter and target, across detectors and
  subarrays. Background targets skip the target test. The optical element
  of the name is grism and blocking filter (`f140m-gr150c`).
#}
WITH science_path AS (
    -- NIRISS grism exposures
    SELECT run_id, _row, program, instrume, obs_num, exptype_base,
           filter AS grism, pupil AS blocking_filter,
           {{ level3_target_key() }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is nis_wfss': matches_regex('exp_type', ['nis_wfss']),
        'FILTER is the grism gr150r or gr150c': matches_regex('filter', ['gr150r', 'gr150c']),
        'has a PUPIL (the blocking filter)': 'pupil IS NOT NULL',
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'grism', 'blocking_filter'],
                 optional_keys=['target'],
                 replay_existing=true) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=['grism', 'blocking_filter'],
                       describe=['program', 'instrume', 'grism', 'blocking_filter', 'pin_target']) }}
