"""Write a run's files atomically: every one of them, or none.

Files are first written into a hidden staging folder inside the destination
folder (``.asnsql-XXXXXXXX``, same file system, so moving a file into place is
a rename), then moved into place one by one. If anything fails or the run is
interrupted (Ctrl-C, SIGTERM) before the last file is in place, the files
already moved are taken back, files they replaced are restored, and the
staging folder is removed: the destination is left exactly as it was.

A folder that holds nothing else when the association files come (a new
folder: the usual case, and each pool's folder in batch mode) needs no
staging: nothing can be in the way, so `stage_texts` creates the files in
place, each only if its name is free (``O_EXCL``), and a failure removes the
ones it created. That saves the rename of every file (two directory updates;
1.6-1.9 s per 100k files on this project's benchmark machine). The set is
still every file or none.

Existing files: refused by default (the run writes nothing and names the
first file in the way); ``overwrite=True`` (``--overwrite``) replaces them,
still all or none. Files of the folder that the run does not write are never
touched.

Limits: a process killed outright (SIGKILL, power loss) cannot clean up; it
may leave the staging folder, and, if killed while moving files into place
(or while creating them in place in an empty folder), part of the set. Files
are not fsync'ed.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from asnsql.asn import dumps
from asnsql.assemble import Association
from asnsql.errors import AsnsqlError, OutputError

STAGING_PREFIX = ".asnsql-"

Writer = Callable[[Path], None]
"""Writes one file at the path it is given (a path inside a staging folder)."""


class OutputSet:
    """Files to write together, all or none.

    Use as a context manager: leaving the block without `commit()` (an
    error, Ctrl-C) removes everything staged so far::

        with OutputSet(folder, overwrite=False) as out:
            out.add_text("a.json", text)
            out.commit()
    """

    def __init__(self, folder: str | Path, *, overwrite: bool = False) -> None:
        self.folder = Path(folder)
        self.overwrite = overwrite
        self._files: dict[Path, Writer] = {}
        """Files written at commit, by their writers (orphans, Parquet tables)."""
        self._staging: dict[Path, Path] = {}
        self._staged_in: set[Path] = set()
        """Folders with files `stage_text` has written: their names are the staging
        folder's listing, never held in memory (a large pool writes a million files)."""
        self._in_place: bytearray | None = None
        """Names `stage_texts` created in place in the set's own folder (None: not
        writing in place), each followed by a NUL byte: one buffer, not an object
        per file."""
        if not self.folder.is_dir():
            what = "is not a folder" if self.folder.exists() else "output folder does not exist"
            raise OutputError(f"{self.folder}: {what}; create it or pass -p DIR")
        self._staging_dir(self.folder)

    # -- building the set ------------------------------------------------
    def add_text(self, name: str, text: str) -> Path:
        """Add a file ``folder/name`` holding ``text`` (ASCII)."""
        return self.add(name, lambda path: path.write_text(text, encoding="ascii"))

    def stage_text(self, name: str, text: str) -> Path:
        """Add a file ``folder/name`` holding ``text`` and write it into staging now."""
        destination = self._destination(name)
        if destination in self._files:
            raise self._twice(destination)
        if destination.parent == self.folder and self._created_in_place(destination.name):
            raise self._twice(destination)
        staging = self._staging_dir(destination.parent)
        try:
            with open(os.path.join(staging, destination.name), "x", encoding="ascii") as file:
                file.write(text)
        except FileExistsError:
            raise self._twice(destination) from None
        except OSError as exc:
            raise OutputError(_write_error(destination, exc)) from None
        self._staged_in.add(destination.parent)
        return destination

    def stage_texts(self, files: Iterable[tuple[str, str]]) -> None:
        """`stage_text` for many plain file names (no folder part) of the set's own folder.

        A large pool writes a million files: names stay strings (building paths cost
        about as much as the writes, on tmpfs) and files are created relative to the
        open staging folder, or in place when the folder holds nothing else (see the
        module's docstring)."""
        if self._in_place is not None or self._holds_nothing_else():
            self._create_in_place(files)
            return
        staging = self._staging_dir(self.folder)
        wrote = False
        with _open_folder(staging) as staging_fd:
            for name, text in files:
                if not name or "\0" in name or "/" in name or name in (".", ".."):
                    self.stage_text(name, text)  # a folder part, or refused there with its message
                    continue
                if self._files and self.folder / name in self._files:
                    raise self._twice(self.folder / name)
                try:
                    _write_new_file(staging, staging_fd, name, text.encode("ascii"))
                except FileExistsError:
                    raise self._twice(self.folder / name) from None
                except OSError as exc:
                    raise OutputError(_write_error(self.folder / name, exc)) from None
                wrote = True
        if wrote:
            self._staged_in.add(self.folder)

    def _holds_nothing_else(self) -> bool:
        """Whether the set's folder holds nothing but this set's staging folder and
        nothing was staged for it yet: then association files can be created in place."""
        if self.folder in self._staged_in:  # a staged name could meet one created in place
            return False
        ours = {path.name for parent, path in self._staging.items() if parent == self.folder}
        try:
            with os.scandir(self.folder) as entries:
                return all(entry.name in ours for entry in entries)
        except OSError:
            return False

    def _create_in_place(self, files: Iterable[tuple[str, str]]) -> None:
        """`stage_texts` into an otherwise empty folder: each file created where it
        belongs, only if its name is free. They are part of the set as staged files are:
        leaving the set without `commit()` removes them."""
        if self._in_place is None:
            self._in_place = bytearray()
        created = self._in_place
        with _open_folder(self.folder) as folder_fd:
            for name, text in files:
                if not name or "\0" in name or "/" in name or name in (".", ".."):
                    self.stage_text(name, text)  # a folder part, or refused there with its message
                    continue
                if self._files and self.folder / name in self._files:
                    raise self._twice(self.folder / name)
                data = text.encode("ascii")
                # the set's before it exists (taken back if left), so that Ctrl-C between
                # creating and noting it leaves no file behind; un-noted if not created
                entry = os.fsencode(name) + b"\0"
                created += entry
                try:
                    fd = _create_new_file(self.folder, folder_fd, name)
                except OSError as exc:
                    del created[len(created) - len(entry):]
                    if isinstance(exc, FileExistsError):
                        if self._created_in_place(name):
                            raise self._twice(self.folder / name) from None
                        raise OutputError(f"{_shown(self.folder / name)}: already exists (it appeared "
                                          "while this run was writing); nothing was written") from None
                    raise OutputError(_write_error(self.folder / name, exc)) from None
                try:
                    _write_and_close(fd, data)
                except OSError as exc:
                    raise OutputError(_write_error(self.folder / name, exc)) from None

    def _created_in_place(self, name: str) -> bool:
        if not self._in_place:
            return False
        entry = os.fsencode(name) + b"\0"
        return self._in_place.startswith(entry) or b"\0" + entry in self._in_place

    def _in_place_names(self) -> list[str]:
        return [os.fsdecode(name) for name in bytes(self._in_place or b"").split(b"\0")[:-1]]

    def _take_back_in_place(self) -> None:
        """Remove the files created in place (best effort)."""
        names = self._in_place_names()
        self._in_place = None
        if names:
            with _open_folder(self.folder) as folder_fd:
                for name in names:
                    _remove_partial(self.folder, folder_fd, name)

    def add(self, name: str | Path, write: Writer) -> Path:
        """Add a file written by ``write(path)``; ``name`` is relative to the folder or absolute."""
        destination = self._destination(name)
        staging = self._staging.get(destination.parent)
        if destination in self._files or (staging is not None and _exists(staging / destination.name)):
            raise self._twice(destination)
        if destination.parent == self.folder and self._created_in_place(destination.name):
            raise self._twice(destination)
        self._files[destination] = write
        return destination

    def _twice(self, destination: Path) -> OutputError:
        return OutputError(f"{self.folder}: two outputs would both be written as {destination.name}")

    def _destination(self, name: str | Path) -> Path:
        text = str(name)
        if not text or "\0" in text or Path(text).name in ("", ".", ".."):
            raise OutputError(f"{self.folder}: refusing to write {text!r}: not a file name")
        return self.folder / name

    # -- writing -----------------------------------------------------------
    def commit(self, *, paths: bool = True) -> list[Path]:
        """Write every file, then move them all into place; return their paths
        (none with ``paths=False``: a large set's paths are never all in memory)."""
        staged = {folder: os.listdir(self._staging[folder]) for folder in self._staged_in}
        in_the_way = sorted([*_present(self._files),
                             *(folder / name for folder, names in staged.items()
                               for name in _names_present(folder, names))])
        folders = [d for d in in_the_way if d.is_dir() and not d.is_symlink()]
        if folders:
            raise OutputError(f"{folders[0]}: is a folder; cannot write a file there")
        if in_the_way and not self.overwrite:
            more = f" (and {len(in_the_way) - 1} more)" if len(in_the_way) > 1 else ""
            raise OutputError(
                f"{in_the_way[0]}: already exists{more}; pass --overwrite to replace, "
                "or write to another folder"
            )
        for destination in self._files:
            self._stage(destination)
            staged.setdefault(destination.parent, []).append(destination.name)
        placed = self._move_into_place(staged)
        in_place = self._in_place_names() if paths else []
        self._in_place = None  # committed: they stay
        self._cleanup()
        return [*(self.folder / name for name in in_place), *(Path(path) for path in placed)] if paths else []

    def _stage(self, destination: Path) -> Path:
        staging = self._staging_dir(destination.parent)
        path = staging / destination.name
        try:
            self._files[destination](path)
        except OSError as exc:
            raise OutputError(_write_error(destination, exc)) from None
        except AsnsqlError as exc:  # a writer's own error names the staged path
            raise OutputError(exc.message.replace(str(path), _shown(destination))) from None
        if not path.is_file():
            raise OutputError(f"{destination}: was not written")
        return path

    def _move_into_place(self, staged: dict[Path, list[str]]) -> list[str]:
        """Move every staged file into its folder; on any failure, undo and raise."""
        placed: list[str] = []
        replaced: list[tuple[str, str]] = []
        destination = ""
        try:
            for folder, names in staged.items():
                staging = str(self._staging[folder])
                present = set(_names_present(folder, names))
                into = os.path.join(folder, "")
                with _open_folder(staging) as staging_fd, _open_folder(folder) as folder_fd:
                    for name in names:
                        destination = into + name
                        if name in present:
                            if not self.overwrite:  # appeared while this run was writing
                                raise FileExistsError(17, "appeared while writing; nothing was written")
                            backup = os.path.join(staging, name + ".replaced")
                            _keep_copy(destination, backup)
                            replaced.append((destination, backup))
                        _move(staging, staging_fd, name, destination, folder_fd)
                        placed.append(destination)
        except BaseException as exc:
            _undo(placed, replaced)
            if isinstance(exc, FileExistsError):
                raise OutputError(f"{_shown(Path(destination))}: {_reason(exc)}") from None
            if isinstance(exc, OSError):
                raise OutputError(f"{_shown(Path(destination))}: cannot move into place: {_reason(exc)}; "
                                  "nothing was written") from None
            raise
        return placed

    def _staging_dir(self, parent: Path) -> Path:
        if parent not in self._staging:
            try:
                self._staging[parent] = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
            except FileNotFoundError:
                if not parent.is_dir():
                    raise OutputError(f"{parent}: folder does not exist; create it first") from None
                raise OutputError(f"{parent}: cannot write here: cannot create files; "
                                  "choose another folder with -p DIR") from None
            except OSError as exc:
                raise OutputError(f"{parent}: cannot write here: {_reason(exc)}; "
                                  "choose another folder with -p DIR") from None
        return self._staging[parent]

    def _cleanup(self) -> None:
        for staging in self._staging.values():
            shutil.rmtree(staging, ignore_errors=True)
        self._staging.clear()
        self._staged_in.clear()

    # -- context manager -----------------------------------------------------
    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._take_back_in_place()  # left without commit: none of the set stays
        self._cleanup()


