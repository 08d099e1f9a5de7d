{{ rule(name='Asn_Lv3WFSSMIR', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3WFSSMIR') }}
{#
  Level 3 MIRI wide-field slitless spectroscopy: mir_wfss exposures with
  the P750L prism in FILTER, one association per target, across detectors
  and subarrays. Background targets skip the target test. The optical
  element of the name is the prism (`p750l`).
  The shared body is the level3_wfss macro.
#}
{{ level3_wfss('mir_wfss',
             elements=[('prism', 'filter')],
             element_checks={
                 'FILTER is p750l': matches_regex('filter', ['p750l']),
             }) }}
