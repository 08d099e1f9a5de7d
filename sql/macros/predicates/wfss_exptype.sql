{% macro wfss_exptype() %}
{#-
  Member exptype in the Level 2 WFSS rules (AsnMixin_Lv2WFSS.get_exposure_type):
  the Level 2 view, except that a science exposure whose EXP_TYPE is
  nis_image, nrc_image or mir_image is a `direct_image`.
  Arguments: none (reads the item columns).
-#}
CASE WHEN exptype_level2 = 'science' AND exp_type IN ('nis_image', 'nrc_image', 'mir_image')
     THEN 'direct_image' ELSE exptype_level2 END
{%- endmacro %}
