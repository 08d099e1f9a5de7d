"""Find rule templates (shipped and user), read their headers, order them.

A rule is one ``.sql`` Jinja template whose first statement is
``{{ rule(name=..., level=..., asn_type=...) }}``. The header is read
statically, so listing rules needs no pool. Rules run in the reference's
registry order: the Level 2b module's rules, then the Level 3 module's, each
by class name (ASCII order), then user rules in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asnsql.errors import RuleError
from asnsql.templates import read_rule_header, shipped_sql_dir

RULE_LEVELS = (2, 3)
REQUIRED_HEADER_KEYS = ("name", "level", "asn_type")


@dataclass(frozen=True)
class Rule:
    """One association rule: a SQL template plus its header metadata."""

    name: str
    level: int
    asn_type: str
    path: Path
    shipped: bool
    header: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def doc(self) -> str:
        return str(self.header.get("doc", ""))


def read_rule(path: Path, shipped: bool = False) -> Rule:
    """Read one rule template's header and check it."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule template: {exc}") from None
    header = read_rule_header(source, origin=str(path))
    missing = [key for key in REQUIRED_HEADER_KEYS if key not in header]
    if missing:
        raise RuleError(f"{path}: rule() header lacks {', '.join(missing)}")
    if header["level"] not in RULE_LEVELS:
        raise RuleError(f"{path}: rule() level must be 2 or 3, not {header['level']!r}")
    return Rule(
        name=str(header["name"]),
        level=int(header["level"]),
        asn_type=str(header["asn_type"]),
        path=path,
        shipped=shipped,
        header=header,
    )


def shipped_rules() -> list[Rule]:
    """The default rules, in the reference's registry order."""
    root = shipped_sql_dir() / "rules"
    rules = [read_rule(path, shipped=True) for path in sorted(root.rglob("*.sql"))]
    return sorted(rules, key=lambda rule: (rule.level, rule.name))


def user_rule_files(paths: Sequence[Path]) -> list[Path]:
    """Expand ``-r`` arguments: a ``.sql`` file, or a folder of rules (its ``rules/`` tree or itself)."""
    files: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            rules_dir = path / "rules" if (path / "rules").is_dir() else path
            found = sorted(p for p in rules_dir.rglob("*.sql") if "macros" not in p.parts)
            if not found:
                raise RuleError(f"{path}: no .sql rule templates in this folder")
            files.extend(found)
        else:
            raise RuleError(f"{path}: no such rule file or folder")
    return files


def select_rules(user_paths: Sequence[Path] = (), ignore_default: bool = False,
                 shipped: Callable[[], list[Rule]] | None = None) -> list[Rule]:
    """The rules a run uses: shipped (unless ignored) then user rules; same name shadows.

    ``shipped`` supplies the shipped rules (default: `shipped_rules`).
    """
    rules = [] if ignore_default else (shipped or shipped_rules)()
    for path in user_rule_files(user_paths):
        rule = read_rule(path)
        rules = [existing for existing in rules if existing.name != rule.name]
        rules.append(rule)
    if not rules:
        raise RuleError("no rules to run: --ignore-default needs at least one -r RULE")
    return rules


def user_template_dirs(user_paths: Sequence[Path]) -> tuple[Path, ...]:
    """Folders searched for user macros: each ``-r`` folder, and each rule file's folder."""
    dirs: list[Path] = []
    for path in user_paths:
        folder = path if path.is_dir() else path.parent
        if folder not in dirs:
            dirs.append(folder)
    return tuple(dirs)


def find_rule(name: str, rules: Sequence[Rule]) -> Rule:
    """Look a rule up by name (case-insensitive), with a hint on failure."""
    for rule in rules:
        if rule.name.lower() == name.lower():
            return rule
    close = [rule.name for rule in rules if name.lower() in rule.name.lower()]
    hint = f"; did you mean {', '.join(close)}?" if close else "; `asnsql rules` lists them"
    raise RuleError(f"no rule named {name!r}{hint}")
