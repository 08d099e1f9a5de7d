{% macro level2_associations(members, describe=[], coron_integrations=true, into=none,
                             member_order=none, any_candidate=false, tso_pin=true, family=false) %}
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
    into: name of a CTE to hold the output, for rules that finalize it further
      (imprint pruning, nod splits); by default the output is the final SELECT
    member_order: column of `members` giving the order of addition, when the
      grouping knows it (level2_replay); by default it is derived as above
      (level2_member_order)
    any_candidate: true for rules valid in every candidate type (the
      reference's allowed_candidates check switched off: Asn_Lv2WFSSParallel)
    tso_pin: false for rules without the reference's Constraint_Base (no
      TSOVISIT pin, so a TSO member does not turn the others' names to
      _rateints: Asn_Lv2WFSSParallel)
    family: the members are those of several rules (a rule family,
      models/level2_family.sql: a `rule` column); an association is then one of
      its rule's, `describe` may be a mapping rule -> columns (per_rule), and the
      output has the rule
-#}
{% set association = (['rule'] if family else []) + ['run_id', 'science_row'] %}
l2_members AS (
    SELECT {{ 'm.rule, ' if family }}m.run_id, m.science_row, m.created_at, m._row, m.exptype,
{% if member_order %}
           m.{{ member_order }} AS member_order,
{% else %}
           {{ level2_member_order('m._row', 'm.created_at') }} AS member_order,
{% endif %}
           i.*  EXCLUDE (run_id, _row)
    FROM {{ members }} m
    JOIN {{ items() }} i ON i.run_id = m.run_id AND i._row = m._row
),
{% if tso_pin %}
l2_tso_from AS (
    -- the association's TSOVISIT pin is 't' from the first member with TSOVISIT = t on
    -- (an aggregation of three columns: a window would move every member's columns)
    SELECT {{ association | join(', ') }}, min(member_order) AS tso_from
    FROM l2_members
    WHERE tsovisit = 't'
    GROUP BY {{ association | join(', ') }}
),
{% endif %}
l2_named AS (
    SELECT m.*,
        {{ level2_expname('m.raw_filename',
            ('m.coron_integrations OR ' if coron_integrations else '') ~ 'm.other_integrations'
            ~ (' OR (m.science_pointing AND coalesce(m.member_order >= t.tso_from, false))' if tso_pin else '')) }} AS expname
    FROM l2_members m
{% if tso_pin %}
    LEFT JOIN l2_tso_from t USING ({{ association | join(', ') }})
{% endif %}
),
l2_assoc AS (
    SELECT {{ association | join(', ') }},
        arg_min(raw_targetid, member_order) AS target,
        arg_min(program, member_order) AS first_program,
        arg_min(expname, member_order) FILTER (WHERE exptype = 'science') AS science_expname,
        bool_or(exptype = 'science') AS has_science,
        bool_or(exptype = 'background') AS has_background
    FROM l2_named
    GROUP BY {{ association | join(', ') }}
),
l2_assoc_named AS (
    -- names once per association, not once per member (the suffix regex is long);
    -- the constraints text from the association's science row, made for these rows
    -- only (made for every item and joined, it cost 3.8 s of Asn_Lv2Image's 10.6 s
    -- at a million exposures)
    SELECT a.*, coalesce({{ level2_product_name('a.science_expname') }}, 'undefined') AS product_name,
           pad_left(a.first_program, 5, '0') AS padded_program,
           {%+ call(columns) per_rule(describe, 'a.rule', []) %}concat_ws(', ', 'candidate=' || i.acid_id
{% for column in columns %}
               , {{ column | sqlstr }} || '=' || coalesce(i.{{ column }}, 'null')
{% endfor %}
           ){% endcall %} AS constraints
    FROM l2_assoc a
    LEFT JOIN {{ items() }} i ON i.run_id = a.run_id AND i._row = a.science_row
)
{% if into %}
, {{ into }} AS (
{% endif %}
SELECT {{ 'n.rule, ' if family }}n.run_id,
       n.science_row::VARCHAR AS asn_key,
       n.created_at,
       a.product_name,
       a.target,
       a.padded_program AS program,
       a.constraints,
       a.has_science
{% if not any_candidate %}
           AND (n.acid_type = 'observation' OR (n.acid_type = 'background' AND a.has_background))
{% endif %}
           AS is_valid,
       n.member_order,
       n._row,
       n.expname,
       n.exptype,
       n.raw_exposerr AS exposerr
FROM l2_named n
JOIN l2_assoc_named a USING ({{ association | join(', ') }})
{% if into %}
)
{% endif %}
{%- endmacro %}
