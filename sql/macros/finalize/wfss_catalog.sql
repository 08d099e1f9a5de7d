{% macro wfss_catalog(relation, into, direct_choice='expspcin', subarray_column=none, family=false) %}
{#-
  WFSS finalization (AsnMixin_Lv2WFSS.add_catalog_members,
  rules_level2_base.py): a grism association keeps its science and
  background members, loses its direct images and gets, instead, the
  products of the Level 3 imaging of one of them: <name>_i2d.fits
  (direct_image), <name>_cat.ecsv (sourcecat) and <name>_segm.fits
  (segmap), written with expname and exptype only. An association without
  a direct image is dropped.

  The chosen direct image (in member order):
  - 'expspcin': the one whose EXPSPCIN is the smallest one above the
    science's (by less than 9999); else, or when the science has no
    EXPSPCIN, the first one;
  - 'long': the first one whose name contains 'long' (NIRCam long
    wavelength), else the first one.
  <name> is the default Level 3 product name built on this association:
  jw<program>-<candidate>_t<target>_<instrument>_<optical element>[-<subarray>],
  lower-cased; target 000 in direct_image candidates. The optical element
  comes from the chosen direct image: for MIRI its FILTER text as written
  in the pool (even 'null'), otherwise FILTER-or-BAND and PUPIL-or-GRATING
  sorted and joined with '-' ('clear' when none). (The reference stops with
  an error on a non-MIRI direct image without PUPIL and GRATING.)
  The association keeps the degraded status of all the members it had
  (degraded_override), as the reference computed it before.

  Arguments:
    relation: CTE with the rule output contract columns, _row included;
      direct images have exptype 'direct_image'
    into: name of the CTE this macro defines with the finalized members
    direct_choice: 'expspcin' or 'long', as above
    subarray_column: item column the rule pins as subarray (named unless
      'full'), or none
    family: the rows of several rules (a rule family: a `rule` column, which
      the associations are then also keyed by); subarray_column may be a
      mapping rule -> column (per_rule)
-#}
{% set association = (['rule'] if family else []) + ['run_id', 'asn_key'] %}
_wc_members AS (
    SELECT g.*,
           i.acid_id AS _wc_acid_id, i.instrume AS _wc_instrume, i.raw_filename AS _wc_filename,
           i.raw_filter AS _wc_raw_filter,
           coalesce(i.filter, i.band) AS _wc_opt_elem, coalesce(i.pupil, i.grating) AS _wc_opt_elem2,
           {%+ call(column) per_rule(subarray_column, 'g.rule', none) %}{{ 'i.' ~ column if column else 'NULL::VARCHAR' }}{% endcall %} AS _wc_subarray,
           CASE WHEN {{ is_direct_image_candidate() }} THEN '000' ELSE i.targetid END AS _wc_target,
           parse_int(i.expspcin) AS _wc_expspcin,
           bool_or(valid_value(g.exposerr) IS NOT NULL) OVER (PARTITION BY g.{{ association | join(', g.') }}) AS _wc_degraded
    FROM {{ relation }} g
    LEFT JOIN {{ items() }} i ON i.run_id = g.run_id AND i._row = g._row
),
_wc_assoc AS (
    -- associations with a science member and direct images: the pins of the name
    SELECT {{ association | join(', ') }},
           arg_min(_wc_target, member_order) FILTER (WHERE exptype = 'science') AS target_pin,
           arg_min(_wc_instrume, member_order) FILTER (WHERE exptype = 'science') AS instrument_pin,
           arg_min(_wc_subarray, member_order) FILTER (WHERE exptype = 'science') AS subarray_pin,
           -- the first science member's EXPSPCIN (NULL when absent or not an integer)
           arg_min(_wc_expspcin, member_order) FILTER (WHERE exptype = 'science') AS science_expspcin
    FROM _wc_members
    GROUP BY {{ association | join(', ') }}
    HAVING bool_or(exptype = 'science') AND bool_or(exptype = 'direct_image')
),
_wc_chosen AS (
    -- the direct image whose Level 3 products the grism exposure uses
    SELECT d.{{ association | join(', d.') }},
{% if direct_choice == 'expspcin' %}
           coalesce(
               arg_min(d._row, [d._wc_expspcin - a.science_expspcin, d.member_order])
                   FILTER (WHERE d._wc_expspcin - a.science_expspcin BETWEEN 1 AND 9998),
               arg_min(d._row, d.member_order)) AS direct_row
{% elif direct_choice == 'long' %}
           -- 'long' in the member name; renaming _uncal to _rate cannot add or remove it
           coalesce(arg_min(d._row, d.member_order) FILTER (WHERE contains(d._wc_filename, 'long')),
                    arg_min(d._row, d.member_order)) AS direct_row
{% else %}
{{ raise_error('wfss_catalog: unknown direct_choice ' ~ direct_choice) }}
{% endif %}
    FROM _wc_members d
    JOIN _wc_assoc a USING ({{ association | join(', ') }})
    WHERE d.exptype = 'direct_image'
    GROUP BY d.{{ association | join(', d.') }}
),
_wc_named AS (
    SELECT a.{{ association | join(', a.') }},
           lower('jw' || d.program || '-' || d._wc_acid_id
                 || '_t' || pad_left(coalesce(regex_escape(a.target_pin), ''), 3, '0')
                 || '_' || regex_escape(a.instrument_pin)
                 || '_' || CASE
                        WHEN coalesce(d._wc_instrume = 'miri', false)
                            THEN coalesce(nullif(d._wc_raw_filter, ''), 'clear')
                        ELSE coalesce(nullif(array_to_string(list_sort(list_filter(
                                 [d._wc_opt_elem, d._wc_opt_elem2], lambda v: v IS NOT NULL AND v <> '')), '-'),
                             ''), 'clear')
                        END
                 || CASE WHEN a.subarray_pin IS NULL OR a.subarray_pin = 'full' THEN ''
                         ELSE '-' || regex_escape(a.subarray_pin) END) AS direct_name,
           d.created_at, d.product_name, d.target, d.program, d.constraints, d.is_valid, d._wc_degraded
    FROM _wc_assoc a
    JOIN _wc_chosen c USING ({{ association | join(', ') }})
    JOIN _wc_members d ON {% for key in association %}d.{{ key }} = c.{{ key }} AND {% endfor %}d._row = c.direct_row
),
{{ into }} AS (
    SELECT m.* EXCLUDE (_wc_acid_id, _wc_instrume, _wc_filename, _wc_raw_filter, _wc_opt_elem,
                        _wc_opt_elem2, _wc_subarray, _wc_target, _wc_expspcin, _wc_degraded),
           m._wc_degraded AS degraded_override
    FROM _wc_members m
    SEMI JOIN _wc_named n USING ({{ association | join(', ') }})
    WHERE m.exptype <> 'direct_image'
    UNION ALL BY NAME
    SELECT n.{{ association | join(', n.') }}, n.created_at, n.product_name, n.target, n.program, n.constraints, n.is_valid,
           3 * 10000000000 + c.k AS member_order,
           NULL::BIGINT AS _row,
           n.direct_name || c.suffix AS expname,
           c.exptype,
           n._wc_degraded AS degraded_override
    FROM _wc_named n,
         (VALUES (1, '_i2d.fits', 'direct_image'), (2, '_cat.ecsv', 'sourcecat'),
                 (3, '_segm.fits', 'segmap')) AS c(k, suffix, exptype)
)
{%- endmacro %}
