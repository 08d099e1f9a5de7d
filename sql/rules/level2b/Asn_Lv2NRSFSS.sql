{{ rule(name='Asn_Lv2NRSFSS', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2NRSFSS') }}
{#
  Level 2b NIRSpec fixed-slit spectroscopy with along-slit nods: the science
  exposures of one mode sharing spectral index (EXPSPCIN), number of nods
  (NUMDTHPT) and subpixel points (SUBPXPNS, else SUBPXPTS) are gathered
  into one association, with the non-science exposures (background targets,
  imprints) of the mode; finalization splits it into one association per
  science nod, with the other nods that do not overlap it as `background`
  (nod_split, nod_background_overlap).
  In: nrs_fixedslit on a slit/grating/filter/detector path that reaches the
  detector (nrsfss_valid_detector), of a usable mode (level2_mode_ok).
#}
WITH eligible AS (
    SELECT run_id, _row, exptype_level2 AS exptype,
           program, tsovisit, exp_type,
           {{ level2_mode_keys() }},
           -- the nod pins only science exposures set and check
           CASE WHEN exptype_level2 = 'science' THEN expspcin END AS nod_expspcin,
           CASE WHEN exptype_level2 = 'science' THEN numdthpt END AS nod_numdthpt,
           CASE WHEN exptype_level2 = 'science' THEN
                CASE WHEN subpxpns IS NOT NULL THEN 'subpxpns:' || subpxpns ELSE 'subpxpts:' || subpxpts END
           END AS nod_subpx
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is nrs_fixedslit': "exp_type = 'nrs_fixedslit'",
        'fixed-slit path reaches the detector (nrsfss_valid_detector)': nrsfss_valid_detector(),
        'not science, or has EXPSPCIN, NUMDTHPT and SUBPXPNS or SUBPXPTS':
            "(exptype_level2 IS DISTINCT FROM 'science'"
            ~ " OR (expspcin IS NOT NULL AND numdthpt IS NOT NULL AND coalesce(subpxpns, subpxpts) IS NOT NULL))",
    }) }}
),
-- one association per mode and nod set; rows join those existing when read
{{ level3_groups('eligible',
                 keys=['program', 'exp_type'] + LEVEL2_MODE_REQUIRED,
                 optional_keys=['tsovisit'] + LEVEL2_MODE_OPTIONAL + ['nod_expspcin', 'nod_numdthpt', 'nod_subpx'],
                 reoffered=false) }},
{{ level2_nod_associations('grouped_members', finalize=finalize,
                            describe=['program', 'instrume', 'detector', 'filter', 'grating', 'fxd_slit', 'exp_type']) }}
