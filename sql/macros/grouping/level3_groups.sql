{% macro level3_groups(relation, keys, optional_keys, reoffered=true,
                       ta_relation=none, ta_steps=[], replay_existing=false,
                       not_reoffered=[], not_replayed=[]) %}
{#-
  Level 3 grouping with the reference's pinning semantics. Emits the CTE
  `grouped_members` (one row per member: the relation's columns plus run_id,
  asn_key, created_at and pin_<key> for every optional key).

  `keys` are required pins: every member has the same non-NULL value.
  `optional_keys` are NULL-tolerant pins: a member with NULL passes, and an
  association's first member that has a value fixes it. Which associations
  exist then depends on row order, as in the reference: distinct signatures
  are folded in order of first appearance; a signature joins every existing
  compatible association (fixing its unset pins) or, if none is compatible,
  creates a new one. Members are then every row compatible with the final
  pins (rows are re-offered to later associations in an EXISTING pass) or,
  when `reoffered` is false, only rows processed after the association was
  created.

  An item is identified by its FILENAME: a row whose file an association
  already holds is not evaluated by it (the reference reports a match and
  adds nothing). So a row repeating the file of an earlier row of the
  relation creates and pins nothing, and each association keeps one member
  per file: the first one it took (first pass in row order, then the
  re-offered rows).

  Target acquisitions (optional, `ta_relation`): a TA joins an association
  through the TA path only after the rule's own constraints failed for it,
  and what those constraints pinned before failing stays pinned (§4.2.11).
  With `ta_relation` the fold also replays this: every TA (of the bucket's
  run, program and instrument) whose OBS_NUM is recorded by an association
  goes through `ta_steps` in order against that association, fixing unset
  pins until the first step that fails; first in row order (associations
  existing then), then, after the re-offered rows, in the NONSCIENCE pass
  (the associations it had not joined). The re-offered rows of the EXISTING
  pass are then folded too (they fix unset pins and record their OBS_NUM).

  With `replay_existing` (an alternative to ta_relation for the re-offer), the
  EXISTING pass is replayed as the reference runs it: rows processed before
  an association was created are offered to it one at a time in row order,
  and a row that joins fixes the pins still unset, so that a later row with
  another value no longer joins.

  Several rules at once (a rule family, models/level3_family.sql): when `rule`
  is among the keys, the relation holds the rows of several rules, each row
  tagged with its rule. Every rule is then grouped as if alone: a row is
  identified by (rule, run_id, _row), files repeat only within a rule, and
  asn_key is '<rule>:<created_at>' (unique across the rules). A family runs the
  replayed re-offer (replay_existing) for its rules but those named in
  `not_reoffered` (rules with reoffered=false: none of their rows joins an
  association created after it) and `not_replayed` (reoffered without
  replay_existing: every compatible earlier row joins); an association to which
  no row is re-offered keeps the pins and rows of the first pass, which is what
  those rules take.

  Arguments:
    relation: CTE name; columns run_id, _row and the key columns (and obs_num
      when ta_relation is given)
    keys: required pin columns (with ta_relation: program and instrume among them;
      `rule` first for a rule family)
    optional_keys: NULL-tolerant pin columns (at least one)
    reoffered: whether rows are re-offered to associations created after them
    ta_relation: CTE name of the target acquisitions, with run_id, _row,
      program, instrume, obs_num and every optional key column; none: TAs pin nothing
    ta_steps: the rule's constraints as a TA meets them, in order, up to the
      one a TA always fails: {'pin': key} (an optional key: a TA without a
      value passes), {'pin': key, 'required': true} (a TA without a value
      fails), {'check': SQL over the TA row `t` and the bucket keys `b`}
    replay_existing: replay the re-offer row by row (pins set by re-offered rows
      bind later ones); only with reoffered
    ta_steps may be a mapping rule -> steps in a rule family (each rule's TAs meet its
      own steps; `ta_relation` then holds the TAs of every rule, with their rule)
    not_reoffered, not_replayed: a rule family's rules that take no re-offer, or
      every compatible earlier row without the replay (see above)
-#}
{% set family = 'rule' in keys %}
{% set bucket = (['rule', 'run_id'] + keys[1:]) if family else (['run_id'] + keys) %}
{% set row_key = ['rule', 'run_id', '_row'] if family else ['run_id', '_row'] %}
{% if family and keys[0] != 'rule' %}
{{ raise_error('level3_groups: a rule family has rule as its first key') }}
{% endif %}
{% if ta_steps is mapping and not (family and ta_relation is not none) %}
{{ raise_error('level3_groups: ta_steps per rule are for a rule family with ta_relation') }}
{% endif %}
{# in a family tracking TAs, the events carry their bucket's rule (ta_steps per rule) #}
{% set event_rule = 'b.rule, ' if family and ta_relation is not none else '' %}
{% if (not_reoffered or not_replayed) and not (family and replay_existing and reoffered) %}
{{ raise_error('level3_groups: not_reoffered and not_replayed are for a replaying rule family') }}
{% endif %}
{% set track = ta_relation is not none %}
{% set n_pins = optional_keys | length %}
{% if track and not ('program' in keys and 'instrume' in keys) %}
{{ raise_error('level3_groups: ta_relation needs program and instrume among the keys') }}
{% endif %}
l3_files AS (
    -- the file of every row, and whether an earlier row of the relation has it
    -- (numbered only among rows whose file another pool row has: file_shared)
    SELECT r.{{ row_key | join(', r.') }}, i.raw_filename AS file_key, false AS file_shared, false AS repeats_file
    FROM {{ relation }} r
    JOIN {{ items() }} i ON i.run_id = r.run_id AND i._row = r._row
    WHERE NOT i.file_shared
    UNION ALL
    SELECT r.{{ row_key | join(', r.') }}, i.raw_filename, true,
           row_number() OVER (PARTITION BY {{ 'r.rule, ' if family }}r.run_id, i.raw_filename ORDER BY r._row) > 1
    FROM {{ relation }} r
    JOIN {{ items() }} i ON i.run_id = r.run_id AND i._row = r._row
    WHERE i.file_shared
),
l3_signatures AS (
    -- distinct combinations of pins (and OBS_NUM when TAs are replayed),
    -- with the row where each first appears
    SELECT {{ bucket | join(', ') }},
           [{{ optional_keys | join(', ') }}]::VARCHAR[] AS sig,
           {{ 'obs_num' if track else 'NULL::VARCHAR' }} AS obs,
           min(_row) AS first_row
    FROM {{ relation }}
    WHERE ({{ row_key | join(', ') }}) NOT IN (SELECT {{ row_key | join(', ') }} FROM l3_files WHERE repeats_file)
    GROUP BY ALL
),
l3_buckets AS (
    -- without target acquisitions, a bucket needs the fold only when some pin is
    -- unset in some signatures and set in others; otherwise distinct signatures
    -- are never compatible, and each one is an association created at its first row
    SELECT {{ bucket | join(', ') }},
           dense_rank() OVER (ORDER BY {{ bucket | join(', ') }}) AS bucket_id,
{% if track %}
           true AS needs_fold
{% else %}
{% for i in range(1, n_pins + 1) %}
           (bool_or(sig[{{ i }}] IS NULL) AND bool_or(sig[{{ i }}] IS NOT NULL)) OR
{% endfor %}
           false AS needs_fold
{% endif %}
    FROM l3_signatures
    GROUP BY {{ bucket | join(', ') }}
),
l3_events AS (
    -- first pass: each signature where it first appears
    SELECT {{ event_rule }}b.bucket_id, 1 AS pass, s.first_row AS at_row, 'row' AS kind, s.sig, s.obs,
           NULL::VARCHAR[] AS ta_vals, NULL::BOOLEAN[] AS ta_gates, NULL::BIGINT AS ta_row
    FROM l3_signatures s JOIN l3_buckets b USING ({{ bucket | join(', ') }})
    WHERE b.needs_fold
{% if track %}
{% if reoffered %}
    UNION ALL
    -- EXISTING pass: the rows again, joining the associations created after them
    SELECT {{ event_rule }}b.bucket_id, 2, s.first_row, 'existing', s.sig, s.obs, NULL, NULL, NULL
    FROM l3_signatures s JOIN l3_buckets b USING ({{ bucket | join(', ') }})
{% endif %}
    UNION ALL
    -- target acquisitions: in the first pass, then in the NONSCIENCE pass
    SELECT {{ event_rule }}b.bucket_id, p.pass, t._row, CASE WHEN p.pass = 1 THEN 'ta' ELSE 'ta_late' END,
           NULL, t.obs_num,
           [{% for key in optional_keys %}t.{{ key }}{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[],
           {%+ call(steps) per_rule(ta_steps, 't.rule', []) %}[{% for step in steps if 'check' in step %}({{ step.check }}){{ ', ' if not loop.last }}{% endfor %}]::BOOLEAN[]{% endcall %},
           t._row
    FROM {{ ta_relation }} t
    JOIN l3_buckets b ON {{ 'b.rule = t.rule AND ' if family }}b.run_id = t.run_id AND b.program = t.program AND b.instrume = t.instrume,
         (VALUES (1), (3)) AS p(pass)
    WHERE t.obs_num IS NOT NULL
      -- a TA meets only associations that recorded its OBS_NUM, which only the
      -- bucket's signatures bring: any other TA changes nothing, and is left out
      AND EXISTS (SELECT 1 FROM l3_signatures s
                  WHERE {% for key in bucket %}s.{{ key }} = b.{{ key }} AND {% endfor %}s.obs = t.obs_num)
{% endif %}
),
l3_sequence AS (
    SELECT *, row_number() OVER (PARTITION BY bucket_id ORDER BY pass, at_row) AS k
    FROM l3_events
),
l3_fold AS (
    -- replay the creation of associations, one event at a time per bucket
    WITH RECURSIVE fold(bucket_id, k, asns) AS (
        SELECT bucket_id, 0,
               []::STRUCT(pins VARCHAR[], created_at BIGINT, obs VARCHAR[], tas BIGINT[])[]
        FROM l3_sequence WHERE k = 1
        UNION ALL
        SELECT f.bucket_id, f.k + 1,
               CASE
               WHEN s.kind = 'row' AND coalesce(list_bool_or(list_transform(f.asns,
                                  lambda a: {{ pins_compatible_unrolled('a.pins', 's.sig', n_pins) }})), false)
                    -- joins every compatible association
                    THEN list_transform(f.asns, lambda a: CASE
                             WHEN {{ pins_compatible_unrolled('a.pins', 's.sig', n_pins) }}
                             THEN {{ _l3_asn(pins_merge_unrolled('a.pins', 's.sig', n_pins), obs=_l3_add_obs()) }}
                             ELSE a END)
               WHEN s.kind = 'row'
                    -- or creates one
                    THEN list_append(f.asns, {'pins': s.sig, 'created_at': s.at_row,
                                              'obs': list_filter([s.obs], lambda o: o IS NOT NULL),
                                              'tas': []::BIGINT[]})
{% if track %}
               WHEN s.kind = 'existing'
                    THEN list_transform(f.asns, lambda a: CASE
                             WHEN {{ pins_compatible_unrolled('a.pins', 's.sig', n_pins) }}
                             THEN {{ _l3_asn(pins_merge_unrolled('a.pins', 's.sig', n_pins), obs=_l3_add_obs()) }}
                             ELSE a END)
               WHEN s.kind = 'ta'
                    THEN list_transform(f.asns, lambda a: CASE
                             WHEN list_contains(a.obs, s.obs)
                             THEN {{ _l3_asn(_l3_ta_pins_per_rule(optional_keys, ta_steps),
                                             tas='list_append(a.tas, s.ta_row)') }}
                             ELSE a END)
               WHEN s.kind = 'ta_late'
                    THEN list_transform(f.asns, lambda a: CASE
                             WHEN list_contains(a.obs, s.obs) AND NOT list_contains(a.tas, s.ta_row)
                             THEN {{ _l3_asn(_l3_ta_pins_per_rule(optional_keys, ta_steps),
                                             tas='list_append(a.tas, s.ta_row)') }}
                             ELSE a END)
{% endif %}
               END
        FROM fold f JOIN l3_sequence s ON s.bucket_id = f.bucket_id AND s.k = f.k + 1
    )
    SELECT bucket_id, asns FROM fold
    QUALIFY k = max(k) OVER (PARTITION BY bucket_id)
),
l3_assocs AS (
    SELECT b.{{ bucket | join(', b.') }}, a.asn.pins AS pins, a.asn.created_at AS created_at
    FROM l3_fold f
    JOIN l3_buckets b USING (bucket_id),
         unnest(f.asns) AS a(asn)
{% if not track %}
    UNION ALL
    SELECT {{ bucket | join(', ') }}, sig, first_row
    FROM l3_signatures JOIN l3_buckets USING ({{ bucket | join(', ') }})
    WHERE NOT needs_fold
{% endif %}
),
{{ _l3_keyed_pairs('l3_assocs', 'a.pins', relation, bucket, optional_keys) }},
l3_compatible AS (
    -- every row with every association of its bucket whose pins it is compatible with
    SELECT r.* EXCLUDE (_pin_mask, _row_mask, _pin_key), a.created_at AS _asn_created_at, a.pins AS _asn_pins
    FROM l3_keyed_rows r
    JOIN l3_keyed_assocs a ON {{ _l3_same_key('a', 'r', bucket) }}
),
{% if replay_existing and reoffered %}
l3_late_offers AS (
    -- EXISTING pass: rows processed before an association was created, offered in row order
    SELECT {{ bucket | join(', ') }}, _asn_created_at AS created_at,
           list({'row_id': _row,
                 'sig': [{{ optional_keys | join(', ') }}]::VARCHAR[]}
                ORDER BY _row) AS offers
    FROM l3_compatible
    WHERE _row < _asn_created_at
{% if not_reoffered or not_replayed %}
      AND rule NOT IN {{ (not_reoffered + not_replayed) | sqllist }}
{% endif %}
    GROUP BY {{ bucket | join(', ') }}, _asn_created_at
),
l3_replayed AS (
    -- a re-offered row joins when it fits the pins as they are then, and fixes unset ones
    SELECT a.{{ bucket | join(', a.') }}, a.created_at,
           coalesce(list_reduce(o.offers, lambda state, offer: CASE
                        WHEN {{ pins_compatible_unrolled('state.pins', 'offer.sig', n_pins) }}
                        THEN {'pins': {{ pins_merge_unrolled('state.pins', 'offer.sig', n_pins) }},
                              'joined': list_append(state.joined, offer.row_id)}
                        ELSE state END,
                    {'pins': a.pins, 'joined': []::BIGINT[]}),
                    {'pins': a.pins, 'joined': []::BIGINT[]}) AS state
    FROM l3_assocs a
    LEFT JOIN l3_late_offers o USING ({{ bucket | join(', ') }}, created_at)
),
l3_pairs AS (
    -- rows from the association's creation on: pins compatible with those of the first pass
    SELECT c.* EXCLUDE (_asn_pins), a.state AS _asn_state
    FROM l3_compatible c
    JOIN l3_replayed a
      ON {% for key in bucket %}a.{{ key }} = c.{{ key }} AND {% endfor %}a.created_at = c._asn_created_at
    WHERE c._row >= c._asn_created_at{{ (' OR c.rule IN ' ~ (not_replayed | sqllist)) if not_replayed }}
    UNION ALL
    -- earlier rows: those the re-offer replay let join
    SELECT r.*, a.created_at, a.state
    FROM {{ relation }} r
    JOIN (SELECT a.*, unnest(a.state.joined) AS _joined_row FROM l3_replayed a) a
      ON {% for key in bucket %}a.{{ key }} = r.{{ key }} AND {% endfor %}r._row = a._joined_row AND r._row < a.created_at
),
{{ _l3_one_member_per_file('l3_pairs', '_asn_state', '_asn_state.pins', optional_keys, family=family) }}
{% else %}
{{ _l3_one_member_per_file('l3_compatible', '_asn_pins', '_asn_pins', optional_keys,
                            where=none if reoffered else 'p._row >= p._asn_created_at', family=family) }}
{% endif %}
{%- endmacro %}

{% macro _l3_one_member_per_file(pairs, state_column, pins, optional_keys, where=none, family=false) -%}
{#-
  The CTE `grouped_members` from the (row, association) pairs: one member per
  file, the first the association took (first pass in row order, then the
  re-offered rows), with asn_key, created_at and pin_<key> per optional key.
  Only rows whose file another pool row has (file_shared) can meet a file twice,
  so only they are numbered. In a rule family (`family`) an association is also
  identified by its rule.
-#}
l3_member_files AS (
    SELECT p.* EXCLUDE (_asn_created_at, {{ state_column }}),
           {{ "p.rule || ':' || " if family }}p._asn_created_at::VARCHAR AS asn_key,
           p._asn_created_at AS created_at,
{% for key in optional_keys %}
           p.{{ pins }}[{{ loop.index }}] AS pin_{{ key }},
{% endfor %}
           f.file_key AS _file_key, f.file_shared AS _file_shared
    FROM {{ pairs }} p
    JOIN l3_files f ON {{ 'f.rule = p.rule AND ' if family }}f.run_id = p.run_id AND f._row = p._row
{% if where %}
    WHERE {{ where }}
{% endif %}
),
grouped_members AS (
    SELECT * EXCLUDE (_file_key, _file_shared) FROM l3_member_files WHERE NOT _file_shared
    UNION ALL
    SELECT * EXCLUDE (_file_key, _file_shared) FROM l3_member_files WHERE _file_shared
    QUALIFY row_number() OVER (PARTITION BY {{ 'rule, ' if family }}run_id, created_at, _file_key
                               ORDER BY _row < created_at, _row) = 1
)
{%- endmacro %}

{% macro _l3_asn(pins, obs='a.obs', tas='a.tas') -%}
{#- An association of the fold with new pins (and OBS_NUMs, TAs). -#}
{'pins': {{ pins }}, 'created_at': a.created_at, 'obs': {{ obs }}, 'tas': {{ tas }}}
{%- endmacro %}

{% macro _l3_add_obs() -%}
{#- The association's recorded OBS_NUMs with the event's. -#}
CASE WHEN s.obs IS NULL OR list_contains(a.obs, s.obs) THEN a.obs ELSE list_append(a.obs, s.obs) END
{%- endmacro %}

{% macro _l3_ta_pins_per_rule(optional_keys, ta_steps) -%}
{#- _l3_ta_pins with the steps of the event's rule (`ta_steps` a mapping rule -> steps,
    for a rule family), or the rule's own steps. -#}
{% call(steps) per_rule(ta_steps, 's.rule', []) %}{{ _l3_ta_pins(optional_keys, steps) }}{% endcall %}
{%- endmacro %}

{% macro _l3_ta_pins(optional_keys, ta_steps) -%}
{#-
  The pins after a TA met the steps: a step passes (a check that holds; a pin
  the TA equals, or unset, or a TA without a value when not required), and
  every unset pin whose step is reached (all earlier steps passed) takes the
  TA's value.
-#}
{% set ta = namespace(passes=[], gate=0) %}
{% for step in ta_steps %}
{% if 'check' in step %}
{% set ta.gate = ta.gate + 1 %}
{% set ta.passes = ta.passes + ['coalesce(s.ta_gates[' ~ ta.gate ~ '], false)'] %}
{% else %}
{% set i = optional_keys.index(step.pin) + 1 %}
{% set ta.passes = ta.passes + ['CASE WHEN s.ta_vals[' ~ i ~ '] IS NULL THEN '
                                ~ ('false' if step.get('required') else 'true')
                                ~ ' ELSE coalesce(a.pins[' ~ i ~ '] = s.ta_vals[' ~ i ~ '], true) END'] %}
{% endif %}
{% endfor %}
[{% for key in optional_keys %}
{% set i = loop.index %}
{% set reach = namespace(at=none) %}
{% for step in ta_steps %}{% if step.get('pin') == key %}{% set reach.at = loop.index0 %}{% endif %}{% endfor %}
{% if reach.at is none %}
a.pins[{{ i }}]
{%- else %}
CASE WHEN a.pins[{{ i }}] IS NULL AND ({{ (ta.passes[:reach.at] or ['true']) | join(' AND ') }})
     THEN s.ta_vals[{{ i }}] ELSE a.pins[{{ i }}] END
{%- endif %}
{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[]
{%- endmacro %}


{% macro _l3_keyed_pairs(assocs, pins, relation, bucket, optional_keys) -%}
{#-
  Rows and associations of a bucket keyed so that "pins compatible" (each pin
  unset, or the row's value unset, or both equal) is an equality join: a row
  meets an association when both have the same masks (which keys the row has,
  which pins the association has) and the same values where both are set.
  Every row is keyed once per pin mask of its bucket and every association
  once per row mask, a few each; comparing every row with every association
  of its bucket grows with their product.
  Emits the CTEs l3_keyed_rows (the relation's columns, then _pin_mask,
  _row_mask, _pin_key) and l3_keyed_assocs (the associations' columns, then
  the same three); `pins` is the pin list over the association `a`.
-#}
{% set n = optional_keys | length %}
l3_row_masks AS (
    SELECT DISTINCT {{ bucket | join(', ') }},
           [{% for key in optional_keys %}{{ key }} IS NOT NULL{{ ', ' if not loop.last }}{% endfor %}] AS mask
    FROM {{ relation }}
),
l3_pin_masks AS (
    SELECT DISTINCT {% for key in bucket %}a.{{ key }}, {% endfor %}
           [{% for i in range(1, n + 1) %}{{ pins }}[{{ i }}] IS NOT NULL{{ ', ' if not loop.last }}{% endfor %}] AS mask
    FROM {{ assocs }} a
),
l3_keyed_rows AS (
    SELECT r.*, m.mask AS _pin_mask,
           [{% for key in optional_keys %}r.{{ key }} IS NOT NULL{{ ', ' if not loop.last }}{% endfor %}] AS _row_mask,
           [{% for key in optional_keys %}CASE WHEN m.mask[{{ loop.index }}] THEN r.{{ key }}::VARCHAR END{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[] AS _pin_key
    FROM {{ relation }} r
    JOIN l3_pin_masks m ON {% for key in bucket %}m.{{ key }} = r.{{ key }}{{ ' AND ' if not loop.last }}{% endfor %}
),
l3_keyed_assocs AS (
    SELECT a.*, m.mask AS _row_mask,
           [{% for i in range(1, n + 1) %}{{ pins }}[{{ i }}] IS NOT NULL{{ ', ' if not loop.last }}{% endfor %}] AS _pin_mask,
           [{% for i in range(1, n + 1) %}CASE WHEN m.mask[{{ i }}] THEN {{ pins }}[{{ i }}] END{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[] AS _pin_key
    FROM {{ assocs }} a
    JOIN l3_row_masks m ON {% for key in bucket %}m.{{ key }} = a.{{ key }}{{ ' AND ' if not loop.last }}{% endfor %}
)
{%- endmacro %}

{% macro _l3_same_key(a, r, bucket) -%}
{#- The join of l3_keyed_rows `r` and l3_keyed_assocs `a`: same bucket, masks and key. -#}
{% for key in bucket %}{{ a }}.{{ key }} = {{ r }}.{{ key }} AND {% endfor %}{{ a }}._pin_mask = {{ r }}._pin_mask
AND {{ a }}._row_mask = {{ r }}._row_mask AND {{ a }}._pin_key IS NOT DISTINCT FROM {{ r }}._pin_key
{%- endmacro %}