def write_associations(
    associations: Sequence[Association], folder: str | Path, overwrite: bool = False
) -> list[Path]:
    """Write every association as ``<folder>/<asn_name>.json``, all or none; return the paths.

    Existing files of those names are refused unless ``overwrite``.
    """
    with OutputSet(folder, overwrite=overwrite) as out:
        add_associations(out, associations)
        return out.commit()


def add_associations(out: OutputSet, associations: Sequence[Association]) -> None:
    """Add each association to an output set as ``<asn_name>.json``."""
    for asn in associations:
        out.add_text(_association_file_name(out, asn.file_name), dumps(asn))


def write_files(
    files: Iterable[tuple[str, str]], folder: str | Path, overwrite: bool = False
) -> list[Path]:
    """Write (file name, JSON text) pairs, e.g. from `Generation.files`, all or none.

    The pairs are consumed once, as they come: each is written into the staging
    folder at once (a large generation is streamed, not held in memory), and
    nothing is moved into ``folder`` before every file is written.
    """
    with OutputSet(folder, overwrite=overwrite) as out:
        stage_association_files(out, files)
        return out.commit()


def stage_association_files(out: OutputSet, files: Iterable[tuple[str, str]]) -> None:
    """Write (file name, JSON text) pairs into an output set's staging folder as they come."""
    out.stage_texts((_association_file_name(out, name), text) for name, text in files)


