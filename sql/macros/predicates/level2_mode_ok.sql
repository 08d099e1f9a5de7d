{% macro level2_mode_ok() %}
{#-
  The row filters of the Level 2 Constraint_Mode (rules_level2_base.py):
  INSTRUME, DETECTOR and FILTER-or-BAND present; not DETECTOR = nirspec,
  not FILTER = opaque, not a NIRCam nrcblong TS-grism exposure, not a WFS&C visit.
  The pins of the same constraint are the columns of level2_mode_keys().
-#}
(instrume IS NOT NULL AND detector IS NOT NULL AND coalesce(filter, band) IS NOT NULL
 AND NOT coalesce(detector = 'nirspec', false)
 AND NOT coalesce(filter = 'opaque', false)
 AND NOT coalesce(detector = 'nrcblong' AND exp_type = 'nrc_tsgrism', false)
 AND NOT {{ is_wfsc_visit() }})
{%- endmacro %}
