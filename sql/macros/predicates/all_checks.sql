{% macro all_checks(checks, stage='selection') %}
{#-
  A rule's row selection as named conditions: renders them AND-ed for a
  WHERE clause, and records them (name -> SQL) so that `asnsql explain` can
  evaluate each one per exposure and say which failed. Use it for every
  "which exposures" filter of a rule; the names are what users read.
  Arguments:
    checks: dict of readable condition name -> SQL boolean expression over
      items(), or a list of such dicts (shared check sets such as
      LEVEL2_MODE_CHECKS first, then the rule's own)
    stage: which selection this is when a rule has several (e.g. 'science', 'attach')
-#}
{% set merged = {} %}
{% for part in (checks if checks is sequence and checks is not mapping else [checks]) %}
{% do merged.update(part) %}
{% endfor %}
{{ record_checks(merged, stage) }}{% for name, condition in merged.items() %}({{ condition }}){{ '\n      AND ' if not loop.last }}{% endfor %}
{%- endmacro %}
