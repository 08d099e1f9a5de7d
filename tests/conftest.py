"""Shared fixtures: the project's own small pools, and the optional shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
COMPARATOR = SHARED / "tools" / "asncompare.py"


@pytest.fixture
def data_dir() -> Path:
    return DATA


def members_of(asn: dict) -> list[tuple[str, str]]:
    """(expname, exptype) of every member of every product, in order."""
    return [(m["expname"], m["exptype"]) for p in asn["products"] for m in p["members"]]


def by_rule(associations: list[dict], rule: str) -> list[dict]:
    """The associations a rule produced (asn_rule ends with the rule name)."""
    return [a for a in associations if a["asn_rule"].endswith("_" + rule)]


@pytest.fixture(autouse=True, scope="session")
def _render_cache_in_a_temporary_folder(tmp_path_factory):
    """Keep asnsql's render cache (asnsql.sqlcache) out of the user's ~/.cache."""
    import os

    previous = os.environ.get("ASNSQL_CACHE_DIR")
    os.environ["ASNSQL_CACHE_DIR"] = str(tmp_path_factory.mktemp("render-cache"))
    yield
    if previous is None:
        os.environ.pop("ASNSQL_CACHE_DIR", None)
    else:
        os.environ["ASNSQL_CACHE_DIR"] = previous
