{# (slit, grating, filter, detector) joined with '/'; slit 'a' = any slit but s200b1. #}
{% set NRS_FSS_VALID_OPTICAL_PATHS = [
    'a/prism/clear/nrs1',
    'a/g395h/f290lp/nrs1', 'a/g395h/f290lp/nrs2',
    'a/g235h/f170lp/nrs1', 'a/g235h/f170lp/nrs2',
    'a/g140h/f100lp/nrs1', 'a/g140h/f100lp/nrs2',
    'a/g140h/f070lp/nrs1',
    'a/g395m/f290lp/nrs1',
    'a/g235m/f170lp/nrs1',
    'a/g140m/f100lp/nrs1',
    'a/g140m/f070lp/nrs1',
    's200b1/prism/clear/nrs2',
    's200b1/g395h/f290lp/nrs2',
    's200b1/g235h/f170lp/nrs2',
    's200b1/g140h/f100lp/nrs2',
    's200b1/g140h/f070lp/nrs1', 's200b1/g140h/f070lp/nrs2',
    's200b1/g395m/f290lp/nrs2',
    's200b1/g235m/f170lp/nrs2',
    's200b1/g140m/f100lp/nrs2',
    's200b1/g140m/f070lp/nrs1', 's200b1/g140m/f070lp/nrs2'] %}

{% macro nrsfss_valid_detector() %}
{#-
  nrsfss_valid_detector (dms_base.py): the exposure's fixed slit, grating,
  filter and detector form a NIRSpec fixed-slit optical path that puts light
  on that detector (NRS_FSS_VALID_OPTICAL_PATHS). Every slit but S200B1
  counts as the generic slit 'a'. False when any of the four is missing.

  Arguments: none (reads fxd_slit, grating, filter, detector of items())
-#}
(fxd_slit IS NOT NULL
 AND coalesce((CASE WHEN fxd_slit = 's200b1' THEN 's200b1' ELSE 'a' END
               || '/' || grating || '/' || filter || '/' || detector)
              IN {{ NRS_FSS_VALID_OPTICAL_PATHS | sqllist }}, false))
{%- endmacro %}