def _association_file_name(out: OutputSet, name: str) -> str:
    if "/" in name or "\\" in name or name.startswith("."):
        raise OutputError(
            f"{out.folder}: refusing to write association {name!r}: its name would leave "
            "the folder or hide the file (the name comes from the pool's PROGRAM and "
            "ASN_CANDIDATE values and --version-id)"
        )
    return name


_FOLDER_RELATIVE = {os.open, os.rename} <= os.supports_dir_fd
"""os.replace shares os.rename's implementation (and its dir_fd arguments), but
os.supports_dir_fd lists only os.rename."""


@contextmanager
def _open_folder(folder: str | Path) -> Iterator[int | None]:
    """A folder opened for file operations relative to it (`dir_fd`): a file-system call
    on a name in it then resolves no path. None where the platform has no such calls."""
    fd: int | None = None
    if _FOLDER_RELATIVE:
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            fd = None
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _write_new_file(folder: str | Path, folder_fd: int | None, name: str, data: bytes) -> None:
    """Create ``folder/name`` (it must not exist) holding ``data``."""
    _write_and_close(_create_new_file(folder, folder_fd, name), data)


_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _create_new_file(folder: str | Path, folder_fd: int | None, name: str) -> int:
    """Create ``folder/name``, which must not exist (FileExistsError); return its descriptor."""
    if folder_fd is None:
        return os.open(os.path.join(folder, name), _NEW_FILE_FLAGS, 0o666)
    return os.open(name, _NEW_FILE_FLAGS, 0o666, dir_fd=folder_fd)


