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


# -- hypothesis profiles ---------------------------------------------------------
# HYPOTHESIS_PROFILE picks how hard the property tests (tests/test_determinism.py)
# work: "dev" (default, the README's test command), "ci" (.ci/run: at least 1,000
# generated pools through the generator) and "fuzz" (a long local run, see README).
import os  # noqa: E402

from hypothesis import HealthCheck, Phase, settings  # noqa: E402

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
EXAMPLES = {
    # profile: examples of (the no-crash property, each of the three determinism properties)
    "dev": (10, 3),
    "ci": (1000, 30),
    "fuzz": (20000, 2000),
}
for _name in EXAMPLES:
    settings.register_profile(
        _name, deadline=None, print_blob=True,
        # no "explain" phase: it re-runs a failing example dozens of times, each a generation
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(PROFILE)


def examples(kind: str) -> int:
    """How many examples a property test runs under the active profile: 'crash' or 'determinism'."""
    crash, determinism = EXAMPLES[PROFILE]
    return crash if kind == "crash" else determinism

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
