"""The benchmark's own tools (bench/): the synthetic pool generator, the stage timer,
the scratch folders and the README writer. What they measure is never asserted here
(speed lives in the benchmark); what they produce is."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

import asnsql

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synth_pool() -> ModuleType:
    return _bench_module("synth_pool")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench_module("bench")


def test_synthetic_pool_is_seeded(synth_pool: ModuleType, tmp_path: Path) -> None:
    first = synth_pool.write_pool(600, tmp_path / "a.csv", seed=1)
    again = synth_pool.write_pool(600, tmp_path / "b.csv", seed=1)
    other = synth_pool.write_pool(600, tmp_path / "c.csv", seed=2)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_synthetic_pool_has_exactly_the_rows_asked(synth_pool: ModuleType, tmp_path: Path) -> None:
    lines = synth_pool.write_pool(777, tmp_path / "p.csv").read_text().splitlines()
    header, rows = lines[0], lines[1:]
    assert len(rows) == 777
    assert header == header.upper() and "ASN_CANDIDATE" in header.split("|")
    assert {len(row.split("|")) for row in rows} == {len(header.split("|"))}


@pytest.mark.parametrize(("text", "rows"), [("1000", 1000), ("10k", 10_000), ("1M", 1_000_000),
                                            ("1e5", 100_000), ("100_000", 100_000)])
def test_sizes_are_read_as_written(synth_pool: ModuleType, text: str, rows: int) -> None:
    assert synth_pool.parse_size(text) == rows


def test_synthetic_pool_generates_many_kinds_of_association(synth_pool: ModuleType, tmp_path: Path) -> None:
    pool = synth_pool.write_pool(1500, tmp_path / "p.csv")
    types = {asn["asn_type"] for asn in asnsql.generate(pool, version_id="20261123t000000")}
    # a few programs only at this size (a program is ~400 rows), yet imaging,
    # spectroscopy and time series at both levels
    assert {"image2", "image3", "spec2", "spec3", "tso3"} <= types


def test_stages_reports_every_stage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stages = _bench_module("stages")
    pool = Path(__file__).parent / "data" / "image_nircam_pool.csv"
    out = tmp_path / "out"
    out.mkdir()
    assert stages.main([str(pool), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report["stages"]) == ["startup", "read", "load", "rules", "assemble", "write"]
    assert all(set(stage) == {"wall_s", "cpu_s", "peak_rss_mb"} for stage in report["stages"].values())
    assert report["associations"] == len(list(out.glob("*_asn.json"))) > 0
    assert report["bytes_written"] == sum(p.stat().st_size for p in out.glob("*_asn.json"))


def test_stages_refuses_a_missing_out_folder_in_one_line(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    stages = _bench_module("stages")
    pool = Path(__file__).parent / "data" / "image_nircam_pool.csv"
    with pytest.raises(SystemExit) as exited:
        stages.main([str(pool), "--out", str(tmp_path / "missing")])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "error: --out " in err.strip().splitlines()[-1] and "missing" in err
    assert "Traceback" not in err


def test_scratch_makes_a_new_folder_per_process(bench: ModuleType, tmp_path: Path) -> None:
    scratch = bench.Scratch(tmp_path / "not" / "yet")  # --scratch may name a folder to create
    first, second = scratch.folder("run"), scratch.folder("run")
    assert first != second and first.is_dir() and second.is_dir()
    assert first.parent == second.parent == scratch.root
    scratch.cleanup()
    assert not scratch.root.exists()


def test_write_readme_replaces_only_the_results(bench: ModuleType, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{bench.MARK_START}\nold table\n{bench.MARK_END}\nnotes\n")
    monkeypatch.setattr(bench, "README", readme)
    bench.write_readme("new table")
    assert readme.read_text() == f"intro\n{bench.MARK_START}\nnew table\n{bench.MARK_END}\nnotes\n"


@pytest.mark.parametrize(("warm_up", "processes"), [(True, 3), (False, 2)])
def test_the_warm_up_run_is_not_timed(bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      warm_up: bool, processes: int) -> None:
    walls = iter([0.5, 3.0, 2.0])  # the first run is the slowest only when it warms up
    started: list[list[str]] = []

    def fake_run(argv: list[str], timeout: float | None = None, env: dict | None = None):
        started.append(argv)
        return bench.Run(next(walls), 1.0, 100.0, 0)

    monkeypatch.setattr(bench, "run_process", fake_run)
    best = bench.measure_asnsql(Path("p.csv"), "default", 2, {}, bench.Scratch(tmp_path), warm_up=warm_up)
    assert len(started) == processes
    assert best.wall_s == (2.0 if warm_up else 0.5)


def test_the_best_run_keeps_the_folder_it_wrote(bench: ModuleType, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    walls = iter([0.5, 3.0, 2.0])
    folders: list[Path] = []

    def fake_run(argv: list[str], timeout: float | None = None, env: dict | None = None):
        folders.append(Path(argv[argv.index("-p") + 1]))
        return bench.Run(next(walls), 1.0, 100.0, 0)

    monkeypatch.setattr(bench, "run_process", fake_run)
    best = bench.measure_asnsql(Path("p.csv"), "default", 2, {}, bench.Scratch(tmp_path))
    assert best.out == folders[2]  # the 2.0 s run: its files are the ones compared


FAKE_COMPARATOR = """
import sys
expected, actual = sys.argv[1], sys.argv[2]
print(f"comparing {expected} with {actual}")
print("score: 3/4 exact (75.0%)")
"""


def _result(bench: ModuleType, tmp_path: Path, reference_status: int | None = 0,
            asnsql_status: int = 0) -> object:
    result = bench.Result("p", Path("p.csv"), 10, "default")
    result.asnsql = bench.Run(1.0, 1.0, 1.0, asnsql_status, out=tmp_path / "ours")
    result.reference = bench.Run(9.0, 9.0, 9.0, reference_status, out=tmp_path / "theirs")
    return result


def test_outputs_are_scored_by_the_comparator(bench: ModuleType, tmp_path: Path) -> None:
    comparator = tmp_path / "compare.py"
    comparator.write_text(FAKE_COMPARATOR)
    assert bench.compare_outputs(comparator, _result(bench, tmp_path)) == "3/4"


@pytest.mark.parametrize(("reference_status", "asnsql_status"), [(1, 0), (None, 0), (0, 2)])
def test_nothing_is_scored_unless_both_wrote_their_files(bench: ModuleType, tmp_path: Path,
                                                        reference_status: int | None,
                                                        asnsql_status: int) -> None:
    comparator = tmp_path / "compare.py"
    comparator.write_text(FAKE_COMPARATOR)
    result = _result(bench, tmp_path, reference_status, asnsql_status)
    assert bench.compare_outputs(comparator, result) is None


def test_no_comparator_no_score(bench: ModuleType, tmp_path: Path) -> None:
    assert bench.compare_outputs(tmp_path / "absent.py", _result(bench, tmp_path)) is None
    assert bench.compare_outputs(None, _result(bench, tmp_path)) is None


def test_a_comparator_that_gives_no_score_says_so(bench: ModuleType, tmp_path: Path) -> None:
    comparator = tmp_path / "compare.py"
    comparator.write_text("raise SystemExit('usage: compare EXPECTED ACTUAL')")
    assert bench.compare_outputs(comparator, _result(bench, tmp_path)) == "comparator failed"


def test_the_tables_show_the_score_beside_the_ratio(bench: ModuleType, tmp_path: Path) -> None:
    result = _result(bench, tmp_path)
    result.same_output = "12/12"
    row = bench.corpus_table([result])[-1].split(" | ")
    assert row[-2:] == ["9x", "12/12 |"]
    result.same_output = None
    assert bench.corpus_table([result])[-1].endswith("| 9x | - |")


def test_the_real_comparator_scores_identical_folders_fully(bench: ModuleType, tmp_path: Path) -> None:
    from .conftest import COMPARATOR, DATA

    if not COMPARATOR.is_file():
        pytest.skip(f"the corpus comparator is not at {COMPARATOR} (../shared absent)")
    folder = DATA / "reference" / "nrc_coron_image_pool"
    result = bench.Result("nrc_coron_image_pool", Path("p.csv"), 10, "default")
    result.asnsql = bench.Run(1.0, 1.0, 1.0, 0, out=folder)
    result.reference = bench.Run(9.0, 9.0, 9.0, 0, out=folder)
    n_files = len(list(folder.glob("*_asn.json")))
    assert n_files
    assert bench.compare_outputs(COMPARATOR, result) == f"{n_files}/{n_files}"


def test_a_failed_process_tells_its_last_error_line(bench: ModuleType) -> None:
    run = bench.run_process([sys.executable, "-c",
                             "import sys; print('ok'); sys.stderr.write('first\\nout of memory\\n'); sys.exit(3)"])
    assert (run.status, run.stdout.strip(), run.error) == (3, "ok", "out of memory")


def test_a_failed_stage_run_is_reported_not_fatal(bench: ModuleType, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "run_process",
                        lambda argv, timeout=None, env=None: bench.Run(1.0, 1.0, 1.0, 1, error="Out of Memory Error"))
    stages = bench.measure_stages(Path("p.csv"), "default", {}, bench.Scratch(tmp_path))
    assert stages == {"error": "bench/stages.py failed on p.csv, exit 1: Out of Memory Error"}
    result = bench.Result("1k", Path("p.csv"), 1000, "default", asnsql=bench.Run(1.0, 1.0, 1.0, 0),
                          stages=stages, bare=bench.Run(0.2, 0.2, 1.0, 0), bare_read_s=0.1)
    row = bench.synthetic_table([result])[-1]
    assert row.startswith("| 1k | 1.00 | 1.00 | 1 | - | - | - | - | - | - |")


# derived_parity.py: pools derived from others, for scoring against the reference ------

@pytest.fixture(scope="module")
def derived() -> ModuleType:
    return _bench_module("derived_parity")


DERIVED_SOURCE = Path(__file__).parent / "data" / "coronagraphy_ami_pool.csv"  # three instruments


def _table(text: str) -> tuple[list[str], list[list[str]]]:
    header, *rows = [line for line in text.splitlines() if not line.startswith("#")]
    return header.split("|"), [row.split("|") for row in rows]


def test_a_derived_pool_is_the_same_for_the_same_seed(derived: ModuleType) -> None:
    source = DERIVED_SOURCE.read_text()
    assert derived.derive(source, 5) == derived.derive(source, 5)
    assert len({derived.derive(source, seed).text for seed in range(1, 30)}) > 20


def test_a_derived_pool_takes_its_cells_from_its_source(derived: ModuleType) -> None:
    source = DERIVED_SOURCE.read_text()
    columns, rows = _table(source)
    by_name = {row[0]: row for row in rows}
    instrument = columns.index("INSTRUME") if "INSTRUME" in columns else columns.index("instrume")
    for seed in range(1, 60):
        pool = derived.derive(source, seed)
        header, derived_rows = _table(pool.text.lower() if "upper-cased" in pool.description else pool.text)
        assert header == columns and pool.text.endswith("\n")
        assert pool.description.endswith(f"({len(derived_rows)} rows)")
        for row in derived_rows:
            assert len(row) == len(columns)
            assert row[0] in by_name  # FILENAME is never changed
            for j, value in enumerate(row):
                # a cell is its own row's, another row's of the same column and the same
                # instrument (while the row's INSTRUME is not blanked), or blank
                same = [r for r in rows if row[instrument] in (r[instrument], "null")]
                assert value in {r[j] for r in same} | {"null"}, (seed, columns[j], value)


def test_derived_pools_use_every_kind_of_change(derived: ModuleType) -> None:
    source = DERIVED_SOURCE.read_text()
    n_source = len(_table(source)[1])
    pools = [derived.derive(source, seed) for seed in range(1, 80)]
    descriptions = " ".join(pool.description for pool in pools)
    for kind in ("some rows", "some observations", "shuffled", "blanked", "swapped", "repeated",
                 "upper-cased"):
        assert kind in descriptions
    shuffled = [p for p in pools if p.description.startswith("shuffled") and "repeated" not in p.description]
    assert any(_table(p.text)[1] != _table(source)[1] for p in shuffled)
    assert all(len(_table(p.text)[1]) == n_source for p in shuffled)
    upper = [p for p in pools if "upper-cased" in p.description]
    assert all(p.text == p.text.upper() for p in upper)
    repeated = [p for p in pools if "repeated" in p.description]
    assert any(len({r[0] for r in _table(p.text)[1]}) < len(_table(p.text)[1]) for p in repeated)


@pytest.mark.parametrize(("text", "seeds"), [("7", [7]), ("1-3", [1, 2, 3]), ("1,5,9-10", [1, 5, 9, 10])])
def test_derived_parity_reads_seeds_as_written(derived: ModuleType, text: str, seeds: list[int]) -> None:
    assert derived.parse_seeds(text) == seeds


def test_derived_parity_refuses_a_venv_without_the_reference(derived: ModuleType, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        derived.main(["--reference", str(tmp_path), "--seeds", "1"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "no bin/asn_generate" in err.strip().splitlines()[-1] and "Traceback" not in err


def test_a_pool_with_no_cell_to_change_is_still_derived(derived: ModuleType) -> None:
    # FILENAME and ASN_CANDIDATE only: neither is ever changed, so no cell mutation
    source = (Path(__file__).parent / "data" / "candidates_pool.csv").read_text()
    _, rows = _table(source)
    for seed in range(1, 40):
        pool = derived.derive(source, seed)
        text = pool.text.lower() if "upper-cased" in pool.description else pool.text
        assert "blanked" not in pool.description and "swapped" not in pool.description
        for row in _table(text)[1]:  # a repeated row may take another row's candidates
            assert row[0] in {r[0] for r in rows} and row[1] in {r[1] for r in rows}
