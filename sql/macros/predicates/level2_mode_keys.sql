{% macro level2_mode_keys() %}
{#-
  The pins of the Level 2 Constraint_Mode as key columns: instrume, detector
  and opt_elem (FILTER, else BAND) are required; opt_elem2 (PUPIL, else
  GRATING), fxd_slit, subarray and channel are optional (NULL-tolerant).
  Multi-source keys are tagged with the column that supplied them, as the
  reference compares later rows on that column only.
-#}
instrume,
detector,
CASE WHEN filter IS NOT NULL THEN 'filter:' || filter ELSE 'band:' || band END AS opt_elem,
CASE WHEN pupil IS NOT NULL THEN 'pupil:' || pupil WHEN grating IS NOT NULL THEN 'grating:' || grating END AS opt_elem2,
fxd_slit,
subarray,
channel
{%- endmacro %}

{# The same pins by name, for per_science_row(keys=..., optional_keys=...). #}
{% set LEVEL2_MODE_REQUIRED = ['instrume', 'detector', 'opt_elem'] %}
{% set LEVEL2_MODE_OPTIONAL = ['opt_elem2', 'fxd_slit', 'subarray', 'channel'] %}
