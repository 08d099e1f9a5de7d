"""`asnsql generate POOL POOL ...` / `asnsql generate FOLDER`: batch mode."""

from __future__ import annotations

import shutil

from asnsql.cli import main

from ..conftest import REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.glob("*.json")}


def test_each_pool_is_written_as_on_its_own(tmp_path, capsys):
    pools = tmp_path / "pools"
    pools.mkdir()
    shutil.copy(EXAMPLE, pools / "a_pool.csv")
    shutil.copy(EXAMPLE, pools / "b_pool.csv")
    single = tmp_path / "single"
    single.mkdir()
    assert main(["generate", str(EXAMPLE), "-p", str(single), "--version-id", "v1"]) == 0
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    assert main(["generate", str(pools / "a_pool.csv"), str(pools / "b_pool.csv"), "-p", str(out),
                 "--version-id", "v1", "-j", "2"]) == 0
    stdout = capsys.readouterr().out
    assert "a_pool.csv" in stdout and "b_pool.csv" in stdout
    assert stdout.rstrip().splitlines()[-1].startswith("2 pools: wrote 24 associations to")
    expected = {name: text.replace(b'"example_pool.csv"', b'"POOL"') for name, text in _files(single).items()}
    for stem in ("a_pool", "b_pool"):
        got = {name: text.replace(f'"{stem}.csv"'.encode(), b'"POOL"')
               for name, text in _files(out / stem).items()}
        assert got == expected


def test_a_folder_means_its_csv_pools_and_failures_do_not_stop_the_others(tmp_path, capsys):
    pools = tmp_path / "pools"
    pools.mkdir()
    shutil.copy(EXAMPLE, pools / "good.csv")
    (pools / "bad.csv").write_text("FILENAME|EXP_TYPE\nx_uncal.fits|nrc_image\n")  # no ASN_CANDIDATE
    (pools / "notes.txt").write_text("not a pool")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["generate", str(pools), "-p", str(out), "-j", "1"]) == 2
    captured = capsys.readouterr()
    assert "no ASN_CANDIDATE column" in captured.err
    assert "2 pools: wrote 12 associations" in captured.out
    assert len(list((out / "good").glob("*.json"))) == 12
    assert not (out / "notes").exists()


def test_pools_of_the_same_name_are_refused(tmp_path, capsys):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "x" / "pool.csv")
    shutil.copy(EXAMPLE, tmp_path / "y" / "pool.csv")
    assert main(["generate", str(tmp_path / "x"), str(tmp_path / "y"), "-p", str(tmp_path)]) == 2
    assert "two pools are named pool" in capsys.readouterr().err


def test_dry_run_batch_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(EXAMPLE, tmp_path / "one.csv")
    assert main(["generate", str(EXAMPLE), str(tmp_path / "one.csv"), "-p", str(out), "--dry-run"]) == 0
    assert "would write 24 associations" in capsys.readouterr().out
    assert not list(out.iterdir())


def test_a_failed_pool_is_one_error_line_however_long_its_path(tmp_path, capsys):
    deep = tmp_path / ("a_folder_with_a_long_name_" * 4) / "pools"
    deep.mkdir(parents=True)
    shutil.copy(EXAMPLE, deep / "good.csv")
    (deep / "bad.csv").write_text("FILENAME|EXP_TYPE\nx_uncal.fits|nrc_image\n")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["generate", str(deep), "-p", str(out), "-j", "1"]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    bad = [line for line in errors if "no ASN_CANDIDATE column" in line]
    assert len(bad) == 1, errors
    assert bad[0].startswith(f"asnsql: error: {deep / 'bad.csv'}: no ASN_CANDIDATE column")
    assert bad[0].endswith("add the column or fix the header line")


def test_jobs_below_one_are_refused(tmp_path, capsys):
    for jobs in ("0", "-1"):
        assert main(["generate", str(EXAMPLE), str(EXAMPLE), "-p", str(tmp_path), "-j", jobs]) == 2
        assert "is not in the range x>=1" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
