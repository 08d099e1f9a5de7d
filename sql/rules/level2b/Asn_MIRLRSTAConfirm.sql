{{ rule(name='Asn_MIRLRSTAConfirm', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_MIRLRSTAConfirm') }}
{#
  Level 2b MIRI low-resolution spectroscopy (fixed slit or slitless, TSO or
  not) with its target-acquisition confirmation image: one association per
  science exposure, with the LRS background-target exposures of its mode (not
  TSO) as `background` and the TA confirmation images (mir_taconfirm) of its
  OBS_ID as `target_acquisition`.

  An exposure joins an association on either of two paths, tried in order:
  1. the instrument mode (Constraint_Mode pins) plus: the science exposure
     (when the association has none) or a background target;
  2. the OBS_ID (pinned by the first exposure taking this path) plus: the
     science exposure (when the association has none) or a TA confirm.
  Which associations exist therefore depends on the pool's order: a TA
  confirm or a background that joins nothing starts an association, which
  the next science exposure accepted on either path completes; pins set by
  an exposure on the mode path before it fails there stay set when it joins
  on the OBS_ID path. So the rule replays the reference's passes in order:
  every exposure as it comes (joining the existing associations, else
  starting one), then the backgrounds that joined one (EXISTING pass), then
  every target acquisition (the pass that re-offers them).
  For along-slit nods Asn_Lv2MIRLRSFixedSlitNod makes supersets of these,
  which win in pruning.
#}
{% set LRS_EXP_TYPES = ['mir_lrs-slitless', 'mir_lrs-fixedslit'] %}
{# Constraint_Mode pins in the reference's order: (key, required) #}
{% set MODE_PINS = [('instrume', true), ('detector', true), ('opt_elem', true), ('opt_elem2', false),
                    ('fxd_slit', false), ('subarray', false), ('channel', false)] %}
{% set ASSOCIATION = 'STRUCT(created_at BIGINT, tso VARCHAR, '
    ~ (MODE_PINS | map('first') | join(' VARCHAR, ')) ~ ' VARCHAR, '
    ~ 'bkg_exp_type VARCHAR, obs_id VARCHAR, has_science BOOLEAN, '
    ~ 'members STRUCT(_row BIGINT, exptype VARCHAR)[])' %}
{#- One exposure `e` offered to association `a`: whether it joins, whether on
    the background path, and the association after it (unchanged if not).
    Each test is written once and read by name (`c_`, then `j_`): DuckDB
    evaluates a lambda's whole expression for every offer, so its size is its cost. -#}
{% macro offer(a, e) %}
{% set passes = [] %}
{% for key, required in MODE_PINS %}
{% if required %}
{% set _ = passes.append('(' ~ e ~ '.' ~ key ~ ' IS NOT NULL AND coalesce(' ~ a ~ '.' ~ key ~ ' = ' ~ e ~ '.' ~ key ~ ', true))') %}
{% else %}
{% set _ = passes.append('coalesce(' ~ a ~ '.' ~ key ~ ' = ' ~ e ~ '.' ~ key ~ ', true)') %}
{% endif %}
{% endfor %}
list_transform([{
    'is_member': list_contains(list_transform({{ a }}.members, lambda m: m._row), {{ e }}._row),
    'tso_ok': coalesce({{ a }}.tso = {{ e }}.tsovisit, true),
    -- reach[i]: the first i mode pins pass
    'reach': [{% for p in passes %}{{ passes[:loop.index] | join(' AND ') }}{{ ', ' if not loop.last }}{% endfor %}],
    'mode_filters_ok': {{ e }}.mode_filters_ok,
    'science_ok': ({{ e }}.exptype = 'science' AND NOT {{ a }}.has_science AND {{ e }}.is_lrs),
    'background_ok': ({{ e }}.bkgdtarg IS NOT NULL AND NOT {{ e }}.is_tso AND {{ e }}.is_lrs
                      AND coalesce({{ a }}.bkg_exp_type = {{ e }}.exp_type, true))
  }], lambda c_: list_transform([{
    'mode_ok': (c_.reach[{{ passes | length }}] AND c_.mode_filters_ok)
  }], lambda m_: list_transform([{
    'mode_path': (m_.mode_ok AND (c_.science_ok OR c_.background_ok)),
    'obs_path': ({{ e }}.obs_id IS NOT NULL AND coalesce({{ a }}.obs_id = {{ e }}.obs_id, true)
                 AND (c_.science_ok OR {{ e }}.is_ta_confirm))
  }], lambda p_: list_transform([{
    'joins': (NOT c_.is_member AND c_.tso_ok AND (p_.mode_path OR p_.obs_path))
  }], lambda j_: {
    'is_member': c_.is_member,
    'joins': j_.joins,
    'as_background': j_.joins AND m_.mode_ok AND NOT c_.science_ok AND c_.background_ok,
    'asn': CASE WHEN j_.joins THEN {
        'created_at': coalesce({{ a }}.created_at, {{ e }}._row),
        'tso': coalesce({{ a }}.tso, {{ e }}.tsovisit),
{% for key, required in MODE_PINS %}
        -- a mode pin is set when every earlier mode pin passed, even if a later one fails
        '{{ key }}': CASE WHEN c_.reach[{{ loop.index }}]
                          THEN coalesce({{ a }}.{{ key }}, {{ e }}.{{ key }}) ELSE {{ a }}.{{ key }} END,
{% endfor %}
        'bkg_exp_type': CASE WHEN m_.mode_ok AND NOT c_.science_ok AND c_.background_ok
                             THEN coalesce({{ a }}.bkg_exp_type, {{ e }}.exp_type) ELSE {{ a }}.bkg_exp_type END,
        'obs_id': CASE WHEN p_.mode_path THEN {{ a }}.obs_id ELSE coalesce({{ a }}.obs_id, {{ e }}.obs_id) END,
        'has_science': {{ a }}.has_science OR {{ e }}.exptype = 'science',
        'members': list_append({{ a }}.members, {'_row': {{ e }}._row, 'exptype': {{ e }}.exptype})}
      ELSE {{ a }} END})[1])[1])[1])[1]
{%- endmacro %}
WITH lrs_rows AS (
    -- everything the rule can take: LRS exposures and TA confirms of a program
    SELECT run_id, _row, program, tsovisit, obs_id, exp_type, bkgdtarg, is_tso, is_target_acq,
           exptype_level2 AS exptype,
           {{ matches_regex('exp_type', LRS_EXP_TYPES) }} AS is_lrs,
           exp_type = 'mir_taconfirm' AS is_ta_confirm,
           -- the row filters of Constraint_Mode (its pins are the columns below)
           {{ level2_mode_ok() }} AS mode_filters_ok,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is mir_lrs-slitless, mir_lrs-fixedslit or mir_taconfirm':
            matches_regex('exp_type', LRS_EXP_TYPES) ~ " OR exp_type = 'mir_taconfirm'",
    }) }}
),
offers AS (
    -- the reference's passes: every exposure as it comes; the backgrounds again
    -- (EXISTING pass); every target acquisition again
    SELECT *, row_number() OVER (PARTITION BY run_id, program ORDER BY pass, _row) AS k
    FROM (
        SELECT 1 AS pass, * FROM lrs_rows
        UNION ALL
        SELECT 2 AS pass, * FROM lrs_rows WHERE bkgdtarg IS NOT NULL
        UNION ALL
        SELECT 3 AS pass, * FROM lrs_rows WHERE is_target_acq
    )
),
replay AS (
    WITH RECURSIVE step(run_id, program, k, asns, emitted) AS (
        SELECT DISTINCT run_id, program, 0::BIGINT, []::{{ ASSOCIATION }}[], []::BIGINT[]
        FROM offers
        UNION ALL
        SELECT run_id, program, k,
               CASE WHEN created.joins THEN list_append(asns, created.asn) ELSE asns END,
               CASE WHEN pass = 1 AND (as_background OR coalesce(created.as_background, false))
                    THEN list_append(emitted, _row) ELSE emitted END
        FROM (
            SELECT *,
                   -- a new exposure that joined no association tries to start one
                   CASE WHEN pass = 1 AND NOT hit
                        THEN list_transform([{'created_at': NULL, 'has_science': false,
                                              'members': []}::{{ ASSOCIATION }}],
                                            lambda a: {{ offer('a', 'o') }})[1] END AS created
            FROM (
                SELECT s.run_id, s.program, o.k, o.pass, o._row,
                       list_transform(offered, lambda v: v.asn) AS asns,
                       coalesce(list_bool_or(list_transform(offered, lambda v: v.joins OR v.is_member)), false) AS hit,
                       coalesce(list_bool_or(list_transform(offered, lambda v: v.as_background)), false) AS as_background,
                       s.emitted, o
                FROM step s
                JOIN offers o ON o.run_id = s.run_id AND o.program = s.program AND o.k = s.k + 1,
                     LATERAL (SELECT CASE WHEN o.pass = 2 AND NOT list_contains(s.emitted, o._row)
                                          THEN list_transform(s.asns, lambda a: {'is_member': false, 'joins': false,
                                                                                  'as_background': false, 'asn': a})
                                          ELSE list_transform(s.asns, lambda a: {{ offer('a', 'o') }}) END AS offered)
            )
        )
    )
    SELECT run_id, asns FROM step
    QUALIFY k = max(k) OVER (PARTITION BY run_id, program)
),
lrs_members AS (
    SELECT r.run_id, a.asn.created_at AS science_row, a.asn.created_at AS created_at,
           m.member._row AS _row, m.member.exptype AS exptype, m.pos AS member_order
    FROM replay r,
         unnest(r.asns) AS a(asn),
         unnest(a.asn.members) WITH ORDINALITY AS m(member, pos)
    -- (associations no science exposure joined stay: invalid, they are numbered with --no-finalize)
),
{{ level2_associations('lrs_members', member_order='member_order',
                       describe=['program', 'instrume', 'detector', 'filter', 'subarray', 'exp_type']) }}
