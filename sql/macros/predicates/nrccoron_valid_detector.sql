{% macro nrccoron_valid_detector() %}
{#-
  nrccoron_valid_detector (dms_base.py): the NIRCam coronagraphic mask and
  detector combination is calibrated. DETECTOR, SUBARRAY and PUPIL must be
  present; in full frame the bar mask (maskbar) occults the target only on
  nrca4 and the round masks (maskrnd) only on nrca2.
  Arguments: none (reads the item columns).
-#}
(detector IS NOT NULL AND subarray IS NOT NULL AND pupil IS NOT NULL
 AND NOT (subarray = 'full'
          AND ((pupil = 'maskbar' AND detector IN ('nrca1', 'nrca2', 'nrca3'))
               OR (pupil = 'maskrnd' AND detector IN ('nrca1', 'nrca3', 'nrca4')))))
{%- endmacro %}
