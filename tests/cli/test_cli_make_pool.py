"""`asnsql make-pool`: FITS files in, a pool `generate` reads out."""

from __future__ import annotations

from asnsql.cli import main

from ..conftest import DATA
from ..fits_files import write_fits, write_imaging_files


def test_make_pool_then_generate(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    files = [f.name for f in write_imaging_files(tmp_path)]
    assert main(["make-pool", "-o", "pool.csv", *files]) == 0
    assert capsys.readouterr().out == "wrote pool.csv (4 rows, 24 columns)\n"
    assert (tmp_path / "pool.csv").read_text() == (DATA / "toolbox" / "make_pool_reference.csv").read_text()
    (tmp_path / "out").mkdir()
    assert main(["generate", "pool.csv", "-p", "out"]) == 0
    assert capsys.readouterr().out.startswith("wrote 7 associations to out (4 image2, 3 image3)")


def test_missing_keyword_is_one_error_line(tmp_path, capsys):
    path = write_fits(tmp_path / "a.fits", OBSERVTN="001")
    assert main(["make-pool", "-o", str(tmp_path / "pool.csv"), str(path)]) == 2
    assert capsys.readouterr().err == (
        f"asnsql: error: {path}: header has no TARGNAME keyword; make-pool needs it for every file\n")
    assert not (tmp_path / "pool.csv").exists()


def test_usage_error_without_files(tmp_path):
    assert main(["make-pool", "-o", str(tmp_path / "pool.csv")]) == 2
