{% macro level3_science_target_key() %}
{#-
  The target pin of the coronagraphy and AMI rules (rules_level3.py: a
  `target` constraint on TARGETID with onlyif exptype == 'science') as a
  key column: TARGETID for rows whose base exptype is science, NULL for the
  rest (psf, background, ...), which skip the target test and join any
  association of the same path. Unlike Constraint_Target there is no
  direct-image branch. The row filter is level3_science_target_ok().

  Arguments: none (reads exptype_base and targetid of items())
-#}
CASE WHEN exptype_base = 'science' THEN targetid END
{%- endmacro %}
