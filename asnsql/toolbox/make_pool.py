"""Build a pool from FITS headers, as the reference's ``asn_make_pool`` (``mkpool``).

One row per file, from its primary header (or the HDU ``ext`` names). Columns:
every header keyword of any file (except blank, ``COMMENT`` and ``HISTORY``)
plus ``filename`` and the columns no header has, lower-cased and sorted;
a keyword a file lacks is ``null``. Values are the header values as text.
The non-header columns replace same-named keywords:

- ``asn_candidate``: ``[('o<OBSERVTN>', 'observation')]``, with ``asn_candidate``
  (e.g. ``[('c1000', 'background')]``) appended;
- ``targetid``: 1, 2, ... per distinct ``TARGNAME``, in file order;
- ``dms_note``, ``is_imprt``, ``pntgtype``: the options (default ``""``, ``f``, ``science``);
- ``mostilno`` and ``dithptin``: ``1``.

The pool is written ``|``-delimited with a header line, as the reference writes it,
so ``asnsql generate`` (or ``asn_generate``) reads it.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from asnsql.errors import OutputError
from asnsql.toolbox.errors import HeaderError

IGNORED_KEYWORDS = ("", "COMMENT", "HISTORY")
NULL = "null"
DEFAULTS = {"dms_note": "", "is_imprt": "f", "pntgtype": "science"}
FIXED = {"mostilno": "1", "dithptin": "1"}
NON_HEADER_COLUMNS = ("asn_candidate", "dms_note", "is_imprt", "pntgtype", "targetid", "mostilno", "dithptin")

Candidates = str | Sequence[tuple[str, str]] | None


def make_pool(
    files: Sequence[str | Path],
    asn_candidate: Candidates = None,
    dms_note: str = DEFAULTS["dms_note"],
    is_imprt: str = DEFAULTS["is_imprt"],
    pntgtype: str = DEFAULTS["pntgtype"],
    ext: int | str = 0,
) -> Any:
    """Return the pool of ``files`` as an astropy Table of text columns.

    Args:
        files: FITS files, in pool row order; ``filename`` is each path as given.
        asn_candidate: candidates every row joins besides its observation: text
            such as ``"[('c1000', 'background')]"`` or a list of (id, type) pairs.
        dms_note, is_imprt, pntgtype: values of those columns for every row.
        ext: the HDU (index or EXTNAME) whose header is read.
    """
    from astropy.table import Table

    if not files:
        raise HeaderError("no FITS files given; name at least one")
    extra = _candidate_text(asn_candidate)
    options = {"dms_note": dms_note, "is_imprt": is_imprt, "pntgtype": pntgtype, **FIXED}
    rows = []
    targets: dict[str, int] = {}
    for file in files:
        header = _read_header(Path(file), ext)
        row = {keyword.lower(): _text(value) for keyword, value in header.items()
               if keyword not in IGNORED_KEYWORDS}
        row["filename"] = str(file)
        row.update(options)
        observation = _required(header, "OBSERVTN", file)
        row["asn_candidate"] = f"[('o{observation}', 'observation'){extra}]"
        target = _text(_required(header, "TARGNAME", file))
        row["targetid"] = str(targets.setdefault(target, len(targets) + 1))
        rows.append(row)
    names = sorted({name for row in rows for name in row} | set(NON_HEADER_COLUMNS))
    columns = [[row.get(name, NULL) for row in rows] for name in names]
    return Table(columns, names=names, dtype=[str] * len(names))


def write_pool(pool: Any, path: str | Path) -> Path:
    """Write a pool table ``|``-delimited with a header line (replacing ``path``)."""
    path = Path(path)
    try:
        pool.write(path, format="ascii", delimiter="|", overwrite=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the pool: {exc.strerror}") from None
    return path


def _read_header(path: Path, ext: int | str) -> Any:
    from astropy.io import fits

    if not path.is_file():
        raise HeaderError(f"{path}: no such FITS file")
    try:
        with fits.open(path) as hdus:
            return hdus[ext].header.copy()
    except (KeyError, IndexError):
        raise HeaderError(f"{path}: has no HDU {ext!r}") from None
    except OSError as exc:
        raise HeaderError(f"{path}: not a readable FITS file: {exc}") from None


def _required(header: Any, keyword: str, file: str | Path) -> Any:
    if keyword not in header:
        raise HeaderError(f"{file}: header has no {keyword} keyword; make-pool needs it for every file")
    return header[keyword]


def _text(value: Any) -> str:
    """A header value as the pool's text: str(value); an undefined value is null."""
    from astropy.io.fits.card import Undefined

    return NULL if isinstance(value, Undefined) else str(value)


def _candidate_text(asn_candidate: Candidates) -> str:
    """The text appended after the observation candidate: ``, ('c1000', 'background')``."""
    if asn_candidate is None:
        return ""
    if isinstance(asn_candidate, str):
        text = asn_candidate.strip()
        if not text:
            return ""
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            parsed = None
        if not (isinstance(parsed, list) and all(_is_pair(item) for item in parsed)):
            raise HeaderError(f"--asn-candidate {asn_candidate!r}: expected a list of (id, type) pairs "
                              "such as \"[('c1000', 'background')]\"")
        inner = text[1:-1].strip()
        return f", {inner}" if inner else ""
    pairs = [tuple(item) for item in asn_candidate]
    if not all(_is_pair(item) for item in pairs):
        raise HeaderError(f"asn_candidate {asn_candidate!r}: expected (id, type) pairs")
    return "".join(f", {pair!r}" for pair in pairs)


def _is_pair(item: object) -> bool:
    return isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item)
