{% macro per_rule(value, rule_sql, default) -%}
{#-
  A rule argument that a rule family may give per rule: `caller(value)` for a
  plain value; for a mapping (rule name -> value, models/level3_family.sql) a
  CASE over `rule_sql` (the row's rule) with `caller(value)` for each rule that
  gave the argument, and `caller(default)` (the argument's default) for the others.
  Used as {% raw %}{% call(v) per_rule(describe, 'a.rule', []) %}...{{ v }}...{% endcall %}{% endraw %}.
-#}
{%- if value is mapping -%}
CASE {{ rule_sql }}{% for name, each in value | dictsort %} WHEN {{ name | sqlstr }} THEN {{ caller(each) }}{% endfor %} ELSE {{ caller(default) }} END
{%- else -%}
{{ caller(value) }}
{%- endif -%}
{%- endmacro %}
