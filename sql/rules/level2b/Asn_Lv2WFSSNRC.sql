{{ rule(name='Asn_Lv2WFSSNRC', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2WFSSNRC') }}
{#
  Level 2b NIRCam wide-field slitless spectroscopy: one association per
  grism exposure (nrc_wfss), with every direct image (nrc_image) of the
  same program, target and detector as `direct_image`, and grism
  background-target exposures as `background`. A grism exposure on a
  detector without direct images gets no association. Direct images are
  re-offered to associations created after them; other attached exposures
  only join associations that exist when they come.
  Finalization swaps the direct images for the catalog products of the one
  nearest after the grism exposure (see wfss_catalog). The selection and
  the naming are the level2_wfss macros, shared by the WFSS rules (which
  run as one rule family).
#}
{% set mode_keys = ['detector'] %}
WITH eligible AS (
    {{ level2_wfss_eligible('nrc_wfss', 'nrc_image', mode_keys=mode_keys) }}
),
{{ per_science_row('eligible', keys=LEVEL2_WFSS_KEYS + mode_keys, optional_keys=['tsovisit'],
                   attach_reoffered='reoffered', unfinished=true) }},
{{ level2_wfss_associations('per_row_members', finalize=finalize,
                            describe=LEVEL2_WFSS_DESCRIBED + mode_keys + ['exp_type']) }}
