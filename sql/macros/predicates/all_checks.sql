{% macro all_checks(checks, stage='selection', starts=true) %}
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
    starts: false only where the macro that reads the selection guarantees that its
      rows never start an association, even an invalid one, and only join those the
      rule's other selections start (level3_target_acquisitions): such a selection
      opens no rule gate (models/rule_gates.sql). tests/test_rule_gates.py runs every
      rule whose gate is closed and checks that it emits nothing
-#}
{% set merged = {} %}
{% for part in (checks if checks is sequence and checks is not mapping else [checks]) %}
{% do merged.update(part) %}
{% endfor %}
{{ record_checks(merged, stage, starts) }}{% for name, condition in merged.items() %}({{ condition }}){{ '\n      AND ' if not loop.last }}{% endfor %}
{%- endmacro %}
