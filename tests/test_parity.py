"""Parity with the reference generator on the shared corpus (../shared/corpus).

Every pool x mode with expected output is generated and compared with the
reference's own output using the corpus comparator's identity key
(asn_type, product names, (expname, exptype) members), as multisets: a
missing or an extra association fails. Gaps not closed yet are strict
xfails with the reason, so the suite shows progress honestly and an XPASS
tells us to remove the entry.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter

import pytest

from asnsql import generate
from asnsql.errors import PoolError

from .conftest import COMPARATOR, CORPUS

pytestmark = pytest.mark.skipif(
    not (CORPUS / "pools").is_dir() or not COMPARATOR.is_file(),
    reason="../shared/corpus and ../shared/tools/asncompare.py are not beside this checkout",
)

MODES = ("default", "all-candidates", "discover")

# Pools whose output asnsql does not yet reproduce, by pool, with the reason
# (strict xfail: a gap that closes fails the suite until its entry goes). An
# entry applies to every mode unless the value is a dict keyed by mode. Every
# corpus pool is at parity in every mode, so this is empty.
KNOWN_GAPS: dict[str, str | dict[str, str]] = {}


def _comparator():
    spec = importlib.util.spec_from_file_location("asncompare", COMPARATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cases():
    if not (CORPUS / "expected").is_dir():
        return []
    cases = []
    for expected_pool in sorted((CORPUS / "expected").iterdir()):
        for mode in MODES:
            expected = expected_pool / mode
            if not expected.is_dir():
                continue
            gap = KNOWN_GAPS.get(expected_pool.name)
            reason = gap.get(mode) if isinstance(gap, dict) else gap
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(expected_pool.name, mode, marks=marks,
                                      id=f"{expected_pool.name}-{mode}"))
    return cases


@pytest.mark.parametrize("pool_name, mode", _cases())
def test_pool_matches_reference(pool_name, mode):
    expected_dir = CORPUS / "expected" / pool_name / mode
    summary = json.loads((expected_dir / "_summary.json").read_text())
    pool = CORPUS / "pools" / f"{pool_name}.csv"
    if summary.get("exit_status", 0) != 0:
        # the reference crashed on this pool; asnsql must refuse it with one clear error
        with pytest.raises(PoolError):
            generate(pool, mode=mode)
        return
    compare = _comparator()
    expected = [r["data"] for r in compare.load_dir(expected_dir, strict=True)[0]]
    actual = generate(pool, mode=mode, version_id=summary.get("version_id"))
    expected_keys = Counter(compare.identity_key(a) for a in expected)
    actual_keys = Counter(compare.identity_key(dict(a)) for a in actual)
    missing = expected_keys - actual_keys
    extra = actual_keys - expected_keys
    assert not missing and not extra, (
        f"{sum(missing.values())} missing, {sum(extra.values())} extra; "
        f"first missing: {next(iter(missing), None)}; first extra: {next(iter(extra), None)}")


@pytest.mark.parametrize("pool_name", ["pool_002_image_miri", "pool_003_image_nircam",
                                       "pool_020_00009_image_miri"])
def test_file_names_and_metadata_match_on_imaging_pools(pool_name):
    expected_dir = CORPUS / "expected" / pool_name / "default"
    compare = _comparator()
    expected = [r["data"] for r in compare.load_dir(expected_dir, strict=True)[0]]
    by_key = {compare.identity_key(a): a for a in expected}
    actual = generate(CORPUS / "pools" / f"{pool_name}.csv", version_id="20261123t000000")
    for asn in actual:
        ref = by_key[compare.identity_key(dict(asn))]
        for field in ("asn_rule", "asn_id", "target", "program", "asn_pool", "degraded_status"):
            assert asn[field] == ref[field], field
        assert asn.file_name in {p.name for p in expected_dir.glob("*_asn.json")}
