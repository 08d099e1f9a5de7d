{{ rule(name='Asn_Lv2WFSC', level=2, asn_type='image2',
        jwst='rules_level2b.py::Asn_Lv2WFSC') }}
{#
  Level 2b wavefront sensing and control: one association per science
  exposure of a WFS&C visit (VISITYPE with 'wfsc' inside it), nothing else
  joins; no grouping by instrument mode.
  In: IMAGE2 science EXP_TYPEs. Out: NIRCam images flagged
  DMS_NOTE = wfsc_los_jitter (line-of-sight jitter measurements).
#}
WITH eligible AS (
    SELECT run_id, _row, exptype_level2 AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is an IMAGE2 science type': matches_regex('exp_type', IMAGE2_SCIENCE_EXP_TYPES),
        'a science exposure': "exptype_level2 = 'science'",
        'a WFS&C visit (VISITYPE .+wfsc.+)': is_wfsc_visit(),
        'not a NIRCam line-of-sight jitter image (DMS_NOTE wfsc_los_jitter)':
            "NOT coalesce(dms_note = 'wfsc_los_jitter' AND exp_type = 'nrc_image', false)",
    }) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members', describe=['program', 'exp_type', 'visitype']) }}
