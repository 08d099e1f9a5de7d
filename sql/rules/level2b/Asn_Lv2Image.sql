{{ rule(name='Asn_Lv2Image', level=2, asn_type='image2',
        jwst='rules_level2b.py::Asn_Lv2Image') }}
{#
  Level 2b non-TSO imaging: one association per science exposure, with the
  background-target exposures of the same mode attached as `background`.
  In: IMAGE2 science EXP_TYPEs (fgs_image, mir_image, nis_image, nrc_image,
  coronagraphy, AMI, nrs_mimf, ...). Out: TSO exposures, WFS&C visits,
  NIRSpec detector, opaque filter.
  Exposures flagged BKGDTARG are typed `background` here; their own
  processing as science comes from Asn_Lv2ImageSpecial.
#}
WITH eligible AS (
    -- imaging exposures of a usable mode, not TSO
    SELECT run_id, _row,
           CASE WHEN bkgdtarg IS NOT NULL THEN 'attach' ELSE 'science' END AS role,
           exptype_level2 AS exptype,
           program, tsovisit, exp_type,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks([LEVEL2_MODE_CHECKS, {
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is an IMAGE2 science type': matches_regex('exp_type', IMAGE2_SCIENCE_EXP_TYPES),
        'not TSO': 'NOT is_tso',
        'a background target (joins as background) or a science exposure':
            "(bkgdtarg IS NOT NULL OR exptype_level2 = 'science')",
    }]) }}
),
{{ per_science_row('eligible',
                   keys=['program', 'exp_type'] + LEVEL2_MODE_REQUIRED,
                   optional_keys=['tsovisit'] + LEVEL2_MODE_OPTIONAL, unfinished=true) }},
{{ level2_associations('per_row_members',
                       describe=['program', 'instrume', 'detector', 'filter', 'pupil', 'subarray', 'exp_type']) }}
