{% macro level2_product_name(expname) %}
{#-
  Level 2 product name: the science member's name without extension (any
  folder part kept) and without one known suffix: jw..._rate.fits -> jw...
  Arguments:
    expname: SQL expression of the first science member's expname
-#}
{{ remove_suffix("regexp_replace(" ~ expname ~ ", '\\.[^./]*$', '')") }}
{%- endmacro %}
