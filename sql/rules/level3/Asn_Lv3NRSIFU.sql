{{ rule(name='Asn_Lv3NRSIFU', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3NRSIFU') }}
{#
  Level 3 NIRSpec IFU: non-TSO nrs_ifu exposures on a valid IFU optical path,
  with the nrs_autowave exposures (`autowave`, `_rate`), grouped by grating,
  PATTTYPE (required) and target; both detectors together, no filter or
  subarray grouping. Background-target exposures skip the target test and
  join as `background` (`_x1d`). Name: jwPPPPP-oNNN_tNNN_nirspec_<grating>.
#}
WITH ifu AS (
    -- IFU science and autowave exposures, valid path, not TSO
    SELECT run_id, _row, program, instrume, patttype, grating, obs_num, exptype_base,
           {{ level3_target_key() }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is nrs_autowave or nrs_ifu': matches_regex('exp_type', ['nrs_autowave', 'nrs_ifu']),
        'a valid IFU optical path (nrsifu_valid_detector)': nrsifu_valid_detector(),
        'has a PATTTYPE': 'patttype IS NOT NULL',
        'not TSO': 'NOT is_tso',
        'has a GRATING': 'grating IS NOT NULL',
    }) }}
),
target_acqs AS (
    -- TAs meet the target test before failing the EXP_TYPE test
    {{ level3_target_acquisitions([level3_target_key() ~ ' AS target']) }}
),
{{ level3_groups('ifu',
                 keys=['program', 'instrume', 'patttype', 'grating'],
                 optional_keys=['target'],
                 ta_relation='target_acqs', ta_steps=LEVEL3_TARGET_TA_STEPS) }},
{{ level3_associations('grouped_members', opt_elem_columns=['grating'],
                       describe=['program', 'instrume', 'pin_target', 'patttype', 'grating']) }}
