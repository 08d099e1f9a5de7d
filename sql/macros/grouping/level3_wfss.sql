{% macro level3_wfss(exp_type, elements, element_checks) %}
{#-
  The body of the Level 3 WFSS rules (Asn_Lv3WFSSNIS, Asn_Lv3WFSSNRC,
  Asn_Lv3WFSSMIR): the grism (or prism) exposures of one EXP_TYPE, one
  association per program, instrument, optical elements and target, across
  detectors and subarrays. Background targets skip the target test; the
  optical elements name the product in the order given.

  Arguments:
    exp_type: EXP_TYPE of the grism exposures (e.g. 'nrc_wfss')
    elements: (name, column) pairs of the optical elements, in product-name
      order, e.g. [('grism', 'pupil'), ('blocking_filter', 'filter')]
    element_checks: named checks on those columns ({name: SQL condition})
-#}
{% set names = elements | map(attribute=0) | list %}
WITH science_path AS (
    SELECT run_id, _row, program, instrume, obs_num, exptype_base,
{% for name, column in elements %}
           {{ column }} AS {{ name }},
{% endfor %}
           {{ level3_target_key() }} AS target
    FROM {{ items() }}
    WHERE {{ all_checks([{
        'has a PROGRAM and an INSTRUME': 'program IS NOT NULL AND instrume IS NOT NULL',
        'not an imprint (IS_IMPRT unset)': 'is_imprt IS NULL',
        'a TARGETID (unless a background or a direct-image candidate)': level3_target_ok(),
        'EXP_TYPE is ' ~ exp_type: matches_regex('exp_type', [exp_type]),
    }, element_checks]) }}
),
{{ level3_groups('science_path',
                 keys=['program', 'instrume'] + names,
                 optional_keys=['target'],
                 replay_existing=true) }},
{{ level3_associations('grouped_members',
                       opt_elem_columns=names,
                       describe=['program', 'instrume'] + names + ['pin_target']) }}
{%- endmacro %}
