{{ rule(name='Asn_Lv2ImageSpecial', level=2, asn_type='image2',
        jwst='rules_level2b.py::Asn_Lv2ImageSpecial') }}
{#
  Level 2b imaging of background targets and PSF references, each processed
  as science on its own: one association per exposure.
  In: IMAGE2 science EXP_TYPEs with BKGDTARG or IS_PSF set (TSO allowed),
  of a usable mode (see level2_mode_ok).
#}
WITH eligible AS (
    SELECT run_id, _row, 'science' AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks([LEVEL2_MODE_CHECKS, {
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is an IMAGE2 science type': matches_regex('exp_type', IMAGE2_SCIENCE_EXP_TYPES),
        'BKGDTARG or IS_PSF is set': 'coalesce(bkgdtarg, is_psf) IS NOT NULL',
    }]) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members',
                       describe=['program', 'instrume', 'detector', 'filter', 'pupil', 'exp_type']) }}
