#!/usr/bin/env python3
"""Score asnsql against the reference generator on pools derived from the corpus's.

Each seed derives one pool from a corpus pool (chosen by the seed): a random part of
its rows or of its observations, its rows shuffled, some cells of a few columns
blanked (``null``) or taken from another row of the same instrument, rows repeated
(the same FILENAME twice, sometimes with one cell changed), the whole file
upper-cased as archive pools are. The reference
(``VENV/bin/asn_generate``) and asnsql then run on it in each mode, and the corpus
comparator scores asnsql's files against the reference's. The corpus pools are a
yardstick; pools derived from them hold combinations they do not (a missing
TARGETID, a background without its science exposure, another row order).

    python bench/derived_parity.py --reference /path/to/venv-with-jwst-3.0.0 --seeds 1-40
    python bench/derived_parity.py --reference VENV --seeds 7 --mode default --keep OUT

One line per derived pool and mode. Where the reference fails on a derived pool
(a blank EXP_TYPE can stop it), the line says so and whether asnsql ran; such a
pool is not scored. The exit status is 1 when some scored pool is not exact.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import MODE_FLAGS, VERSION_ID  # noqa: E402
from parity import DEFAULT_SHARED, MODES, run_asnsql, score  # noqa: E402

MAX_ROWS = 260
"""Derived pools are cut to this many rows: the reference takes about 1-2 minutes
per mode at this size."""
RULE_COLUMNS = ("exp_type", "targetid", "subarray", "filter", "pupil", "grating", "bkgdtarg",
                "is_imprt", "is_psf", "tsovisit", "patttype", "fxd_slit", "detector", "obs_num",
                "visitype", "numdthpt", "channel", "band", "exposerr", "act_id", "instrume",
                "msametfl", "dithptin", "pntgtype", "subpxpns", "wfsvisit", "targname",
                "visit_id", "expspcin")
"""Columns the rules read, which cell mutations favour."""
NEVER_MUTATED = ("filename", "asn_candidate")


@dataclass(frozen=True)
class Derived:
    text: str
    description: str


def derive(text: str, seed: int) -> Derived:
    """A pool derived from the pool ``text`` (a header line, then one row per line; comment
    lines are left out), the same for the same text and seed."""
    rng = random.Random(seed)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header, rows = lines[0], lines[1:]  # comment lines are left out
    columns = [name.strip().lower() for name in header.split("|")]
    rows, part = _part(rows, columns, rng)
    steps = [part]
    rows = rows[:MAX_ROWS]
    if rng.random() < 0.6 and _open_columns(columns):
        rows, mutated = _mutate_cells(rows, columns, rng)
        steps.append(mutated)
    if rows and rng.random() < 0.3:
        rows, repeated = _repeat_rows(rows, columns, rng)
        steps.append(repeated)
    text = "\n".join([header, *rows]) + "\n"
    if rng.random() < 0.25:
        # as archive pools are written (the reference reads every value lower-cased)
        text = text.upper()
        steps.append("upper-cased")
    return Derived(text, f"{'; '.join(steps)} ({len(rows)} rows)")


def _part(rows: list[str], columns: list[str], rng: random.Random) -> tuple[list[str], str]:
    """Some of the rows or of the observations, and/or the rows shuffled."""
    how = rng.choice(["some rows", "some observations", "shuffled", "some rows, shuffled"])
    if how.startswith("some rows"):
        share = rng.uniform(0.05, 0.5) if len(rows) > 300 else rng.uniform(0.3, 0.9)
        rows = [row for row in rows if rng.random() < share]
    elif how == "some observations":
        def observation(row: str) -> tuple[str, ...]:
            cells = row.split("|")
            return tuple(cells[columns.index(c)] if c in columns else "" for c in ("program", "obs_num"))

        observations = sorted({observation(row) for row in rows})
        kept = set(rng.sample(observations, max(1, len(observations) * rng.randint(1, 4) // 10)))
        rows = [row for row in rows if observation(row) in kept]
    if how.endswith("shuffled"):
        rows = rows[:]
        rng.shuffle(rows)
    return rows, how


def _open_columns(columns: list[str]) -> list[str]:
    """The columns whose cells may change (a pool of FILENAME and ASN_CANDIDATE has none)."""
    return [c for c in columns if c not in NEVER_MUTATED]


def _instrument_of(columns: list[str]) -> Callable[[list[str]], str]:
    """A row's INSTRUME cell ('' where the pool has none): cells change only within an
    instrument."""
    j = columns.index("instrume") if "instrume" in columns else None
    return lambda cells: cells[j] if j is not None and j < len(cells) else ""


def _mutate_cells(rows: list[str], columns: list[str], rng: random.Random) -> tuple[list[str], str]:
    """Cells of one to four columns (mostly ones the rules read) blanked, or taken from
    another row of the same instrument (so that a NIRSpec row keeps a NIRSpec GRATING
    and no PUPIL, as in every real pool: see the README's Parity for what a PUPIL on
    some rows of an instrument and not others does)."""
    open_columns = _open_columns(columns)
    favoured = [c for c in RULE_COLUMNS if c in open_columns] or open_columns
    chosen = list(dict.fromkeys(rng.choice(favoured) if rng.random() < 0.85 else rng.choice(open_columns)
                                for _ in range(rng.randint(1, 4))))
    rate = rng.uniform(0.03, 0.25)
    how = rng.choice(["blanked", "swapped", "blanked or swapped"])
    table = [row.split("|") for row in rows]
    instrument = _instrument_of(columns)
    for name in chosen:
        j = columns.index(name)
        values: dict[str, list[str]] = {}
        for cells in table:
            if j < len(cells):
                values.setdefault(instrument(cells), []).append(cells[j])
        for cells in table:
            if j < len(cells) and rng.random() < rate:
                blank = how == "blanked" or (how != "swapped" and rng.random() < 0.5)
                cells[j] = "null" if blank else rng.choice(values[instrument(cells)])
    return ["|".join(cells) for cells in table], f"{how} {','.join(chosen)} at {rate:.2f}"


def _repeat_rows(rows: list[str], columns: list[str], rng: random.Random) -> tuple[list[str], str]:
    """One to four rows repeated at random places, most with one cell changed to that of
    another row of the same instrument."""
    changeable = [c for c in ("exp_type", "targetid", "subarray", "filter", "pupil", "obs_num",
                              "bkgdtarg", "patttype", "asn_candidate", "detector") if c in columns]
    instrument = _instrument_of(columns)
    table = [row.split("|") for row in rows]
    copies = []
    for _ in range(rng.randint(1, 4)):
        cells = rng.choice(table)[:]
        if changeable and rng.random() < 0.7:
            j = columns.index(rng.choice(changeable))
            donor = rng.choice([d for d in table if instrument(d) == instrument(cells)])
            if j < len(cells) and j < len(donor):
                cells[j] = donor[j]
        copies.append("|".join(cells))
    rows = rows[:]
    for copy in copies:
        rows.insert(rng.randint(0, len(rows)), copy)
    return rows, f"{len(copies)} rows repeated"


def source_pool(pools: list[Path], seed: int) -> Path:
    """The corpus pool seed ``seed`` derives from: the largest half the time (it holds
    the most kinds of exposure), any other otherwise."""
    rng = random.Random(f"source-{seed}")
    largest = max(pools, key=lambda p: p.stat().st_size)
    return largest if rng.random() < 0.5 else rng.choice(pools)


def parse_seeds(text: str) -> list[int]:
    """``1-40``, ``7`` or ``1,5,9-12``."""
    seeds: list[int] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        seeds.extend(range(int(first), int(last or first) + 1))
    return seeds


def run_reference(venv: Path, pool: Path, mode: str, out: Path, timeout: float) -> int:
    """The reference's exit status (124 when it ran out of time)."""
    try:
        return subprocess.run([str(venv / "bin" / "asn_generate"), str(pool), "-p", str(out),
                               "--version-id", VERSION_ID, *MODE_FLAGS[mode]],
                              capture_output=True, check=False, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return 124


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, required=True,
                        help="a venv with jwst==3.0.0 (runs its asn_generate)")
    parser.add_argument("--seeds", default="1-20", help="e.g. 1-40 or 3,7,11 (default 1-20)")
    parser.add_argument("--mode", action="append", choices=MODES)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_SHARED / "corpus")
    parser.add_argument("--tools", type=Path, default=DEFAULT_SHARED / "tools")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per reference run")
    parser.add_argument("--keep", type=Path, help="keep the derived pools and outputs here")
    args = parser.parse_args(argv)

    compare = args.tools / "asncompare.py"
    pools = sorted((args.corpus / "pools").glob("*.csv"))
    if not (args.reference / "bin" / "asn_generate").is_file():
        parser.error(f"--reference {args.reference}: no bin/asn_generate there")
    if not pools or not compare.is_file():
        parser.error(f"no pools under {args.corpus / 'pools'} or no {compare}")
    try:
        seeds = parse_seeds(args.seeds)
    except ValueError:
        parser.error(f"--seeds {args.seeds!r}: give numbers and ranges, e.g. 1-40 or 3,7")
    root = args.keep or Path(tempfile.mkdtemp(prefix="asnsql-derived-"))
    exact = scored = 0
    for seed in seeds:
        source = source_pool(pools, seed)
        derived = derive(source.read_text(), seed)
        folder = root / f"seed{seed}"
        folder.mkdir(parents=True, exist_ok=True)
        pool = folder / "pool.csv"
        pool.write_text(derived.text)
        for mode in args.mode or MODES:
            line = f"seed {seed} {source.stem}: {derived.description}, {mode}: "
            expected, actual = folder / f"reference_{mode}", folder / f"asnsql_{mode}"
            expected.mkdir(exist_ok=True)
            actual.mkdir(exist_ok=True)
            status = run_reference(args.reference, pool, mode, expected, args.timeout)
            error = run_asnsql(pool, mode, actual, VERSION_ID)
            if status != 0:
                print(line + f"the reference failed (exit {status}); asnsql "
                      + (f"refused it: {error}" if error else "ran"), flush=True)
                continue
            if error:
                print(line + f"asnsql failed: {error}", flush=True)
                scored += 1
                continue
            x, y = score(compare, expected, actual)
            scored += 1
            exact += x == y
            print(line + f"{x}/{y}", flush=True)
    print(f"{exact} of {scored} scored runs exact")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if exact == scored else 1


if __name__ == "__main__":
    sys.exit(main())
