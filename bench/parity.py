#!/usr/bin/env python3
"""Print the parity table: asnsql against the reference generator's own output.

For every pool in CORPUS/pools and every mode with expected output in
CORPUS/expected/<pool>/<mode>, run asnsql (in-process, same code path as the
CLI) into a scratch folder and score it with the corpus comparator
(``tools/asncompare.py``; identity key: asn_type, product names, members).

    python bench/parity.py                       # ../shared/corpus, all modes
    python bench/parity.py --mode default --pool pool_002_image_miri
    python bench/parity.py --corpus DIR --tools DIR --keep OUT
    python bench/parity.py --rule 'Asn_Lv2(Spec|NRS)'   # only associations of these rules
    python bench/parity.py --reference-venv /path/to/venv-with-jwst-3.0.0

With --reference-venv, each pool x mode is also checked with the reference's own
comparator, jwst.associations.lib.diff.compare_asn_files(expected, actual), run by
that environment's Python (asnsql never imports jwst); the cell then ends in
"ok" when it raised nothing, "DIFF" otherwise, or "n/a" when it cannot compare the
expected output with itself either (two products of the same name, see
reference_verdict).

Pools for which the reference itself failed (exit status non-zero in
``_summary.json``) are checked for asnsql failing with one clear error.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared"
MODES = ("default", "all-candidates", "discover")
SCORE = re.compile(r"score: (\d+)/(\d+)")
VERSION_ID = re.compile(r"_(\d{8}t\d{6})_")


def run_asnsql(pool: Path, mode: str, out: Path, version_id: str | None) -> str | None:
    """Generate into `out`; return an error line, or None on success (warnings are not shown)."""
    import warnings

    warnings.filterwarnings("ignore", category=Warning, module="asnsql")
    sys.path.insert(0, str(HERE.parent))
    from asnsql import AsnsqlError
    from asnsql.api import run_generation
    from asnsql.engine import GenerateOptions
    from asnsql.output import write_files

    try:
        result = run_generation(pool, GenerateOptions(mode=mode, version_id=version_id))
        write_files(((file.file_name, file.text) for file in result.files), out)
    except AsnsqlError as exc:
        return exc.message
    return None


def read_summary(expected: Path) -> dict:
    """The reference run's _summary.json; without one (e.g. /work/extra), a run
    that succeeded, with the version id read from the expected file names."""
    path = expected / "_summary.json"
    if path.is_file():
        return json.loads(path.read_text())
    stamps = {m.group(1) for p in expected.glob("*_asn.json")
              if (m := VERSION_ID.search(p.name))}
    return {"version_id": stamps.pop() if len(stamps) == 1 else None}


def only_rules(folder: Path, pattern: str, dest: Path) -> Path:
    """Copy the associations whose asn_rule matches `pattern` (regex search) into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.json"):
        try:
            data = json.loads(path.read_text())
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and re.search(pattern, str(data.get("asn_rule", ""))):
            (dest / path.name).write_text(path.read_text())
    return dest


JWST_COMPARE = """
import sys
from pathlib import Path
from jwst.associations.lib.diff import compare_asn_files
left = sorted(Path(sys.argv[1]).glob("*_asn.json"))
right = sorted(Path(sys.argv[2]).glob("*_asn.json"))
try:
    compare_asn_files(left, right)
except AssertionError as exc:
    print(str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__)
    sys.exit(1)
"""


def jwst_compare(venv: Path, expected: Path, actual: Path) -> bool:
    """True when the reference's compare_asn_files finds no difference."""
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-c", JWST_COMPARE, str(expected), str(actual)],
        capture_output=True, text=True, check=False,
    )
    return proc.returncode == 0


def reference_verdict(venv: Path, expected: Path, actual: Path) -> str:
    """'ok' when compare_asn_files finds no difference; 'DIFF' when it does; 'n/a' when it
    also finds differences between the expected output and itself (it pairs products by
    name, so two associations with the same product name defeat it): its verdict then
    says nothing about asnsql, and only the corpus comparator's score counts."""
    if jwst_compare(venv, expected, actual):
        return "ok"
    return "n/a" if not jwst_compare(venv, expected, expected) else "DIFF"


def score(compare: Path, expected: Path, actual: Path) -> tuple[int, int]:
    proc = subprocess.run(
        [sys.executable, str(compare), str(expected), str(actual)],
        capture_output=True, text=True, check=False,
    )
    match = SCORE.search(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "")
    if not match:
        raise RuntimeError(f"comparator gave no score for {expected}: {proc.stderr.strip()}")
    return int(match.group(1)), int(match.group(2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_SHARED / "corpus")
    parser.add_argument("--tools", type=Path, default=DEFAULT_SHARED / "tools")
    parser.add_argument("--mode", action="append", choices=MODES)
    parser.add_argument("--pool", action="append", help="only these pools (name without .csv)")
    parser.add_argument("--keep", type=Path, help="keep outputs under this folder")
    parser.add_argument("--rule", help="score only associations whose asn_rule matches this regex")
    parser.add_argument("--reference-venv", type=Path,
                        help="venv with jwst 3.0.0: also run its compare_asn_files")
    args = parser.parse_args()

    compare = args.tools / "asncompare.py"
    if not (args.corpus / "pools").is_dir() or not compare.is_file():
        print(f"corpus or comparator not found under {args.corpus} / {args.tools}", file=sys.stderr)
        return 2
    modes = args.mode or list(MODES)
    root = args.keep or Path(tempfile.mkdtemp(prefix="asnsql-parity-"))
    totals = {mode: [0, 0] for mode in modes}
    print(f"{'pool':<36}" + "".join(f"{m:>18}" for m in modes))
    for pool in sorted((args.corpus / "pools").glob("*.csv")):
        name = pool.stem
        if args.pool and name not in args.pool:
            continue
        cells = []
        for mode in modes:
            expected = args.corpus / "expected" / name / mode
            if not expected.is_dir():
                cells.append("-")
                continue
            summary = read_summary(expected)
            out = root / name / mode
            out.mkdir(parents=True, exist_ok=True)
            error = run_asnsql(pool, mode, out, summary.get("version_id"))
            if summary.get("exit_status", 0) != 0:
                cells.append("ref failed; " + ("error" if error else "ran"))
                continue
            if error:
                cells.append("ERROR")
                print(f"  {name} {mode}: {error}", file=sys.stderr)
                continue
            if args.rule:
                expected = only_rules(expected, args.rule, root / "_filtered" / name / mode / "expected")
                out = only_rules(out, args.rule, root / "_filtered" / name / mode / "actual")
            x, y = score(compare, expected, out)
            totals[mode][0] += x
            totals[mode][1] += y
            cell = f"{x}/{y}"
            if args.reference_venv:
                cell += " " + reference_verdict(args.reference_venv, expected, out)
            cells.append(cell)
        print(f"{name:<36}" + "".join(f"{c:>18}" for c in cells))
    print(f"{'TOTAL':<36}" + "".join(f"{f'{x}/{y}':>18}" for x, y in totals.values()))
    if args.keep:
        print(f"outputs kept in {root}")
    else:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
