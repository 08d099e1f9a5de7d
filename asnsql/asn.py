"""Association files: strict loading, serialisation as the reference writes them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from asnsql.errors import AssociationError


def load_asn(source: str | Path | IO[str]) -> dict[str, Any]:
    """Load an association from an open file, a path or JSON text.

    Strict JSON, as the reference's loader: trailing commas, comments and
    NaN are errors. The result must be an object whose ``products`` is a list
    of objects, each with a ``members`` list of objects having string
    ``expname`` and ``exptype``.
    """
    origin, text = _read_source(source)
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise AssociationError(
            f"{origin}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}"
        ) from None
    except ValueError as exc:
        raise AssociationError(f"{origin}: not valid JSON: {exc}") from None
    check_shape(data, origin)
    return data


def _read_source(source: str | Path | IO[str]) -> tuple[str, str]:
    if isinstance(source, Path):
        return str(source), _read_path(source)
    if isinstance(source, str):
        stripped = source.lstrip()
        if stripped.startswith("{") or stripped.startswith("["):
            return "<string>", source
        return source, _read_path(Path(source))
    return str(getattr(source, "name", "<file>")), source.read()


def _read_path(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssociationError(f"{path}: no such association file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AssociationError(f"{path}: cannot read: {exc}") from None


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in an association")


def check_shape(data: object, origin: str) -> None:
    """Raise AssociationError unless data has the shape every association schema requires."""
    if not isinstance(data, dict):
        raise AssociationError(f"{origin}: an association is a JSON object")
    products = data.get("products")
    if not isinstance(products, list):
        raise AssociationError(f"{origin}: 'products' must be a list")
    for p, product in enumerate(products):
        if not isinstance(product, dict) or not isinstance(product.get("members"), list):
            raise AssociationError(f"{origin}: products[{p}] needs a 'members' list")
        for m, member in enumerate(product["members"]):
            if not isinstance(member, dict):
                raise AssociationError(f"{origin}: products[{p}].members[{m}] is not an object")
            for key in ("expname", "exptype"):
                if not isinstance(member.get(key), str):
                    raise AssociationError(
                        f"{origin}: products[{p}].members[{m}].{key} must be a string"
                    )


def dumps(association: dict[str, Any]) -> str:
    """Serialise as the reference does: indent 4, keys in order, ASCII, no trailing newline."""
    return json.dumps(association, indent=4, separators=(",", ": "))
