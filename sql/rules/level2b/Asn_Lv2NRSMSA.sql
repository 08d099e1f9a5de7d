{{ rule(name='Asn_Lv2NRSMSA', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2NRSMSA') }}
{#
  Level 2b NIRSpec MSA spectroscopy with slitlet nods: every nrs_msaspec
  exposure of one mode, MSA metafile and spectral index (EXPSPCIN) is
  gathered into one association (science, imprint and background exposures
  typed as usual); finalization splits it into one association per science
  nod, with the other nods that do not overlap it as `background`
  (nod_split, nod_background_overlap: same primary position or another
  target overlaps).
  In: nrs_msaspec with MSAMETFL and EXPSPCIN, of a usable mode (level2_mode_ok).
#}
WITH eligible AS (
    SELECT run_id, _row, exptype_level2 AS exptype,
           program, tsovisit, exp_type, msametfl, expspcin,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is nrs_msaspec': "exp_type = 'nrs_msaspec'",
        'has an MSA metafile (MSAMETFL)': 'msametfl IS NOT NULL',
        'has a spectral index (EXPSPCIN)': 'expspcin IS NOT NULL',
    }) }}
),
-- one association per mode, metafile and spectral index; rows join those existing when read
{{ level3_groups('eligible',
                 keys=['program', 'exp_type', 'msametfl', 'expspcin'] + LEVEL2_MODE_REQUIRED,
                 optional_keys=['tsovisit'] + LEVEL2_MODE_OPTIONAL,
                 reoffered=false) }},
{{ level2_nod_associations('grouped_members', finalize=finalize,
                            describe=['program', 'instrume', 'detector', 'filter', 'grating', 'exp_type', 'msametfl', 'expspcin']) }}
