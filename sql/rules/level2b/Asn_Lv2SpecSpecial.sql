{{ rule(name='Asn_Lv2SpecSpecial', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2SpecSpecial') }}
{#
  Level 2b spectroscopy of background targets and PSF references, each
  processed as science: one association per exposure, typed `science`.
  Background-target imprints of the same mode and mosaic tile join as
  `imprint`, but an association refuses an imprint when the last exposure
  it typed was an imprint (the reference keeps that state per association,
  `original_exposure_type`), so the rows are replayed in the reference's
  order (level2_replay): an imprint no association takes creates its own,
  as science, and imprints that joined or created one are re-offered.
  Finalization prunes the imprints that match the science less well
  (imprint_prune).
  In: SPEC2 science EXP_TYPEs with BKGDTARG or IS_PSF set, of a usable mode
  (level2_mode_ok), NIRSpec IFU only on a path that reaches the detector.
#}
WITH eligible AS (
    -- special spectra of a usable mode
    SELECT run_id, _row, exptype_level2, is_imprt, mostilno,
           program, tsovisit, exp_type,
           -- the first of BKGDTARG, IS_PSF with a value, pinned with its column
           CASE WHEN bkgdtarg IS NOT NULL THEN 'bkgdtarg:' || bkgdtarg ELSE 'is_psf:' || is_psf END AS is_special,
           -- an imprint pins the tile of the association it joins or creates
           CASE WHEN is_imprt IS NOT NULL THEN mostilno END AS imprint_tile,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is a SPEC2 science type': matches_regex('exp_type', SPEC2_SCIENCE_EXP_TYPES),
        'BKGDTARG or IS_PSF is set': 'coalesce(bkgdtarg, is_psf) IS NOT NULL',
        'NIRSpec IFU path reaches the detector (nrsifu_valid_detector)': nrsifu_valid_detector(),
    }) }}
),
{% set mode_pins = ['tsovisit'] + LEVEL2_MODE_OPTIONAL %}
{# every association has its science from the start (its creator is typed science),
   so an imprint joining one is typed imprint #}
{{ level2_replay('eligible',
        keys=['program', 'exp_type', 'is_special'] + LEVEL2_MODE_REQUIRED,
        pins=mode_pins + ['is_imprt', 'imprint_tile'],
        accepts="x.is_imprt IS NOT NULL AND x.mostilno IS NOT NULL AND a.last_type IS DISTINCT FROM 'imprint'",
        member_exptype="CASE WHEN x.exptype_level2 = 'imprint' THEN 'imprint' ELSE 'science' END",
        creator_exptype="'science'",
        reoffers='offer.joins_any OR (x.is_imprt IS NOT NULL AND x.mostilno IS NOT NULL)',
        touches='pins_compatible(list_slice(a.pins, 1, ' ~ (mode_pins | length) ~ '), list_slice(x._sig, 1, '
                ~ (mode_pins | length) ~ '))',
        solo='x.is_imprt IS NULL') }},
{{ level2_associations('replayed_members',
                       describe=['program', 'instrume', 'detector', 'filter', 'grating', 'exp_type'],
                       into='gathered', member_order='member_order') }}
{% if finalize %}
, {{ imprint_prune('gathered', members='replayed_members', into='pruned') }}
SELECT * FROM pruned
{% else %}
SELECT * FROM gathered
{% endif %}
