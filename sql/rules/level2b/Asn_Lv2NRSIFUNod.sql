{{ rule(name='Asn_Lv2NRSIFUNod', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2NRSIFUNod') }}
{#
  Level 2b NIRSpec IFU spectroscopy with 2- or 4-point nods: every nrs_ifu
  exposure of one mode, nod pattern (PATTTYPE) and mosaic tile (MOSTILNO)
  is gathered into one association (science, imprint and background
  exposures typed as usual). Finalization prunes the imprints that match
  the science less well (imprint_prune), then splits the association into
  one per science nod, with every other science nod as `background`
  (nod_split: IFU nods never overlap).
  In: nrs_ifu on a path that reaches the detector (nrsifu_valid_detector),
  PATTTYPE 2-point-nod... or 4-point-nod, with a MOSTILNO, of a usable mode.
#}
WITH eligible AS (
    SELECT run_id, _row, exptype_level2 AS exptype,
           program, tsovisit, exp_type, patttype, mostilno,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is nrs_ifu': "exp_type = 'nrs_ifu'",
        'NIRSpec IFU path reaches the detector (nrsifu_valid_detector)': nrsifu_valid_detector(),
        'PATTTYPE is a 2-point or 4-point nod': matches_regex('patttype', ['2-point-nod', '4-point-nod']),
        'has a mosaic tile (MOSTILNO)': 'mostilno IS NOT NULL',
    }) }}
),
-- one association per mode, nod pattern and tile; rows join those existing when read
{{ level3_groups('eligible',
                 keys=['program', 'exp_type', 'patttype', 'mostilno'] + LEVEL2_MODE_REQUIRED,
                 optional_keys=['tsovisit'] + LEVEL2_MODE_OPTIONAL,
                 reoffered=false) }},
{{ level2_nod_associations('grouped_members', finalize=finalize,
                            prune_imprints=true,
                            describe=['program', 'instrume', 'detector', 'filter', 'grating', 'exp_type', 'patttype', 'mostilno']) }}
