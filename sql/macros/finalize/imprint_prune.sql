{% macro imprint_prune(relation, members, into) %}
{#-
  Level 2 imprint pruning at finalization (AsnMixin_Lv2Imprint.prune_imprints,
  rules_level2_base.py): drop the imprint members that match the science
  members less well than others. Per association:

  1. the imprints checked are those whose BKGDTARG status (raw text 't')
     equals the science members' (any science member with BKGDTARG 't');
     the other imprints always stay;
  2. if a checked imprint has the TARGETID of a science member, the checked
     imprints of other targets are dropped;
  3. if there are more checked imprints left than science members (at least
     one), and some of them share a science member's DITHPTIN, the others are
     dropped.

  Values compare as raw text (`null` equals `null`). A pool without a
  TARGETID or BKGDTARG column prunes nothing, one without DITHPTIN skips
  step 3. The association keeps the degraded status of all the members it
  had before pruning (degraded_override).

  The decisions read only `members` (narrow: the membership level2_associations
  was given) and the items' raw texts; `relation` (every output column of
  every member) is read once, at the end. Deciding from `relation` itself gave
  it three readers, and at a million exposures Asn_Lv2Spec then ran out of
  memory (DuckDB 2.0.1; each of its CTEs alone fitted).

  Arguments:
    relation: CTE with the rule output contract columns, _row included, one
      row per row of `members` (asn_key = science_row as text)
    members: CTE with run_id, science_row, _row and exptype, as given to
      level2_associations
    into: name of the CTE this macro defines with the pruned members
-#}
_ip_members AS (
    SELECT m.run_id, m.science_row::VARCHAR AS asn_key, m._row, m.exptype, i.raw_exposerr AS exposerr,
           i.raw_targetid AS _ip_target, i.raw_bkgdtarg AS _ip_bkgdtarg, i.raw_dithptin AS _ip_dithptin
    FROM {{ members }} m
    LEFT JOIN {{ items() }} i ON i.run_id = m.run_id AND i._row = m._row
),
_ip_degraded AS (
    -- whether a member has an error, before pruning: an aggregation of three columns
    -- (a window here partitioned the members with all their columns: at a million
    -- exposures, 5.6 s of Asn_Lv2Spec)
    SELECT run_id, asn_key, bool_or(valid_value(exposerr) IS NOT NULL) AS degraded
    FROM _ip_members
    GROUP BY run_id, asn_key
),
_ip_considered AS (
    -- members the reference examines: their pool has TARGETID and BKGDTARG columns
    SELECT * FROM _ip_members WHERE _ip_target IS NOT NULL AND _ip_bkgdtarg IS NOT NULL
),
_ip_science AS (
    SELECT run_id, asn_key,
           count(*) AS n_science,
           bool_or(_ip_bkgdtarg = 't') AS science_is_background,
           list(_ip_target) AS targets,
           list(_ip_dithptin) FILTER (WHERE _ip_dithptin IS NOT NULL) AS dithers
    FROM _ip_considered
    WHERE exptype = 'science'
    GROUP BY run_id, asn_key
),
_ip_checked AS (
    -- imprints with the science members' background status, and whether their target matches
    SELECT c.run_id, c.asn_key, c._row, c._ip_dithptin,
           coalesce(s.n_science, 0) AS n_science,
           coalesce(list_contains(s.targets, c._ip_target), false) AS target_matches,
           coalesce(c._ip_dithptin IS NOT NULL AND list_contains(s.dithers, c._ip_dithptin), false)
               AS dither_matches
    FROM _ip_considered c
    LEFT JOIN _ip_science s USING (run_id, asn_key)
    WHERE c.exptype = 'imprint'
      AND (c._ip_bkgdtarg = 't') = coalesce(s.science_is_background, false)
),
_ip_target_step AS (
    SELECT *, bool_or(target_matches) OVER (PARTITION BY run_id, asn_key) AS any_target_matches
    FROM _ip_checked
),
_ip_dither_step AS (
    -- the checked imprints left after the target step
    SELECT *,
           count(*) OVER (PARTITION BY run_id, asn_key) AS n_left,
           bool_or(dither_matches) OVER (PARTITION BY run_id, asn_key) AS any_dither_matches
    FROM _ip_target_step
    WHERE target_matches OR NOT any_target_matches
),
_ip_dropped AS (
    SELECT run_id, asn_key, _row FROM _ip_target_step
    WHERE any_target_matches AND NOT target_matches
    UNION ALL
    SELECT run_id, asn_key, _row FROM _ip_dither_step
    WHERE n_science >= 1 AND n_science < n_left AND any_dither_matches AND NOT dither_matches
),
{{ into }} AS (
    SELECT m.*, g.degraded AS degraded_override
    FROM {{ relation }} m
    JOIN _ip_degraded g USING (run_id, asn_key)
    ANTI JOIN _ip_dropped d USING (run_id, asn_key, _row)
)
{%- endmacro %}
