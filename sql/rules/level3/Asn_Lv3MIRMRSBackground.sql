{{ rule(name='Asn_Lv3MIRMRSBackground', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3MIRMRSBackground') }}
{#
  Level 3 MIRI MRS background targets (auxiliary data): non-TSO mir_mrs
  exposures with BKGDTARG exactly `t`, processed as `science`, one
  association per target. The target test has no background exemption and
  no re-offering here, and every key is required: a plain grouping. Name
  without optical element: jwPPPPP-oNNN_tNNN_miri.
#}
WITH mrs_background AS (
    -- MRS background-target exposures, not TSO
    SELECT run_id, _row, program, instrume, exp_type, bkgdtarg, obs_num, exptype_base,
           {{ level3_target_key(level3_auxdata_exptype()) }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a direct-image candidate)': level3_target_ok(level3_auxdata_exptype()),
        'EXP_TYPE is mir_mrs': matches_regex('exp_type', ['mir_mrs']),
        'not TSO': 'NOT is_tso',
        'BKGDTARG is t': matches_regex('bkgdtarg', ['t']),
    }) }}
),
{{ level3_groups('mrs_background',
                 keys=['program', 'instrume', 'exp_type', 'bkgdtarg'],
                 optional_keys=['target'], reoffered=false) }},
{{ level3_associations('grouped_members', exptype=level3_auxdata_exptype(), name_variant='noopt',
                       describe=['program', 'instrume', 'pin_target', 'exp_type', 'bkgdtarg']) }}
