-- association_json: the text of every *_asn.json file, in output order, exactly as
-- the reference serialises an association (json.dumps, indent 4, keys in the
-- reference's order, ASCII only, no trailing newline). Built here rather than in
-- Python so that large pools never turn every member into a Python object.
-- Settings (pool name, version id, code version) arrive as data in `settings`.
{% set NL = "chr(10)" %}
{% set DEGRADED_OK = "No known degraded exposures in association." %}
{% set DEGRADED_NOT_OK = "One or more members have an error associated with them.\nDetails can be found in the member.exposerr attribute." %}
{% macro line(depth, key, value, last=false) -%}
'{{ ' ' * (4 * depth) }}"{{ key }}": ' || {{ value }}{{ '' if last else " || ',' || " ~ NL }}
{%- endmacro %}
CREATE OR REPLACE TABLE association_json AS
WITH members AS (
    -- one JSON object per member, in member order (pool members carry exposerr and
    -- their candidate; derived members only expname and exptype)
    SELECT m.run_id, m.rule, m.asn_key,
           string_agg(
               '                {' || {{ NL }}
               || {{ line(5, 'expname', 'json_text(m.expname)') }}
               || {{ line(5, 'exptype', 'json_text(m.exptype)', last=true) }}
               || CASE WHEN m._row IS NULL THEN ''
                       ELSE ',' || {{ NL }} || {{ line(5, 'exposerr', 'json_text(' ~ ('m.exposerr' if has_exposerr else 'NULL') ~ ')', last=true) }}
                            || CASE WHEN m.asn_candidate IS NULL THEN ''
                                    ELSE ',' || {{ NL }} || {{ line(5, 'asn_candidate', 'json_text(m.asn_candidate)', last=true) }}
                               END
                  END
               || {{ NL }} || '                }',
               ',' || {{ NL }} ORDER BY m.member_order) AS members
    FROM rule_members m
    SEMI JOIN final_associations f USING (run_id, rule, asn_key)
    GROUP BY m.run_id, m.rule, m.asn_key
)
SELECT f.output_order,
       f.asn_name,
       f.asn_type,
       '{' || {{ NL }}
       || {{ line(1, 'asn_type', 'json_text(f.asn_type)') }}
       || {{ line(1, 'asn_rule', 'json_text(f.asn_rule)') }}
       || {{ line(1, 'version_id', 'json_text(s.version_id)') }}
       || {{ line(1, 'code_version', 'json_text(s.code_version)') }}
       || {{ line(1, 'degraded_status', 'json_text(CASE WHEN f.degraded THEN ' ~ DEGRADED_NOT_OK | sqlstr ~ ' ELSE ' ~ DEGRADED_OK | sqlstr ~ ' END)') }}
       || {{ line(1, 'program', 'json_text(f.program)') }}
       || {{ line(1, 'constraints', "json_text(coalesce(nullif(f.constraints, ''), 'No constraints'))") }}
       || {{ line(1, 'asn_id', 'json_text(f.asn_id)') }}
       -- Level 2 writes asn_pool before target, Level 3 after
       || CASE WHEN f.level = 2
               THEN {{ line(1, 'asn_pool', 'json_text(s.asn_pool)') }} || {{ line(1, 'target', 'json_text(f.target)') }}
               ELSE {{ line(1, 'target', 'json_text(f.target)') }} || {{ line(1, 'asn_pool', 'json_text(s.asn_pool)') }}
          END
       || '    "products": [' || {{ NL }}
       || '        {' || {{ NL }}
       || {{ line(3, 'name', 'json_text(f.product_name)') }}
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
