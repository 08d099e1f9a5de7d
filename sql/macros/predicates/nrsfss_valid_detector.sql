{% macro nrsfss_valid_detector() %}
{#-
  nrsfss_valid_detector (dms_base.py): the NIRSpec fixed-slit optical path
  can put light on the detector. DETECTOR, FILTER, GRATING and FXD_SLIT must
  all be present; every slit but S200B1 counts as slit 'a'; the
  (slit, grating, filter, detector) combination must be one of
  NRS_FSS_VALID_OPTICAL_PATHS.
  Arguments: none (reads the item columns).
-#}
coalesce((CASE WHEN fxd_slit = 's200b1' THEN 's200b1' ELSE 'a' END)
         || ' ' || grating || ' ' || filter || ' ' || detector
         IN {{ NRS_FSS_VALID_OPTICAL_PATHS | sqllist }}, false)
{%- endmacro %}

{# (slit, grating, filter, detector), space-separated; slit 'a' is any slit but S200B1. #}
{% set NRS_FSS_VALID_OPTICAL_PATHS = [
    'a prism clear nrs1',
    'a g395h f290lp nrs1', 'a g395h f290lp nrs2',
    'a g235h f170lp nrs1', 'a g235h f170lp nrs2',
    'a g140h f100lp nrs1', 'a g140h f100lp nrs2',
    'a g140h f070lp nrs1',
    'a g395m f290lp nrs1',
    'a g235m f170lp nrs1',
    'a g140m f100lp nrs1',
    'a g140m f070lp nrs1',
    's200b1 prism clear nrs2',
    's200b1 g395h f290lp nrs2',
    's200b1 g235h f170lp nrs2',
    's200b1 g140h f100lp nrs2',
    's200b1 g140h f070lp nrs1', 's200b1 g140h f070lp nrs2',
    's200b1 g395m f290lp nrs2',
    's200b1 g235m f170lp nrs2',
    's200b1 g140m f100lp nrs2',
    's200b1 g140m f070lp nrs1', 's200b1 g140m f070lp nrs2'] %}
