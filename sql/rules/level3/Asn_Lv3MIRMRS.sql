{{ rule(name='Asn_Lv3MIRMRS', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3MIRMRS') }}
{#
  Level 3 MIRI MRS: every non-TSO mir_mrs exposure of a target in one
  association, all channels, bands and detectors together (no optical-path
  grouping). Background-target exposures (BKGDTARG set) skip the target test
  and join every association as `background` (`_x1d`). The product name has
  no optical element: jwPPPPP-oNNN_tNNN_miri.
#}
WITH mrs AS (
    -- MRS exposures, not TSO
    SELECT run_id, _row, program, instrume, exp_type, obs_num, exptype_base,
           {{ level3_target_key() }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is mir_mrs': matches_regex('exp_type', ['mir_mrs']),
        'not TSO': 'NOT is_tso',
    }) }}
),
target_acqs AS (
    -- TAs meet the target test before failing the EXP_TYPE test
    {{ level3_target_acquisitions([level3_target_key() ~ ' AS target']) }}
),
{{ level3_groups('mrs',
                 keys=['program', 'instrume', 'exp_type'],
                 optional_keys=['target'],
                 ta_relation='target_acqs', ta_steps=LEVEL3_TARGET_TA_STEPS) }},
{{ level3_associations('grouped_members', name_variant='noopt',
                       describe=['program', 'instrume', 'pin_target', 'exp_type']) }}
