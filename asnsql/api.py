"""The library API: what the CLI calls, verb for verb."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from asnsql.assemble import Association, AssociationFiles, associations_from_files
from asnsql.checks import check_member_columns
from asnsql.engine import Engine, GenerateOptions, Progress
from asnsql.errors import interrupts_raised
from asnsql.pool import DEFAULT_DELIMITER, DEFAULT_FORMAT, Pool, load_pool


@dataclass
class Generation:
    """What one generation produced: the association files and the pool rows left out."""

    pool: Pool
    files: AssociationFiles
    """Every association file (name, asn_type, JSON text), in output order."""
    orphan_rows: list[int]
    _associations: list[Association] | None = field(default=None, init=False, repr=False)

    @property
    def associations(self) -> list[Association]:
        """The associations as dicts (parsed from the files' JSON on first use)."""
        if self._associations is None:
            self._associations = associations_from_files(self.files)
        return self._associations


def run_generation(pool: Pool | str | Path, options: GenerateOptions | None = None,
                   *, delimiter: str = DEFAULT_DELIMITER,
                   pool_format: str = DEFAULT_FORMAT,
                   progress: Progress | None = None) -> Generation:
    """Generate associations and report orphans (pool rows in no association).
    Ctrl-C raises KeyboardInterrupt, also while DuckDB runs a query. ``progress`` is
    told as each stage starts and ends (`asnsql.engine.Progress`)."""
    with interrupts_raised():
        if not isinstance(pool, Pool):
            pool = load_pool(pool, delimiter=delimiter, fmt=pool_format)
        options = options or GenerateOptions()
        engine = Engine(pool, options, progress=progress)
        engine.run()
        files = engine.association_files()
        check_member_columns(pool, len(files))
        orphans = [row for (row,) in pool.db.execute(ORPHAN_QUERY).fetchall()]
    return Generation(pool=pool, files=files, orphan_rows=orphans)


ORPHAN_QUERY = """
SELECT p._row FROM pool p
ANTI JOIN (SELECT DISTINCT m._row
           FROM output_products o JOIN rule_members m USING (run_id, rule, asn_key)
           WHERE m._row IS NOT NULL) used USING (_row)
ORDER BY p._row
"""


def generate(
    pool: Pool | str | Path,
    *,
    mode: str = "default",
    ids: Sequence[str] = (),
    version_id: str | None = None,
    rules: Sequence[str | Path] = (),
    ignore_default: bool = False,
    finalize: bool = True,
    merge: bool = False,
    dms: bool = False,
    delimiter: str = DEFAULT_DELIMITER,
    pool_format: str = DEFAULT_FORMAT,
) -> list[Association]:
    """Generate the associations of a pool, as `asn_generate` would.

    ``mode`` is ``default`` (candidates and discovery), ``all-candidates``,
    ``discover`` or ``ids`` (only the candidate ``ids``; implied by ``ids``).
    Each returned association is a dict (the JSON content) with an
    ``asn_name`` attribute giving its file name without ``.json``.
    """
    if ids and mode == "default":
        mode = "ids"
    options = GenerateOptions(
        mode=mode,
        ids=tuple(ids),
        dms=dms,
        version_id=version_id,
        finalize=finalize,
        merge=merge,
        rule_paths=tuple(Path(r) for r in rules),
        ignore_default=ignore_default,
    )
    return run_generation(pool, options, delimiter=delimiter,
                          pool_format=pool_format).associations
