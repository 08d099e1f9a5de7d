{{ rule(name='Asn_Lv3WFSSNIS', level=3, asn_type='spec3',
        jwst='rules_level3.py::Asn_Lv3WFSSNIS') }}
{#
  Level 3 NIRISS wide-field slitless spectroscopy: nis_wfss exposures with
  a GR150R/GR150C grism in FILTER and a blocking filter in PUPIL, one
  association per grism, blocking filter and target, across detectors and
  subarrays. Background targets skip the target test. The optical element
  of the name is grism and blocking filter (`f140m-gr150c`).
  The shared body is the level3_wfss macro.
#}
{{ level3_wfss('nis_wfss',
             elements=[('grism', 'filter'), ('blocking_filter', 'pupil')],
             element_checks={
                 'FILTER is the grism gr150r or gr150c': matches_regex('filter', ['gr150r', 'gr150c']),
                 'has a PUPIL (the blocking filter)': 'pupil IS NOT NULL',
             }) }}
