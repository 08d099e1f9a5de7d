"""Write association files atomically: all of them, or none.

Files are written into a temporary folder next to the destination and moved
into place only when every one of them was written. A failed or interrupted
run leaves the destination as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from asnsql.asn import dumps
from asnsql.assemble import Association
from asnsql.errors import OutputError


def write_associations(
    associations: Sequence[Association], folder: Path, overwrite: bool = True
) -> list[Path]:
    """Write every association as ``<folder>/<asn_name>.json``; return the paths."""
    return write_files([(asn.file_name, dumps(asn)) for asn in associations], folder, overwrite)


def write_files(
    files: Iterable[tuple[str, str]], folder: Path, overwrite: bool = True
) -> list[Path]:
    """Write (file name, text) pairs, e.g. from `Generation.files`, into ``folder``; return the paths.

    The pairs are consumed once, as they come (a large generation is streamed, not
    held in memory); every check that refuses the whole set is made before any file
    is moved into ``folder``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist; create it or pass -p DIR")
    try:
        staging = Path(tempfile.mkdtemp(prefix=".asnsql-", dir=folder))
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
    try:
        names = []
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
        for name, text in files:
            # os-level writes: a file object per file costs a third more on many files
            data = memoryview(text.encode("ascii"))
            descriptor = os.open(staging / name, flags, 0o666)  # as open(): 0o666 & ~umask
            try:
                while data:
                    data = data[os.write(descriptor, data):]
            finally:
                os.close(descriptor)
            names.append(name)
        duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
        if duplicates:
            raise OutputError(f"{folder}: two associations would both be written as {duplicates[0]}")
        existing = [] if overwrite else [name for name in names if (folder / name).exists()]
        if existing:
            raise OutputError(
                f"{folder / existing[0]}: already exists ({len(existing)} file(s)); "
                "pass --overwrite or choose another folder"
            )
        written = []
        for name in names:
            os.replace(staging / name, folder / name)
            written.append(folder / name)
        return written
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write associations: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
