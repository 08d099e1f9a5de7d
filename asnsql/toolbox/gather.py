"""Copy an association's member files next to a copy of it, as the reference's ``asn_gather``.

Members are kept when their exptype is among ``include_types`` (if given) and
not among ``exclude_types``; products left with no member are dropped. Each
kept member file is copied into the destination folder and its ``expname``
becomes the base name; the association is written there under its own file
name. Every member file is checked before anything is copied, so a missing
file stops the command with nothing half-done.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asnsql.asn import dumps, load_asn
from asnsql.toolbox.errors import GatherError, MemberFileError


@dataclass
class Gathered:
    """Where the association and its members were copied to."""

    association: Path
    members: list[Path]


def member_source(expname: str, source_folder: Path) -> Path:
    """Where a member file is: relative names are looked up in ``source_folder``.

    The reference takes names whose folder part starts with ``.`` (bare names,
    ``./x``, ``../x``) from the source folder and other relative names from the
    current folder; asnsql looks in the source folder first, then, for such
    other relative names, in the current folder.
    """
    path = Path(expname)
    if path.is_absolute():
        return path
    beside = source_folder / path
    if beside.exists() or str(path.parent).startswith("."):
        return beside
    return path if path.exists() else beside


def select_members(association: dict[str, Any], include_types: Sequence[str] | None = None,
                   exclude_types: Sequence[str] = ()) -> dict[str, Any]:
    """A copy of ``association`` with only the members of the wanted exptypes."""
    result = copy.deepcopy(association)
    products = []
    for product in result["products"]:
        members = [m for m in product["members"]
                   if m["exptype"] not in exclude_types
                   and (include_types is None or m["exptype"] in include_types)]
        if members:
            products.append({**product, "members": members})
    result["products"] = products
    return result


def gather(
    association: str | Path,
    destination: str | Path,
    include_types: Sequence[str] | None = None,
    exclude_types: Sequence[str] = (),
    source_folder: str | Path | None = None,
) -> Gathered:
    """Copy ``association``'s members (of the wanted exptypes) and the association to ``destination``.

    Args:
        association: the association file.
        destination: folder to copy into (created if missing).
        include_types: only members of these exptypes (default: every exptype).
        exclude_types: never members of these exptypes.
        source_folder: where relative member names are found (default: the association's folder).
    """
    asn_path = Path(association)
    source = Path(source_folder) if source_folder is not None else asn_path.parent
    dest = Path(destination)
    result = select_members(load_asn(asn_path), include_types, exclude_types)
    if not result["products"]:
        wanted = f"of exptype {', '.join(include_types)}" if include_types else "left"
        raise GatherError(f"{asn_path}: no members {wanted}"
                          f"{' after excluding ' + ', '.join(exclude_types) if exclude_types else ''}; "
                          "nothing to gather")
    members = [m for p in result["products"] for m in p["members"]]
    sources = [member_source(m["expname"], source) for m in members]
    missing = [s for s in sources if not s.is_file()]
    if missing:
        more = f" (and {len(missing) - 1} more missing)" if len(missing) > 1 else ""
        raise MemberFileError(f"{asn_path}: member file {missing[0]} does not exist{more}; nothing was copied")
    targets = [dest / s.name for s in sources]
    _check_names(sources, targets, asn_path)
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for member, src, target in zip(members, sources, targets):
            if not target.exists() or not src.samefile(target):
                shutil.copy2(src, target)
            member["expname"] = target.name
        written = dest / asn_path.name
        written.write_text(dumps(result), encoding="ascii")
    except OSError as exc:
        raise GatherError(f"{dest}: cannot copy into this folder: {exc.strerror}") from None
    return Gathered(written, sorted(set(targets), key=targets.index))


def _check_names(sources: list[Path], targets: list[Path], asn_path: Path) -> None:
    """Two different files with one base name would overwrite each other."""
    first: dict[Path, Path] = {}
    for src, target in zip(sources, targets):
        other = first.setdefault(target, src)
        if other.resolve() != src.resolve():
            raise GatherError(f"{asn_path}: members {other} and {src} share the name {target.name}; "
                              "they cannot both be gathered into one folder")
