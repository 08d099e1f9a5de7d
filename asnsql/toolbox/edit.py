"""Add files to or remove files from an association, as the reference's ``asn_edit``.

Adding appends ``{"expname": <base name>, "exptype": <type>}`` to every
product. Removing drops the members whose ``expname`` is the file's base name
(or, ignoring suffixes, whose name without extension and known suffix is the
file's); a product left with no member is dropped. Names that match nothing
are reported back, and nothing changes for them.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asnsql.asn import dumps, load_asn
from asnsql.toolbox.errors import EditError
from asnsql.toolbox.names import base_name, product_names


@dataclass
class Edit:
    """The edited association, and the names given to remove that matched no member."""

    association: dict[str, Any]
    not_found: list[str] = field(default_factory=list)


def read_asn(path: str | Path) -> dict[str, Any]:
    """Load an association file for editing; it must be a ``.json`` file."""
    path = Path(path)
    if path.suffix != ".json":
        raise EditError(f"{path}: not an association file (the name must end in .json)")
    return load_asn(path)


def edit(
    association: dict[str, Any],
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    exptype: str = "science",
    ignore_suffix: bool = False,
) -> Edit:
    """Return a copy of ``association`` with files added, then files removed.

    Args:
        association: the association (left unchanged).
        add: files to add to every product as members (their base names).
        remove: files whose members to remove (matched by base name).
        exptype: exptype of added members.
        ignore_suffix: match removals on the name without extension and known suffix.
    """
    result = copy.deepcopy(association)
    products = result.get("products")
    if not isinstance(products, list):
        raise EditError("the association has no 'products' list")
    for name in add:
        member = {"expname": _base(name), "exptype": exptype}
        for product in products:
            product["members"].append(dict(member))
    not_found = []
    for name in remove:
        if not _remove(products, name, ignore_suffix):
            not_found.append(name)
    return Edit(result, not_found)


def _base(name: str) -> str:
    return Path(os.path.expandvars(name)).expanduser().name


def _remove(products: list[dict[str, Any]], name: str, ignore_suffix: bool) -> bool:
    """Remove the members that match ``name``; drop products this empties. True if any matched."""
    wanted = _base(name)
    members = [m for p in products for m in p["members"]]
    expnames = [m.get("expname") if isinstance(m.get("expname"), str) else "" for m in members]
    if ignore_suffix:
        keys = product_names([wanted] + [base_name(e) for e in expnames])
        wanted, expnames = keys[0], keys[1:]
    matched = {id(m) for m, key in zip(members, expnames) if m.get("expname") and key == wanted}
    emptied = set()
    for product in products:
        kept = [m for m in product["members"] if id(m) not in matched]
        if product["members"] and not kept:
            emptied.add(id(product))
        product["members"] = kept
    products[:] = [p for p in products if id(p) not in emptied]
    return bool(matched)


def write_asn(association: dict[str, Any], path: str | Path) -> Path:
    """Write ``association`` to ``path`` (must end in .json), replacing it atomically."""
    path = Path(path)
    if path.suffix != ".json":
        raise EditError(f"{path}: association files are written as .json; choose a name ending in .json")
    temporary = path.with_name(f".{path.name}.asnsql-tmp")
    try:
        temporary.write_text(dumps(association), encoding="ascii")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise EditError(f"{path}: cannot write: {exc.strerror}") from None
    return path
