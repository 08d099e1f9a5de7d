{% macro nrccoron_valid_detector() %}
{#-
  nrccoron_valid_detector (dms_base.py): a NIRCam coronagraphic exposure on
  a detector that sees the target. Needs DETECTOR, SUBARRAY and PUPIL; in
  full frame, MASKBAR on nrca1/nrca2/nrca3 and MASKRND on nrca1/nrca3/nrca4
  are the detectors without the occulter.

  Arguments: none (reads detector, subarray, pupil of items())
-#}
(detector IS NOT NULL AND subarray IS NOT NULL AND pupil IS NOT NULL
 AND NOT (subarray = 'full'
          AND ((pupil = 'maskbar' AND detector IN ('nrca1', 'nrca2', 'nrca3'))
               OR (pupil = 'maskrnd' AND detector IN ('nrca1', 'nrca3', 'nrca4')))))
{%- endmacro %}