def _write_and_close(fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _remove_partial(folder: str | Path, folder_fd: int | None, name: str) -> None:
    """Remove ``folder/name`` if it is there (a file this run created)."""
    try:
        if folder_fd is None:
            os.unlink(os.path.join(folder, name))
        else:
            os.unlink(name, dir_fd=folder_fd)
    except OSError:
        pass


def _move(folder: str, folder_fd: int | None, name: str, destination: str,
          destination_fd: int | None) -> None:
    """Move ``folder/name`` to ``destination`` (a file named ``name`` of the folder open
    as ``destination_fd``)."""
    if folder_fd is None or destination_fd is None:
        os.replace(os.path.join(folder, name), destination)
    else:
        os.replace(name, name, src_dir_fd=folder_fd, dst_dir_fd=destination_fd)


def _keep_copy(destination: str, backup: str) -> None:
    """Keep the file about to be replaced: a hard link (the file stays in place), else a move."""
    try:
        os.link(destination, backup, follow_symlinks=False)
    except OSError:
        os.replace(destination, backup)


def _undo(placed: list[str], replaced: list[tuple[str, str]]) -> None:
    """Take back placed files and restore the files they replaced (best effort)."""
    restored = {destination for destination, _ in replaced}
    for destination in reversed(placed):
        if destination not in restored:
            try:
                os.unlink(destination)
            except OSError:
                pass
    for destination, backup in reversed(replaced):
        try:
            os.replace(backup, destination)
        except OSError:
            pass


def _write_error(destination: Path, exc: OSError) -> str:
    hint = ("; the name comes from the pool's PROGRAM and ASN_CANDIDATE and --version-id"
            if exc.errno == errno.ENAMETOOLONG else "")
    return f"{_shown(destination)}: cannot write: {_reason(exc)}{hint}"


def _present(destinations: Iterable[Path]) -> list[Path]:
    """The destinations something (a dangling link too) is at."""
    return [d for d in destinations if _exists(d)]


def _names_present(folder: Path, names: list[str]) -> list[str]:
    """The names of ``folder`` something is at: one listing of the folder, not a
    file-system call per name."""
    if len(names) < 8:
        return [name for name in names if _exists(folder / name)]
    try:
        existing = set(os.listdir(folder))
    except OSError:
        return [name for name in names if _exists(folder / name)]
    return [name for name in names if name in existing]


def _exists(path: Path) -> bool:
    """Whether anything (a dangling link too) is at path; a name the OS refuses is not."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def _shown(path: Path) -> str:
    """A path as error messages show it: a very long file name is shortened in the middle."""
    name = path.name
    if len(name) <= 100:
        return str(path)
    return str(path.with_name(f"{name[:60]}...{name[-30:]} ({len(name)} characters)"))


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
