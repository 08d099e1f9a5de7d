{% macro nod_background_overlap(s, o) %}
{#-
  AsnMixin_Lv2Nod.nod_background_overlap (rules_level2_base.py): would the
  nod `o` overlap the science nod `s`, so that it cannot serve as its
  background? Read from the rows' raw texts (exposures raw_ columns):

  - only NIRSpec fixed slit and MSA nods can overlap (IFU: never);
  - different TARGETID texts overlap;
  - NUMDTHPT and PATT_NUM of s, PATT_NUM of o, and the subpixel count
    SUBPXPTS (else SUBPXPNS) of both must parse as integers (`null` does
    not), subpixel counts non-zero: otherwise fixed slit overlaps, MSA not;
  - the same primary position (PATT_NUM - 1) // subpixels overlaps;
  - MSA: nothing else overlaps; fixed slit S1600A1 in a 5-point primary
    pattern (NUMDTHPT // subpixels = 5) also overlaps the neighbouring
    primary positions.

  Arguments:
    s: alias of the science row (exposures columns, raw_ texts included)
    o: alias of the other nod's row
-#}
{% set s_sub = 'coalesce(parse_int(' ~ s ~ '.raw_subpxpts), parse_int(' ~ s ~ '.raw_subpxpns))' %}
{% set o_sub = 'coalesce(parse_int(' ~ o ~ '.raw_subpxpts), parse_int(' ~ o ~ '.raw_subpxpns))' %}
{% set s_primary = 'fdiv(parse_int(' ~ s ~ '.raw_patt_num) - 1, ' ~ s_sub ~ ')' %}
{% set o_primary = 'fdiv(parse_int(' ~ o ~ '.raw_patt_num) - 1, ' ~ o_sub ~ ')' %}
(CASE
    WHEN {{ s }}.raw_exp_type IS NULL OR {{ s }}.raw_exp_type NOT IN ('nrs_fixedslit', 'nrs_msaspec') THEN false
    WHEN {{ s }}.raw_targetid IS DISTINCT FROM {{ o }}.raw_targetid THEN true
    WHEN parse_int({{ s }}.raw_numdthpt) IS NULL OR parse_int({{ s }}.raw_patt_num) IS NULL
         OR parse_int({{ o }}.raw_patt_num) IS NULL
         OR {{ s_sub }} IS NULL OR {{ o_sub }} IS NULL OR {{ s_sub }} = 0 OR {{ o_sub }} = 0
        THEN {{ s }}.raw_exp_type = 'nrs_fixedslit'
    WHEN {{ s_primary }} = {{ o_primary }} THEN true
    WHEN {{ s }}.raw_exp_type = 'nrs_msaspec' THEN false
    ELSE coalesce({{ s }}.raw_fxd_slit = 's1600a1', false)
         AND fdiv(parse_int({{ s }}.raw_numdthpt), {{ s_sub }}) = 5
         AND abs({{ s_primary }} - {{ o_primary }}) <= 1
END)
{%- endmacro %}
