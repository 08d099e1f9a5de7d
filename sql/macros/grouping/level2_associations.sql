{% macro level2_associations(members, describe=[], coron_integrations=true) %}
{#-
  Turn Level 2 membership rows into the rule output contract (one row per
  member): names, product name, target, program, validity.

  Level 2 facts applied here (DMSLevel2bBase):
  - member order is order of addition: members processed after the creating
    exposure first, in pool order, then those re-offered later;
  - expname _rate / _rateints; integrations also apply to every science
    pointing member once the association's TSOVISIT pin is 't';
  - product name from the first science member; target and program from the
    first member (program zero-padded to 5);
  - valid when a member is science and the candidate is an observation, or a
    background candidate with a background member. Only valid associations
    are returned (invalid ones are never written): associations of other
    candidate types are not even named.

  Arguments:
    members: CTE with run_id, science_row, created_at, _row, exptype
    describe: item columns shown in the constraints text (from the science row)
    coron_integrations: false for rules that force the coronagraph test off
-#}
l2_members AS (
    -- only observation and background runs can make a valid Level 2 association
    SELECT m.run_id, m.science_row, m.created_at, m._row, m.exptype,
           CASE WHEN m._row >= m.created_at THEN 0 ELSE 1 END * 10000000000 + m._row AS member_order,
           i.*  EXCLUDE (run_id, _row)
    FROM {{ members }} m
    JOIN {{ items() }} i ON i.run_id = m.run_id AND i._row = m._row
    WHERE i.acid_type IN ('observation', 'background')
),
l2_named AS (
    SELECT *,
        {{ level2_expname('raw_filename',
            ('coron_integrations OR ' if coron_integrations else '') ~ 'other_integrations '
            ~ 'OR (science_pointing AND tso_pinned)') }} AS expname
    FROM (
        SELECT *,
            -- the association's TSOVISIT pin is 't' once a member with TSOVISIT = t joined
            coalesce(bool_or(tsovisit = 't') OVER (PARTITION BY run_id, science_row ORDER BY member_order
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), false)
                AS tso_pinned
        FROM l2_members
    )
),
l2_assoc AS (
    SELECT run_id, science_row,
        any_value(acid_type) AS acid_type,
        arg_min(raw_targetid, member_order) AS target,
        arg_min(program, member_order) AS first_program,
        arg_min(expname, member_order) FILTER (WHERE exptype = 'science') AS science_expname,
        bool_or(exptype = 'science') AS has_science,
        bool_or(exptype = 'background') AS has_background
    FROM l2_named
    GROUP BY run_id, science_row
),
l2_valid AS (
    -- the valid associations, named once each
    SELECT a.run_id, a.science_row, a.target,
           coalesce({{ level2_product_name('a.science_expname') }}, 'undefined') AS product_name,
           pad_left(a.first_program, 5, '0') AS program,
           a.has_science AND (a.acid_type = 'observation'
                              OR (a.acid_type = 'background' AND a.has_background)) AS is_valid
    FROM l2_assoc a
    WHERE a.has_science AND (a.acid_type = 'observation'
                             OR (a.acid_type = 'background' AND a.has_background))
),
l2_described AS (
    SELECT run_id, _row AS science_row,
        concat_ws(', ', 'candidate=' || acid_id
{% for column in describe %}
            , {{ column | sqlstr }} || '=' || coalesce({{ column }}, 'null')
{% endfor %}
        ) AS constraints
    FROM {{ items() }}
    WHERE (run_id, _row) IN (SELECT run_id, science_row FROM l2_valid)
)
SELECT n.run_id,
       n.science_row::VARCHAR AS asn_key,
       n.created_at,
       a.product_name,
       a.target,
       a.program,
       d.constraints,
       a.is_valid,
       n.member_order,
       n._row,
       n.expname,
       n.exptype,
       n.raw_exposerr AS exposerr
FROM l2_named n
JOIN l2_valid a USING (run_id, science_row)
LEFT JOIN l2_described d USING (run_id, science_row)
{%- endmacro %}
