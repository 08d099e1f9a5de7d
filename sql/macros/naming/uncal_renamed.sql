{% macro uncal_renamed(filename, new_suffix) %}
{#-
  <root>_uncal<.ext> renamed to <root>_<new_suffix><.ext> (the greedy root: the
  last "_uncal." followed by at least one character); a file name not of that
  form is returned unchanged.
  Nearly every pool names its files <root>_uncal.fits: then the root is the
  name without its last 11 characters (no "_uncal." can start later), and
  plain string functions rename it at a tenth of the regular expressions' cost
  (a line break, which `.` does not match, sends the name to them).
  Arguments:
    filename: SQL expression of the raw FILENAME
    new_suffix: SQL expression of the suffix replacing "uncal"
-#}
CASE
    WHEN suffix({{ filename }}, '_uncal.fits') AND length({{ filename }}) > 11
         AND NOT contains({{ filename }}, chr(10))
        THEN left({{ filename }}, length({{ filename }}) - 11) || '_' || {{ new_suffix }} || '.fits'
    WHEN NOT regexp_full_match({{ filename }}, '.+_uncal\..+') THEN {{ filename }}
    ELSE regexp_replace({{ filename }}, '^(.+)_uncal(\..+)$', '\1_' || {{ new_suffix }} || '\2')
END
{%- endmacro %}
