{{ rule(name='Asn_Lv2MIRLRSFixedSlitNod', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2MIRLRSFixedSlitNod') }}
{#
  Level 2b MIRI LRS fixed-slit along-slit nods: one association per science
  nod, with the nods of one other position as `background` and the TA
  confirmation images (mir_taconfirm) of the program as
  `target_acquisition`. Never valid in background candidates.
  The other position: the first nod offered to the association whose
  PATT_NUM does not contain the science nod's PATT_NUM as a substring (so
  '1' excludes '11'); after it, only nods with exactly its PATT_NUM join.
  Nods are offered when they come, then every science nod again (EXISTING
  pass); TA confirms when they come, then again after every exposure.
  An association stops reporting matches once its background position is
  fixed (the reference's force_match), so a TA confirm coming when every
  association is in that state (or none exists) starts one, which the next
  science nod completes, or, if none comes, the first science nod when the
  science nods are offered again.
#}
WITH nods AS (
    -- fixed-slit exposures of an along-slit nod pattern
    SELECT run_id, _row, exptype_level2, program, tsovisit, patt_num,
           coalesce(acid_type = 'background', false) AS in_background_candidate
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is mir_lrs-fixedslit': "exp_type = 'mir_lrs-fixedslit'",
        'has a PATT_NUM': 'patt_num IS NOT NULL',
        'PATTTYPE is along-slit-nod': "patttype = 'along-slit-nod'",
    }, stage='nod') }}
),
ta_confirm AS (
    -- TA confirmation images
    SELECT run_id, _row, exptype_level2 AS exptype, program, tsovisit, is_target_acq,
           coalesce(acid_type = 'background', false) AS in_background_candidate
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'EXP_TYPE is mir_taconfirm': "exp_type = 'mir_taconfirm'",
    }, stage='ta confirm') }}
),
background_candidate_singles AS (
    -- in a background candidate an exposure can start an association but join
    -- none (the candidate-type test fails once the association knows its
    -- candidate): science nods and TA confirms stay alone, invalid (numbered
    -- with --no-finalize)
    SELECT run_id, _row, 'science' AS exptype FROM nods
    WHERE in_background_candidate AND exptype_level2 = 'science'
    UNION ALL
    SELECT run_id, _row, exptype FROM ta_confirm WHERE in_background_candidate
),
science_nods AS (
    SELECT * FROM nods WHERE exptype_level2 = 'science' AND NOT in_background_candidate
),
science_closed_at AS (
    -- once a nod of another position joins a science nod's association, that
    -- association no longer reports a match (force_match): the row where it
    -- happens in the first pass
    SELECT s.run_id, s._row AS science_row,
           min(n._row) FILTER (WHERE n._row > s._row AND NOT contains(n.patt_num, s.patt_num)) AS closed_at
    FROM science_nods s
    LEFT JOIN nods n
      ON n.run_id = s.run_id AND n.program = s.program AND NOT n.in_background_candidate
     AND (n.tsovisit IS NULL OR s.tsovisit IS NULL OR n.tsovisit = s.tsovisit)
    GROUP BY s.run_id, s._row
),
ta_starting AS (
    -- TA confirms that come when every association is closed (or none exists),
    -- with the next science nod
    SELECT t.run_id, t.program, t.tsovisit, t._row AS ta_row, t.exptype,
           (SELECT min(s._row) FROM science_nods s
            WHERE s.run_id = t.run_id AND s.program = t.program AND s._row > t._row
              AND (s.tsovisit IS NULL OR t.tsovisit IS NULL OR s.tsovisit = t.tsovisit)) AS next_science
    FROM ta_confirm t
    WHERE NOT t.in_background_candidate
      AND NOT EXISTS (
          SELECT 1 FROM science_nods s JOIN science_closed_at c ON c.run_id = s.run_id AND c.science_row = s._row
          WHERE s.run_id = t.run_id AND s.program = t.program AND s._row < t._row
            AND (s.tsovisit IS NULL OR t.tsovisit IS NULL OR s.tsovisit = t.tsovisit)
            AND coalesce(c.closed_at > t._row, true))
),
ta_started AS (
    -- the first of them since the last science nod starts an association (later
    -- ones join it); the next science nod completes it, or, when none comes,
    -- the first science nod re-offered (EXISTING pass); else it stays alone
    SELECT run_id, program, any_value(tsovisit) AS tsovisit, next_science,
           min(ta_row) AS created_at, arg_min(exptype, ta_row) AS exptype
    FROM ta_starting
    GROUP BY run_id, program, next_science
),
nod_assocs AS (
    -- (association, science nod, whether the science came in the EXISTING pass)
    SELECT s.run_id, s._row AS created_at, s._row AS science_row, false AS science_reoffered
    FROM science_nods s
    ANTI JOIN ta_started t ON t.run_id = s.run_id AND t.next_science = s._row
    UNION ALL
    SELECT run_id, created_at, next_science, false FROM ta_started WHERE next_science IS NOT NULL
    UNION ALL
    SELECT t.run_id, t.created_at, min(s._row), true
    FROM ta_started t
    JOIN science_nods s
      ON s.run_id = t.run_id AND s.program = t.program
     AND (s.tsovisit IS NULL OR t.tsovisit IS NULL OR s.tsovisit = t.tsovisit)
    WHERE t.next_science IS NULL
    GROUP BY t.run_id, t.created_at
),
nod_science AS (
    SELECT a.*, s.program, s.tsovisit, s.patt_num,
           {{ level2_member_order('a.science_row', 'a.created_at') }} AS science_order
    FROM nod_assocs a
    JOIN science_nods s ON s.run_id = a.run_id AND s._row = a.science_row
),
nod_offers AS (
    -- other nods in the order they are offered: when they come (after the
    -- association exists), then the science nods again (EXISTING pass)
    SELECT a.run_id, a.created_at, n._row, n.patt_num,
           -- before the science nod joined, no PATT_NUM was pinned: the reference
           -- then tests for the text 'None'
           NOT contains(n.patt_num, CASE WHEN {{ level2_member_order('n._row', 'a.created_at') }} < a.science_order
                                         THEN 'none' ELSE a.patt_num END) AS other_position,
           CASE WHEN n.exptype_level2 = 'science' THEN 'background' ELSE n.exptype_level2 END AS exptype,
           {{ level2_member_order('n._row', 'a.created_at') }} AS member_order
    FROM nod_science a
    JOIN nods n
      ON n.run_id = a.run_id AND n._row <> a.science_row AND n.program = a.program
     AND NOT n.in_background_candidate
     AND (n.tsovisit IS NULL OR a.tsovisit IS NULL OR n.tsovisit = a.tsovisit)
    WHERE n._row > a.created_at OR n.exptype_level2 = 'science'
),
background_nods AS (
    -- the first nod of another position fixes the PATT_NUM of the backgrounds
    SELECT run_id, created_at, _row, exptype, member_order
    FROM nod_offers
    QUALIFY patt_num = arg_min(patt_num, member_order) FILTER (WHERE other_position)
                           OVER (PARTITION BY run_id, created_at)
),
ta_members AS (
    -- every TA confirm of the program: when it comes, or in the pass that
    -- re-offers target acquisitions
    SELECT a.run_id, a.created_at, t._row, t.exptype,
           CASE WHEN t._row >= a.created_at THEN 0 ELSE 2 END * 10000000000 + t._row AS member_order
    FROM nod_science a
    JOIN ta_confirm t
      ON t.run_id = a.run_id AND t.program = a.program AND NOT t.in_background_candidate
     AND (t.tsovisit IS NULL OR a.tsovisit IS NULL OR t.tsovisit = a.tsovisit)
    WHERE t._row >= a.created_at OR t.is_target_acq
),
nod_members AS (
    -- one association per creation row (the key level2_associations groups by)
    SELECT run_id, created_at AS science_row, created_at, science_row AS _row, 'science' AS exptype,
           science_order AS member_order
    FROM nod_science
    UNION ALL
    SELECT run_id, created_at, created_at, _row, exptype, member_order FROM background_nods
    UNION ALL
    SELECT run_id, created_at, created_at, _row, exptype, member_order FROM ta_members
    UNION ALL
    -- TA confirms no science nod joins: invalid, numbered with --no-finalize
    SELECT t.run_id, t.created_at, t.created_at, t.created_at, t.exptype, 0
    FROM ta_started t
    ANTI JOIN nod_assocs a ON a.run_id = t.run_id AND a.created_at = t.created_at
    UNION ALL
    SELECT run_id, _row, _row, _row, exptype, 0 FROM background_candidate_singles
),
{{ level2_associations('nod_members', member_order='member_order',
                       describe=['program', 'exp_type', 'patttype', 'patt_num']) }}
