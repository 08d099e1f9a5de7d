{{ rule(name='Asn_Lv3NRCCoronImage', level=3, asn_type='image3',
        jwst='rules_level3.py::Asn_Lv3NRCCoronImage') }}
{#
  Level 3 NIRCam coronagraphy processed as plain imaging: full-frame
  short-wave nrc_coron science exposures (all four SW detectors), PSF
  references (IS_PSF = t) and background targets excluded. Grouped by
  program, instrument, target (science exposures only) and, tolerant of
  missing values, filter, pupil/grating and fixed slit. The coronagraph
  test is off, so members are `_cal`; the product name ends in `-image3`
  and has no slit part.
#}
WITH science_path AS (
    -- full-frame short-wave NIRCam coronagraphic science exposures
    SELECT run_id, _row, program, instrume, subarray, obs_num,
           exptype_base,
           {{ level3_science_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'SUBARRAY is full': matches_regex('subarray', ['full']),
        'EXP_TYPE is nrc_coron': matches_regex('exp_type', ['nrc_coron']),
        'a TARGETID (science exposures only)': level3_science_target_ok(),
        'not a background target (BKGDTARG unset)': 'bkgdtarg IS NULL',
        'not a PSF reference (IS_PSF = t)': 'NOT ' ~ matches_regex('is_psf', ['t']),
        'CHANNEL is short': matches_regex('channel', ['short']),
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'subarray'],
                 optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL,
                 replay_existing=true) }},
{{ level3_associations('grouped_members', name_variant='coronimage',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       subarray_column='subarray',
                       coron_integrations=false,
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'pin_target']) }}
