-- association_json: the text of every *_asn.json file, in output order, exactly as
-- the reference serialises an association (json.dumps, indent 4, keys in the
-- reference's order, ASCII only, no trailing newline). Built here rather than in
-- Python so that large pools never turn every member into a Python object.
-- Settings (pool name, version id, code version) arrive as data in `settings`.
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
    SELECT m.run_id, m.rule, m.asn_key, m.member_order,
           '                {' || {{ NL }}
           || {{ line(5, 'expname', q ~ '(m.expname)') }}
           || {{ line(5, 'exptype', q ~ '(m.exptype)', last=true) }}
           || CASE WHEN m._row IS NULL THEN ''
                   ELSE ',' || {{ NL }} || {{ line(5, 'exposerr', q ~ '(' ~ ('m.exposerr' if has_exposerr else 'NULL') ~ ')', last=true) }}
                        || CASE WHEN m.asn_candidate IS NULL THEN ''
                                ELSE ',' || {{ NL }} || {{ line(5, 'asn_candidate', q ~ '(m.asn_candidate)', last=true) }}
                           END
              END
           || {{ NL }} || '                }' AS text
    FROM rule_members m
    SEMI JOIN final_associations f USING (run_id, rule, asn_key)
),
members AS (
    -- in member order; NULL when a member's text is NULL (string_agg would skip it)
    SELECT run_id, rule, asn_key,
           CASE WHEN count(text) = count(*)
                THEN string_agg(text, ',' || {{ NL }} ORDER BY member_order) END AS members
    FROM member_texts
    GROUP BY run_id, rule, asn_key
)
SELECT f.output_order,
       f.asn_name,
       f.asn_type,
       '{' || {{ NL }}
       || {{ line(1, 'asn_type', q ~ '(f.asn_type)') }}
       || {{ line(1, 'asn_rule', q ~ '(f.asn_rule)') }}
       || {{ line(1, 'version_id', q ~ '(s.version_id)') }}
       || {{ line(1, 'code_version', q ~ '(s.code_version)') }}
       || {{ line(1, 'degraded_status', 'CASE WHEN f.degraded THEN ' ~ DEGRADED_NOT_OK ~ ' ELSE ' ~ DEGRADED_OK ~ ' END') }}
       || {{ line(1, 'program', q ~ '(f.program)') }}
       || {{ line(1, 'constraints', q ~ "(coalesce(nullif(f.constraints, ''), 'No constraints'))") }}
       || {{ line(1, 'asn_id', q ~ '(f.asn_id)') }}
       -- Level 2 writes asn_pool before target, Level 3 after
       || CASE WHEN f.level = 2
               THEN {{ line(1, 'asn_pool', q ~ '(s.asn_pool)') }} || {{ line(1, 'target', q ~ '(f.target)') }}
               ELSE {{ line(1, 'target', q ~ '(f.target)') }} || {{ line(1, 'asn_pool', q ~ '(s.asn_pool)') }}
          END
       || '    "products": [' || {{ NL }}
       || '        {' || {{ NL }}
       || {{ line(3, 'name', q ~ '(f.product_name)') }}
       || '            "members": [' || {{ NL }}
       || m.members || {{ NL }}
       || '            ]' || {{ NL }}
       || '        }' || {{ NL }}
       || '    ]' || {{ NL }}
       || '}' AS json
FROM final_associations f
JOIN members m USING (run_id, rule, asn_key)
CROSS JOIN settings s
ORDER BY f.output_order;
