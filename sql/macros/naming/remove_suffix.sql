{% macro remove_suffix(name) %}
{#-
  Drop one trailing known suffix ("_<suffix>" or "-<suffix>", KNOWN_SUFFIXES),
  keeping the shortest root, as jwst.lib.suffix.remove_suffix does.
  Arguments:
    name: SQL expression of a name without extension
-#}
regexp_extract({{ name }}, {{ ('^(.+?)(?:[_-](?:' ~ KNOWN_SUFFIXES | join('|') ~ '))?$') | sqlstr }}, 1)
{%- endmacro %}
