{#
  NIRSpec optical paths that can put light on a detector (dms_base.py,
  jwst 3.0.0), as data, and the two row predicates that read them.
  Shared by the Level 3 fixed-slit/IFU rules and the Level 2b NIRSpec rules.
#}

{# (slit, grating, filter, detector) for fixed slits; slit 'a' = any slit but s200b1
   (NRS_FSS_VALID_OPTICAL_PATHS). #}
{% set NRS_FSS_VALID_OPTICAL_PATHS = [
    ('a', 'prism', 'clear', 'nrs1'),
    ('a', 'g395h', 'f290lp', 'nrs1'), ('a', 'g395h', 'f290lp', 'nrs2'),
    ('a', 'g235h', 'f170lp', 'nrs1'), ('a', 'g235h', 'f170lp', 'nrs2'),
    ('a', 'g140h', 'f100lp', 'nrs1'), ('a', 'g140h', 'f100lp', 'nrs2'),
    ('a', 'g140h', 'f070lp', 'nrs1'),
    ('a', 'g395m', 'f290lp', 'nrs1'),
    ('a', 'g235m', 'f170lp', 'nrs1'),
    ('a', 'g140m', 'f100lp', 'nrs1'),
    ('a', 'g140m', 'f070lp', 'nrs1'),
    ('s200b1', 'prism', 'clear', 'nrs2'),
    ('s200b1', 'g395h', 'f290lp', 'nrs2'),
    ('s200b1', 'g235h', 'f170lp', 'nrs2'),
    ('s200b1', 'g140h', 'f100lp', 'nrs2'),
    ('s200b1', 'g140h', 'f070lp', 'nrs1'), ('s200b1', 'g140h', 'f070lp', 'nrs2'),
    ('s200b1', 'g395m', 'f290lp', 'nrs2'),
    ('s200b1', 'g235m', 'f170lp', 'nrs2'),
    ('s200b1', 'g140m', 'f100lp', 'nrs2'),
    ('s200b1', 'g140m', 'f070lp', 'nrs1'), ('s200b1', 'g140m', 'f070lp', 'nrs2'),
] %}

{# (grating, filter, detector) for the IFU (NRS_IFU_VALID_OPTICAL_PATHS). #}
{% set NRS_IFU_VALID_OPTICAL_PATHS = [
    ('prism', 'clear', 'nrs1'),
    ('g140m', 'f070lp', 'nrs1'), ('g140m', 'f100lp', 'nrs1'),
    ('g235m', 'f170lp', 'nrs1'),
    ('g395m', 'f290lp', 'nrs1'),
    ('g140h', 'f070lp', 'nrs1'), ('g140h', 'f100lp', 'nrs1'), ('g140h', 'f100lp', 'nrs2'),
    ('g235h', 'f170lp', 'nrs1'), ('g235h', 'f170lp', 'nrs2'),
    ('g395h', 'f290lp', 'nrs1'), ('g395h', 'f290lp', 'nrs2'),
] %}

{% macro nrsfss_valid_detector() %}
{#-
  nrsfss_valid_detector (dms_base.py): the row's fixed slit, grating and
  filter can put light on its DETECTOR. Needs valid DETECTOR, FILTER,
  GRATING and FXD_SLIT (else false); every slit but s200b1 counts as 'a';
  true iff (slit, grating, filter, detector) is in NRS_FSS_VALID_OPTICAL_PATHS.
  Arguments: none (reads detector, filter, grating, fxd_slit of the row)
-#}
coalesce([CASE WHEN fxd_slit = 's200b1' THEN 's200b1' ELSE 'a' END, grating, filter, detector]
         IN {{ _path_lists(NRS_FSS_VALID_OPTICAL_PATHS) }}
         AND fxd_slit IS NOT NULL, false)
{%- endmacro %}

{% macro nrsifu_valid_detector() %}
{#-
  nrsifu_valid_detector (dms_base.py): true for any EXP_TYPE but nrs_ifu;
  an nrs_ifu row needs valid DETECTOR, FILTER and GRATING with
  (grating, filter, detector) in NRS_IFU_VALID_OPTICAL_PATHS.
  Arguments: none (reads exp_type, detector, filter, grating of the row)
-#}
(coalesce(exp_type <> 'nrs_ifu', false)
 OR coalesce([grating, filter, detector]
             IN {{ _path_lists(NRS_IFU_VALID_OPTICAL_PATHS) }}, false))
{%- endmacro %}

{% macro _path_lists(paths) -%}
{#- A table of paths as a parenthesised SQL list of text lists: (['a', 'prism', ...], ...). -#}
({% for path in paths %}[{% for value in path %}{{ value | sqlstr }}{{ ', ' if not loop.last }}{% endfor %}]{{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}
