#!/usr/bin/env python3
"""Benchmark asnsql on synthetic pools (1k..1M exposures) and corpus pools, optionally
side by side with the reference generator.

    python bench/bench.py                                   # 1k, 10k, 100k; asnsql only
    python bench/bench.py --sizes 1k,10k,100k,1M --corpus ../shared/corpus \\
        --reference /work/refvenv --ref-timeout 300 --write-readme   # bench/README.md

For every pool it measures, each in a fresh process:

- asnsql, whole process (``python -m asnsql generate``, start-up included): wall
  time, CPU time (user+sys, all threads) and peak RSS; the best of ``--repeat`` runs
  (one from 100k rows on), after one untimed run that fills the render cache
  (asnsql.sqlcache) and writes the modules' bytecode (under bench/.cache/pycache, as an
  installed package has it), except from 1M rows on (`WARM_UP_MAX_ROWS`);
- asnsql stage by stage (bench/stages.py): start-up, read, load, rules, assemble,
  write, each with wall time and peak RSS;
- DuckDB's bare read of the same file (``CREATE TABLE AS SELECT * FROM read_csv(...)``),
  whole process and the read alone;
- the bare write of as many files, of the same total size, as the pool's associations
  (plain ``open``/``write`` into a new folder): what writing the output costs on this
  machine's file system, whatever writes it;
- the file system's cost of creating a file (`probe_file_creation`), before and after.

Every process writes into a new folder under one scratch folder (``--scratch``), and
nothing is deleted before the end of the run (`Scratch`). ext4 without a journal, as on
this VM, does not reuse an inode freed in the last 5 s (300 s while its inode-table
block is not yet written back): allocating a file tests each such free inode in turn.
Deleting one run's output just before the next run writes made every file created
after it pay for every file deleted: 858 empty files took 0.7-0.8 s right after
deleting twice as many, 15-20 ms in a folder with no recent deletion.
- with ``--reference VENV``: ``VENV/bin/asn_generate`` on the same pool and mode
  (one run, ``--ref-timeout`` seconds at most; larger synthetic sizes are skipped
  once one times out), the ratio reference / asnsql, and whether the two wrote the
  same associations: the corpus comparator (``--compare``, default
  ``../shared/tools/asncompare.py``) scores asnsql's timed run's files against the
  reference's, so that a ratio is only read beside the score of the same answer.

Synthetic pools come from bench/synth_pool.py (seeded) and are kept in
bench/.pools/. The machine's load average is printed with the results: the
machine is shared, so wall times are noisy; CPU times less so.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_COMPARATOR = REPO.parent / "shared" / "tools" / "asncompare.py"
POOL_CACHE = HERE / ".pools"
README = HERE / "README.md"
VERSION_ID = "20261123t000000"
MODES = ("default", "all-candidates", "discover")
MODE_FLAGS = {"default": [], "all-candidates": ["--all-candidates"], "discover": ["--discover"]}
STAGES = ("startup", "read", "load", "rules", "assemble", "write")
MARK_START, MARK_END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"

sys.path.insert(0, str(HERE))
from parity import score  # noqa: E402
from synth_pool import parse_size, write_pool  # noqa: E402


@dataclass
class Run:
    """One process: wall and CPU seconds, peak RSS, exit status (None: timed out)."""

    wall_s: float
    cpu_s: float
    rss_mb: float
    status: int | None
    stdout: str = ""
    out: Path | None = None  # the folder the process wrote its files into
    error: str = ""  # the last line the process wrote to stderr


def run_process(argv: list[str], timeout: float | None = None, env: dict | None = None) -> Run:
    """Run a process to completion and measure it with wait4 (its own rusage)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                _, _, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return Run(time.perf_counter() - start, usage.ru_utime + usage.ru_stime,
                           usage.ru_maxrss / 1024, None)
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        err.seek(0)
        error_lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text,
               error=error_lines[-1] if error_lines else "")


