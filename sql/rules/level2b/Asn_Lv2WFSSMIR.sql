{{ rule(name='Asn_Lv2WFSSMIR', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2WFSSMIR') }}
{#
  Level 2b MIRI wide-field slitless spectroscopy: one association per
  grism exposure (mir_wfss), with every direct image (mir_image) of the
  same program, target and detector as `direct_image`, and grism
  background-target exposures as `background`. A grism exposure on a
  detector without direct images gets no association. Direct images are
  re-offered to associations created after them; other attached exposures
  only join associations that exist when they come.
  Finalization swaps the direct images for the catalog products of the one
  nearest after the grism exposure (see wfss_catalog). The shared body is
  the level2_wfss macro.
#}
{{ level2_wfss('mir_wfss', 'mir_image', finalize=finalize, mode_keys=['detector']) }}
