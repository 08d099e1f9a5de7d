{{ rule(name='Asn_MIRLRSTAConfirm', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_MIRLRSTAConfirm') }}
{#
  Level 2b MIRI low-resolution spectroscopy (fixed slit or slitless, TSO or
  not) with its target-acquisition confirmation image: one association per
  science exposure, with
  - the LRS background-target exposures of the same mode (not TSO) as
    `background`, re-offered to associations created after them;
  - the TA confirmation images (mir_taconfirm) of the program as
    `target_acquisition`: the first one offered fixes the association's
    OBS_ID, later ones need the same OBS_ID. TA confirms are offered when
    they come and again after every exposure (the reference re-offers
    target acquisitions to every association).
  A TA confirm with no science exposure before it starts the association
  that the next science exposure of its OBS_ID (or of its mode) completes.
  For along-slit nods Asn_Lv2MIRLRSFixedSlitNod makes supersets of these,
  which win in pruning.
#}
{% set LRS_EXP_TYPES = ['mir_lrs-slitless', 'mir_lrs-fixedslit'] %}
WITH science AS (
    -- LRS science exposures: each one gets an association
    SELECT run_id, _row, 'science' AS role, exptype_level2 AS exptype,
           program, tsovisit, obs_id, exp_type, is_target_acq,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is mir_lrs-slitless or mir_lrs-fixedslit': matches_regex('exp_type', LRS_EXP_TYPES),
        'a science exposure': "exptype_level2 = 'science'",
    }, stage='science') }}
),
background AS (
    -- LRS background-target exposures, not TSO: join every association of their mode
    SELECT run_id, _row, 'attach' AS role, exptype_level2 AS exptype,
           program, tsovisit, obs_id, exp_type, is_target_acq,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'instrument mode usable for Level 2 (level2_mode_ok)': level2_mode_ok(),
        'EXP_TYPE is mir_lrs-slitless or mir_lrs-fixedslit': matches_regex('exp_type', LRS_EXP_TYPES),
        'a background target (BKGDTARG set), not a science exposure':
            "bkgdtarg IS NOT NULL AND exptype_level2 <> 'science'",
        'not TSO': 'NOT is_tso',
    }, stage='background') }}
),
ta_confirm AS (
    -- TA confirmation images with an OBS_ID
    SELECT run_id, _row, 'ta' AS role, exptype_level2 AS exptype,
           program, tsovisit, obs_id, exp_type, is_target_acq,
           {{ level2_mode_keys() }}
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is mir_taconfirm': "exp_type = 'mir_taconfirm'",
        'has an OBS_ID': 'obs_id IS NOT NULL',
    }, stage='ta confirm') }}
),
eligible AS (
    SELECT * FROM science
    UNION ALL SELECT * FROM background
    UNION ALL SELECT * FROM ta_confirm
),
-- science exposures and their backgrounds (TA confirms are role 'ta': not seen here)
{{ per_science_row('eligible',
                   keys=['program'] + LEVEL2_MODE_REQUIRED,
                   optional_keys=['tsovisit'] + LEVEL2_MODE_OPTIONAL) }},
ta_links AS (
    -- TA confirms of the program offered to each science exposure's association
    SELECT s.run_id, s._row AS science_row, t._row AS ta_row, t.obs_id, t.exptype, t.is_target_acq,
           -- could the science exposure complete an association this TA confirm started?
           -- (same OBS_ID, or a mode compatible with the TA confirm's)
           coalesce(t.obs_id = s.obs_id, false)
               OR ({% for key in LEVEL2_MODE_REQUIRED + LEVEL2_MODE_OPTIONAL %}(t.{{ key }} IS NULL OR t.{{ key }} = s.{{ key }}){{ '\n                   AND ' if not loop.last }}{% endfor %}) AS can_complete
    FROM science_rows s
    JOIN ta_confirm t
      ON t.run_id = s.run_id AND t.program = s.program
     AND (t.tsovisit IS NULL OR s.tsovisit IS NULL OR t.tsovisit = s.tsovisit)
),
ta_started AS (
    -- a TA confirm with no science exposure of the program before it started an
    -- association; the first science exposure after it that can complete it does
    SELECT run_id, first_science AS science_row, min(ta_row) AS created_at
    FROM (
        SELECT run_id, ta_row,
               min(science_row) FILTER (WHERE science_row > ta_row AND can_complete) AS first_science
        FROM ta_links
        GROUP BY run_id, ta_row
        HAVING NOT bool_or(science_row < ta_row)
    )
    WHERE first_science IS NOT NULL
    GROUP BY run_id, first_science
),
lrs_assocs AS (
    SELECT sa.run_id, sa.science_row, least(sa.created_at, coalesce(ts.created_at, sa.created_at)) AS created_at
    FROM science_assocs sa
    LEFT JOIN ta_started ts USING (run_id, science_row)
),
ta_offers AS (
    -- TA confirms in the order they are offered: when they come (after the
    -- association exists), then in the pass that re-offers target acquisitions
    SELECT a.run_id, a.science_row, a.created_at, l.ta_row AS _row, l.obs_id, l.exptype,
           CASE WHEN l.ta_row >= a.created_at THEN 0 ELSE 2 END * 10000000000 + l.ta_row AS member_order
    FROM lrs_assocs a
    JOIN ta_links l USING (run_id, science_row)
    WHERE l.ta_row >= a.created_at OR l.is_target_acq
),
lrs_members AS (
    SELECT m.run_id, m.science_row, a.created_at, m._row, m.exptype,
           -- backgrounds arrive in the first pass or the re-offering (EXISTING) pass
           {{ level2_member_order('m._row', 'a.created_at') }} AS member_order
    FROM per_row_members m
    JOIN lrs_assocs a USING (run_id, science_row)
    UNION ALL
    -- the first TA confirm offered fixes the OBS_ID
    SELECT run_id, science_row, created_at, _row, exptype, member_order
    FROM ta_offers
    QUALIFY obs_id = arg_min(obs_id, member_order) OVER (PARTITION BY run_id, science_row)
),
{{ level2_associations('lrs_members', order_column='member_order',
                       describe=['program', 'instrume', 'detector', 'filter', 'subarray', 'exp_type']) }}
