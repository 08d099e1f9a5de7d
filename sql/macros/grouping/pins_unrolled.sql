{% macro pins_compatible_unrolled(pins, sig, n) -%}
{#- pins_compatible() unrolled over the n pin positions (no lambda: faster); `sig` is
    a list expression, or a list of one SQL expression per position -#}
{% set at = namespace(items=[]) %}
{% for i in range(1, n + 1) %}
{% set value = sig[i - 1] ~ '::VARCHAR' if sig is sequence and sig is not string else sig ~ '[' ~ i ~ ']' %}
{% set at.items = at.items + ['(' ~ pins ~ '[' ~ i ~ '] IS NULL OR ' ~ value ~ ' IS NULL OR ' ~ pins ~ '[' ~ i ~ '] = ' ~ value ~ ')'] %}
{% endfor %}
({{ at.items | join(' AND ') }})
{%- endmacro %}

{% macro pins_merge_unrolled(pins, sig, n) -%}
{#- pins_merge() unrolled over the n pin positions -#}
[{% for i in range(1, n + 1) %}coalesce({{ pins }}[{{ i }}], {{ sig }}[{{ i }}]){{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[]
{%- endmacro %}
