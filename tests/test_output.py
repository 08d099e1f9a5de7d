"""Atomic output: every file of a run or none, existing files refused unless --overwrite.

Failures are injected (a writer or a rename that fails, Ctrl-C, SIGTERM) and
the destination folder is compared, bytes and modification times, with its
state before the run: a failed run must leave it exactly as it was.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from asnsql import dumps, generate
from asnsql.cli import main
from asnsql.errors import OutputError
from asnsql.output import STAGING_PREFIX, OutputSet, write_associations, write_files

from .conftest import REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"


@pytest.fixture(scope="module")
def associations():
    return generate(EXAMPLE, version_id="v1")


def snapshot(folder):
    """Every entry under folder (hidden ones too): relative path -> (bytes, mtime_ns)."""
    state = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        content = path.read_bytes() if path.is_file() else None
        state[str(path.relative_to(folder))] = (content, stat.st_mtime_ns)
    return state


def test_writes_every_association(tmp_path, associations):
    paths = write_associations(associations, tmp_path)
    assert sorted(p.name for p in paths) == sorted(a.file_name for a in associations)
    for asn in associations:
        assert (tmp_path / asn.file_name).read_text() == dumps(asn)
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_existing_files_are_refused_and_nothing_is_written(tmp_path, associations):
    write_associations(associations[:3], tmp_path)
    (tmp_path / associations[0].file_name).write_text("edited by hand")
    before = snapshot(tmp_path)
    with pytest.raises(OutputError, match="already exists .and 2 more.; pass --overwrite"):
        write_associations(associations, tmp_path)
    assert snapshot(tmp_path) == before


def test_overwrite_replaces_all_and_leaves_other_files_alone(tmp_path, associations):
    (tmp_path / associations[0].file_name).write_text("edited by hand")
    (tmp_path / "notes.txt").write_text("mine")
    write_associations(associations, tmp_path, overwrite=True)
    assert (tmp_path / associations[0].file_name).read_text() == dumps(associations[0])
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert len(list(tmp_path.iterdir())) == len(associations) + 1


def test_failure_while_writing_leaves_the_folder_as_it_was(tmp_path, associations):
    (tmp_path / "notes.txt").write_text("mine")
    before = snapshot(tmp_path)

    def disk_full(path):
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="late.json: cannot write: No space left on device"):
        with OutputSet(tmp_path) as out:
            for asn in associations:
                out.add_text(asn.file_name, dumps(asn))
            out.add("late.json", disk_full)
            out.commit()
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("overwrite", [False, True])
@pytest.mark.parametrize("failure", [OSError(5, "Input/output error"), KeyboardInterrupt()])
def test_failure_while_moving_into_place_rolls_back(tmp_path, associations, monkeypatch,
                                                    overwrite, failure):
    if overwrite:  # half the files exist and must come back unchanged
        for asn in associations[::2]:
            (tmp_path / asn.file_name).write_text("old " + asn.file_name)
    before = snapshot(tmp_path)
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst, **folders):  # folders: src_dir_fd/dst_dir_fd
        calls.append(dst)
        if len(calls) == 5:
            raise failure
        return real_replace(src, dst, **folders)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(OutputError if isinstance(failure, OSError) else KeyboardInterrupt):
        write_associations(associations, tmp_path, overwrite=overwrite)
    monkeypatch.undo()
    assert len(calls) >= 5  # the failure happened with files already in place
    assert snapshot(tmp_path) == before


def test_unwritable_folder_is_one_error(tmp_path, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    with pytest.raises(OutputError, match=r": cannot write here: Permission denied; choose another "
                                          r"folder with -p DIR$"):
        OutputSet(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_through_the_cli(tmp_path, capsys):
    tmp_path.chmod(0o555)
    try:
        assert main(["generate", str(EXAMPLE), "-p", str(tmp_path)]) == 2
    finally:
        tmp_path.chmod(0o755)
    assert "cannot write here: Permission denied" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs Linux's /sys")
def test_folder_nobody_may_write_through_the_cli(capsys):
    # /sys refuses new entries even to root
    assert main(["generate", str(EXAMPLE), "-p", "/sys"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("asnsql: error: /sys: cannot write here: ")


def test_names_that_leave_the_folder_are_refused(tmp_path, associations):
    sneaky = type(associations[0])(dict(associations[0]), "../escaped")
    with pytest.raises(OutputError, match="refusing to write association '../escaped.json'"):
        write_associations([associations[1], sneaky], tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "escaped.json").exists()


def test_too_long_a_name_writes_nothing(tmp_path, associations):
    long_name = type(associations[0])(dict(associations[0]), "jw" + "9" * 300)
    with pytest.raises(OutputError, match="cannot write: File name too long"):
        write_associations([associations[1], long_name], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_output_folder_that_is_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("")
    with pytest.raises(OutputError, match="is not a folder"):
        OutputSet(target)


# -- through the CLI -----------------------------------------------------------

def run(tmp_path, *extra):
    return main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--version-id", "v1", *extra])


def test_rerun_refuses_then_overwrite_replaces(tmp_path, capsys):
    assert run(tmp_path, "--save-orphans") == 0
    first = snapshot(tmp_path)
    capsys.readouterr()
    assert run(tmp_path) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already exists (and 11 more); pass --overwrite" in err[0]
    assert snapshot(tmp_path) == first
    assert run(tmp_path, "--overwrite", "--save-orphans") == 0
    assert {k: v[0] for k, v in snapshot(tmp_path).items()} == {k: v[0] for k, v in first.items()}


def test_orphans_file_is_part_of_the_set(tmp_path, capsys):
    (tmp_path / "orphaned.csv").write_text("mine")
    before = snapshot(tmp_path)
    assert run(tmp_path, "--save-orphans") == 2
    assert "orphaned.csv: already exists; pass --overwrite" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_version_id_with_a_slash_is_refused(tmp_path, capsys):
    assert run(tmp_path, "--version-id", "../x") == 2
    assert "must not hold '/'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_writes_nothing(tmp_path, capsys, monkeypatch, signum, code):
    import asnsql.api

    real = asnsql.api.run_generation

    def interrupted(*args, **kwargs):
        result = real(*args, **kwargs)
        os.kill(os.getpid(), signum)  # delivered now, in the main thread
        return result

    monkeypatch.setattr(asnsql.api, "run_generation", interrupted)
    # a background job may start with SIGINT ignored: give it Python's default handler
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        assert run(tmp_path) == code
    finally:
        signal.signal(signal.SIGINT, previous)
    assert "nothing was written" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


STREAMED = [(f"jw{i:05d}_asn.json", f'{{"n": {i}}}') for i in range(12)]  # more than one listing's worth


def contents(folder):
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_streamed_files_are_written_all_or_none(tmp_path):
    (tmp_path / "jw00007_asn.json").write_text("old")
    (tmp_path / "unrelated.txt").write_text("keep")
    with pytest.raises(OutputError, match=r"jw00007_asn.json: already exists; pass --overwrite"):
        write_files(STREAMED, tmp_path)
    assert contents(tmp_path) == {"jw00007_asn.json": b"old", "unrelated.txt": b"keep"}
    paths = write_files(STREAMED, tmp_path, overwrite=True)
    assert sorted(p.name for p in paths) == [name for name, _ in STREAMED]
    assert (tmp_path / "jw00007_asn.json").read_text() == '{"n": 7}'
    assert (tmp_path / "unrelated.txt").read_text() == "keep"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".asnsql-")]


def test_a_name_staged_twice_is_refused(tmp_path):
    with OutputSet(tmp_path) as out:
        out.stage_text("a.json", "1")
        with pytest.raises(OutputError, match="two outputs would both be written as a.json"):
            out.stage_text("a.json", "2")
        with pytest.raises(OutputError, match="two outputs would both be written as a.json"):
            out.add_text("a.json", "3")
    assert contents(tmp_path) == {}


def test_a_file_that_appears_while_writing_stops_the_set(tmp_path):
    with OutputSet(tmp_path) as out:
        for name, text in STREAMED:
            out.stage_text(name, text)
        (tmp_path / STREAMED[-1][0]).write_text("someone else's")
        with pytest.raises(OutputError, match="appeared while writing|already exists"):
            out.commit()
    assert contents(tmp_path) == {STREAMED[-1][0]: b"someone else's"}


def test_staged_texts_refuse_a_name_twice_as_stage_text_does(tmp_path):
    """`stage_texts` (the bulk path association files take) keeps `stage_text`'s rules:
    a name twice, or a name another writer of the set has, is refused and nothing is
    written; an unusable name gets stage_text's message."""
    with OutputSet(tmp_path) as out:
        with pytest.raises(OutputError, match="two outputs would both be written as a.json"):
            out.stage_texts([("a.json", "1"), ("b.json", "2"), ("a.json", "3")])
    with OutputSet(tmp_path) as out:
        out.add_text("orphans.csv", "x")
        with pytest.raises(OutputError, match="two outputs would both be written as orphans.csv"):
            out.stage_texts([("orphans.csv", "y")])
    with OutputSet(tmp_path) as out:
        with pytest.raises(OutputError, match="refusing to write '..': not a file name"):
            out.stage_texts([("ok.json", "1"), ("..", "2")])
    assert contents(tmp_path) == {}
    with OutputSet(tmp_path) as out:
        out.stage_texts([("a.json", "1"), ("b.json", "2")])
        out.stage_text("c.json", "3")
        out.commit()
    assert contents(tmp_path) == {"a.json": b"1", "b.json": b"2", "c.json": b"3"}


