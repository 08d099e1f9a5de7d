{% macro level2_associations(members, describe=[], coron_integrations=true,
                              extra_members=none, any_candidate=false, order_column=none,
                              written_column=none) %}
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
    background candidate with a background member.

  Arguments:
    members: CTE with run_id, science_row, created_at, _row, exptype
    describe: item columns shown in the constraints text (from the science row)
    coron_integrations: false for rules that force the coronagraph test off
    extra_members: CTE of members not read from the pool (run_id, science_row,
      member_order, expname, exptype), e.g. WFSS catalogs; they come after the
      pool members and are written with expname and exptype only
    any_candidate: true for rules valid in every candidate type (the
      reference's allowed_candidates check switched off)
    order_column: column of `members` giving the member order, for rules
      whose re-offered members come in more than one later pass; default
      level2_member_order()
    written_column: boolean column of `members`; rows where it is false still
      count for the association (TSOVISIT pin, target, program: they were
      members when those were set) but are not written (finalization removed
      them, e.g. WFSS direct images)
-#}
l2_members AS (
    SELECT m.run_id, m.science_row, m.created_at, m._row, m.exptype,
           {{ 'm.' ~ written_column if written_column else 'true' }} AS written,
           {{ 'm.' ~ order_column if order_column else level2_member_order('m._row', 'm.created_at') }} AS member_order,
           i.*  EXCLUDE (run_id, _row)
    FROM {{ members }} m
    JOIN {{ items() }} i ON i.run_id = m.run_id AND i._row = m._row
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
        min(created_at) AS created_at,
        any_value(acid_type) AS acid_type,
        arg_min(raw_targetid, member_order) AS target,
        arg_min(program, member_order) AS first_program,
        arg_min(expname, member_order) FILTER (WHERE exptype = 'science') AS science_expname,
        bool_or(exptype = 'science') AS has_science,
        bool_or(exptype = 'background') AS has_background
    FROM l2_named
    GROUP BY run_id, science_row
),
l2_described AS (
    SELECT run_id, _row AS science_row,
        concat_ws(', ', 'candidate=' || acid_id
{% for column in describe %}
            , {{ column | sqlstr }} || '=' || coalesce({{ column }}, 'null')
{% endfor %}
        ) AS constraints
    FROM {{ items() }}
),
l2_output AS (
    -- one row per association: what every member row carries
    SELECT a.run_id, a.science_row, a.created_at,
           coalesce({{ level2_product_name('a.science_expname') }}, 'undefined') AS product_name,
           a.target,
           pad_left(a.first_program, 5, '0') AS program,
           d.constraints,
           a.has_science
{% if not any_candidate %}
           AND (a.acid_type = 'observation' OR (a.acid_type = 'background' AND a.has_background))
{% endif %}
               AS is_valid
    FROM l2_assoc a
    LEFT JOIN l2_described d USING (run_id, science_row)
)
SELECT o.run_id,
       o.science_row::VARCHAR AS asn_key,
       o.created_at, o.product_name, o.target, o.program, o.constraints, o.is_valid,
       n.member_order,
       n._row,
       n.expname,
       n.exptype,
       n.raw_exposerr AS exposerr
FROM l2_named n
JOIN l2_output o USING (run_id, science_row)
WHERE n.written
{% if extra_members %}
UNION ALL
SELECT o.run_id,
       o.science_row::VARCHAR AS asn_key,
       o.created_at, o.product_name, o.target, o.program, o.constraints, o.is_valid,
       x.member_order,
       NULL::BIGINT AS _row,
       x.expname,
       x.exptype,
       NULL::VARCHAR AS exposerr
FROM {{ extra_members }} x
JOIN l2_output o USING (run_id, science_row)
{% endif %}
{%- endmacro %}
