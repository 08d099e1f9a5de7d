{{ rule(name='Asn_Lv2NRSLAMPSpectral', level=2, asn_type='nrslamp-spec2',
        jwst='rules_level2b.py::Asn_Lv2NRSLAMPSpectral') }}
{#
  Level 2b NIRSpec spectral lamp calibrations: one association per exposure,
  typed `science`.
  In: nrs_autoflat, nrs_autowave, nrs_lamp with FILTER opaque and a LAMP, on
  a grating/lamp/detector combination that lights the detector (see
  nrslamp_valid_detector); MSA mode needs an MSA metafile.
  Out: GRATING mirror, OPMODE grating-only, LAMP nolamp.
#}
WITH eligible AS (
    SELECT run_id, _row, 'science' AS exptype
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is nrs_autoflat, nrs_autowave or nrs_lamp':
            matches_regex('exp_type', ['nrs_autoflat', 'nrs_autowave', 'nrs_lamp']),
        'FILTER is opaque': "filter = 'opaque'",
        'lamp light reaches the detector (nrslamp_valid_detector)': nrslamp_valid_detector(),
        'OPMODE msaspec only with an MSA metafile':
            "(opmode IS DISTINCT FROM 'msaspec' OR msametfl IS NOT NULL)",
        'has a LAMP': 'lamp IS NOT NULL',
        'not GRATING mirror, OPMODE grating-only or LAMP nolamp':
            "NOT coalesce(grating = 'mirror' OR opmode = 'grating-only' OR lamp = 'nolamp', false)",
    }) }}
),
{{ single_row_members('eligible') }},
{{ level2_associations('per_row_members',
                       describe=['program', 'exp_type', 'detector', 'grating', 'opmode', 'lamp']) }}
