{{ rule(name='Asn_Lv3WFSSNRC', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3WFSSNRC') }}
{#
  Level 3 NIRCam wide-field slitless spectroscopy: nrc_wfss exposures with
  a GRISMR/GRISMC grism in PUPIL and a FILTER, one association per grism,
  filter and target, across detectors and subarrays. Background targets
  skip the target test. The optical element of the name is filter and
  grism (`f444w-grismr`).
  The shared body is the level3_wfss macro.
#}
{{ level3_wfss('nrc_wfss',
             elements=[('grism', 'pupil'), ('blocking_filter', 'filter')],
             element_checks={
                 'PUPIL is the grism grismr or grismc': matches_regex('pupil', ['grismr', 'grismc']),
                 'has a FILTER': 'filter IS NOT NULL',
             }) }}
