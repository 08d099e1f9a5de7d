{{ rule(name='Asn_Lv2SpecImprint', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2SpecImprint') }}
{#
  Level 2b imprint (leakcal) exposures processed on their own: one
  association per imprint exposure, typed `science`.
  In: SPEC2 science EXP_TYPEs with IS_IMPRT set, of a usable mode (see
  level2_mode_ok), NIRSpec IFU only on a path that reaches the detector.
#}
WITH eligible AS (
    SELECT run_id, _row, 'science' AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is a SPEC2 science type': matches_regex('exp_type', SPEC2_SCIENCE_EXP_TYPES),
        'NIRSpec IFU path reaches the detector (nrsifu_valid_detector)': nrsifu_valid_detector(),
        'IS_IMPRT is set': 'is_imprt IS NOT NULL',
    }) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members',
                       describe=['program', 'instrume', 'detector', 'filter', 'grating', 'exp_type', 'is_imprt']) }}
