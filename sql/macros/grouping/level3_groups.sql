{% macro level3_groups(relation, keys, optional_keys, reoffered=true, replay_existing=false) %}
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

  With `replay_existing`, the EXISTING pass is replayed as the reference
  runs it: rows processed before an association was created are offered to
  it one at a time in row order, and a row that joins fixes the pins still
  unset, so that a later row with another value no longer joins.

  Arguments:
    relation: CTE name; columns run_id, _row and the key columns
    keys: required pin columns
    optional_keys: NULL-tolerant pin columns (at least one)
    reoffered: whether rows are re-offered to associations created after them
    replay_existing: replay the re-offer row by row (pins set by re-offered rows
      bind later ones); only with reoffered
-#}
{% set bucket = ['run_id'] + keys %}
l3_signatures AS (
    -- distinct combinations of pins, with the row where each first appears
    SELECT {{ bucket | join(', ') }},
           [{{ optional_keys | join(', ') }}]::VARCHAR[] AS sig,
           min(_row) AS first_row
    FROM {{ relation }}
    GROUP BY ALL
),
l3_sequence AS (
    SELECT *,
           dense_rank() OVER (ORDER BY {{ bucket | join(', ') }}) AS bucket_id,
           row_number() OVER (PARTITION BY {{ bucket | join(', ') }} ORDER BY first_row) AS k
    FROM l3_signatures
),
l3_fold AS (
    -- replay the creation of associations, one signature at a time per bucket
    WITH RECURSIVE fold(bucket_id, k, asns) AS (
        SELECT bucket_id, 0, []::STRUCT(pins VARCHAR[], created_at BIGINT)[]
        FROM l3_sequence WHERE k = 1
        UNION ALL
        SELECT f.bucket_id, f.k + 1,
               CASE WHEN coalesce(list_bool_or(list_transform(f.asns,
                                  lambda a: pins_compatible(a.pins, s.sig))), false)
                    THEN list_transform(f.asns, lambda a: CASE
                             WHEN pins_compatible(a.pins, s.sig)
                             THEN {'pins': pins_merge(a.pins, s.sig), 'created_at': a.created_at}
                             ELSE a END)
                    ELSE list_append(f.asns, {'pins': s.sig, 'created_at': s.first_row})
               END
        FROM fold f JOIN l3_sequence s ON s.bucket_id = f.bucket_id AND s.k = f.k + 1
    )
    SELECT bucket_id, asns FROM fold
    QUALIFY k = max(k) OVER (PARTITION BY bucket_id)
),
l3_assocs AS (
    SELECT b.{{ bucket | join(', b.') }}, a.asn.pins AS pins, a.asn.created_at AS created_at
    FROM l3_fold f
    JOIN (SELECT DISTINCT bucket_id, {{ bucket | join(', ') }} FROM l3_sequence) b USING (bucket_id),
         unnest(f.asns) AS a(asn)
),
{% if replay_existing and reoffered %}
l3_late_offers AS (
    -- EXISTING pass: rows processed before an association was created, offered in row order
    SELECT a.{{ bucket | join(', a.') }}, a.created_at,
           list({'row_id': r._row,
                 'sig': [{% for key in optional_keys %}r.{{ key }}{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[]}
                ORDER BY r._row) AS offers
    FROM l3_assocs a
    JOIN {{ relation }} r
      ON {% for key in bucket %}a.{{ key }} = r.{{ key }}{{ ' AND ' if not loop.last }}{% endfor %}
     AND r._row < a.created_at
     AND pins_compatible(a.pins, [{% for key in optional_keys %}r.{{ key }}{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[])
    GROUP BY ALL
),
l3_replayed AS (
    -- a re-offered row joins when it fits the pins as they are then, and fixes unset ones
    SELECT a.{{ bucket | join(', a.') }}, a.created_at, a.pins AS first_pass_pins,
           coalesce(list_reduce(o.offers, lambda state, offer: CASE
                        WHEN pins_compatible(state.pins, offer.sig)
                        THEN {'pins': pins_merge(state.pins, offer.sig),
                              'joined': list_append(state.joined, offer.row_id)}
                        ELSE state END,
                    {'pins': a.pins, 'joined': []::BIGINT[]}),
                    {'pins': a.pins, 'joined': []::BIGINT[]}) AS state
    FROM l3_assocs a
    LEFT JOIN l3_late_offers o USING ({{ bucket | join(', ') }}, created_at)
),
grouped_members AS (
    SELECT r.*,
           a.created_at::VARCHAR AS asn_key,
           a.created_at,
{% for key in optional_keys %}
           a.state.pins[{{ loop.index }}] AS pin_{{ key }}{{ ',' if not loop.last }}
{% endfor %}
    FROM {{ relation }} r
    JOIN l3_replayed a
      ON {% for key in bucket %}a.{{ key }} = r.{{ key }}{{ ' AND ' if not loop.last }}{% endfor %}
     AND CASE WHEN r._row >= a.created_at
              THEN pins_compatible(a.first_pass_pins, [{% for key in optional_keys %}r.{{ key }}{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[])
              ELSE list_contains(a.state.joined, r._row) END
)
{% else %}
grouped_members AS (
    SELECT r.*,
           a.created_at::VARCHAR AS asn_key,
           a.created_at,
{% for key in optional_keys %}
           a.pins[{{ loop.index }}] AS pin_{{ key }}{{ ',' if not loop.last }}
{% endfor %}
    FROM {{ relation }} r
    JOIN l3_assocs a
      ON {% for key in bucket %}a.{{ key }} = r.{{ key }}{{ ' AND ' if not loop.last }}{% endfor %}
     AND pins_compatible(a.pins, [{% for key in optional_keys %}r.{{ key }}{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[])
{% if not reoffered %}
     AND r._row >= a.created_at
{% endif %}
)
{% endif %}
{%- endmacro %}
