{% macro level3_science_target_ok() %}
{#-
  Row filter of the science-only target pin (level3_science_target_key()):
  a row of base exptype science needs a TARGETID; other rows pass.

  Arguments: none (reads exptype_base and targetid of items())
-#}
(coalesce(exptype_base <> 'science', true) OR targetid IS NOT NULL)
{%- endmacro %}
