#!/usr/bin/env python3
"""Time one asnsql generation stage by stage; print one JSON object.

    python bench/stages.py POOL [--mode default] [--out DIR]

Stages (the same code path as ``asnsql generate``):

- ``startup``: importing asnsql's generation modules (DuckDB included)
- ``read``: the pool file into DuckDB's ``pool`` (`load_pool`)
- ``load``: the models: candidates, exposures, runs, run_items, items
- ``rules``: the rule gates, then every rule some item enters, into rule_members
- ``assemble``: validity, pruning, sequence numbers, and the JSON text of every file
- ``write``: the files on disk

For each stage: wall time, CPU time (all threads) and peak RSS during the stage
(Linux: the peak is reset before each stage through /proc/self/clear_refs; where
that is not allowed, the process's peak so far).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rss_peak_kb() -> int:
    try:
        text = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", text).group(1))
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


class Stages:
    def __init__(self) -> None:
        self.results: dict[str, dict[str, float]] = {}

    def run(self, name: str, action):
        _reset_peak()
        wall, cpu = time.perf_counter(), time.process_time()
        value = action()
        self.results[name] = {
            "wall_s": round(time.perf_counter() - wall, 4),
            "cpu_s": round(time.process_time() - cpu, 4),
            "peak_rss_mb": round(_rss_peak_kb() / 1024, 1),
        }
        return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pool", type=Path)
    parser.add_argument("--mode", default="default", choices=("default", "all-candidates", "discover"))
    parser.add_argument("--out", type=Path, help="folder to write into (default: a temporary one)")
    parser.add_argument("--version-id", default="20261123t000000")
    args = parser.parse_args(argv)
    if args.out is not None and not args.out.is_dir():
        parser.error(f"--out {args.out}: no such folder (create it first)")

    stages = Stages()
    sys.path.insert(0, str(HERE.parent))

    def startup():
        import asnsql.api  # noqa: F401
        import asnsql.output  # noqa: F401

    stages.run("startup", startup)
    from asnsql.api import ORPHAN_QUERY
    from asnsql.engine import Engine, GenerateOptions
    from asnsql.output import OutputSet, stage_association_files
    from asnsql.pool import load_pool

    pool = stages.run("read", lambda: load_pool(args.pool))
    engine = Engine(pool, GenerateOptions(mode=args.mode, version_id=args.version_id))

    def load():
        engine.prepare()
        engine.plan_runs()

    stages.run("load", load)
    stages.run("rules", engine.run_rules)

    def assemble():
        engine.post_process()
        files = engine.association_files()
        pool.db.execute(ORPHAN_QUERY).fetchall()
        return files

    files = stages.run("assemble", assemble)
    out = args.out or Path(tempfile.mkdtemp(prefix="asnsql-stages-"))
    def write():  # as `asnsql generate` writes: streamed into staging, then moved into place
        with OutputSet(out) as output:
            stage_association_files(output, ((f.file_name, f.text) for f in files))
            output.commit(paths=False)

    stages.run("write", write)
    if args.out is None:
        import shutil

        shutil.rmtree(out, ignore_errors=True)
    counts = pool.db.execute(
        "SELECT (SELECT count(*) FROM run_items), (SELECT count(*) FROM rule_members), "
        "(SELECT coalesce(sum(strlen(json)), 0) FROM association_json)").fetchone()
    print(json.dumps({"pool": str(args.pool), "mode": args.mode, "rows": pool.n_rows,
                      "associations": len(files), "run_items": counts[0], "rule_members": counts[1],
                      "bytes_written": counts[2], "stages": stages.results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
