{% macro level3_groups(relation, keys, optional_keys, reoffered=true) %}
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

  Arguments:
    relation: CTE name; columns run_id, _row and the key columns
    keys: required pin columns
    optional_keys: NULL-tolerant pin columns (at least one)
    reoffered: whether rows are re-offered to associations created after them
-#}
{% set bucket = ['run_id'] + keys %}
{% set n_pins = optional_keys | length %}
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
l3_buckets AS (
    -- a bucket needs the fold only when some pin is unset in some signatures and set
    -- in others; otherwise distinct signatures never join each other and each one
    -- is an association of its own, created at its first row
    SELECT bucket_id,
{% for i in range(1, n_pins + 1) %}
           (bool_or(sig[{{ i }}] IS NULL) AND bool_or(sig[{{ i }}] IS NOT NULL)) OR
{% endfor %}
           false AS needs_fold
    FROM l3_sequence
    GROUP BY bucket_id
),
l3_fold AS (
    -- replay the creation of associations, one signature at a time per bucket
    WITH RECURSIVE fold(bucket_id, k, asns) AS (
        SELECT bucket_id, 0, []::STRUCT(pins VARCHAR[], created_at BIGINT)[]
        FROM l3_sequence JOIN l3_buckets USING (bucket_id)
        WHERE k = 1 AND needs_fold
        UNION ALL
        SELECT f.bucket_id, f.k + 1,
               CASE WHEN coalesce(list_bool_or(list_transform(f.asns,
                                  lambda a: {{ _pins_compatible('a.pins', 's.sig', n_pins) }})), false)
                    THEN list_transform(f.asns, lambda a: CASE
                             WHEN {{ _pins_compatible('a.pins', 's.sig', n_pins) }}
                             THEN {'pins': {{ _pins_merge('a.pins', 's.sig', n_pins) }}, 'created_at': a.created_at}
                             ELSE a END)
                    ELSE list_append(f.asns, {'pins': s.sig, 'created_at': s.first_row})
               END
        FROM fold f JOIN l3_sequence s ON s.bucket_id = f.bucket_id AND s.k = f.k + 1
    )
    SELECT bucket_id, asns FROM fold
    QUALIFY k = max(k) OVER (PARTITION BY bucket_id)
),
l3_fold_assocs AS MATERIALIZED (
    SELECT bucket_id, unnest(asns) AS asn FROM l3_fold
),
l3_signature_assocs AS MATERIALIZED (
    -- the associations each distinct signature joins: those whose final pins it is
    -- compatible with (decided once per signature, not once per row)
    SELECT s.{{ bucket | join(', s.') }}, s.sig, a.asn.pins AS pins, a.asn.created_at AS created_at
    FROM l3_sequence s
    JOIN l3_fold_assocs a USING (bucket_id)
    WHERE {{ _pins_compatible('a.asn.pins', 's.sig', n_pins) }}
    UNION ALL
    SELECT s.{{ bucket | join(', s.') }}, s.sig, s.sig AS pins, s.first_row AS created_at
    FROM l3_sequence s
    JOIN l3_buckets b USING (bucket_id)
    WHERE NOT b.needs_fold
),
grouped_members AS MATERIALIZED (
    SELECT r.*,
           a.created_at::VARCHAR AS asn_key,
           a.created_at,
{% for key in optional_keys %}
           a.pins[{{ loop.index }}] AS pin_{{ key }}{{ ',' if not loop.last }}
{% endfor %}
    FROM {{ relation }} r
    JOIN l3_signature_assocs a
      ON {% for key in bucket %}a.{{ key }} = r.{{ key }} AND {% endfor %}a.sig = [{% for key in optional_keys %}r.{{ key }}{{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[]
{% if not reoffered %}
     AND r._row >= a.created_at
{% endif %}
)
{%- endmacro %}

{% macro _pins_compatible(pins, sig, n) -%}
{#- pins_compatible() unrolled over the n pin positions (no lambda: faster) -#}
({% for i in range(1, n + 1) %}({{ pins }}[{{ i }}] IS NULL OR {{ sig }}[{{ i }}] IS NULL OR {{ pins }}[{{ i }}] = {{ sig }}[{{ i }}]){{ ' AND ' if not loop.last }}{% endfor %})
{%- endmacro %}

{% macro _pins_merge(pins, sig, n) -%}
{#- pins_merge() unrolled over the n pin positions -#}
[{% for i in range(1, n + 1) %}coalesce({{ pins }}[{{ i }}], {{ sig }}[{{ i }}]){{ ', ' if not loop.last }}{% endfor %}]::VARCHAR[]
{%- endmacro %}
