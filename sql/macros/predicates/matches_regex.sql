{% macro matches_regex(expr, alternatives) %}
{#-
  The reference's regex test re.match('^' + 'A|B|C' + '$', value): because the
  anchors are not grouped, every alternative but the last is a prefix test and
  the last one is an exact test. NULL (no valid value) never matches.
  Arguments:
    expr: SQL expression of the value (lower-case text)
    alternatives: list of literal alternatives, in the reference's order
-#}
coalesce(({% for alt in alternatives %}{% if not loop.last %}starts_with({{ expr }}, {{ alt | sqlstr }}) OR {% else %}{{ expr }} = {{ alt | sqlstr }}{% endif %}{% endfor %}), false)
{%- endmacro %}
