{{ rule(name='Asn_Lv2FGS', level=2, asn_type='image2',
        jwst='rules_level2b.py::Asn_Lv2FGS') }}
{#
  Level 2b FGS imaging: one association per science exposure, nothing else
  joins (no mode grouping).
  In: fgs_image, fgs_focus. Out: WFS&C visits, non-science exposures.
#}
WITH eligible AS (
    SELECT run_id, _row, exptype_level2 AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'a science exposure': "exptype_level2 = 'science'",
        'EXP_TYPE is fgs_image or fgs_focus': matches_regex('exp_type', ['fgs_image', 'fgs_focus']),
        'not a WFS&C visit': 'NOT ' ~ is_wfsc_visit(),
    }) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members', describe=['program', 'exp_type']) }}
