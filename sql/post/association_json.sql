-- association_json: the text of every *_asn.json file, in output order, exactly as
-- the reference serialises an association (json.dumps, indent 4, keys in the
-- reference's order, ASCII only, no trailing newline). Built here rather than in
-- Python so that large pools never turn every member into a Python object.
-- Reads what deliver.sql chose to write (output_associations, output_products,
-- output_members: one or more products per file with --merge). Settings (pool
-- name, version id, code version) arrive as data in `settings`.
--
-- Escaping every value with json_text() makes a large query that takes longer to
-- plan than to run on small pools. So the engine first renders this with
-- exact_json false: values are quoted by json_quote(), which gives NULL for a value
-- that needs escaping, and such a file's text comes out NULL. Only if a file is NULL
-- does the engine render it again with exact_json true (json_text everywhere).
{% set q = 'json_text' if exact_json else 'json_quote' %}
{% set NL = "chr(10)" %}
{# the two degraded_status texts, already as JSON string literals #}
{% set DEGRADED_OK = "'\"No known degraded exposures in association.\"'" %}
{% set DEGRADED_NOT_OK = "'\"One or more members have an error associated with them.\\nDetails can be found in the member.exposerr attribute.\"'" %}
{% macro line(depth, key, value, last=false) -%}
'{{ ' ' * (4 * depth) }}"{{ key }}": ' || {{ value }}{{ '' if last else " || ',' || " ~ NL }}
{%- endmacro %}
CREATE OR REPLACE TABLE association_json AS
WITH member_texts AS (
    -- one JSON object per member (pool members carry exposerr and their candidate;
    -- derived members only expname and exptype)
    SELECT m.out_key, m.product_index, m.source_order, m.member_order,
           '                {' || {{ NL }}
           || {{ line(5, 'expname', q ~ '(m.expname)') }}
           || {{ line(5, 'exptype', q ~ '(m.exptype)', last=true) }}
           || CASE WHEN NOT m.from_pool THEN ''
                   ELSE ',' || {{ NL }} || {{ line(5, 'exposerr', q ~ '(' ~ ('m.exposerr' if has_exposerr else 'NULL') ~ ')', last=true) }}
                        || CASE WHEN m.asn_candidate IS NULL THEN ''
                                ELSE ',' || {{ NL }} || {{ line(5, 'asn_candidate', q ~ '(m.asn_candidate)', last=true) }}
                           END
              END
           || {{ NL }} || '                }' AS text
    FROM output_members m
),
members AS (
    -- in member order; NULL when a member's text is NULL. A list sorted afterwards,
    -- not an ordered aggregate: on the largest pools this one spills to disk
    SELECT out_key, product_index,
           CASE WHEN count(text) = count(*)
                THEN array_to_string(list_transform(
                         list_sort(list({'source_order': source_order, 'member_order': member_order,
                                         'text': text})),
                         lambda member: member.text), ',' || {{ NL }}) END AS members
    FROM member_texts
    GROUP BY out_key, product_index
),
product_texts AS (
    -- the association's scalar fields ride along with each of its products, so that
    -- the file text is built by one aggregation and no large text is ever joined
    -- (on the largest pools, a join with the texts on its build side runs out of memory)
    SELECT a.write_order, a.asn_name, a.asn_type, a.level, a.asn_rule, a.degraded,
           a.program, a.constraints, a.asn_id, a.target, p.product_index,
           '        {' || {{ NL }}
           || {{ line(3, 'name', q ~ '(p.product_name)') }}
           || CASE WHEN m.out_key IS NULL THEN '            "members": []'
                   ELSE '            "members": [' || {{ NL }} || m.members || {{ NL }} || '            ]' END
           || {{ NL }} || '        }' AS text
    FROM (SELECT DISTINCT out_key, product_index, product_name FROM output_products) p
    JOIN output_associations a USING (out_key)
    LEFT JOIN members m USING (out_key, product_index)
),
files AS (
    -- grouped by all the file's fields: as group keys, large pools' texts spill to
    -- disk (grouped by write_order alone with any_value() for the rest, 1M ran out
    -- of memory)
    SELECT write_order, asn_name, asn_type, level, asn_rule, degraded, program, constraints,
           asn_id, target,
           CASE WHEN count(text) = count(*)
                THEN array_to_string(list_transform(
                         list_sort(list({'product_index': product_index, 'text': text})),
                         lambda product: product.text), ',' || {{ NL }}) END AS products
    FROM product_texts
    GROUP BY ALL
)
SELECT a.write_order,
       a.asn_name,
       a.asn_type,
       '{' || {{ NL }}
       || {{ line(1, 'asn_type', q ~ '(a.asn_type)') }}
       || {{ line(1, 'asn_rule', q ~ '(a.asn_rule)') }}
       || {{ line(1, 'version_id', q ~ '(s.version_id)') }}
       || {{ line(1, 'code_version', q ~ '(s.code_version)') }}
       || {{ line(1, 'degraded_status', 'CASE WHEN a.degraded THEN ' ~ DEGRADED_NOT_OK ~ ' ELSE ' ~ DEGRADED_OK ~ ' END') }}
       || {{ line(1, 'program', q ~ '(a.program)') }}
       || {{ line(1, 'constraints', q ~ "(coalesce(nullif(a.constraints, ''), 'No constraints'))") }}
       || {{ line(1, 'asn_id', q ~ '(a.asn_id)') }}
       -- Level 2 writes asn_pool before target, Level 3 after
       || CASE WHEN a.level = 2
               THEN {{ line(1, 'asn_pool', q ~ '(s.asn_pool)') }} || {{ line(1, 'target', q ~ '(a.target)') }}
               ELSE {{ line(1, 'target', q ~ '(a.target)') }} || {{ line(1, 'asn_pool', q ~ '(s.asn_pool)') }}
          END
       || '    "products": [' || {{ NL }}
       || a.products || {{ NL }}
       || '    ]' || {{ NL }}
       || '}' AS json
FROM files a
CROSS JOIN settings s
ORDER BY a.write_order;
