{{ rule(name='Asn_Lv3SpectralSource', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3SpectralSource') }}
{#
  Level 3 NIRSpec multi-object spectroscopy: non-TSO nrs_msaspec exposures
  with an MSA metadata file (MSAMETFL), with the nrs_autoflat/nrs_autowave
  exposures, grouped by subarray, target and, tolerant of missing values,
  filter, grating and fixed slit; detectors together. Background-target
  exposures skip the target test and join as `background` (`_x1d`). The
  name is source-based, with the placeholder kept:
  jwPPPPP-oNNN_{source_id}_nirspec_<opt_elem>[-<slit>][-<subarray>].
#}
WITH msa AS (
    -- MSA spectra and NIRSpec calibration exposures, not TSO
    SELECT run_id, _row, program, instrume, subarray, obs_num, exptype_base,
           {{ level3_target_key() }} AS target,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'not TSO': 'NOT is_tso',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is nrs_autoflat or nrs_autowave, or nrs_msaspec with an MSAMETFL':
            matches_regex('exp_type', ['nrs_autoflat', 'nrs_autowave'])
            ~ ' OR (' ~ matches_regex('exp_type', ['nrs_msaspec']) ~ ' AND msametfl IS NOT NULL)',
    }) }}
),
target_acqs AS (
    -- TAs meet NOT_TSO, the optical path and the target before failing the EXP_TYPE test
    {{ level3_target_acquisitions([level3_target_key() ~ ' AS target', level3_optical_path_keys(),
                                   'subarray', 'is_tso']) }}
),
{{ level3_groups('msa',
                 keys=['program', 'instrume', 'subarray'],
                 optional_keys=['target'] + LEVEL3_OPTICAL_OPTIONAL,
                 ta_relation='target_acqs',
                 ta_steps=LEVEL3_NOT_TSO_TA_STEPS + LEVEL3_OPTICAL_TA_STEPS
                          + LEVEL3_TARGET_TA_STEPS) }},
{{ level3_associations('grouped_members', name_variant='sources',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'pin_target']) }}
