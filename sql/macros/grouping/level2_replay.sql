{% macro level2_replay(relation, keys, pins, accepts, member_exptype, creator_exptype,
                       reoffers, touches='false', solo=none) %}
{#-
  Level 2 "one science per association" rules whose membership depends on
  the order rows are read in, replayed row by row as the reference builds
  associations (generate.py): each row is offered to every existing
  association of its bucket, in creation order, and joins each one that
  accepts it; a row no association takes creates a new one. Then the rows
  that asked to be re-offered (⟶EXISTING: backgrounds, imprints) are offered
  again, in the same order, to every association; they create nothing then.
  Emits the CTE `replayed_members` (run_id, science_row, created_at, _row,
  exptype, member_order), the shape level2_associations() reads.

  Association state: created_at, pins (one per entry of `pins`: NULL until a
  member with a value joins), has_science, last_type (the Level 2 exposure
  type of the last row the association typed), members (row numbers, in
  order of addition). A row is never offered to an association it is a member of;
  it is offered only to associations whose pins it is compatible with
  (equal or NULL on either side, pins_compatible) and then joins when
  `accepts` holds; an offer that does not join still updates last_type when
  `touches` holds (the reference typed the row in a failed test).

  The replay is a fold (list_reduce) over each bucket's rows in order, then
  over the rows to re-offer: each step offers a row to every association of
  its bucket, so its cost grows with the rows times the associations of each
  bucket (as the reference's loop does), not with the largest bucket times all
  rows (as a recursive CTE stepping every bucket at once did: at a million
  exposures, Asn_Lv2Spec 183 s). The fold rebuilds its whole state at every
  step, so the state is kept small: pins are integers (each value's rank among
  the relation's values) rather than strings, and members are row numbers,
  typed after the fold (at a million exposures, Asn_Lv2Spec's replay
  44.6 -> 26.4 s with both). When the rule's tests allow it (no `touches`;
  `accepts` reads only has_science of the association), the fold keeps no
  members at all: they are told after it by one join (_replay_light).

  Arguments:
    relation: CTE of eligible rows: run_id, _row, exptype_level2 and the
      columns named in keys, pins and the expressions below
    keys: required pins (rows meet only when all are equal)
    pins: NULL-tolerant pin expressions over the relation's columns, in
      order; a row's NULL means "does not test or set this pin"
    accepts: SQL over association `a` and row `x`: x joins a (pins already
      known compatible); a.has_science, a.last_type, x.* are available
    member_exptype: SQL over `x`: the exptype x joins with
    creator_exptype: SQL over `x`: the exptype of the row creating an association
      (both are read after the fold, over the member's row: the creator of an
      association takes creator_exptype, every other member member_exptype)
    reoffers: SQL over `x` and `offer` (offer.joins_any: x joined an existing
      association in the first pass): x is offered again after the first pass
    touches: SQL over `a`, `x`: an offer x does not join still records
      x's type as the association's last_type
    solo: SQL over `x` (optional): x joins no association created by a row
      like it. A bucket whose rows all hold it needs no replay: each row
      creates its own association, alone in it (skipping the fold)
-#}
{% set state = 'STRUCT(created_at BIGINT, pins BIGINT[], has_science BOOLEAN, last_type VARCHAR, '
               ~ 'members BIGINT[])' %}
{% set bucket = ['run_id'] + keys %}
{% set fold_state = 'STRUCT(asns ' ~ state ~ '[], reoffer BIGINT[])' %}
{#- Without `touches`, when `accepts` reads nothing of the association but
    has_science, and a creator joins with the type it created with (so a row
    offered again to an association it is in changes nothing), which rows joined
    can be told after the fold (_replay_light): the fold then keeps no members. -#}
{% set light = touches == 'false' and 'a.' not in (accepts | replace('a.has_science', ''))
               and creator_exptype == member_exptype %}
_replay_rows AS (
    -- the rows, numbered in pool order within their bucket; _solo: every row of the
    -- bucket makes an association of its own (no fold needed)
    SELECT x.*,
           row_number() OVER (PARTITION BY {{ bucket | join(', ') }} ORDER BY _row) AS _k,
{% if light %}
           -- the bucket, named by its first row (same window as _k)
           first_value(_row) OVER (PARTITION BY {{ bucket | join(', ') }} ORDER BY _row) AS _bucket,
{% endif %}
           -- the pins, each value coded by its rank (equal values, equal codes; NULL stays NULL)
           [{% for pin in pins %}
            CASE WHEN ({{ pin }}) IS NOT NULL THEN dense_rank() OVER (ORDER BY ({{ pin }})::VARCHAR) END{{ ',' if not loop.last }}
{% endfor %}
           ]::BIGINT[] AS _sig,
{% if solo is not none %}
           bool_and(coalesce(({{ solo }}), false)) OVER (PARTITION BY {{ bucket | join(', ') }}) AS _solo
{% else %}
           false AS _solo
{% endif %}
    FROM {{ relation }} x
),
_replay_lists AS (
    -- the rows of every bucket to fold, in order
    SELECT run_id, list(r ORDER BY r._k) AS _rows
    FROM _replay_rows r
    WHERE NOT r._solo
    GROUP BY {{ bucket | join(', ') }}
),
{% if light %}
{{ _replay_light(accepts, member_exptype, creator_exptype, reoffers, solo, pins | length) }}
{% else %}
{{ _replay_first_pass(_replay_offer('state', 'x', accepts, member_exptype, touches, false),
                      created="{'created_at': x._row, 'pins': x._sig, 'has_science': (" ~ creator_exptype
                              ~ ") = 'science', 'last_type': x.exptype_level2, 'members': [x._row]}",
                      reoffers=reoffers, state=state, fold_state=fold_state) }},
_replay AS (
    -- then the rows to re-offer, in the order they asked: they join, never create
    SELECT run_id,
           list_reduce(list_transform(_after_first_pass.reoffer, lambda k: _rows[k]),
               lambda state, x: list_transform([{{ _replay_offer('state', 'x', accepts, member_exptype, touches, true) }}],
                   lambda offer: {'asns': offer.offered, 'reoffer': state.reoffer}::{{ fold_state }})[1],
               _after_first_pass).asns AS asns
    FROM _replay_first
),
_replay_members AS (
    SELECT b.run_id, a.asn.created_at AS created_at, m.member AS _row, m.position AS member_order
    FROM _replay b,
         unnest(b.asns) AS a(asn),
         unnest(a.asn.members) WITH ORDINALITY AS m(member, position)
),
{{ _replayed_members(creator_exptype, member_exptype, solo) }}
{% endif %}
{%- endmacro %}

{% macro _replay_first_pass(offer, created, reoffers, state, fold_state) %}
{#- The CTE `_replay_first`: each row of a bucket in turn is offered (`offer`, SQL
    over `state` and `x` giving joins_any and offered) and joins the associations
    that take it, or, if none does, creates one (`created`, SQL over `x`); the rows
    asking to be re-offered (`reoffers`) are noted by their _k. -#}
_replay_first AS (
    -- first pass: each row in turn joins the associations that take it, or creates one
    SELECT run_id, _rows,
           list_reduce(_rows, lambda state, x: list_transform([{{ offer }}],
               lambda offer: {
                   'asns': CASE WHEN NOT offer.joins_any
                                THEN list_append(offer.offered, {{ created }})
                                ELSE offer.offered END,
                   'reoffer': CASE WHEN coalesce(({{ reoffers }}), false)
                                   THEN list_append(state.reoffer, x._k) ELSE state.reoffer END
               }::{{ fold_state }})[1],
               {'asns': []::{{ state }}[], 'reoffer': []::BIGINT[]}::{{ fold_state }})
               AS _after_first_pass
    FROM _replay_lists
)
{%- endmacro %}

{% macro _replay_takes(a, x, accepts, check_member) -%}
{#- Row x joins association a: not yet a member (only tested when `check_member`: in
    the first pass a row is offered once, so it is a member of nothing yet),
    compatible pins, and the rule accepts it. -#}
({% if check_member %}NOT {{ _replay_is_member(a, x) }} AND {% endif -%}
 pins_compatible({{ a }}.pins, {{ x }}._sig)
 AND ({{ accepts }}))
{%- endmacro %}


{% macro _replay_is_member(a, x) -%}
list_contains({{ a }}.members, {{ x }}._row)
{%- endmacro %}


{% macro _replay_offer(state, x, accepts, member_exptype, touches, check_member) -%}
{#- Row x offered to every association of the state: which take it (joins_any), and
    the associations after the offer (offered). Whether each association takes x is
    tested once (`takes`, by position), then read by both. -#}
list_transform([list_transform({{ state }}.asns, lambda a: {{ _replay_takes('a', x, accepts, check_member) }})],
    lambda takes: {
 'joins_any': coalesce(list_bool_or(takes), false),
 'offered': list_transform({{ state }}.asns, lambda a, i: CASE
      WHEN takes[i] THEN {
           'created_at': a.created_at, 'pins': pins_merge(a.pins, {{ x }}._sig),
           'has_science': a.has_science OR ({{ member_exptype }}) = 'science',
           'last_type': {{ x }}.exptype_level2,
           'members': list_append(a.members, {{ x }}._row)}
{% if touches != 'false' %}
      WHEN {% if check_member %}NOT {{ _replay_is_member('a', x) }} AND {% endif %}({{ touches }}) THEN {
           'created_at': a.created_at, 'pins': a.pins, 'has_science': a.has_science,
           'last_type': {{ x }}.exptype_level2, 'members': a.members}
{% endif %}
      ELSE a
  END)})[1]
{%- endmacro %}


{% macro _replay_light(accepts, member_exptype, creator_exptype, reoffers, solo, n_pins) %}
{#-
  The replay without members in the fold. An association's pins only ever get
  filled, and a row that joins leaves them compatible with its values; so a row
  joined an association exactly when its values are compatible with the
  association's final pins and the rule accepted it then. What `accepts` reads
  of the association that changes is has_science, which the fold records as the
  step it turned true (science_seq); steps are numbered: the first pass by _k,
  the re-offers after it. The fold keeps, per association, its creator (row and
  step), pins, has_science and science_seq; the members come from one join of
  the rows with the associations of their bucket:
  - the creator (first);
  - in the first pass, every later row of the bucket the association accepts
    (in row order);
  - in the re-offer pass, every re-offered row it accepts that is not yet a
    member (in re-offer order).
-#}
{% set state = 'STRUCT(created_at BIGINT, created_k BIGINT, pins BIGINT[], has_science BOOLEAN, science_seq BIGINT)' %}
{% set fold_state = 'STRUCT(asns ' ~ state ~ '[], reoffer BIGINT[])' %}
{{ _replay_first_pass(_replay_light_offer('state', 'x', 'x._k', accepts, member_exptype),
                      created="{'created_at': x._row, 'created_k': x._k, 'pins': x._sig, 'has_science': ("
                              ~ creator_exptype ~ ") = 'science', 'science_seq': CASE WHEN ("
                              ~ creator_exptype ~ ") = 'science' THEN x._k END}",
                      reoffers=reoffers, state=state, fold_state=fold_state) }},
_replay AS MATERIALIZED (
    -- then the rows to re-offer, in the order they asked (not told whether they are
    -- members already: joining again changes nothing, see `light`)
    SELECT run_id, _rows[1]._bucket AS _bucket, _after_first_pass.reoffer AS reoffer,
           list_reduce(list_transform(_after_first_pass.reoffer,
                                      lambda k, i: struct_insert(_rows[k], _seq := len(_rows) + i)),
               lambda state, x: list_transform([{{ _replay_light_offer('state', 'x', 'x._seq', accepts, member_exptype) }}],
                   lambda offer: {'asns': offer.offered, 'reoffer': state.reoffer}::{{ fold_state }})[1],
               _after_first_pass).asns AS asns,
           len(_rows) AS n_rows
    FROM _replay_first
),
_replay_assocs AS (
    SELECT r.run_id, r._bucket, a.asn AS a
    FROM _replay r, unnest(r.asns) AS a(asn)
),
_replay_reoffered AS (
    -- the re-offered rows of each bucket, with their step
    SELECT r.run_id, r._bucket, o.k AS _k, r.n_rows + o.i AS seq
    FROM _replay r, unnest(r.reoffer) WITH ORDINALITY AS o(k, i)
),
_replay_joined AS (
    -- the creator, then the rows that joined: first pass, then re-offers
    SELECT run_id, created_at, _row, 0 AS pass, 0 AS seq
    FROM (SELECT run_id, a.created_at AS created_at, a.created_at AS _row FROM _replay_assocs)
    UNION ALL
    SELECT s.run_id, s.a.created_at, x._row, 1, x._k
    FROM _replay_assocs s
    JOIN _replay_rows x ON x.run_id = s.run_id AND x._bucket = s._bucket AND x._k > s.a.created_k
    WHERE {{ _replay_light_takes('a', 'x', 'x._k', accepts, n_pins) }}
    UNION ALL
    SELECT s.run_id, s.a.created_at, x._row, 2, o.seq
    FROM _replay_assocs s
    JOIN _replay_rows x ON x.run_id = s.run_id AND x._bucket = s._bucket
    JOIN _replay_reoffered o ON o.run_id = x.run_id AND o._bucket = x._bucket AND o._k = x._k
    WHERE {{ _replay_light_takes('a', 'x', 'o.seq', accepts, n_pins) }}
),
_replay_members AS (
    SELECT run_id, created_at, _row,
           row_number() OVER (PARTITION BY run_id, created_at ORDER BY pass, seq) AS member_order
    FROM (
        -- a row is a member once, from its first join (the creator's is pass 0)
        SELECT * FROM _replay_joined
        QUALIFY row_number() OVER (PARTITION BY run_id, created_at, _row ORDER BY pass, seq) = 1
    )
),
{{ _replayed_members(creator_exptype, member_exptype, solo) }}
{%- endmacro %}


{% macro _replayed_members(creator_exptype, member_exptype, solo) %}
{#- The CTE `replayed_members` from `_replay_members` (run_id, created_at, _row,
    member_order): each member typed from its row `x` (the creator, whose row is the
    association's created_at, with creator_exptype), plus the rows of solo buckets,
    each an association of its own. -#}
replayed_members AS (
    SELECT m.run_id, m.created_at AS science_row, m.created_at, m._row,
           CASE WHEN m._row = m.created_at THEN {{ creator_exptype }} ELSE {{ member_exptype }} END AS exptype,
           m.member_order
    FROM _replay_members m
    JOIN _replay_rows x ON x.run_id = m.run_id AND x._row = m._row
{% if solo is not none %}
    UNION ALL
    SELECT x.run_id, x._row, x._row, x._row, {{ creator_exptype }}, 1
    FROM _replay_rows x
    WHERE x._solo
{% endif %}
)
{%- endmacro %}


{% macro _replay_light_takes(a, x, seq, accepts, n_pins) -%}
{#- Row x, at step seq, joins association a: compatible pins (unrolled), and the rule
    accepts it with has_science as it was at that step. `a` must be the name
    `accepts` reads (a struct column named a). -#}
({{ pins_compatible_unrolled(a ~ '.pins', x ~ '._sig', n_pins) }}
 AND ({{ accepts | replace('a.has_science', 'coalesce(a.science_seq < ' ~ seq ~ ', false)') }}))
{%- endmacro %}


{% macro _replay_light_offer(state, x, seq, accepts, member_exptype) -%}
{#- Row x offered to every association of the state, at step seq: which take it
    (joins_any), and the associations after the offer (offered). -#}
list_transform([list_transform({{ state }}.asns, lambda a: pins_compatible(a.pins, {{ x }}._sig) AND ({{ accepts }}))],
    lambda takes: {
 'joins_any': coalesce(list_bool_or(takes), false),
 'offered': list_transform({{ state }}.asns, lambda a, i: CASE
      WHEN takes[i] THEN {
           'created_at': a.created_at, 'created_k': a.created_k, 'pins': pins_merge(a.pins, {{ x }}._sig),
           'has_science': a.has_science OR ({{ member_exptype }}) = 'science',
           'science_seq': CASE WHEN NOT a.has_science AND ({{ member_exptype }}) = 'science'
                               THEN {{ seq }} ELSE a.science_seq END}
      ELSE a
  END)})[1]
{%- endmacro %}