@dataclass
class Result:
    label: str
    pool: Path
    rows: int
    mode: str
    asnsql: Run | None = None
    stages: dict = field(default_factory=dict)
    bare: Run | None = None
    bare_read_s: float | None = None
    bare_write_s: float | None = None
    reference: Run | None = None
    associations: int | None = None
    same_output: str | None = None  # the comparator's score of asnsql against the reference

    @property
    def ratio(self) -> float | None:
        if self.reference is None or self.reference.status != 0 or self.asnsql is None:
            return None
        return self.reference.wall_s / self.asnsql.wall_s


def asnsql_argv(pool: Path, out: Path, mode: str) -> list[str]:
    return [sys.executable, "-m", "asnsql", "generate", str(pool), "-p", str(out),
            "--version-id", VERSION_ID, *MODE_FLAGS[mode]]


class Scratch:
    """New folders for the processes' output, all deleted together at the end.

    Nothing is deleted while measuring: on this VM's ext4 (no journal) a file created
    soon after many deletions in the same block group costs up to a millisecond (see
    the module docstring), so deleting each run's output would slow the next run's.
    """

    def __init__(self, parent: Path | None = None) -> None:
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)  # --scratch may name a new folder
        self.root = Path(tempfile.mkdtemp(prefix="asnsql-bench-", dir=parent))
        self._count = 0

    def folder(self, label: str) -> Path:
        self._count += 1
        path = self.root / f"{self._count:04d}-{label}"
        path.mkdir()
        return path

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


PROBE_FILES = 1000


def probe_file_creation(scratch: Scratch) -> float:
    """Microseconds to create one empty file in a new folder (PROBE_FILES of them): the
    file system's state, which moves this machine's write times (see `Scratch`)."""
    folder = scratch.folder("probe")
    start = time.perf_counter()
    for index in range(PROBE_FILES):
        (folder / f"probe{index:05d}").touch(exist_ok=False)
    return (time.perf_counter() - start) / PROBE_FILES * 1e6


WARM_UP_MAX_ROWS = 999_999
"""Pools up to this size get an untimed first run (it fills the render cache and writes
the bytecode: tenths of a second); a larger pool's run takes minutes, of which that is
well under 1%, and the smaller sizes before it have filled both already."""


def measure_asnsql(pool: Path, mode: str, repeat: int, env: dict, scratch: Scratch,
                   warm_up: bool = True) -> Run:
    runs = []
    for attempt in range(repeat + 1 if warm_up else repeat):
        out = scratch.folder("asnsql")
        run = run_process(asnsql_argv(pool, out, mode), env=env)
        run.out = out
        if run.status != 0:
            raise RuntimeError(f"asnsql failed on {pool} ({mode}), exit {run.status}: {run.error}")
        if attempt or not warm_up:  # the warm-up run fills the render cache, untimed
            runs.append(run)
    return min(runs, key=lambda r: r.wall_s)


def measure_stages(pool: Path, mode: str, env: dict, scratch: Scratch) -> dict:
    """bench/stages.py's report; on failure ``{"error": ...}`` (the timed run succeeded, so
    the pool's whole-process row still stands, and the benchmark goes on)."""
    run = run_process([sys.executable, str(HERE / "stages.py"), str(pool), "--mode", mode,
                       "--out", str(scratch.folder("stages"))], env=env)
    if run.status != 0:
        error = f"bench/stages.py failed on {pool.name}, exit {run.status}: {run.error}"
        print(f"  {error}", file=sys.stderr)
        return {"error": error}
    return json.loads(run.stdout.strip().splitlines()[-1])


BARE_READ = """
import sys, time, duckdb
start = time.perf_counter()
duckdb.connect().execute(
    "CREATE TABLE pool AS SELECT * FROM read_csv($p, delim='|', header=true, all_varchar=true)",
    {"p": sys.argv[1]})
print(time.perf_counter() - start)
"""


def measure_bare_read(pool: Path, env: dict) -> tuple[Run, float]:
    run = run_process([sys.executable, "-c", BARE_READ, str(pool)], env=env)
    return run, float(run.stdout.strip().splitlines()[-1])


