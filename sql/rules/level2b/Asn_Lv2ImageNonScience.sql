{{ rule(name='Asn_Lv2ImageNonScience', level=2, asn_type='image2',
        jwst='rules_level2b.py::Asn_Lv2ImageNonScience') }}
{#
  Level 2b non-science imaging processed on its own: one association per
  exposure, the exposure typed `science`.
  In: target acquisitions (by pointing type or EXP_TYPE), mir_coroncal,
  nis_focus, nrc_focus, nrs_focus, nrs_image, and NIRSpec MSA exposures taken
  with all shutters open through the mirror (msastate primarypark_allopen).
#}
WITH eligible AS (
    SELECT run_id, _row, 'science' AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'a target acquisition, an IMAGE2 non-science EXP_TYPE, or an all-open MSA mirror exposure':
            '(is_target_acq OR ' ~ matches_regex('exp_type', IMAGE2_NONSCIENCE_EXP_TYPES)
            ~ " OR coalesce(exp_type = 'nrs_msaspec' AND msastate = 'primarypark_allopen'"
            ~ " AND grating = 'mirror', false))",
    }) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members', describe=['program', 'exp_type']) }}
