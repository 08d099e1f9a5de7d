"""Validate association files: strict JSON, then the Level 2b or Level 3 JSON Schema.

The schemas (``asnsql/schemas/``) are written from the reference's section
5.1: permissive at the top level (only ``products`` is required), members
must be objects with string ``expname`` and ``exptype``. Strict JSON means
what the reference's loader rejects (trailing commas, comments, NaN) plus
keys repeated within one object, which Python's json would silently drop.

Every problem names the file and the JSON path (``$.products[0].members[2].exptype``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from asnsql.toolbox.errors import InvalidAssociation

LEVELS = ("auto", "2b", "3")
SCHEMA_FILES = {"2b": "asn_level2b.json", "3": "asn_level3.json"}
LEVEL2_ASN_TYPES = frozenset({"image2", "spec2", "tso-image2", "tso-spec2", "nrslamp-spec2"})
LEVEL2_RULE = re.compile(r"(^|_)(Asn_Lv2|DMSLevel2b|Asn_MIRLRSTAConfirm)", re.IGNORECASE)
MAX_MESSAGE = 160


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where (JSON path, or line:column for bad JSON) and what."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


@dataclass
class Report:
    """The outcome of validating one association."""

    file: str
    level: str | None = None
    """The schema used: "2b" or "3" (None when the file is not JSON)."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


@lru_cache(maxsize=None)
def schema(level: str) -> dict[str, Any]:
    """The JSON Schema of a level ("2b" or "3")."""
    text = resources.files("asnsql").joinpath("schemas", SCHEMA_FILES[level]).read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _validator(level: str):
    import jsonschema

    cls = jsonschema.validators.validator_for(schema(level))
    cls.check_schema(schema(level))
    return cls(schema(level))


def guess_level(data: object) -> str:
    """Level 2b when asn_type or asn_rule says so, else Level 3."""
    if isinstance(data, dict):
        if data.get("asn_type") in LEVEL2_ASN_TYPES:
            return "2b"
        rule = data.get("asn_rule")
        if isinstance(rule, str) and LEVEL2_RULE.search(rule):
            return "2b"
    return "3"


