{% macro level3_auxdata_exptype() %}
{#-
  Member exptype of the Level 3 auxiliary-data rules (AsnMixin_AuxData:
  ImageBackground, MIRMRSBackground, NRSIFUBackground, SpecAux): target
  acquisitions stay `target_acquisition`, every other exposure (background
  targets included) is processed as `science`.
  Arguments: none (reads exptype_base of the row)
-#}
CASE WHEN exptype_base = 'target_acquisition' THEN 'target_acquisition' ELSE 'science' END
{%- endmacro %}
