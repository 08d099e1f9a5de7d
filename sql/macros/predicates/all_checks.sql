{% macro all_checks(checks, stage='selection') %}
{#-
  A rule's row selection as named conditions: renders them AND-ed for a
  WHERE clause, and records them (name -> SQL) so that `asnsql explain` can
  evaluate each one per exposure and say which failed. Use it for every
  "which exposures" filter of a rule; the names are what users read.
  Arguments:
    checks: dict of readable condition name -> SQL boolean expression over items()
    stage: which selection this is when a rule has several (e.g. 'science', 'attach')
-#}
{{ record_checks(checks, stage) }}{% for name, condition in checks.items() %}({{ condition }}){{ '\n      AND ' if not loop.last }}{% endfor %}
{%- endmacro %}
