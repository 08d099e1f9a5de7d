{{ rule(name='Asn_Lv2Spec', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2Spec') }}
{#
  Level 2b spectroscopy, not TSO, not nodded: one association per science
  exposure. Background-target exposures of the same mode join every such
  association as `background`; imprint exposures join those of the same
  mosaic tile and IS_IMPRT value as `imprint`. Both can also start an
  association that a later science exposure completes, and pin it (tile,
  optional mode values) on the way, so the rows are replayed in the
  reference's order (level2_replay). Finalization prunes the imprints that
  match the science less well (imprint_prune).
  In: mir_mrs, mir_wfss, nis_soss, nrc_tsgrism, nrs_ifu, nrs_brightobj
  (SPEC2 without the WFSS, fixed-slit, MSA and MIRI LRS types dedicated rules
  take). Out: TSO exposures, 2-point-nod / 4-point-nod / along-slit-nod
  patterns, NIRSpec IFU off the detector, unusable modes (level2_mode_ok).
#}
WITH eligible AS (
    -- spectra of a usable mode: backgrounds, imprints and science exposures with a tile
    SELECT run_id, _row, exptype_level2, bkgdtarg, is_imprt,
           program, tsovisit, exp_type,
           -- backgrounds join whatever the imprint and tile; imprints and science pin them
           CASE WHEN bkgdtarg IS NULL THEN is_imprt END AS imprint_pin,
           CASE WHEN bkgdtarg IS NULL THEN mostilno END AS tile,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is mir_mrs, mir_wfss, nis_soss, nrc_tsgrism, nrs_ifu or nrs_brightobj':
            matches_regex('exp_type', ['mir_mrs', 'mir_wfss', 'nis_soss', 'nrc_tsgrism', 'nrs_ifu', 'nrs_brightobj']),
        'a background target, or an imprint or science exposure with a MOSTILNO':
            "(bkgdtarg IS NOT NULL OR ((is_imprt IS NOT NULL OR exptype_level2 = 'science') AND mostilno IS NOT NULL))",
        'not TSO': 'NOT is_tso',
        'PATTTYPE is not a nod pattern':
            'NOT ' ~ matches_regex('patttype', ['2-point-nod', '4-point-nod', 'along-slit-nod']),
        'NIRSpec IFU path reaches the detector (nrsifu_valid_detector)': nrsifu_valid_detector(),
    }) }}
),
-- backgrounds and imprints join every association that takes them (and are re-offered);
-- a science exposure joins one that has no science yet, else creates its own
{{ level2_replay('eligible',
        keys=['program', 'exp_type'] + LEVEL2_MODE_REQUIRED,
        pins=['tsovisit'] + LEVEL2_MODE_OPTIONAL + ['imprint_pin', 'tile'],
        accepts="x.bkgdtarg IS NOT NULL OR x.is_imprt IS NOT NULL"
                ~ " OR (x.exptype_level2 = 'science' AND NOT a.has_science)",
        member_exptype='x.exptype_level2',
        creator_exptype='x.exptype_level2',
        reoffers='x.bkgdtarg IS NOT NULL OR x.is_imprt IS NOT NULL',
        solo="x.exptype_level2 = 'science' AND x.bkgdtarg IS NULL AND x.is_imprt IS NULL") }},
{{ level2_associations('replayed_members',
                       describe=['program', 'instrume', 'detector', 'filter', 'band', 'grating', 'exp_type', 'mostilno'],
                       into='gathered', member_order='member_order') }}
{% if finalize %}
, {{ imprint_prune('gathered', members='replayed_members', into='pruned') }}
SELECT * FROM pruned
{% else %}
SELECT * FROM gathered
{% endif %}
