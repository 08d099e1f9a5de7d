"""Why an exposure is, or is not, in an association: `asnsql explain`.

Built from the rule templates themselves: every rule selects its rows with
`all_checks({...})`, which records each named condition while the template
renders. Explaining evaluates those same conditions for the exposure, then
follows its memberships to what became of each association (written, invalid,
pruned as a duplicate, ...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from asnsql.engine import Engine, GenerateOptions
from asnsql.errors import AsnsqlError
from asnsql.pool import Pool
from asnsql.rules import Rule, find_rule

IDENTIFIER = re.compile(r"\b[a-z_][a-z0-9_]*\b")


@dataclass
class RunVerdict:
    """One rule, one run (candidate or discovery) of one exposure."""

    run: str
    outcome: str
    details: list[str] = field(default_factory=list)


@dataclass
class RuleReport:
    rule: str
    verdicts: list[RunVerdict] = field(default_factory=list)


@dataclass
class ExposureReport:
    row: int
    filename: str
    runs: list[str]
    rules: list[RuleReport] = field(default_factory=list)


def explain(
    pool: Pool,
    filenames: Sequence[str] = (),
    orphans: bool = False,
    rule: str | None = None,
    options: GenerateOptions | None = None,
) -> list[ExposureReport]:
    """Explain the given exposures (by FILENAME), or every orphan, rule by rule."""
    engine = Engine(pool, options or GenerateOptions(), use_render_cache=False,
                    keep_post_tables=True)
    engine.run()
    engine._run_model("post/fates.sql")
    rows = _target_rows(pool, filenames, orphans)
    rules = [find_rule(rule, engine.rules)] if rule else engine.rules
    reports = {r: ExposureReport(r, name, runs) for r, name, runs in _describe_rows(pool, rows)}
    for each in rules:
        for row, report in _rule_reports(engine, each, rows).items():
            reports[row].rules.append(report)
    return [reports[r] for r in rows]


def _target_rows(pool: Pool, filenames: Sequence[str], orphans: bool) -> list[int]:
    if orphans:
        from asnsql.api import ORPHAN_QUERY

        return [r for (r,) in pool.db.execute(ORPHAN_QUERY).fetchall()]
    if not filenames:
        raise AsnsqlError("explain needs --exposure FILENAME or --orphans")
    rows = []
    for name in filenames:
        found = pool.db.execute(
            "SELECT _row FROM exposures WHERE raw_filename = lower($name) "
            "OR regexp_replace(raw_filename, '^.*/', '') = lower($name) ORDER BY _row",
            {"name": name}).fetchall()
        if not found:
            raise AsnsqlError(f"{pool.name}: no exposure with FILENAME {name!r}")
        rows.extend(r for (r,) in found)
    return rows


def _describe_rows(pool: Pool, rows: list[int]) -> list[tuple[int, str, list[str]]]:
    described = []
    for row in rows:
        filename = pool.db.execute("SELECT raw_filename FROM exposures WHERE _row = ?", [row]).fetchone()[0]
        runs = [f"{acid} ({kind})" for acid, kind in pool.db.execute(
            "SELECT r.acid_id, r.acid_type FROM run_items i JOIN runs r USING (run_id) "
            "WHERE i._row = ? ORDER BY r.run_id", [row]).fetchall()]
        described.append((row, filename, runs))
    return described


def _rule_reports(engine: Engine, rule: Rule, rows: list[int]) -> dict[int, RuleReport]:
    db = engine.db
    engine.render_rule(rule)
    stages = list(engine.templates.recorded_checks)
    items_sql = engine.templates.render_text("{{ items() }}", engine.context(), origin="items()")
    item_columns = {d[0] for d in db.execute(f"SELECT * FROM {items_sql} LIMIT 0").description}
    reports = {row: RuleReport(rule.name) for row in rows}
    memberships = _memberships(engine, rule, rows)
    for run_id, acid, row in db.execute(
        "SELECT i.run_id, r.acid_id, i._row FROM run_items i JOIN runs r USING (run_id) "
        "WHERE list_contains($rows, i._row) ORDER BY i._row, i.run_id", {"rows": rows}).fetchall():
        joined = memberships.get((run_id, row))
        if joined:
            reports[row].verdicts.append(RunVerdict(acid, "member", joined))
            continue
        failures = _failed_checks(db, items_sql, item_columns, stages, run_id, row)
        if failures:
            reports[row].verdicts.append(RunVerdict(acid, "excluded", failures))
        else:
            reports[row].verdicts.append(RunVerdict(
                acid, "selected", ["passed every check but joined no association "
                                   "(its group or attachment conditions did not match)"]))
    return reports


def _memberships(engine: Engine, rule: Rule, rows: list[int]) -> dict[tuple[int, int], list[str]]:
    found: dict[tuple[int, int], list[str]] = {}
    for run_id, row, exptype, product, fate in engine.db.execute(
        "SELECT m.run_id, m._row, m.exptype, f.product_name, f.fate FROM rule_members m "
        "JOIN association_fates f USING (run_id, rule, asn_key) "
        "WHERE m.rule = $rule AND list_contains($rows, m._row) ORDER BY m.run_id, f.product_name",
        {"rule": rule.name, "rows": rows}).fetchall():
        found.setdefault((run_id, row), []).append(f"as {exptype} in {product}: {fate}")
    return found


def _failed_checks(db, items_sql: str, item_columns: set[str],
                   stages: list[tuple[str, dict[str, str]]], run_id: int, row: int) -> list[str]:
    failures = []
    for stage, checks in stages:
        names = list(checks)
        select = ", ".join(f"coalesce(({checks[n]}), false) AS c{i}" for i, n in enumerate(names))
        passed = db.execute(
            f"SELECT {select} FROM {items_sql} AS i WHERE run_id = ? AND _row = ?",
            [run_id, row]).fetchone()
        failed = [n for n, ok in zip(names, passed) if not ok]
        if not failed:
            return []
        for name in failed:
            columns = sorted({c for c in IDENTIFIER.findall(checks[name]) if c in item_columns}
                             - {"run_id", "_row"})
            values = _values(db, items_sql, columns, run_id, row)
            prefix = f"[{stage}] " if len(stages) > 1 else ""
            failures.append(f"{prefix}fails: {name}" + (f" ({values})" if values else ""))
    return failures


def _values(db, items_sql: str, columns: list[str], run_id: int, row: int) -> str:
    if not columns:
        return ""
    got = db.execute(
        "SELECT " + ", ".join(f'"{c}"' for c in columns)
        + f" FROM {items_sql} AS i WHERE run_id = ? AND _row = ?", [run_id, row]).fetchone()
    return ", ".join(f"{c} = {'missing' if v is None else v}" for c, v in zip(columns, got))


def format_report(reports: list[ExposureReport]) -> str:
    """Readable text: one block per exposure, one line per rule and run."""
    lines = []
    for report in reports:
        lines.append(f"{report.filename} (row {report.row}; runs: {', '.join(report.runs) or 'none'})")
        for rule_report in report.rules:
            lines.append(f"  {rule_report.rule}")
            for verdict in rule_report.verdicts:
                for detail in verdict.details:
                    lines.append(f"    {verdict.run}: {verdict.outcome} {detail}")
        lines.append("")
    return "\n".join(lines)
