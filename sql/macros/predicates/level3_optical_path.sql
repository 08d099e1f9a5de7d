{% macro level3_optical_path_keys() %}
{#-
  Constraint_Optical_Path (rules_level3_base.py) as key columns:
  - opt_filter: FILTER, a NULL-tolerant pin;
  - opt_elem2: PUPIL, else GRATING, a NULL-tolerant pin;
  - fxd_slit_pin: a fixed slit other than S200A1/S200A2 (those join any
    association without pinning), a NULL-tolerant pin;
  - fxd_slit_s200: the S200A1/S200A2 slit of the row, recorded for the name.
  SUBARRAY is a required pin: rules list it among their keys.
-#}
filter AS opt_filter,
coalesce(pupil, grating) AS opt_elem2,
CASE WHEN {{ matches_regex('fxd_slit', ['s200a1', 's200a2']) }} THEN NULL ELSE fxd_slit END AS fxd_slit_pin,
CASE WHEN {{ matches_regex('fxd_slit', ['s200a1', 's200a2']) }} THEN fxd_slit END AS fxd_slit_s200
{%- endmacro %}

{# The optical-path pins by name, for level3_groups(optional_keys=...). #}
{% set LEVEL3_OPTICAL_OPTIONAL = ['opt_filter', 'opt_elem2', 'fxd_slit_pin'] %}
