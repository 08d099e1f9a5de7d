"""`asnsql generate`: options as asn_generate spells them, summary line, errors."""

from __future__ import annotations

import json

from asnsql.cli import main

from ..conftest import DATA, REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"


def test_generate_writes_files_named_like_the_reference(tmp_path, capsys):
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--version-id", "20250101t000000"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.json"))
    assert "jw01500-o001_20250101t000000_image2_00001_asn.json" in names
    assert "jw01500-c1000_20250101t000000_image3_00001_asn.json" in names
    out = capsys.readouterr().out
    assert out.startswith("wrote 12 associations to")
    assert "0 of 7 exposures in none" in out


def test_written_file_is_the_reference_layout(tmp_path):
    main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--version-id", "v1"])
    path = tmp_path / "jw01500-c1000_v1_image3_00001_asn.json"
    text = path.read_text()
    data = json.loads(text)
    assert list(data) == ["asn_type", "asn_rule", "version_id", "code_version", "degraded_status",
                          "program", "constraints", "asn_id", "target", "asn_pool", "products"]
    assert data["asn_rule"] == "candidate_Asn_Lv3ImageMosaic"
    assert data["asn_pool"] == "example_pool.csv"
    assert text.startswith('{\n    "asn_type": "image3"') and not text.endswith("\n")


def test_no_version_id_means_no_stamp(tmp_path):
    main(["generate", str(EXAMPLE), "-p", str(tmp_path)])
    assert (tmp_path / "jw01500-o001_image3_00001_asn.json").exists()
    data = json.loads((tmp_path / "jw01500-o001_image3_00001_asn.json").read_text())
    assert data["version_id"] is None


def test_bare_version_id_is_a_utc_timestamp(tmp_path):
    main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--version-id"])
    stamp = next(tmp_path.glob("*.json")).name.split("_")[1]
    assert len(stamp) == 15 and stamp[8] == "t" and stamp.replace("t", "").isdigit()


def test_dry_run_writes_nothing(tmp_path, capsys):
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--dry-run"]) == 0
    assert list(tmp_path.iterdir()) == []
    assert capsys.readouterr().out.startswith("would write 12 associations")


def test_modes(tmp_path, capsys):
    main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--dry-run", "--all-candidates"])
    assert capsys.readouterr().out.startswith("would write 11 associations")
    main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--dry-run", "--discover"])
    assert capsys.readouterr().out.startswith("would write 2 associations")
    main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--dry-run", "-i", "o002"])
    assert capsys.readouterr().out.startswith("would write 3 associations")


def test_exclusive_modes_are_one_error_line(tmp_path, capsys):
    code = main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--discover", "--all-candidates"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "use just one of" in err[0]


def test_missing_output_folder(tmp_path, capsys):
    code = main(["generate", str(EXAMPLE), "-p", str(tmp_path / "absent")])
    assert code == 2
    assert "output folder does not exist" in capsys.readouterr().err


def test_missing_pool(tmp_path, capsys):
    code = main(["generate", str(tmp_path / "absent.csv"), "-p", str(tmp_path)])
    assert code == 2
    assert "no such pool file" in capsys.readouterr().err


def test_pool_without_asn_candidate(tmp_path, capsys):
    pool = tmp_path / "old.csv"
    pool.write_text("filename|exp_type\na_uncal.fits|mir_image\n")
    assert main(["generate", str(pool), "-p", str(tmp_path)]) == 2
    assert "no ASN_CANDIDATE column" in capsys.readouterr().err
    assert list(tmp_path.glob("*.json")) == []


def test_delimiter_option(tmp_path):
    pool = tmp_path / "comma.csv"
    pool.write_text(EXAMPLE.read_text().replace("|", ";"))
    out = tmp_path / "out"
    out.mkdir()
    assert main(["generate", str(pool), "-p", str(out), "-d", ";"]) == 0
    assert len(list(out.glob("*.json"))) == 12


def test_verbose_lists_each_file(tmp_path, capsys):
    main(["generate", str(EXAMPLE), "-p", str(tmp_path), "-v"])
    assert capsys.readouterr().err.count("wrote jw01500-") == 12


def test_rules_option_and_ignore_default(tmp_path, capsys):
    rule = REPO / "sql" / "rules" / "level3" / "Asn_Lv3Image.sql"
    main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--dry-run", "--ignore-default", "-r", str(rule)])
    # o001: F090W and F200W; o002: F090W; c1000: F090W (F200W has one observation);
    # discovered F090W also holds the TA, so it differs from c1000's and stays
    assert "(5 image3)" in capsys.readouterr().out


def test_ignore_default_without_rules_is_an_error(tmp_path, capsys):
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--ignore-default"]) == 2
    assert "needs at least one -r" in capsys.readouterr().err


def test_save_orphans_writes_rows_in_no_association(tmp_path, capsys):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|instrume|detector|targetid|filter|subarray|asn_candidate\n"
        "a_uncal.fits|1|1|mir_image|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n"
        "b_uncal.fits|null|1|mir_image|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n")
    main(["generate", str(pool), "-p", str(tmp_path), "--save-orphans"])
    assert "1 of 2 exposures in none" in capsys.readouterr().out
    text = (tmp_path / "orphaned.csv").read_text().splitlines()
    assert text[0].startswith("filename|program|")
    assert [line.split("|")[0] for line in text[1:]] == ["b_uncal.fits"]


def test_rule_lacking_a_required_column_is_named(tmp_path, capsys):
    rule = tmp_path / "Asn_Broken.sql"
    rule.write_text(
        "{{ rule(name='Asn_Broken', level=2, asn_type='image2') }}\n"
        "SELECT run_id, _row::VARCHAR AS asn_key, _row AS created_at, 'p' AS product_name,\n"
        "       _row AS member_order, raw_filename AS expname, 'science' AS exptype\n"
        "FROM {{ items() }} WHERE false\n"
    )
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--ignore-default", "-r", str(rule)]) == 2
    assert "rule Asn_Broken" in (err := capsys.readouterr().err)
    assert "output lacks column(s) is_valid" in err


def test_rule_with_a_sql_error_reports_it(tmp_path, capsys):
    rule = tmp_path / "Asn_Typo.sql"
    rule.write_text("{{ rule(name='Asn_Typo', level=2, asn_type='image2') }}\nSELECT no_such_column FROM {{ items() }}\n")
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--ignore-default", "-r", str(rule)]) == 2
    err = capsys.readouterr().err
    assert "rule Asn_Typo" in err and "no_such_column" in err
