{% macro level3_associations(members, exptype='exptype_base', name_variant='default',
                             opt_elem_columns=[], slit_column=none, slit2_column=none,
                             subarray_column=none, target_column='pin_target',
                             coron_integrations=true, extra_validity='true',
                             describe=[], multi_obs_check=true, name_columns=[], ta_walk=[],
                             ta_gate='true', family=false) %}
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
    extra_validity: SQL over l3_assoc columns (has_psf, n_members, acid_type, ...);
      n_members counts every member, target acquisitions included
    describe: columns of the first member shown in the constraints text
    multi_obs_check: false for rules whose finalize skips the multi-observation
      check (Asn_Lv3SpectralTarget)
    name_columns: pinned columns the product name variant reads (as a.<column>)
    ta_walk: optical-path keys (level3_optical_path_keys names, in the order the
      rule tests them) that a joining target acquisition can pin: the reference
      runs the rule's own tests on it first, and every test passed before the
      first failure keeps its effect. A key still unset takes the TA's value;
      a different value stops the walk. Pins are read from the pin_<key> columns.
    ta_gate: SQL over the TA's items() columns and the association's target_pin:
      the rule's tests that come before the optical path (e.g. the target)
    family: the members are those of several rules (a rule family: a `rule` column,
      asn_key '<rule>:<created_at>', see level3_groups); exptype, extra_validity,
      describe, ta_gate, name_variant, target_column, opt_elem_columns, ta_walk,
      slit_column, slit2_column and subarray_column may then be mappings rule -> value
      (per_rule: a rule not in the mapping takes the argument's default), name_columns
      holds those of every rule, and the output has the rule and each rule's own asn_key
      (its created_at, as level3_groups makes it for a rule alone)
-#}
{# the optical-element columns: a list, or for a family a mapping rule -> list (the
   rules with fewer columns, or none, take NULL for the others) #}
{% set opt_elem_count = ((opt_elem_columns.values() | map('length') | max) if opt_elem_columns else 0)
                        if opt_elem_columns is mapping else opt_elem_columns | length %}
{# the target-acquisition walk: a list, or for a family a mapping rule -> list (the
   rules that walk share one list; the others, not in the mapping or with none, do
   not walk: their associations are offered no TA to walk) #}
{% if ta_walk is mapping %}
{% set walking = namespace(keys=[], rules=[]) %}
{% for rule, keys in ta_walk | dictsort if keys %}
{% if walking.keys and walking.keys != keys %}
{{ raise_error('level3_associations: the rules of a family that walk target acquisitions walk the same keys') }}
{% endif %}
{% set walking.keys = keys %}
{% set walking.rules = walking.rules + [rule] %}
{% endfor %}
{% set walk = walking.keys %}
{% set walkers = walking.rules %}
{% else %}
{% set walk = ta_walk %}
{% set walkers = none %}
{% endif %}
l3_science AS (
    SELECT m.*, {% call(each) per_rule(exptype, 'm.rule', 'exptype_base') %}{{ each }}{% endcall %} AS member_exptype
    FROM {{ members }} m
),
l3_recorded_obs AS (
    SELECT DISTINCT run_id, asn_key, obs_num FROM l3_science WHERE obs_num IS NOT NULL
),
l3_tas AS (
    -- target acquisitions with an OBS_NUM of the association's science members
    SELECT DISTINCT s.run_id, s.asn_key, s.created_at, t._row, 'target_acquisition' AS member_exptype,
           t.obs_num AS ta_obs_num
    FROM (SELECT DISTINCT run_id, asn_key, created_at, program, instrume FROM l3_science) s
    JOIN {{ items() }} t
      ON t.run_id = s.run_id AND t.program = s.program AND t.instrume = s.instrume
    JOIN l3_recorded_obs o
      ON o.run_id = s.run_id AND o.asn_key = s.asn_key AND o.obs_num = t.obs_num
    WHERE t.is_target_acq AND t.is_imprt IS NULL
      -- a file the association already holds is not added again (the same row, or
      -- another row of the same FILENAME; two equality tests, not one with OR)
      AND NOT EXISTS (SELECT 1 FROM l3_science x
                      WHERE x.run_id = s.run_id AND x.asn_key = s.asn_key AND x._row = t._row)
      AND NOT EXISTS (SELECT 1 FROM l3_science x
                      JOIN {{ items() }} xi ON xi.run_id = x.run_id AND xi._row = x._row
                      WHERE x.run_id = s.run_id AND x.asn_key = s.asn_key
                        AND xi.raw_filename = t.raw_filename)
    QUALIFY row_number() OVER (PARTITION BY s.run_id, s.asn_key, coalesce(t.raw_filename, '#' || t._row)
                               ORDER BY t._row) = 1
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
{% if walk %}
l3_ta_offered AS MATERIALIZED (
    -- each (TA, association) pair offered, with what the gate reads of the association:
    -- made first, so that only these pairs meet the TAs' items (the optimizer may
    -- otherwise join the items of a run with every association of it first: 7.9M rows
    -- and 2 GB for a rule family at 10k exposures)
    SELECT DISTINCT o.run_id, o._row, o.asn_key,{{ ' a.pin_rule,' if family }} a.target_pin
    FROM l3_ta_phase o
    JOIN (SELECT run_id, asn_key,{{ ' any_value(rule) AS pin_rule,' if family }}
                 {%+ call(column) per_rule(target_column, 'any_value(rule)', 'pin_target') %}{{ 'any_value(' ~ column ~ ')' if column else 'NULL::VARCHAR' }}{% endcall %} AS target_pin
          FROM l3_science GROUP BY run_id, asn_key) a USING (run_id, asn_key)
{% if walkers is not none %}
    WHERE a.pin_rule IN {{ walkers | sqllist }}
{% endif %}
),
l3_ta_offers AS (
    -- joining target acquisitions in the order they are offered, with the values the walk reads
    SELECT p.run_id, p.asn_key, p.phase, p._row,
           g.passes_gate,
           [{% for key in walk %}g.{{ key }}{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[] AS walk_values,
           g.fxd_slit_s200
    FROM l3_ta_phase p
    -- the gate and the walk's values of each pair, read from the TA's item
    JOIN (SELECT o.run_id, o._row, o.asn_key,
                 {%+ call(each) per_rule(ta_gate, 'o.pin_rule', 'true') %}({{ each }}){% endcall %} AS passes_gate,
                 {{ level3_optical_path_keys() }}
          FROM l3_ta_offered o
          JOIN {{ items() }} t ON t.run_id = o.run_id AND t._row = o._row) g
      ON g.run_id = p.run_id AND g._row = p._row AND g.asn_key = p.asn_key
),
l3_ta_pins AS (
    -- the walk, TA after TA: pins set before the first conflicting value
    SELECT w.run_id, w.asn_key,
           list_reduce(list({'gate': w.passes_gate, 'walk_values': w.walk_values, 's200': w.fxd_slit_s200}
                            ORDER BY w.phase, w._row),
{% set k = walk | length %}
{% set first_conflict = 'coalesce(nullif(list_position(list_transform(range(1, ' ~ (k + 1) ~ '), '
                        ~ 'lambda i: coalesce(ta.walk_values[i] <> state.pins[i], false)), true), 0), ' ~ (k + 1) ~ ')' %}
{% set slit_step = (walk.index('fxd_slit_pin') + 1) if 'fxd_slit_pin' in walk else none %}
               lambda state, ta: CASE WHEN NOT coalesce(ta.gate, false) THEN state ELSE {
                   'pins': list_transform(range(1, {{ k + 1 }}), lambda i: CASE
                               WHEN i < {{ first_conflict }} THEN coalesce(state.pins[i], ta.walk_values[i])
                               ELSE state.pins[i] END),
                   's200': CASE WHEN {{ 'false' if slit_step is none else 'ta.s200 IS NOT NULL AND ' ~ first_conflict ~ ' >= ' ~ slit_step }}
                                THEN list_append(state.s200, ta.s200) ELSE state.s200 END} END,
               {'pins': any_value(s.walk_pins), 's200': []::VARCHAR[]}) AS walked
    FROM l3_ta_offers w
    JOIN (SELECT run_id, asn_key,
                 [{% for key in walk %}any_value(pin_{{ key }}){{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[] AS walk_pins
          FROM l3_science GROUP BY run_id, asn_key) s USING (run_id, asn_key)
    GROUP BY w.run_id, w.asn_key
),
{% endif %}
l3_all_members AS (
    SELECT run_id, asn_key, created_at, _row, member_exptype,
           CASE WHEN _row >= created_at THEN 0 ELSE 1 END AS phase
    FROM l3_science
    UNION ALL
    SELECT run_id, asn_key, created_at, _row, member_exptype, phase
    FROM l3_ta_phase
),
l3_assoc AS (
    SELECT s.run_id, s.asn_key,{{ ' any_value(s.rule) AS rule,' if family }}
           any_value(s.acid_id) AS acid_id,
           any_value(s.acid_type) AS acid_type,
           arg_min(s.program, s._row) AS first_program,
           any_value(s.instrume) AS instrume,
           count(DISTINCT s.obs_num) AS n_obs,
           bool_or(s.member_exptype = 'science') AS has_science,
           bool_or(s.member_exptype = 'psf') AS has_psf,
           count(*) AS n_science_path,
{% for column in name_columns %}
           any_value(s.{{ column }}) AS {{ column }},
{% endfor %}
{% for index in range(opt_elem_count) %}
{% if opt_elem_columns is mapping %}
{% set column_at = {} %}
{% for rule, columns in opt_elem_columns.items() %}
{% set _ = column_at.update({rule: columns[index] if index < columns | length else none}) %}
{% endfor %}
{% else %}
{% set column_at = opt_elem_columns[index] %}
{% endif %}
           {%+ call(column) per_rule(column_at, 'any_value(s.rule)', none) %}
{%- set walk_pos = (walk.index(column[4:]) + 1) if column and column[:4] == 'pin_' and column[4:] in walk else none -%}
{%- if walk_pos %}coalesce(any_value(tp.walked.pins[{{ walk_pos }}]), any_value(s.{{ column }})){% elif column %}any_value(s.{{ column }}){% else %}NULL::VARCHAR{% endif -%}
{% endcall %} AS opt_elem_{{ index + 1 }},
{% endfor %}
           {%+ call(column) per_rule(slit_column, 'any_value(s.rule)', none) %}
{%- set slit_pos = (walk.index(column[4:]) + 1) if column and column[:4] == 'pin_' and column[4:] in walk else none -%}
{%- if slit_pos %}coalesce(any_value(tp.walked.pins[{{ slit_pos }}]), any_value(s.{{ column }})){% elif column %}any_value(s.{{ column }}){% else %}NULL::VARCHAR{% endif -%}
{% endcall %} AS slit_pin,
           {%+ call(column) per_rule(slit2_column, 'any_value(s.rule)', none) %}
{%- if column %}list_sort(list_distinct(list_concat(list(regex_escape(s.{{ column }})),
               {{ 'coalesce(any_value(list_transform(tp.walked.s200, lambda v: regex_escape(v))), [])' if walk else '[]' }}))){% else %}[]::VARCHAR[]{% endif -%}
{% endcall %}
               AS slit2_values,
           {%+ call(column) per_rule(subarray_column, 'any_value(s.rule)', none) %}{{ 'any_value(s.' ~ column ~ ')' if column else 'NULL::VARCHAR' }}{% endcall %} AS subarray_pin,
           {%+ call(column) per_rule(target_column, 'any_value(s.rule)', 'pin_target') %}{{ 'any_value(s.' ~ column ~ ')' if column else 'NULL::VARCHAR' }}{% endcall %} AS target_pin,
           {%+ call(columns) per_rule(describe, 'any_value(s.rule)', []) %}concat_ws(', ', 'candidate=' || any_value(s.acid_id)
{% for column in columns %}
               , {{ column | sqlstr }} || '=' || coalesce(any_value(s.{{ column }}), 'null')
{% endfor %}
           ){% endcall %} AS constraints
    FROM (SELECT l.*, i.acid_id, i.acid_type FROM l3_science l
          JOIN {{ items() }} i ON i.run_id = l.run_id AND i._row = l._row) s
{% if walk %}
    LEFT JOIN l3_ta_pins tp USING (run_id, asn_key)
{% endif %}
    GROUP BY s.run_id, s.asn_key
),
l3_member_counts AS (
    SELECT run_id, asn_key, count(*) AS n_members FROM l3_all_members GROUP BY run_id, asn_key
),
l3_named AS (
    SELECT *,
           't' || pad_left(coalesce(regex_escape(target_pin), ''), 3, '0') AS target_part,
           coalesce(nullif(array_to_string(list_sort(list_filter(
               [{% for index in range(opt_elem_count) %}regex_escape(opt_elem_{{ index + 1 }}){{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[],
               lambda v: v IS NOT NULL AND v <> '')), '-'), ''), 'clear') AS opt_elem_part,
           array_to_string(list_sort(list_distinct(list_filter(
               [regex_escape(slit_pin), array_to_string(slit2_values, '-')],
               lambda v: v IS NOT NULL AND v <> '')))::VARCHAR[], '-') AS slit_name,
           CASE WHEN subarray_pin IS NULL OR subarray_pin = 'full' THEN ''
                ELSE '-' || regex_escape(subarray_pin) END AS subarray_part
    FROM l3_assoc JOIN l3_member_counts USING (run_id, asn_key)
),
l3_products AS (
    -- names per association (not per member)
    SELECT a.*,
           lower({%+ call(variant) per_rule(name_variant, 'a.rule', 'default') %}{{ level3_product_name(variant) }}{% endcall %}) AS product_name,
           pad_left(a.first_program, 5, '0') AS program
    FROM l3_named a
)
SELECT {{ 'a.rule, ' if family }}m.run_id,
       {{ 'm.created_at::VARCHAR AS asn_key' if family else 'm.asn_key' }},
       m.created_at,
       a.product_name,
       a.target_part AS target,
       a.program,
       a.constraints,
       a.has_science AND {% call(each) per_rule(extra_validity, 'a.rule', 'true') %}({{ each }}){% endcall %} AS is_valid,
{% if multi_obs_check %}
       -- finalization drops group/background/mosaic associations of one observation
       a.acid_type NOT IN {{ MULTI_OBS_AC_TYPES | sqllist }} OR a.n_obs >= 2 AS finalize_ok,
{% else %}
       true AS finalize_ok,
{% endif %}
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
