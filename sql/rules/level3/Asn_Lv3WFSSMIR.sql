{{ rule(name='Asn_Lv3WFSSMIR', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3WFSSMIR') }}
{#
  Level 3 MIRI wide-field slitless spectroscopy: mir_wfss exposures with
  the P750L prism in FILTER, one association per target, across detectors
  and subarrays. Background targets skip the target test. The optical
  element of the name is the prism (`p750l`).
#}
WITH science_path AS (
    -- MIRI slitless prism exposures
    SELECT run_id, _row, program, instrume, obs_num, exptype_base,
           filter AS prism,
           {{ level3_target_key() }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is mir_wfss': matches_regex('exp_type', ['mir_wfss']),
        'FILTER is p750l': matches_regex('filter', ['p750l']),
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'prism'],
                 optional_keys=['target'],
                 replay_existing=true) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=['prism'],
                       describe=['program', 'instrume', 'prism', 'pin_target']) }}