BARE_WRITE = """
import os, sys, time
folder, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = "x" * size
start = time.perf_counter()
for index in range(count):
    with open(os.path.join(folder, f"file{index:09d}_asn.json"), "x", encoding="ascii") as file:
        file.write(text)
print(time.perf_counter() - start)
"""


def measure_bare_write(n_files: int, n_bytes: int, env: dict, scratch: Scratch) -> float | None:
    """Seconds to write n_files files of n_bytes in all with plain Python (a new folder)."""
    if not n_files:
        return None
    run = run_process([sys.executable, "-c", BARE_WRITE, str(scratch.folder("bare-write")),
                       str(n_files), str(max(1, n_bytes // n_files))], env=env)
    return float(run.stdout.strip().splitlines()[-1])


def measure_reference(venv: Path, pool: Path, mode: str, timeout: float, scratch: Scratch) -> Run:
    out = scratch.folder("reference")
    run = run_process([str(venv / "bin" / "asn_generate"), str(pool), "-p", str(out),
                       "--version-id", VERSION_ID, *MODE_FLAGS[mode]], timeout=timeout)
    run.out = out
    return run


def compare_outputs(comparator: Path | None, result: Result) -> str | None:
    """The comparator's score (``X/Y``, by bench/parity.py's `score`) of asnsql's files
    against the reference's, when both wrote theirs; None when there is nothing to
    compare or no comparator."""
    ref, ours = result.reference, result.asnsql
    if (comparator is None or not comparator.is_file() or ref is None or ref.status != 0
            or ours is None or ours.status != 0 or ref.out is None or ours.out is None):
        return None
    try:
        exact, total = score(comparator, ref.out, ours.out)
    except RuntimeError:
        return "comparator failed"
    return f"{exact}/{total}"


def synthetic_pool(n_rows: int, seed: int) -> Path:
    POOL_CACHE.mkdir(exist_ok=True)
    path = POOL_CACHE / f"synth_{n_rows}_s{seed}.csv"
    if not path.exists():
        print(f"  writing synthetic pool of {n_rows} rows ...", file=sys.stderr)
        write_pool(n_rows, path, seed)
    return path


def count_rows(pool: Path) -> int:
    with open(pool, "rb") as handle:
        return sum(1 for line in handle if line.strip() and not line.lstrip().startswith(b"#")) - 1


def fmt_s(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def fmt_size(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n))


def reference_cell(result: Result) -> str:
    ref = result.reference
    if ref is None:
        return "-"
    if ref.status is None:
        return f"> {ref.wall_s:.0f} (timeout)"
    if ref.status != 0:
        return f"{fmt_s(ref.wall_s)} (exit {ref.status})"
    return f"{fmt_s(ref.wall_s)} / {ref.rss_mb:.0f}"


def synthetic_table(results: list[Result]) -> list[str]:
    lines = [
        "| exposures | asnsql wall s | CPU s | peak RSS MB | startup | read | load | rules | assemble | write "
        "| bare read s (process) | asnsql / bare | bare write s | reference s / MB | reference / asnsql "
        "| same associations |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        st = r.stages.get("stages", {})
        cells = [fmt_size(r.rows), fmt_s(r.asnsql.wall_s), fmt_s(r.asnsql.cpu_s), f"{r.asnsql.rss_mb:.0f}"]
        cells += [fmt_s(st.get(s, {}).get("wall_s")) for s in STAGES]
        cells += [f"{fmt_s(r.bare_read_s)} ({fmt_s(r.bare.wall_s)})",
                  f"{r.asnsql.wall_s / r.bare.wall_s:.1f}x", fmt_s(r.bare_write_s),
                  reference_cell(r), f"{r.ratio:.0f}x" if r.ratio else "-", r.same_output or "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def stage_rss_table(results: list[Result]) -> list[str]:
    lines = ["| exposures | " + " | ".join(STAGES) + " | run_items | rule_members | associations |",
             "|---:|" + "---:|" * (len(STAGES) + 3)]
    for r in results:
        st = r.stages.get("stages", {})
        lines.append("| " + " | ".join([fmt_size(r.rows)] + [f"{st.get(s, {}).get('peak_rss_mb', 0):.0f}"
                                                          for s in STAGES]
                                       + [str(r.stages.get("run_items", "-")),
                                          str(r.stages.get("rule_members", "-")),
                                          str(r.stages.get("associations", "-"))]) + " |")
    return lines


def scaling_lines(results: list[Result]) -> list[str]:
    lines = []
    for small, large in zip(results, results[1:]):
        growth = math.log(large.asnsql.wall_s / small.asnsql.wall_s) / math.log(large.rows / small.rows)
        cpu = math.log(large.asnsql.cpu_s / small.asnsql.cpu_s) / math.log(large.rows / small.rows)
        nlogn = 1 + math.log(math.log(large.rows) / math.log(small.rows)) / math.log(large.rows / small.rows)
        lines.append(f"- {fmt_size(small.rows)} -> {fmt_size(large.rows)}: time grows as n^{growth:.2f} "
                     f"(CPU n^{cpu:.2f}; n log n would be n^{nlogn:.2f})")
    return lines


def corpus_table(results: list[Result]) -> list[str]:
    lines = ["| pool | rows | mode | asnsql wall s | CPU s | peak RSS MB | reference s / MB | reference / asnsql "
             "| same associations |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append("| " + " | ".join([r.label, str(r.rows), r.mode, fmt_s(r.asnsql.wall_s),
                                         fmt_s(r.asnsql.cpu_s), f"{r.asnsql.rss_mb:.0f}",
                                         reference_cell(r), f"{r.ratio:.0f}x" if r.ratio else "-",
                                         r.same_output or "-"]) + " |")
    return lines


def machine_lines(load_before, load_after, reference: Path | None,
                  probes: tuple[float, float]) -> list[str]:
    import duckdb

    lines = [f"- machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}, "
             f"Python {platform.python_version()}, DuckDB {duckdb.__version__}",
             f"- load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in load_before)}; "
             f"after: {', '.join(f'{x:.1f}' for x in load_after)}",
             f"- creating an empty file ({PROBE_FILES} in a new folder): {probes[0]:.0f} us before, "
             f"{probes[1]:.0f} us after"]
    if reference is not None:
        lines.append(f"- reference: {reference / 'bin' / 'asn_generate'} (jwst "
                     f"{_reference_version(reference)}), one run per pool and mode")
    return lines


def _reference_version(venv: Path) -> str:
    proc = subprocess.run([str(venv / "bin" / "python"), "-c", "import jwst; print(jwst.__version__)"],
                          capture_output=True, text=True, check=False)
    return proc.stdout.strip() or "?"


def _jsonable(value: object) -> object:
    """json.dumps' fallback for the raw results: runs as their fields, paths as text."""
    if isinstance(value, Run):
        return value.__dict__
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def write_readme(text: str) -> None:
    readme = README.read_text()
    start, end = readme.index(MARK_START) + len(MARK_START), readme.index(MARK_END)
    README.write_text(readme[:start] + "\n" + text + "\n" + readme[end:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="synthetic pool sizes (comma-separated)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, nargs="?", const=DEFAULT_CORPUS,
                        help="also the corpus pools of at least --min-rows rows (default corpus: %(const)s)")
    parser.add_argument("--min-rows", type=int, default=50)
    parser.add_argument("--modes", default="default,all-candidates,discover",
                        help="modes for corpus pools (synthetic pools: default)")
    parser.add_argument("--reference", type=Path, help="a venv with jwst==3.0.0 (runs asn_generate)")
    parser.add_argument("--ref-timeout", type=float, default=600)
    parser.add_argument("--compare", type=Path, default=DEFAULT_COMPARATOR,
                        help="the comparator that scores asnsql's files against the reference's "
                             "(default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="timed asnsql runs per small pool (best kept)")
    parser.add_argument("--write-readme", action="store_true", help="replace the results in bench/README.md")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--scratch", type=Path,
                        help="where the processes write (a new folder in it, deleted at the end; "
                             "default: the temporary folder)")
    args = parser.parse_args(argv)
    scratch = Scratch(args.scratch)
    try:
        return run_benchmark(args, argv, scratch)
    finally:
        scratch.cleanup()


def run_benchmark(args: argparse.Namespace, argv: list[str] | None, scratch: Scratch) -> int:

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.setdefault("ASNSQL_CACHE_DIR", str(HERE / ".cache"))
    # byte-compiled modules, as an installed package has them: pip compiles what it
    # installs (the reference's jwst, DuckDB), but an editable asnsql is compiled at
    # every start where PYTHONDONTWRITEBYTECODE is set (about 25 ms); the untimed
    # first run writes the bytecode here, outside the checkout
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(HERE / ".cache" / "pycache"))
    load_before = os.getloadavg()
    probe_before = probe_file_creation(scratch)

    synthetic: list[Result] = []
    reference_gave_up = False
    for size in [parse_size(s) for s in args.sizes.split(",") if s.strip()]:
        pool = synthetic_pool(size, args.seed)
        result = Result(fmt_size(size), pool, size, "default")
        print(f"synthetic {fmt_size(size)}: asnsql ...", file=sys.stderr)
        result.asnsql = measure_asnsql(pool, "default", args.repeat if size < 100_000 else 1, env, scratch,
                                       warm_up=size <= WARM_UP_MAX_ROWS)
        result.stages = measure_stages(pool, "default", env, scratch)
        result.bare, result.bare_read_s = measure_bare_read(pool, env)
        result.bare_write_s = measure_bare_write(result.stages.get("associations", 0),
                                                 result.stages.get("bytes_written", 0), env, scratch)
        if args.reference and not reference_gave_up:
            print(f"synthetic {fmt_size(size)}: reference ...", file=sys.stderr)
            result.reference = measure_reference(args.reference, pool, "default", args.ref_timeout,
                                                 scratch)
            reference_gave_up = result.reference.status is None
            result.same_output = compare_outputs(args.compare, result)
        synthetic.append(result)

    corpus: list[Result] = []
    if args.corpus:
        modes = [m for m in args.modes.split(",") if m]
        for pool in sorted((args.corpus / "pools").glob("*.csv")):
            rows = count_rows(pool)
            if rows < args.min_rows:
                continue
            for mode in modes:
                result = Result(pool.stem, pool, rows, mode)
                print(f"{pool.stem} {mode}: asnsql ...", file=sys.stderr)
                try:
                    result.asnsql = measure_asnsql(pool, mode, args.repeat, env, scratch)
                except RuntimeError:
                    # the reference refuses some corpus pools; asnsql then exits 2 too
                    result.asnsql = run_process(asnsql_argv(pool, scratch.folder("asnsql"), mode), env=env)
                if args.reference:
                    print(f"{pool.stem} {mode}: reference ...", file=sys.stderr)
                    result.reference = measure_reference(args.reference, pool, mode, args.ref_timeout,
                                                         scratch)
                    result.same_output = compare_outputs(args.compare, result)
                corpus.append(result)

    load_after = os.getloadavg()
    probe_after = probe_file_creation(scratch)
    stage_errors = [f"- {r.stages['error']}" for r in synthetic if "error" in r.stages]
    out = ["### Synthetic pools (default mode)", "", *synthetic_table(synthetic), "",
           *([*stage_errors, ""] if stage_errors else []),
           "Peak RSS (MB) per stage, and the size of the intermediate tables:", "",
           *stage_rss_table(synthetic), ""]
    if len(synthetic) > 1:
        out += ["Scaling:", "", *scaling_lines(synthetic), ""]
    if corpus:
        out += [f"### Corpus pools of at least {args.min_rows} rows", "", *corpus_table(corpus), ""]
    out += ["### Machine", "", *machine_lines(load_before, load_after, args.reference,
                                              (probe_before, probe_after)),
            f"- command: `python bench/bench.py {' '.join(argv if argv is not None else sys.argv[1:])}`"]
    text = "\n".join(out)
    print(text)
    if args.write_readme:
        write_readme(text)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in synthetic + corpus], indent=2, default=_jsonable))
    return 0


if __name__ == "__main__":
    sys.exit(main())
