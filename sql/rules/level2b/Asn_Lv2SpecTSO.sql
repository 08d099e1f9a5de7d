{{ rule(name='Asn_Lv2SpecTSO', level=2, asn_type='tso-spec2',
        jwst='rules_level2b.py::Asn_Lv2SpecTSO') }}
{#
  Level 2b time-series spectroscopy: one association per TSO science
  exposure, nothing else joins. Members are named _rateints.
  In: spectral science EXP_TYPEs that are TSO, except the types with rules
  of their own (nrs_msaspec, nrs_fixedslit, MIRI LRS: see
  Asn_MIRLRSTAConfirm). Out: NIRCam TS-grism through pupil CLEAR, NIRSpec
  bright-object exposures on an invalid slit/grating/filter/detector path,
  NIRISS SOSS with an uncalibrated filter (f277w).
#}
{% set TSO_SPEC2_EXP_TYPES = SPEC2_SCIENCE_EXP_TYPES
       | reject('in', ['nrs_msaspec', 'nrs_fixedslit', 'mir_lrs-slitless', 'mir_lrs-fixedslit']) | list %}
WITH eligible AS (
    SELECT run_id, _row, exptype_level2 AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks([LEVEL2_MODE_CHECKS, {
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is a spectral science type without a rule of its own':
            matches_regex('exp_type', TSO_SPEC2_EXP_TYPES),
        'a science exposure': "exptype_level2 = 'science'",
        'TSO (science pointing and TSOVISIT = t or a TSO EXP_TYPE)': 'is_tso',
        'not a NIRCam TS-grism through pupil CLEAR':
            "NOT coalesce(exp_type = 'nrc_tsgrism' AND pupil = 'clear', false)",
        'not a NIRSpec bright-object exposure on an invalid path (nrsfss_valid_detector)':
            "(NOT coalesce(exp_type = 'nrs_brightobj', false) OR " ~ nrsfss_valid_detector() ~ ")",
        'not a NIRISS SOSS exposure with an uncalibrated filter (nissoss_calibrated_filter)':
            nissoss_calibrated_filter(),
    }]) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members',
                       describe=['program', 'instrume', 'detector', 'filter', 'pupil', 'subarray', 'exp_type']) }}
