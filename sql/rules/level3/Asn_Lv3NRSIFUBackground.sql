{{ rule(name='Asn_Lv3NRSIFUBackground', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3NRSIFUBackground') }}
{#
  Level 3 NIRSpec IFU background targets (auxiliary data): non-TSO nrs_ifu
  exposures with BKGDTARG exactly `t` on a valid IFU optical path, processed
  as `science`, grouped by grating and target. Name:
  jwPPPPP-oNNN_tNNN_nirspec_<grating>.
#}
WITH ifu_background AS (
    -- IFU background-target exposures, valid path, not TSO
    SELECT run_id, _row, program, instrume, exp_type, bkgdtarg, grating, obs_num, exptype_base,
           {{ level3_target_key(level3_auxdata_exptype()) }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a direct-image candidate)': level3_target_ok(level3_auxdata_exptype()),
        'not TSO': 'NOT is_tso',
        'BKGDTARG is t': matches_regex('bkgdtarg', ['t']),
        'EXP_TYPE is nrs_ifu': matches_regex('exp_type', ['nrs_ifu']),
        'a valid IFU optical path (nrsifu_valid_detector)': nrsifu_valid_detector(),
        'has a GRATING': 'grating IS NOT NULL',
    }) }}
),
{{ level3_groups('ifu_background',
                 keys=['program', 'instrume', 'bkgdtarg', 'exp_type', 'grating'],
                 optional_keys=['target']) }},
{{ level3_associations('grouped_members', exptype=level3_auxdata_exptype(),
                       opt_elem_columns=['grating'],
                       describe=['program', 'instrume', 'pin_target', 'bkgdtarg', 'exp_type', 'grating']) }}
