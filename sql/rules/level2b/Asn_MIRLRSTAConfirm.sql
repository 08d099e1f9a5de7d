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
    ~ 'members BIGINT[])' %}
{#- the fold's state: the associations without their science exposure yet (`open`),
    those with it (`complete`), and the first-pass rows that joined as a background -#}
{% set STATE = 'STRUCT(open ' ~ ASSOCIATION ~ '[], complete ' ~ ASSOCIATION ~ '[], emitted BIGINT[])' %}
{% set BLANK = "{'created_at': NULL, 'has_science': false, 'members': []}::" ~ ASSOCIATION %}
{#- An exposure `e` offered to an association `a`, as flat tests (no nested
    lambdas: the fold evaluates them for every association at every offer). -#}
{% macro pin_tests(a, e, separator) -%}
{#- the mode pins in order, each passing when equal or unset, a required one set in `e` -#}
{% for key, required in MODE_PINS %}({% if required %}{{ e }}.{{ key }} IS NOT NULL AND {% endif %}coalesce({{ a }}.{{ key }} = {{ e }}.{{ key }}, true)){{ separator if not loop.last }}{% endfor %}
{%- endmacro %}
{% macro pins_passed(a, e) -%}
{#- how many mode pins pass one after the other from the first -#}
(coalesce(list_position([{{ pin_tests(a, e, ', ') }}], false), {{ (MODE_PINS | length) + 1 }}) - 1)
{%- endmacro %}
{% macro science_ok(a, e) -%}
({{ e }}.exptype = 'science' AND NOT {{ a }}.has_science AND {{ e }}.is_lrs)
{%- endmacro %}
{% macro background_exposure(e) -%}
{#- what background_ok asks of the exposure alone -#}
({{ e }}.bkgdtarg IS NOT NULL AND NOT {{ e }}.is_tso AND {{ e }}.is_lrs)
{%- endmacro %}
{% macro background_ok(a, e) -%}
({{ background_exposure(e) }} AND coalesce({{ a }}.bkg_exp_type = {{ e }}.exp_type, true))
{%- endmacro %}
{% macro may_join_complete(e) -%}
{#- whether `e` can join an association that has its science exposure: science_ok
    fails there, which leaves the background and TA-confirm tests of joins() -#}
({{ background_exposure(e) }} OR {{ e }}.is_ta_confirm)
{%- endmacro %}
{% macro mode_ok(a, e) -%}
({{ pin_tests(a, e, ' AND ') }} AND {{ e }}.mode_filters_ok)
{%- endmacro %}
{% macro mode_path(a, e) -%}
({{ mode_ok(a, e) }} AND ({{ science_ok(a, e) }} OR {{ background_ok(a, e) }}))
{%- endmacro %}
{% macro as_background(a, e) -%}
{#- joining on the mode path as a background -#}
({{ mode_ok(a, e) }} AND NOT {{ science_ok(a, e) }} AND {{ background_ok(a, e) }})
{%- endmacro %}
{% macro joins(a, e) -%}
{#- not yet a member, same TSO-ness, and the mode path or the OBS_ID path -#}
(NOT list_contains({{ a }}.members, {{ e }}._row) AND coalesce({{ a }}.tso = {{ e }}.tsovisit, true)
 AND ({{ mode_path(a, e) }}
      OR ({{ e }}.obs_id IS NOT NULL AND coalesce({{ a }}.obs_id = {{ e }}.obs_id, true)
          AND ({{ science_ok(a, e) }} OR {{ e }}.is_ta_confirm))))
{%- endmacro %}
{% macro meeting(a, e) -%}
{#- `e` offered to `a`: whether it joins, on which path, and how many mode pins pass -#}
{'joins': {{ joins(a, e) }}, 'as_background': {{ as_background(a, e) }},
 'mode_path': {{ mode_path(a, e) }}, 'pins_passed': {{ pins_passed(a, e) }}}
{%- endmacro %}
{% macro joined(a, e, m) -%}
{#- the association after `e` joined it (`m`: their meeting) -#}
{'created_at': coalesce({{ a }}.created_at, {{ e }}._row),
 'tso': coalesce({{ a }}.tso, {{ e }}.tsovisit),
{% for key, required in MODE_PINS %}
 -- a mode pin is set when every earlier mode pin passed, even if a later one fails
 '{{ key }}': CASE WHEN {{ m }}.pins_passed >= {{ loop.index }}
                   THEN coalesce({{ a }}.{{ key }}, {{ e }}.{{ key }}) ELSE {{ a }}.{{ key }} END,
{% endfor %}
 'bkg_exp_type': CASE WHEN {{ m }}.as_background
                      THEN coalesce({{ a }}.bkg_exp_type, {{ e }}.exp_type) ELSE {{ a }}.bkg_exp_type END,
 'obs_id': CASE WHEN {{ m }}.mode_path THEN {{ a }}.obs_id ELSE coalesce({{ a }}.obs_id, {{ e }}.obs_id) END,
 'has_science': {{ a }}.has_science OR {{ e }}.exptype = 'science',
 'members': list_append({{ a }}.members, {{ e }}._row)}
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
    -- the reference's passes, in order within a program: every exposure as it
    -- comes; the backgrounds again (EXISTING pass); every target acquisition again.
    -- `start_*`: what an offer does to a blank association (whether it joins, as a
    -- background, and the association it makes); with may_join_complete, worked out
    -- here once per offer rather than at every step of the fold
    SELECT run_id, list(o ORDER BY o.pass, o._row) AS offers
    FROM (
        SELECT e.* EXCLUDE (blank, m),
               e.m.joins AS start_joins,
               e.m.as_background AS start_as_background,
               {{ joined('e.blank', 'e', 'e.m') }} AS start_asn,
               {{ may_join_complete('e') }} AS may_join_complete
        FROM (
            SELECT e.*, blank.asn AS blank, {{ meeting('blank.asn', 'e') }} AS m
            FROM (
                SELECT 1 AS pass, * FROM lrs_rows
                UNION ALL
                SELECT 2 AS pass, * FROM lrs_rows WHERE bkgdtarg IS NOT NULL
                UNION ALL
                SELECT 3 AS pass, * FROM lrs_rows WHERE is_target_acq
            ) e, (SELECT {{ BLANK }} AS asn) blank
        ) e
    ) o
    GROUP BY run_id, program
),
{#- the associations an offer meets (a complete one only if it may join it), and
    whether a first-pass offer that joined none of them starts one -#}
{% set MET = 'list_concat(state.open, CASE WHEN o.may_join_complete THEN state.complete ELSE [] END)' %}
{% set STARTS = '(o.pass = 1 AND o.start_joins AND NOT coalesce(list_bool_or(list_transform(f, lambda x: x.joins)), false))' %}
replay AS MATERIALIZED (
    -- a fold over each program's offers, as the reference's loop: an offer meets the
    -- associations in turn (`f`: which it joins, and whether as a background); a
    -- background of the EXISTING pass meets them only if it joined one as a
    -- background in the first pass (otherwise nothing changes); a first-pass
    -- exposure that joins none starts one (in the first pass a row is a member of
    -- nothing yet); `emitted` keeps the first-pass rows that joined as a background.
    -- A complete association is met only by an offer that may join it
    -- (may_join_complete), and an offer with nothing to meet only starts one: each
    -- step evaluates this whole expression, so a program of n science exposures
    -- takes n short steps, not n steps over every association made before.
    -- (Materialized: read twice below, the fold would run twice.)
    SELECT run_id,
           list_reduce(offers, lambda state, o: CASE
               WHEN o.pass = 2 AND NOT list_contains(state.emitted, o._row) THEN state
               -- nothing to meet: a first-pass offer starts one, as its science exposure
               -- (joining as a background or a TA confirm is may_join_complete)
               WHEN len(state.open) = 0 AND NOT o.may_join_complete
                   THEN CASE WHEN o.pass = 1 AND o.start_joins
                             THEN {'open': state.open, 'complete': list_append(state.complete, o.start_asn),
                                   'emitted': state.emitted}::{{ STATE }}
                             ELSE state END
               -- (`met` and `starts` are written out where used rather than bound by
               -- lambdas of their own, and `joined` reads the pins from the meeting `f`
               -- rather than testing them again: DuckDB binds a lambda's body again
               -- for each lambda around it; planning this rule took a third less)
               ELSE list_transform([list_transform({{ MET }}, lambda a: {{ meeting('a', 'o') }})],
               lambda f: list_transform([list_concat(
                   list_transform({{ MET }}, lambda a, i: CASE WHEN f[i].joins THEN {{ joined('a', 'o', 'f[i]') }} ELSE a END),
                   CASE WHEN {{ STARTS }} THEN [o.start_asn] ELSE [] END)],
               lambda after: {
                   'open': list_filter(after, lambda a: NOT coalesce(a.has_science, false)),
                   'complete': list_concat(CASE WHEN o.may_join_complete THEN [] ELSE state.complete END,
                                           list_filter(after, lambda a: coalesce(a.has_science, false))),
                   'emitted': CASE WHEN o.pass = 1
                                        AND (coalesce(list_bool_or(list_transform(f, lambda x: x.joins AND x.as_background)), false)
                                             OR ({{ STARTS }} AND o.start_as_background))
                                   THEN list_append(state.emitted, o._row) ELSE state.emitted END
               }::{{ STATE }})[1])[1]
               END,
               {'open': [], 'complete': [], 'emitted': []}::{{ STATE }}) AS state
    FROM offers
),
lrs_members AS (
    -- members are row numbers in the fold; each takes its row's Level 2 type
    SELECT r.run_id, a.asn.created_at AS science_row, a.asn.created_at AS created_at,
           m.member AS _row, x.exptype, m.pos AS member_order
    FROM replay r,
         unnest(list_concat(r.state.open, r.state.complete)) AS a(asn),
         unnest(a.asn.members) WITH ORDINALITY AS m(member, pos)
    JOIN lrs_rows x ON x.run_id = r.run_id AND x._row = m.member
    -- (associations no science exposure joined stay: invalid, they are numbered with --no-finalize)
),
{{ level2_associations('lrs_members', member_order='member_order',
                       describe=['program', 'instrume', 'detector', 'filter', 'subarray', 'exp_type']) }}