# -- an empty folder: association files created in place, still all or none ------

def renames_counted(monkeypatch):
    """Count os.replace calls: the staged path moves every file with one."""
    calls = []
    real_replace = os.replace

    def counting(*args, **kwargs):
        calls.append(args)
        return real_replace(*args, **kwargs)

    monkeypatch.setattr(os, "replace", counting)
    return calls


def test_an_empty_folder_gets_its_files_without_renames(tmp_path, monkeypatch):
    renames = renames_counted(monkeypatch)
    paths = write_files(STREAMED, tmp_path)
    assert renames == []
    assert [p.name for p in paths] == [name for name, _ in STREAMED]  # in the stream's order
    assert contents(tmp_path) == {name: text.encode() for name, text in STREAMED}


def test_a_folder_holding_anything_else_is_written_through_staging(tmp_path, monkeypatch):
    (tmp_path / "notes.txt").write_text("mine")
    renames = renames_counted(monkeypatch)
    write_files(STREAMED, tmp_path)
    assert len(renames) == len(STREAMED)
    assert contents(tmp_path) == {"notes.txt": b"mine", **{n: t.encode() for n, t in STREAMED}}


def failing_after(n, failure):
    """STREAMED's first n files, then the failure (the generation failing mid-stream)."""
    yield from STREAMED[:n]
    raise failure


