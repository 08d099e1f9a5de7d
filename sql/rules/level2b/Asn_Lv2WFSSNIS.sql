{{ rule(name='Asn_Lv2WFSSNIS', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2WFSSNIS') }}
{#
  Level 2b NIRISS wide-field slitless spectroscopy: one association per
  grism exposure (nis_wfss), with every direct image (nis_image) of the
  same program, target, pupil (the blocking filter) and subarray as
  `direct_image`, and grism background-target exposures as `background`.
  Grouped on PUPIL, not FILTER: the GR150R and GR150C exposures share the
  direct images. Direct images are re-offered to associations created after
  them; other attached exposures only join associations that exist when
  they come.
  Finalization swaps the direct images for the catalog products of the one
  nearest after the grism exposure (see wfss_catalog). The shared body is
  the level2_wfss macro.
#}
{{ level2_wfss('nis_wfss', 'nis_image', finalize=finalize, mode_keys=['pupil', 'subarray'],
              subarray_column='subarray') }}
