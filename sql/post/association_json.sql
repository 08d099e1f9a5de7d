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
--
-- Texts are put together with concat() over values quoted first, in a projection
-- below: one concat() of many parts costs about half of a chain of || (each ||
-- makes a new string). concat() skips NULL parts, so each text is NULL by an
-- explicit test where one of its quoted values is (or its members' text is).
{% set q = 'json_text' if exact_json else 'json_quote' %}
{% set NL = "chr(10)" %}
{# the two degraded_status texts, already as JSON string literals #}
{% set DEGRADED_OK = "'\"No known degraded exposures in association.\"'" %}
{% set DEGRADED_NOT_OK = "'\"One or more members have an error associated with them.\\nDetails can be found in the member.exposerr attribute.\"'" %}
{% macro line(depth, key, value, last=false) -%}
{#- concat() arguments of one `"key": value` line, its comma and newline unless last -#}
'{{ ' ' * (4 * depth) }}"{{ key }}": ', {{ value }}{{ '' if last else ", ',' || " ~ NL }}
{%- endmacro %}
{% macro unless_null(columns) -%}
{#- the text of the call's body, or NULL where one of the columns is -#}
CASE WHEN {{ columns | join(' IS NULL OR ') }} IS NULL THEN NULL ELSE {{ caller() }} END
{%- endmacro %}
CREATE OR REPLACE TABLE association_json AS
WITH member_values AS (
    SELECT out_key, product_index, source_order, member_order, from_pool,
           asn_candidate IS NOT NULL AS has_candidate,
           {{ q }}(expname) AS q_expname,
           {{ q }}(exptype) AS q_exptype,
           {{ q }}({{ 'exposerr' if has_exposerr else 'NULL' }}) AS q_exposerr,
           {{ q }}(asn_candidate) AS q_candidate
    FROM output_members
),
member_texts AS (
    -- one JSON object per member (pool members carry exposerr and their candidate;
    -- derived members only expname and exptype)
    SELECT out_key, product_index, source_order, member_order,
           CASE WHEN q_expname IS NULL OR q_exptype IS NULL
                     OR (from_pool AND (q_exposerr IS NULL OR (has_candidate AND q_candidate IS NULL)))
                THEN NULL
                ELSE concat('                {' || {{ NL }},
                            {{ line(5, 'expname', 'q_expname') }},
                            {{ line(5, 'exptype', 'q_exptype', last=true) }},
                            CASE WHEN from_pool THEN concat(',' || {{ NL }},
                                {{ line(5, 'exposerr', 'q_exposerr', last=true) }},
                                CASE WHEN has_candidate THEN concat(',' || {{ NL }},
                                    {{ line(5, 'asn_candidate', 'q_candidate', last=true) }}) END) END,
                            {{ NL }} || '                }')
           END AS text
    FROM member_values
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
product_texts AS MATERIALIZED (
    -- the association's scalar fields ride along with each of its products, so that
    -- the file text is built by at most one aggregation and no large text is ever
    -- joined (on the largest pools, a join with the texts on its build side runs out
    -- of memory). Read twice by `files`: made once, not once per reader
    SELECT a.write_order, a.asn_name, a.asn_type, a.level, a.asn_rule, a.degraded,
           a.program, a.constraints, a.asn_id, a.target, p.product_index, p.n_products,
           {% call unless_null(['p.q_name']) %}
           -- NULL too when a member's text is (members NULL for a product that has some)
           CASE WHEN m.out_key IS NOT NULL AND m.members IS NULL THEN NULL
                ELSE concat('        {' || {{ NL }}, {{ line(3, 'name', 'p.q_name') }},
                            CASE WHEN m.out_key IS NULL THEN '            "members": []'
                                 ELSE concat('            "members": [' || {{ NL }}, m.members,
                                             {{ NL }} || '            ]') END,
                            {{ NL }} || '        }')
           END
           {% endcall %} AS text
    FROM (SELECT out_key, product_index, {{ q }}(product_name) AS q_name,
                 count(*) OVER (PARTITION BY out_key) AS n_products
          FROM (SELECT DISTINCT out_key, product_index, product_name FROM output_products)) p
    JOIN output_associations a USING (out_key)
    LEFT JOIN members m USING (out_key, product_index)
),
files AS (
    -- a file of one product (every file, but with --merge) is its product's row; only
    -- files of several products are grouped, by all the file's fields: as group keys,
    -- large pools' texts spill to disk (grouped by write_order alone with any_value()
    -- for the rest, 1M ran out of memory). Grouping every file took 13 of the 25 s of
    -- this statement at 1M exposures, for the same text.
    SELECT write_order, asn_name, asn_type, level, asn_rule, degraded, program, constraints,
           asn_id, target, text AS products
    FROM product_texts
    WHERE n_products = 1
    UNION ALL
    SELECT write_order, asn_name, asn_type, level, asn_rule, degraded, program, constraints,
           asn_id, target,
           CASE WHEN count(text) = count(*)
                THEN array_to_string(list_transform(
                         list_sort(list({'product_index': product_index, 'text': text})),
                         lambda product: product.text), ',' || {{ NL }}) END AS products
    FROM product_texts
    WHERE n_products > 1
    GROUP BY ALL
),
file_values AS (
    SELECT f.write_order, f.asn_name, f.asn_type, f.level, f.degraded, f.products,
           {{ q }}(f.asn_type) AS q_asn_type,
           {{ q }}(f.asn_rule) AS q_asn_rule,
           {{ q }}(s.version_id) AS q_version_id,
           {{ q }}(s.code_version) AS q_code_version,
           {{ q }}(f.program) AS q_program,
           {{ q }}(coalesce(nullif(f.constraints, ''), 'No constraints')) AS q_constraints,
           {{ q }}(f.asn_id) AS q_asn_id,
           {{ q }}(s.asn_pool) AS q_asn_pool,
           {{ q }}(f.target) AS q_target
    FROM files f
    CROSS JOIN settings s
)
{% set file_values = ['q_asn_type', 'q_asn_rule', 'q_version_id', 'q_code_version', 'q_program',
                      'q_constraints', 'q_asn_id', 'q_asn_pool', 'q_target', 'products'] %}
SELECT write_order,
       asn_name,
       asn_type,
       {% call unless_null(file_values) %}
       concat('{' || {{ NL }},
              {{ line(1, 'asn_type', 'q_asn_type') }},
              {{ line(1, 'asn_rule', 'q_asn_rule') }},
              {{ line(1, 'version_id', 'q_version_id') }},
              {{ line(1, 'code_version', 'q_code_version') }},
              {{ line(1, 'degraded_status', 'CASE WHEN degraded THEN ' ~ DEGRADED_NOT_OK ~ ' ELSE ' ~ DEGRADED_OK ~ ' END') }},
              {{ line(1, 'program', 'q_program') }},
              {{ line(1, 'constraints', 'q_constraints') }},
              {{ line(1, 'asn_id', 'q_asn_id') }},
              -- Level 2 writes asn_pool before target, Level 3 after
              CASE WHEN level = 2
                   THEN concat({{ line(1, 'asn_pool', 'q_asn_pool') }}, {{ line(1, 'target', 'q_target') }})
                   ELSE concat({{ line(1, 'target', 'q_target') }}, {{ line(1, 'asn_pool', 'q_asn_pool') }})
              END,
              '    "products": [' || {{ NL }},
              products, {{ NL }},
              '    ]' || {{ NL }},
              '}')
       {% endcall %} AS json
FROM file_values
ORDER BY write_order;
