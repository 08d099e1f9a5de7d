{#
  NIRSpec optical paths that put light on a detector (dms_base.py,
  NRS_FSS_VALID_OPTICAL_PATHS, NRS_IFU_VALID_OPTICAL_PATHS,
  NRS_FSS_VALID_LAMP_OPTICAL_PATHS), and the three validity predicates that
  read them. Values are the rows' valid values (lower-case text).
#}

{# Fixed slit science (slit, grating, filter, detector); slit 'a' = any slit but s200b1. #}
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
    ('s200b1', 'g140m', 'f070lp', 'nrs1'), ('s200b1', 'g140m', 'f070lp', 'nrs2')] %}

{# IFU science (grating, filter, detector). #}
{% set NRS_IFU_VALID_OPTICAL_PATHS = [
    ('prism', 'clear', 'nrs1'),
    ('g140m', 'f070lp', 'nrs1'), ('g140m', 'f100lp', 'nrs1'),
    ('g235m', 'f170lp', 'nrs1'), ('g395m', 'f290lp', 'nrs1'),
    ('g140h', 'f070lp', 'nrs1'), ('g140h', 'f100lp', 'nrs1'), ('g140h', 'f100lp', 'nrs2'),
    ('g235h', 'f170lp', 'nrs1'), ('g235h', 'f170lp', 'nrs2'),
    ('g395h', 'f290lp', 'nrs1'), ('g395h', 'f290lp', 'nrs2')] %}

{# Fixed-slit lamp exposures (grating, lamp); every pair is valid on nrs1 and nrs2. #}
{% set NRS_FSS_VALID_LAMP_PATHS = [
    ('prism', 'line4'), ('prism', 'flat5'), ('prism', 'test'),
    ('g395h', 'flat3'), ('g395h', 'line3'),
    ('g235h', 'flat2'), ('g235h', 'line2'),
    ('g140h', 'flat1'), ('g140h', 'ref'), ('g140h', 'line1'), ('g140h', 'flat4'),
    ('g395m', 'flat3'), ('g395m', 'line3'),
    ('g235m', 'flat2'), ('g235m', 'line2'),
    ('g140m', 'flat1'), ('g140m', 'line1'), ('g140m', 'flat4')] %}

{% macro _sql_tuples(tuples) -%}
({% for t in tuples %}{{ t | sqllist }}{{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}

{% macro nrsfss_valid_detector() %}
{#-
  nrsfss_valid_detector (dms_base.py): DETECTOR, FILTER, GRATING and
  FXD_SLIT all have a valid value, and (slit, grating, filter, detector) is
  a fixed-slit path that reaches the detector, every slit but s200b1 counting
  as the A slits.
  Arguments: none (reads the row's detector, filter, grating, fxd_slit).
-#}
coalesce(detector IS NOT NULL AND filter IS NOT NULL AND grating IS NOT NULL AND fxd_slit IS NOT NULL
         AND (CASE WHEN fxd_slit = 's200b1' THEN 's200b1' ELSE 'a' END, grating, filter, detector)
             IN {{ _sql_tuples(NRS_FSS_VALID_OPTICAL_PATHS) }}, false)
{%- endmacro %}

{% macro nrsifu_valid_detector() %}
{#-
  nrsifu_valid_detector (dms_base.py): true for any EXP_TYPE but nrs_ifu;
  an nrs_ifu row needs DETECTOR, FILTER and GRATING with (grating, filter,
  detector) an IFU path that reaches the detector.
  Arguments: none (reads the row's exp_type, detector, filter, grating).
-#}
(exp_type IS DISTINCT FROM 'nrs_ifu'
 OR coalesce(detector IS NOT NULL AND filter IS NOT NULL AND grating IS NOT NULL
             AND (grating, filter, detector) IN {{ _sql_tuples(NRS_IFU_VALID_OPTICAL_PATHS) }}, false))
{%- endmacro %}

{% macro nrslamp_valid_detector() %}
{#-
  nrslamp_valid_detector (dms_base.py): a lamp exposure lights the detector.
  Needs DETECTOR, GRATING and OPMODE. opmode msaspec: always; ifu (LAMP
  needed): g395h/g235h on both detectors, g395m/g235m/g140m and prism on
  nrs1 only, g140h on both unless nrs2 with lamp flat4; fixedslit (LAMP
  needed): (grating, lamp) a fixed-slit lamp path; any other opmode: never.
  Arguments: none (reads the row's detector, grating, opmode, lamp).
-#}
coalesce(detector IS NOT NULL AND grating IS NOT NULL AND opmode IS NOT NULL AND CASE
    WHEN opmode = 'msaspec' THEN true
    WHEN opmode = 'ifu' THEN lamp IS NOT NULL AND (
        grating IN ('g395h', 'g235h')
        OR (grating IN ('g395m', 'g235m', 'g140m', 'prism') AND detector = 'nrs1')
        OR (grating = 'g140h' AND NOT (detector = 'nrs2' AND lamp = 'flat4')))
    WHEN opmode = 'fixedslit' THEN lamp IS NOT NULL AND detector IN ('nrs1', 'nrs2')
        AND (grating, lamp) IN {{ _sql_tuples(NRS_FSS_VALID_LAMP_PATHS) }}
    ELSE false
END, false)
{%- endmacro %}