def validate(source: str | Path | dict[str, Any], level: str = "auto", origin: str | None = None) -> Report:
    """Validate one association: a path, JSON text, or an already parsed dict.

    Args:
        source: the association (a ``str`` is a path unless it starts with ``{`` or ``[``).
        level: "2b", "3", or "auto" (from asn_type / asn_rule, see `guess_level`).
        origin: the name to report problems under (default: the path, or ``<string>``).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if isinstance(source, dict):
        report = Report(origin or "<association>")
        data: object = source
    else:
        name, text, problem = _read(source, origin)
        report = Report(name)
        if problem:
            report.problems.append(problem)
            return report
        data, problems = parse_strict(text, name)
        if problems:
            report.problems.extend(problems)
            if data is None:
                return report
    report.level = guess_level(data) if level == "auto" else level
    report.problems.extend(schema_problems(data, report.level, report.file))
    report.warnings.extend(_folder_warnings(data, report.file))
    return report


def validate_files(paths: Iterable[str | Path], level: str = "auto") -> list[Report]:
    """Validate files; a folder stands for the ``*.json`` files in it (sorted), except
    those whose name starts with ``_`` (such as a corpus folder's ``_summary.json``)."""
    reports = []
    for path in map(Path, paths):
        files = sorted(p for p in path.glob("*.json") if not p.name.startswith("_")) if path.is_dir() else [path]
        if path.is_dir() and not files:
            reports.append(Report(str(path), problems=[Problem(str(path), "$", "folder has no .json files")]))
        reports.extend(validate(f, level) for f in files)
    return reports


def check(data: dict[str, Any], origin: str, level: str = "auto") -> None:
    """Raise InvalidAssociation (first problem, and how many) unless ``data`` validates."""
    report = validate(data, level, origin=origin)
    if not report.valid:
        more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
        raise InvalidAssociation(f"{report.problems[0]}{more}")


def _read(source: str | Path, origin: str | None) -> tuple[str, str, Problem | None]:
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        return origin or "<string>", source, None
    path = Path(source)
    name = origin or str(path)
    try:
        return name, path.read_text(encoding="utf-8"), None
    except FileNotFoundError:
        return name, "", Problem(name, "$", "no such file")
    except IsADirectoryError:
        return name, "", Problem(name, "$", "is a folder, not an association file")
    except UnicodeDecodeError as exc:
        return name, "", Problem(name, "$", f"not UTF-8 text (byte {exc.start})")
    except OSError as exc:
        return name, "", Problem(name, "$", f"cannot read: {exc.strerror}")


class _Object(dict):  # type: ignore[type-arg]
    """A parsed JSON object that remembers keys it saw more than once."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    seen = []
    for key, value in pairs:
        if key in obj:
            seen.append(key)
        obj[key] = value
    obj.duplicates = tuple(dict.fromkeys(seen))
    return obj


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in strict JSON")


def parse_strict(text: str, origin: str) -> tuple[object | None, list[Problem]]:
    """Parse strict JSON; return the data (None if unparseable) and its problems."""
    try:
        data = json.loads(text, object_pairs_hook=_object_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem(origin, f"line {exc.lineno} column {exc.colno}", f"not valid JSON: {exc.msg}")]
    except ValueError as exc:
        return None, [Problem(origin, "$", f"not valid JSON: {exc}")]
    return data, [Problem(origin, json_path(path), f"key {key!r} appears more than once")
                  for path, key in _duplicates(data, ())]


def _duplicates(node: object, path: tuple[Any, ...]) -> Iterable[tuple[tuple[Any, ...], str]]:
    if isinstance(node, dict):
        for key in getattr(node, "duplicates", ()):
            yield path, key
        for key, value in node.items():
            yield from _duplicates(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _duplicates(value, (*path, index))


def schema_problems(data: object, level: str, origin: str) -> list[Problem]:
    """Every schema violation of ``data`` against the level's schema, in document order."""
    errors = sorted(_validator(level).iter_errors(data), key=lambda e: _sort_key(e.absolute_path))
    return [Problem(origin, json_path(error.absolute_path), _message(error)) for error in errors]


def json_path(parts: Iterable[Any]) -> str:
    """``$.products[0].members[1].exptype`` from path parts."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            text += f".{part}"
        else:
            text += f"[{json.dumps(str(part))}]"
    return text


def _sort_key(parts: Sequence[Any]) -> tuple[tuple[int, Any], ...]:
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in parts)


JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
              int: "a number", float: "a number", type(None): "null"}


SCHEMA_TYPES = {"object": "an object", "array": "an array", "string": "a string", "null": "null",
                "boolean": "a boolean", "number": "a number", "integer": "an integer"}


def _message(error: Any) -> str:
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = " or ".join(SCHEMA_TYPES.get(t, t) for t in wanted)
        found = JSON_TYPES.get(type(error.instance), type(error.instance).__name__)
        if isinstance(error.instance, dict):
            found = "an object"
        return f"must be {expected}, not {found}"
    if error.validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return f"missing required key {missing[0]!r}" if missing else error.message
    message = error.message
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."


def _folder_warnings(data: object, origin: str) -> list[Problem]:
    """The reference warns when a member expname has a folder part."""
    warnings = []
    products = data.get("products") if isinstance(data, dict) else None
    for p, product in enumerate(products if isinstance(products, list) else []):
        members = product.get("members") if isinstance(product, dict) else None
        for m, member in enumerate(members if isinstance(members, list) else []):
            expname = member.get("expname") if isinstance(member, dict) else None
            if isinstance(expname, str) and "/" in expname:
                warnings.append(Problem(origin, f"$.products[{p}].members[{m}].expname",
                                        f"{expname!r} has a folder part; members are usually beside the association"))
    return warnings
