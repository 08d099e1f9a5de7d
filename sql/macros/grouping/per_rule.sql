{% macro per_rule(value, rule_sql, default) -%}
{#-
  A rule argument that a rule family may give per rule: `caller(value)` for a
  plain value; for a mapping (rule name -> value, models/level3_family.sql) a
  CASE over `rule_sql` (the row's rule) with `caller(value)` for each rule that
  gave the argument, and `caller(default)` (the argument's default) for the others.
  Rules whose rendered value is the same share one branch, and rules whose value
  renders as the default's take the ELSE: a statement's planning grows with its
  text, and most of a family's rules give most arguments alike.
  Used as {% raw %}{% call(v) per_rule(describe, 'a.rule', []) %}...{{ v }}...{% endcall %}{% endraw %}.
-#}
{%- if value is mapping -%}
{%- set fallback = caller(default) -%}
{%- set branches = {} -%}
{%- for name, each in value | dictsort -%}
{%- set text = caller(each) -%}
{%- if text != fallback %}{% do branches.setdefault(text, []).append(name) %}{% endif -%}
{%- endfor -%}
{%- if branches -%}
CASE{% for text, names in branches.items() %} WHEN {{ rule_sql }} IN {{ names | sqllist }} THEN {{ text }}{% endfor %} ELSE {{ fallback }} END
{%- else -%}
{{ fallback }}
{%- endif -%}
{%- else -%}
{{ caller(value) }}
{%- endif -%}
{%- endmacro %}
