{{ rule(name='Asn_Lv3ImageMosaic', level=3, asn_type='image3',
        jwst='rules_level3.py::Asn_Lv3ImageMosaic') }}
{#
  Level 3 imaging mosaic across targets: like Asn_Lv3Image but with no
  target constraint (names get t000), and only for `mosaic` candidates with
  at least two observations. For a mosaic candidate it usually has the same
  members as the Asn_Lv3Image association, and pruning keeps this one.
  Without a target test nothing is re-offered: an exposure joins only the
  associations that exist when it is processed.
#}
WITH science_path AS (
    -- imaging exposures, not TSO, not background targets, not WFS&C visits
    SELECT run_id, _row, program, instrume, subarray, exp_type, obs_num,
           exptype_base,
           visitype,
           {{ level3_optical_path_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'has a SUBARRAY': 'subarray IS NOT NULL',
        'EXP_TYPE is a Level 3 image type': matches_regex('exp_type', IMAGE3_EXP_TYPES),
        'VISITYPE does not contain wfsc': "NOT coalesce(contains(visitype, 'wfsc'), false)",
        'not a background target (BKGDTARG unset)': 'bkgdtarg IS NULL',
        'not TSO': 'NOT is_tso',
    }) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume', 'subarray', 'exp_type'],
                 optional_keys=['visitype'] + LEVEL3_OPTICAL_OPTIONAL,
                 reoffered=false) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=['pin_opt_filter', 'pin_opt_elem2'],
                       slit_column='pin_fxd_slit_pin', slit2_column='fxd_slit_s200',
                       subarray_column='subarray', target_column=none,
                       extra_validity="a.acid_type = 'mosaic'",
                       ta_walk=LEVEL3_OPTICAL_OPTIONAL,
                       describe=['program', 'instrume', 'pin_opt_filter', 'pin_opt_elem2',
                                 'subarray', 'exp_type', 'pin_visitype']) }}
