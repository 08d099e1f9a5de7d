{{ rule(name='Asn_Lv2MIRLRSFixedSlitNod', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2MIRLRSFixedSlitNod') }}
{#
  Level 2b MIRI LRS fixed-slit along-slit nods: one association per science
  nod, with the nods of one other position as `background` and the TA
  confirmation images (mir_taconfirm) of the program as
  `target_acquisition`. Not for background candidates.
  The other position: the first nod offered to the association whose
  PATT_NUM does not contain the science nod's PATT_NUM as a substring (so
  '1' excludes '11'); after it, only nods with exactly its PATT_NUM join.
  Nods are offered when they come, then every science nod again (EXISTING
  pass); TA confirms when they come, then again after every exposure.
  A TA confirm with no science nod before it starts the association that
  the next science nod completes.
#}
WITH nods AS (
    -- fixed-slit exposures of an along-slit nod pattern
    SELECT run_id, _row, exptype_level2, program, tsovisit, patt_num
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'not a background candidate': "acid_type IS DISTINCT FROM 'background'",
        'EXP_TYPE is mir_lrs-fixedslit': "exp_type = 'mir_lrs-fixedslit'",
        'has a PATT_NUM': 'patt_num IS NOT NULL',
        'PATTTYPE is along-slit-nod': "patttype = 'along-slit-nod'",
    }, stage='nod') }}
),
ta_confirm AS (
    -- TA confirmation images
    SELECT run_id, _row, exptype_level2 AS exptype, program, tsovisit, is_target_acq
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'not a background candidate': "acid_type IS DISTINCT FROM 'background'",
        'EXP_TYPE is mir_taconfirm': "exp_type = 'mir_taconfirm'",
    }, stage='ta confirm') }}
),
science_nods AS (
    SELECT * FROM nods WHERE exptype_level2 = 'science'
),
ta_started AS (
    -- a TA confirm with no science nod of the program before it started an
    -- association; the next science nod completed it
    SELECT run_id, first_science AS science_row, min(ta_row) AS created_at
    FROM (
        SELECT t.run_id, t._row AS ta_row, min(s._row) FILTER (WHERE s._row > t._row) AS first_science
        FROM ta_confirm t
        JOIN science_nods s
          ON s.run_id = t.run_id AND s.program = t.program
         AND (s.tsovisit IS NULL OR t.tsovisit IS NULL OR s.tsovisit = t.tsovisit)
        GROUP BY t.run_id, t._row
        HAVING NOT bool_or(s._row < t._row)
    )
    WHERE first_science IS NOT NULL
    GROUP BY run_id, first_science
),
nod_assocs AS (
    SELECT s.run_id, s._row AS science_row, s.program, s.tsovisit, s.patt_num,
           coalesce(ts.created_at, s._row) AS created_at
    FROM science_nods s
    LEFT JOIN ta_started ts ON ts.run_id = s.run_id AND ts.science_row = s._row
),
nod_offers AS (
    -- other nods in the order they are offered: when they come (after the
    -- association exists), then the science nods again (EXISTING pass)
    SELECT a.run_id, a.science_row, a.created_at, n._row, n.patt_num,
           NOT contains(n.patt_num, a.patt_num) AS other_position,
           CASE WHEN n.exptype_level2 = 'science' THEN 'background' ELSE n.exptype_level2 END AS exptype,
           {{ level2_member_order('n._row', 'a.created_at') }} AS member_order
    FROM nod_assocs a
    JOIN nods n
      ON n.run_id = a.run_id AND n._row <> a.science_row AND n.program = a.program
     AND (n.tsovisit IS NULL OR a.tsovisit IS NULL OR n.tsovisit = a.tsovisit)
    WHERE n._row > a.created_at OR n.exptype_level2 = 'science'
),
background_nods AS (
    -- the first nod of another position fixes the PATT_NUM of the backgrounds
    SELECT run_id, science_row, created_at, _row, exptype, member_order
    FROM nod_offers
    QUALIFY patt_num = arg_min(patt_num, member_order) FILTER (WHERE other_position)
                           OVER (PARTITION BY run_id, science_row)
),
ta_members AS (
    -- every TA confirm of the program: when it comes, or in the pass that
    -- re-offers target acquisitions
    SELECT a.run_id, a.science_row, a.created_at, t._row, t.exptype,
           CASE WHEN t._row >= a.created_at THEN 0 ELSE 2 END * 10000000000 + t._row AS member_order
    FROM nod_assocs a
    JOIN ta_confirm t
      ON t.run_id = a.run_id AND t.program = a.program
     AND (t.tsovisit IS NULL OR a.tsovisit IS NULL OR t.tsovisit = a.tsovisit)
    WHERE t._row >= a.created_at OR t.is_target_acq
),
nod_members AS (
    SELECT run_id, science_row, created_at, science_row AS _row, 'science' AS exptype,
           {{ level2_member_order('science_row', 'created_at') }} AS member_order
    FROM nod_assocs
    UNION ALL
    SELECT * FROM background_nods
    UNION ALL
    SELECT * FROM ta_members
),
{{ level2_associations('nod_members', order_column='member_order',
                       describe=['program', 'exp_type', 'patttype', 'patt_num']) }}