@pytest.mark.parametrize("failure", [OSError(5, "Input/output error"), KeyboardInterrupt(),
                                     OutputError("x: a failure of the generation")])
def test_a_failure_while_creating_in_place_leaves_the_folder_empty(tmp_path, failure):
    with pytest.raises(type(failure)):
        write_files(failing_after(7, failure), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_while_creating_in_place_leaves_the_folder_empty(tmp_path, monkeypatch):
    real_write = os.write
    written = []

    def disk_full_at_the_fifth(fd, data):
        written.append(fd)
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full_at_the_fifth)
    with pytest.raises(OutputError, match=r"jw00004_asn.json: cannot write: No space left on device"):
        write_files(STREAMED, tmp_path)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []  # the half-written fifth file too


def test_a_file_appearing_while_creating_in_place_stops_the_set(tmp_path):
    def someone_else_writes_the_ninth():
        for i, (name, text) in enumerate(STREAMED):
            if i == 6:
                (tmp_path / STREAMED[8][0]).write_text("someone else's")
            yield name, text

    with pytest.raises(OutputError, match=r"jw00008_asn.json: already exists \(it appeared while "
                                          r"this run was writing\); nothing was written"):
        write_files(someone_else_writes_the_ninth(), tmp_path, overwrite=True)
    assert contents(tmp_path) == {STREAMED[8][0]: b"someone else's"}


def test_files_added_after_creating_in_place_keep_the_set_whole(tmp_path):
    with OutputSet(tmp_path) as out:
        out.stage_texts(STREAMED[:3])
        with pytest.raises(OutputError, match="two outputs would both be written as jw00001_asn.json"):
            out.add_text(STREAMED[1][0], "again")
        with pytest.raises(OutputError, match="two outputs would both be written as jw00002_asn.json"):
            out.stage_text(STREAMED[2][0], "again")
        out.stage_texts(STREAMED[3:5])  # a second batch is created in place too
        out.add("late.json", lambda path: (_ for _ in ()).throw(OSError(28, "No space left on device")))
        with pytest.raises(OutputError, match="late.json: cannot write: No space left on device"):
            out.commit()
    assert list(tmp_path.iterdir()) == []


def test_interrupted_while_writing_in_place_through_the_cli(tmp_path, capsys, monkeypatch):
    import asnsql.output

    real = asnsql.output._write_and_close
    calls = []

    def interrupted_at_the_third(fd, data):
        calls.append(fd)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGTERM)  # delivered now, in the main thread
        return real(fd, data)

    monkeypatch.setattr(asnsql.output, "_write_and_close", interrupted_at_the_third)
    assert run(tmp_path) == 143
    assert "nothing was written" in capsys.readouterr().err
    assert len(calls) == 3
    assert list(tmp_path.iterdir()) == []


def test_orphans_that_fail_after_files_in_place_through_the_cli(tmp_path, capsys, monkeypatch):
    import asnsql.orphans

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(asnsql.orphans, "write_orphans", disk_full)
    assert run(tmp_path, "--save-orphans") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write: No space left on device" in err[0]
    assert list(tmp_path.iterdir()) == []
