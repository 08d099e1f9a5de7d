"""Write the pool rows that ended in no association, as a |-delimited pool."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from asnsql.duck import duckdb
from asnsql.errors import OutputError
from asnsql.pool import Pool


def write_orphans(pool: Pool, rows: Sequence[int], destination: Path) -> None:
    """Write the given pool rows (raw, lower-cased values) to ``destination``."""
    pool.db.execute(
        "CREATE OR REPLACE TEMP TABLE orphan_rows AS SELECT unnest($rows::BIGINT[]) AS _row",
        {"rows": list(rows)},
    )
    try:
        pool.db.execute(
            "COPY (SELECT p.* EXCLUDE (_row) FROM pool p SEMI JOIN orphan_rows USING (_row) "
            "ORDER BY p._row) TO $path (FORMAT csv, DELIMITER '|', HEADER true)",
            {"path": str(destination)},
        )
    except duckdb.Error as exc:
        raise OutputError(f"{destination}: cannot write orphans: {str(exc).splitlines()[0]}") from None
