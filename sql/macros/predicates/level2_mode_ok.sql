{% macro level2_mode_ok() %}
{#-
  The row filters of the Level 2 Constraint_Mode (rules_level2_base.py), as
  one condition: every check of LEVEL2_MODE_CHECKS. Prefer putting
  LEVEL2_MODE_CHECKS in a rule's all_checks([...]) so each shows by name.
  The pins of the same constraint are the columns of level2_mode_keys().
-#}
({% for condition in LEVEL2_MODE_CHECKS.values() %}{{ condition }}{{ ' AND ' if not loop.last }}{% endfor %})
{%- endmacro %}

{# Constraint_Mode's row filters by name (for all_checks). #}
{% set LEVEL2_MODE_CHECKS = {
    'has an INSTRUME, a DETECTOR and a FILTER or BAND':
        'instrume IS NOT NULL AND detector IS NOT NULL AND coalesce(filter, band) IS NOT NULL',
    'DETECTOR is not nirspec': "NOT coalesce(detector = 'nirspec', false)",
    'FILTER is not opaque': "NOT coalesce(filter = 'opaque', false)",
    'not a NIRCam nrcblong TS-grism exposure': "NOT coalesce(detector = 'nrcblong' AND exp_type = 'nrc_tsgrism', false)",
    'not a WFS&C visit': "NOT coalesce(regexp_full_match(visitype, '.+wfsc.+'), false)",
} %}
