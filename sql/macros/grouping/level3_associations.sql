{% macro level3_associations(members, exptype='exptype_base', name_variant='default',
                             opt_elem_columns=[], slit_column=none, slit2_column=none,
                             subarray_column=none, target_column='pin_target',
                             coron_integrations=true, extra_validity='true',
                             describe=[]) %}
{#-
  Turn Level 3 membership rows into the rule output contract.

  Adds the target acquisitions (AsnMixin_Science): a target-acquisition
  exposure of the run joins every association with the same program and
  instrument whose science members include one with the same OBS_NUM; it
  cannot start one. Then applies the Level 3 facts (DMS_Level3_Base):
  member names _cal/_calints/_x1d/_rate, product name from the pins,
  target tNNN, validity (a science member, the multi-observation check for
  group/background/mosaic candidates, and the rule's extra checks).

  Arguments:
    members: CTE with run_id, asn_key, created_at, _row, program, instrume,
      obs_num and the pin columns named below
    exptype: SQL expression of the member exptype (the rule's Level 3 view)
    name_variant: product name format (see level3_product_name)
    opt_elem_columns: pin columns whose values form the optical element
    slit_column: pinned fixed slit column; slit2_column: per-row S200A1/S200A2 slit
    subarray_column: pinned subarray column
    target_column: pinned target column (NULL -> t000)
    coron_integrations: false when the rule turns the coronagraph test off
    extra_validity: SQL over l3_assoc columns (has_psf, n_members, acid_type, ...)
    describe: columns of the first member shown in the constraints text
-#}
l3_science AS (
    SELECT m.*, {{ exptype }} AS member_exptype
    FROM {{ members }} m
),
l3_assoc AS (
    SELECT s.run_id, s.asn_key,
           any_value(s.acid_id) AS acid_id,
           any_value(s.acid_type) AS acid_type,
           arg_min(s.program, s._row) AS first_program,
           any_value(s.instrume) AS instrume,
           count(DISTINCT s.obs_num) AS n_obs,
           bool_or(s.member_exptype = 'science') AS has_science,
           bool_or(s.member_exptype = 'psf') AS has_psf,
           count(*) AS n_science_path,
{% for column in opt_elem_columns %}
           any_value(s.{{ column }}) AS opt_elem_{{ loop.index }},
{% endfor %}
           {{ 'any_value(s.' ~ slit_column ~ ')' if slit_column else 'NULL::VARCHAR' }} AS slit_pin,
           {{ 'list_sort(list_distinct(list(regex_escape(s.' ~ slit2_column ~ '))))' if slit2_column else '[]::VARCHAR[]' }} AS slit2_values,
           {{ 'any_value(s.' ~ subarray_column ~ ')' if subarray_column else 'NULL::VARCHAR' }} AS subarray_pin,
           {{ 'any_value(s.' ~ target_column ~ ')' if target_column else 'NULL::VARCHAR' }} AS target_pin,
           concat_ws(', ', 'candidate=' || any_value(s.acid_id)
{% for column in describe %}
               , {{ column | sqlstr }} || '=' || coalesce(any_value(s.{{ column }}), 'null')
{% endfor %}
           ) AS constraints
    FROM (SELECT l.*, i.acid_id, i.acid_type FROM l3_science l
          JOIN {{ items() }} i ON i.run_id = l.run_id AND i._row = l._row) s
    GROUP BY s.run_id, s.asn_key
),
l3_named AS (
    SELECT *,
           't' || pad_left(coalesce(regex_escape(target_pin), ''), 3, '0') AS target_part,
           coalesce(nullif(array_to_string(list_sort(list_filter(
               [{% for column in opt_elem_columns %}regex_escape(opt_elem_{{ loop.index }}){{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[],
               lambda v: v IS NOT NULL AND v <> '')), '-'), ''), 'clear') AS opt_elem_part,
           array_to_string(list_sort(list_distinct(list_filter(
               [regex_escape(slit_pin), array_to_string(slit2_values, '-')],
               lambda v: v IS NOT NULL AND v <> '')))::VARCHAR[], '-') AS slit_name,
           CASE WHEN subarray_pin IS NULL OR subarray_pin = 'full' THEN ''
                ELSE '-' || regex_escape(subarray_pin) END AS subarray_part
    FROM l3_assoc
),
l3_products AS (
    -- names per association (not per member)
    SELECT a.*,
           lower({{ level3_product_name(name_variant) }}) AS product_name,
           pad_left(a.first_program, 5, '0') AS program
    FROM l3_named a
    -- invalid associations are never written: neither named nor given TAs
    WHERE a.has_science AND ({{ extra_validity }})
),
l3_recorded_obs AS (
    SELECT DISTINCT run_id, asn_key, obs_num FROM l3_science WHERE obs_num IS NOT NULL
),
l3_tas AS (
    -- target acquisitions with an OBS_NUM of the association's science members
    SELECT DISTINCT s.run_id, s.asn_key, s.created_at, t._row, 'target_acquisition' AS member_exptype,
           t.obs_num AS ta_obs_num
    FROM (SELECT DISTINCT run_id, asn_key, created_at, program, instrume FROM l3_science
          WHERE (run_id, asn_key) IN (SELECT run_id, asn_key FROM l3_products)) s
    JOIN {{ items() }} t
      ON t.run_id = s.run_id AND t.program = s.program AND t.instrume = s.instrume
    JOIN l3_recorded_obs o
      ON o.run_id = s.run_id AND o.asn_key = s.asn_key AND o.obs_num = t.obs_num
    WHERE t.is_target_acq AND t.is_imprt IS NULL
      AND NOT EXISTS (SELECT 1 FROM l3_science x
                      WHERE x.run_id = s.run_id AND x.asn_key = s.asn_key AND x._row = t._row)
),
l3_science_obs AS (
    -- the OBS_NUM of every science member, as items() gives it
    SELECT x.run_id, x.asn_key, x._row, xi.obs_num
    FROM l3_science x
    JOIN {{ items() }} xi ON xi.run_id = x.run_id AND xi._row = x._row
),
l3_ta_phase AS (
    -- a TA processed after a same-OBS_NUM science member joined in the first pass;
    -- otherwise it arrives in the later NONSCIENCE pass
    SELECT t.* EXCLUDE (ta_obs_num),
           CASE WHEN EXISTS (SELECT 1 FROM l3_science_obs x
                             WHERE x.run_id = t.run_id AND x.asn_key = t.asn_key
                               AND x.obs_num = t.ta_obs_num
                               AND x._row < t._row AND x._row >= t.created_at)
                THEN 0 ELSE 2 END AS phase
    FROM l3_tas t
),
l3_all_members AS (
    SELECT run_id, asn_key, created_at, _row, member_exptype,
           CASE WHEN _row >= created_at THEN 0 ELSE 1 END AS phase
    FROM l3_science
    UNION ALL
    SELECT run_id, asn_key, created_at, _row, member_exptype, phase
    FROM l3_ta_phase
)
SELECT m.run_id,
       m.asn_key,
       m.created_at,
       a.product_name,
       a.target_part AS target,
       a.program,
       a.constraints,
       a.has_science AND ({{ extra_validity }}) AS is_valid,
       -- finalization drops group/background/mosaic associations of one observation
       a.acid_type NOT IN {{ MULTI_OBS_AC_TYPES | sqllist }} OR a.n_obs >= 2 AS finalize_ok,
       m.phase * 10000000000 + m._row AS member_order,
       m._row,
       {{ level3_expname('i.raw_filename', 'm.member_exptype',
                         ('i.coron_integrations OR ' if coron_integrations else '') ~ 'i.other_integrations') }} AS expname,
       m.member_exptype AS exptype,
       i.raw_exposerr AS exposerr,
       i.asn_candidate
FROM l3_all_members m
JOIN l3_products a USING (run_id, asn_key)
JOIN {{ items() }} i ON i.run_id = m.run_id AND i._row = m._row
{%- endmacro %}
