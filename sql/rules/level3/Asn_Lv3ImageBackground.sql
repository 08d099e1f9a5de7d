{{ rule(name='Asn_Lv3ImageBackground', level=3, asn_type='image3',
        jwst='rules_level3.py::Asn_Lv3ImageBackground') }}
{#
  Level 3 imaging of background targets: the Level 3 image types
  (nrc_image, mir_image, nis_image, fgs_image, nrs_mimf) with BKGDTARG set,
  not TSO, not WFS&C visits, not imprints. Auxiliary data: every member is
  `science` (target acquisitions stay `target_acquisition`), so the target
  is always checked. Grouped like Asn_Lv3Image (program, instrument,
  subarray, EXP_TYPE, target, and tolerant of missing values filter,
  pupil/grating, fixed slit and VISITYPE), plus the BKGDTARG value.
#}
{% set aux_exptype = "CASE WHEN exptype_base = 'target_acquisition' THEN exptype_base ELSE 'science' END" %}
WITH science_path AS (
    -- background-target imaging exposures, not TSO, not WFS&C visits
    SELECT run_id, _row, program, instrume, subarray, exp_type, obs_num, bkgdtarg,
           {{ aux_exptype }} AS aux_exptype,
           {{ level3_target_key(aux_exptype) }} AS target,
           visitype,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'a TARGETID (unless a direct-image candidate)': level3_target_ok(aux_exptype),
        'EXP_TYPE is a Level 3 image type': matches_regex('exp_type', IMAGE3_EXP_TYPES),
        'VISITYPE does not contain wfsc': "NOT coalesce(contains(visitype, 'wfsc'), false)",
        'a background target (BKGDTARG set)': 'bkgdtarg IS NOT NULL',
        'not TSO': 'NOT is_tso',
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'subarray', 'exp_type', 'bkgdtarg'],
                 optional_keys=['target', 'visitype'] + LEVEL3_OPTICAL_OPTIONAL,
                 replay_existing=true) }},
{{ level3_associations('grouped_members', exptype='aux_exptype',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray',
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'exp_type', 'pin_target', 'pin_visitype',
                                 'bkgdtarg']) }}
