"""Fixture tests for user rules: `asnsql rules test PATH`.

A rule folder (what `-r PATH` takes) may hold test cases:

    PATH/rules/*.sql            the rules (or *.sql directly in PATH)
    PATH/macros/*.sql           their macros
    PATH/tests/<case>/pool.csv  a small pool
    PATH/tests/<case>/expected/*.json
                                the associations the folder's rules must make from it
    PATH/tests/<case>/args      optional: generate options, e.g. --all-candidates

A case passes when the associations made by the folder's rules equal the
expected ones, compared as the corpus comparator does: asn_type, product
names and (expname, exptype) members, as multisets.
"""

from __future__ import annotations


import shlex
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asnsql.errors import AsnsqlError, RuleError
from asnsql.rules import read_rule, user_rule_files


@dataclass
class CaseResult:
    name: str
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra


def identity_key(asn: dict[str, Any]) -> tuple[Any, ...]:
    """asn_type and, per product, its name and sorted (expname, exptype) members."""
    products = tuple(sorted(
        (str(p.get("name")), tuple(sorted((m["expname"], m["exptype"]) for m in p["members"])))
        for p in asn["products"]))
    return (asn.get("asn_type"), products)


def describe_key(key: tuple[Any, ...]) -> str:
    asn_type, products = key
    return "; ".join(f"{asn_type} {name}: {', '.join(f'{e} ({t})' for e, t in members)}"
                     for name, members in products)


def run_rule_tests(path: str | Path) -> list[CaseResult]:
    """Run every test case of a rule folder; one result per case."""
    from asnsql.api import run_generation
    from asnsql.asn import load_asn

    path = Path(path)
    names = {read_rule(p).name for p in user_rule_files([path])}
    cases = sorted(p for p in (path / "tests").glob("*") if p.is_dir()) if (path / "tests").is_dir() else []
    if not cases:
        raise RuleError(f"{path}: no test cases (expected {path}/tests/<case>/pool.csv and expected/)")
    results = []
    for case in cases:
        pool = _case_pool(case)
        options = _case_options(case, path)
        expected = Counter(identity_key(load_asn(p)) for p in sorted((case / "expected").glob("*.json")))
        made = run_generation(pool, options).associations
        actual = Counter(identity_key(dict(a)) for a in made if a["asn_rule"].split("_", 1)[1] in names)
        results.append(CaseResult(
            name=case.name,
            missing=[describe_key(k) for k in (expected - actual).elements()],
            extra=[describe_key(k) for k in (actual - expected).elements()]))
    return results


def _case_pool(case: Path) -> Path:
    pools = sorted(case.glob("pool.*"))
    if len(pools) != 1:
        raise RuleError(f"{case}: a test case needs exactly one pool.* file")
    if not (case / "expected").is_dir():
        raise RuleError(f"{case}: a test case needs an expected/ folder of associations")
    return pools[0]


def _case_options(case: Path, rules: Path):
    from asnsql.engine import GenerateOptions

    args = shlex.split((case / "args").read_text()) if (case / "args").is_file() else []
    settings: dict[str, Any] = {"mode": "default", "ids": [], "ignore_default": False}
    flags = {"--all-candidates": ("mode", "all-candidates"), "--discover": ("mode", "discover"),
             "--ignore-default": ("ignore_default", True), "--no-finalize": ("finalize", False),
             "--merge": ("merge", True), "--DMS": ("dms", True)}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in flags:
            key, value = flags[arg]
            settings[key] = value
        elif arg in ("-i", "--ids") and i + 1 < len(args):
            settings["mode"] = "ids"
            settings["ids"].extend(a for a in args[i + 1].split(",") if a)
            i += 1
        else:
            raise AsnsqlError(f"{case / 'args'}: unsupported option {arg!r} in a rule test case")
        i += 1
    settings["ids"] = tuple(settings["ids"])
    return GenerateOptions(rule_paths=(rules,), **settings)
