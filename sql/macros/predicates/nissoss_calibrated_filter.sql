{% macro nissoss_calibrated_filter() %}
{#-
  nissoss_calibrated_filter (dms_base.py): true for every EXP_TYPE but
  nis_soss; a nis_soss exposure needs a FILTER with a flux calibration
  (present and not one of NIS_SOSS_UNCALIBRATED_FILTERS).
  Arguments: none (reads the item columns).
-#}
(NOT coalesce(exp_type = 'nis_soss', false)
 OR coalesce(filter NOT IN {{ NIS_SOSS_UNCALIBRATED_FILTERS | sqllist }}, false))
{%- endmacro %}

{% set NIS_SOSS_UNCALIBRATED_FILTERS = ['f277w'] %}
