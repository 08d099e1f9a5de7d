{{ rule(name='Asn_Lv2ImageTSO', level=2, asn_type='tso-image2',
        jwst='rules_level2b.py::Asn_Lv2ImageTSO') }}
{#
  Level 2b time-series imaging: one association per TSO science exposure,
  nothing else joins.
  In: IMAGE2 science EXP_TYPEs that are TSO (Constraint_TSO: science
  pointing and TSOVISIT = t, or nrc_tsimage), of a usable mode (see
  level2_mode_ok). Members are named _rateints.
#}
WITH eligible AS (
    SELECT run_id, _row, exptype_level2 AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks([LEVEL2_MODE_CHECKS, {
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is an IMAGE2 science type': matches_regex('exp_type', IMAGE2_SCIENCE_EXP_TYPES),
        'a science exposure': "exptype_level2 = 'science'",
        'TSO (science pointing and TSOVISIT = t or a TSO EXP_TYPE)': 'is_tso',
    }]) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members',
                       describe=['program', 'instrume', 'detector', 'filter', 'pupil', 'subarray', 'exp_type']) }}
