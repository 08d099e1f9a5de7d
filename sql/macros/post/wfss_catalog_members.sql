{% macro wfss_catalog_members(members, direct_choice='expspcin', subarray_column=none) %}
{#-
  WFSS finalization (AsnMixin_Lv2WFSS.add_catalog_members): a grism
  association keeps its science and background members, loses its direct
  images and gets, instead, the products of the Level 3 imaging of one of
  them: <name>_i2d.fits (direct_image), <name>_cat.ecsv (sourcecat) and
  <name>_segm.fits (segmap). An association without a direct image is
  dropped. Emits the CTEs `wfss_members` (`members` of the associations kept,
  plus the column `written`: false for the direct images, which no longer
  appear but were members when the association's TSOVISIT pin, target and
  program were set) and `wfss_catalogs` (the derived members: run_id,
  science_row, member_order, expname, exptype).

  The chosen direct image (in member order):
  - 'expspcin': the one whose EXPSPCIN is the smallest one above the
    science's (by less than 9999); else, or when the science has no
    EXPSPCIN, the first one;
  - 'long': the first one whose name contains 'long' (NIRCam long
    wavelength), else the first one.
  <name> is the default Level 3 product name built on this association:
  jw<program>-<candidate>_t<target>_<instrument>_<optical element>[-<subarray>],
  lower-cased. The optical element comes from the chosen direct image: for
  MIRI its FILTER text as written in the pool (even 'null'), otherwise
  FILTER-or-BAND and PUPIL-or-GRATING sorted and joined with '-' ('clear'
  when none).

  Arguments:
    members: CTE with run_id, science_row, created_at, _row, exptype
      (direct images typed 'direct_image')
    direct_choice: 'expspcin' or 'long', as above
    subarray_column: item column pinned as subarray (its value is named
      unless 'full'), or none
-#}
wfss_ordered AS (
    SELECT m.run_id, m.science_row, m._row, m.exptype,
           {{ level2_member_order('m._row', 'm.created_at') }} AS member_order,
           i.acid_id, i.program, i.instrume, i.raw_filename, i.raw_filter,
           i.filter, i.band, i.pupil, i.grating,
           {{ 'i.' ~ subarray_column if subarray_column else 'NULL::VARCHAR' }} AS subarray_pin,
           {{ level2_target_key() }} AS target_key,
           parse_int(i.expspcin) AS expspcin_int
    FROM {{ members }} m
    JOIN {{ items() }} i ON i.run_id = m.run_id AND i._row = m._row
),
wfss_assoc AS (
    SELECT run_id, science_row,
           any_value(acid_id) AS acid_id,
           arg_min(program, member_order) AS first_program,
           arg_min(target_key, member_order) FILTER (WHERE exptype = 'science') AS target_key,
           arg_min(instrume, member_order) FILTER (WHERE exptype = 'science') AS instrume,
           arg_min(subarray_pin, member_order) FILTER (WHERE exptype = 'science') AS subarray_pin,
           -- the first science member's EXPSPCIN (NULL when absent or not an integer)
           arg_min(expspcin_int, member_order) FILTER (WHERE exptype = 'science') AS science_expspcin
    FROM wfss_ordered
    GROUP BY run_id, science_row
    HAVING bool_or(exptype = 'science') AND bool_or(exptype = 'direct_image')
),
wfss_direct AS (
    -- the direct image whose Level 3 products the grism exposure uses
    SELECT a.*, d._row AS direct_row
    FROM wfss_assoc a
    JOIN (
        SELECT o.run_id, o.science_row,
{% if direct_choice == 'expspcin' %}
               coalesce(
                   arg_min(o._row, [o.expspcin_int - a.science_expspcin, o.member_order])
                       FILTER (WHERE o.expspcin_int - a.science_expspcin BETWEEN 1 AND 9998),
                   arg_min(o._row, o.member_order)) AS _row
{% elif direct_choice == 'long' %}
               -- 'long' in the member name; renaming _uncal to _rate cannot add or remove it
               coalesce(arg_min(o._row, o.member_order) FILTER (WHERE contains(o.raw_filename, 'long')),
                        arg_min(o._row, o.member_order)) AS _row
{% else %}
{{ raise_error('wfss_catalog_members: unknown direct_choice ' ~ direct_choice) }}
{% endif %}
        FROM wfss_ordered o
        JOIN wfss_assoc a USING (run_id, science_row)
        WHERE o.exptype = 'direct_image'
        GROUP BY o.run_id, o.science_row
    ) d USING (run_id, science_row)
),
wfss_direct_named AS (
    SELECT w.run_id, w.science_row,
           lower('jw' || pad_left(w.first_program, 5, '0') || '-' || w.acid_id
                 || '_t' || pad_left(coalesce(regex_escape(w.target_key), ''), 3, '0')
                 || '_' || regex_escape(w.instrume)
                 || '_' || CASE
                        WHEN coalesce(d.instrume = 'miri', false)
                            THEN coalesce(nullif(d.raw_filter, ''), 'clear')
                        ELSE coalesce(nullif(array_to_string(list_sort(list_filter(
                                 [coalesce(d.filter, d.band), coalesce(d.pupil, d.grating)],
                                 lambda v: v IS NOT NULL AND v <> '')), '-'), ''), 'clear')
                        END
                 || CASE WHEN w.subarray_pin IS NULL OR w.subarray_pin = 'full' THEN ''
                         ELSE '-' || regex_escape(w.subarray_pin) END) AS direct_name
    FROM wfss_direct w
    JOIN wfss_ordered d ON d.run_id = w.run_id AND d.science_row = w.science_row AND d._row = w.direct_row
),
wfss_catalogs AS (
    SELECT n.run_id, n.science_row,
           3 * 10000000000 + c.k AS member_order,
           n.direct_name || c.suffix AS expname,
           c.exptype
    FROM wfss_direct_named n,
         (VALUES (1, '_i2d.fits', 'direct_image'), (2, '_cat.ecsv', 'sourcecat'),
                 (3, '_segm.fits', 'segmap')) AS c(k, suffix, exptype)
),
wfss_members AS (
    SELECT m.*, m.exptype <> 'direct_image' AS written
    FROM {{ members }} m
    SEMI JOIN wfss_assoc a USING (run_id, science_row)
)
{%- endmacro %}
