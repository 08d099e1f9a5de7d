"""Determinism and robustness over generated pools (hypothesis; pools from tests/pools.py).

1. The same pool gives byte-identical files, run after run.
2. Case and whitespace variations of a pool (header and values in any case,
   spaces around cells) give byte-identical files: the reference lower-cases
   names and values and strips cells.
3. Shuffled rows give the same associations: the same files, with the same
   content, except the parts the reference itself takes from row order, the
   sequence number in the file name and the order of members. Checked on
   order-free pools only (tests/pools.py, ORDER_FREE_NOTE): where a
   NULL-tolerant pin meets a NULL, the reference's own result depends on row
   order (reference-behaviour.md §7 items 2-3) and so does asnsql's, on purpose.
4. No generated pool crashes the generator: reading, checking, generating,
   writing and re-reading every file either works or stops with one
   AsnsqlError (never another exception), on realistic pools mixed with
   hostile and malformed values and column names.

How many examples each property runs depends on HYPOTHESIS_PROFILE (see
tests/conftest.py): a few in the default run, 1,000 pools for property 4 in
CI, far more in the documented fuzz run. To keep an example cheap, all runs
share one DuckDB connection and one parsed template set (every model and
rule replaces its tables, so nothing carries over from one pool to the next;
property 1 uses a fresh connection for its second run). Property 4 runs in
CRASH_BATCHES equal batches so that parallel test workers (pytest -n) share it.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import asnsql.engine
from asnsql import dumps, load_asn
from asnsql.api import run_generation
from asnsql.engine import GenerateOptions
from asnsql.errors import AsnsqlError
from asnsql.output import write_associations
from asnsql.pool import load_pool

from .conftest import examples
from .pools import GeneratedPool, pool_text, pools

# generated pools are often odd on purpose: their warnings are expected, not news
pytestmark = pytest.mark.filterwarnings("ignore::asnsql.errors.AsnsqlWarning")

POOL_NAME = "jw00001_20261123t000000_pool.csv"
DB = duckdb.connect()


@pytest.fixture(scope="module", autouse=True)
def parsed_once():
    """Read the rule headers once for the module, and render in memory, not via the
    on-disk render cache: generated pools have ever-new column sets, each a cache miss
    (the macro library is parsed once per process anyway: templates.shipped_templates)."""
    rules = asnsql.engine.select_rules()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASNSQL_NO_CACHE", "1")
        patch.setattr(asnsql.engine, "select_rules", lambda *args, **kwargs: list(rules))
        yield


def generate_files(text: str, db=DB) -> dict[str, bytes]:
    """Write the pool, generate with asnsql as `asnsql generate` does, return file -> bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        (folder / "out").mkdir()
        path = folder / "in" / POOL_NAME
        path.write_text(text, encoding="utf-8")
        pool = load_pool(path, db=db)
        result = run_generation(pool, GenerateOptions(version_id="20261123t000000"))
        write_associations(result.associations, folder / "out")
        return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


# 1. same pool, same bytes -------------------------------------------------------

@settings(max_examples=examples("determinism"))
@given(pools())
def test_same_pool_gives_the_same_bytes(pool):
    first = generate_files(pool.text())
    again = generate_files(pool.text(), db=duckdb.connect())
    assert first == again
    event(f"associations: {min(len(first), 5)}{'+' if len(first) >= 5 else ''}")


# 2. case and whitespace -----------------------------------------------------------

@st.composite
def variations(draw, pool: GeneratedPool) -> str:
    """The pool's text with header and values in random case and spaces around cells."""
    def case(text: str) -> str:
        how = draw(st.sampled_from(["lower", "upper", "swapcase", "keep"]))
        if how == "keep":
            return text
        return "".join(getattr(c, how)() if c.isascii() else c for c in text)

    def padded(cell: str) -> str:
        return draw(st.sampled_from(["", " ", "  ", "\t"])) + cell + draw(st.sampled_from(["", " "]))

    header = [case(c) for c in pool.columns]
    rows = [[case(cell) for cell in row] for row in pool.rows]
    text = pool_text(header, rows, header_case="keep")
    lines = text.splitlines()
    return "\n".join(lines[:1] + ["|".join(padded(cell) for cell in line.split("|"))
                                  for line in lines[1:]]) + "\n"


@settings(max_examples=examples("determinism"))
@given(st.data(), pools())
def test_case_and_whitespace_do_not_matter(data, pool):
    plain = generate_files(pool.text())
    varied = generate_files(data.draw(variations(pool)))
    assert varied == plain


# 3. shuffled rows -------------------------------------------------------------------

def order_free_view(files: dict[str, bytes]) -> list[str]:
    """Each file as (name without sequence number, content with members sorted), sorted."""
    result = []
    for name, content in files.items():
        data = json.loads(content)
        for product in data["products"]:
            product["members"].sort(key=lambda m: json.dumps(m, sort_keys=True))
        result.append(json.dumps([re.sub(r"_\d{5}_asn\.json$", "_asn.json", name), data]))
    return sorted(result)


@settings(max_examples=examples("determinism"))
@given(st.data(), pools(order_free=True))
def test_shuffled_rows_give_the_same_associations(data, pool):
    order = data.draw(st.permutations(range(len(pool.rows))))
    shuffled = GeneratedPool(pool.columns, [pool.rows[i] for i in order])
    plain = generate_files(pool.text())
    assert order_free_view(generate_files(shuffled.text())) == order_free_view(plain)
    event(f"associations: {min(len(plain), 5)}{'+' if len(plain) >= 5 else ''}")


# 4. nothing crashes ------------------------------------------------------------------

CRASH_BATCHES = 8
"""Property 4 runs as this many equal batches, so that parallel test workers share it."""


@pytest.mark.parametrize("batch", range(CRASH_BATCHES))
@settings(max_examples=max(1, examples("crash") // CRASH_BATCHES))
@given(pool=pools(chaos=True, max_rows=12))
def test_no_generated_pool_crashes_the_generator(batch, pool):
    try:
        files = generate_files(pool.text())
    except AsnsqlError as exc:
        # a refusal is one line, naming what is wrong
        assert exc.message and "\n" not in exc.message
        event(f"refused: {type(exc).__name__}")
        return
    for name, content in files.items():
        asn = load_asn(content.decode("ascii"))
        assert re.fullmatch(r"jw[^/\\]+_asn\.json", name), name
        assert dumps(asn).encode() == content
    event(f"associations: {min(len(files), 5)}{'+' if len(files) >= 5 else ''}")


# where the reference itself depends on row order, asnsql follows the pool's order --

WFSS_PARALLEL_HEADER = ("FILENAME|PROGRAM|OBS_NUM|EXP_TYPE|PNTGTYPE|INSTRUME|DETECTOR|TARGETID|FILTER|"
                        "PUPIL|SUBARRAY|VISITYPE|EXPOSERR|ASN_CANDIDATE")


def _c1003_spec2_in_both_orders(direct: str, grism: str) -> list[dict[str, bytes]]:
    """The spec2 files of candidate c1003 of a direct image and a grism row, with the
    direct image first, then with the grism first."""
    outputs = []
    for rows in ([direct, grism], [grism, direct]):
        files = generate_files("\n".join([WFSS_PARALLEL_HEADER, *rows]) + "\n")
        outputs.append({n: c for n, c in files.items() if "c1003" in n and "spec2" in n})
    return outputs


def test_wfss_parallel_target_follows_pool_order_as_the_reference_does():
    """Asn_Lv2WFSSParallel has no target pin: a direct image of target 1 joins the
    grism of target 2, and the association's target is that of the member taken
    first. Expected targets from jwst 3.0.0's asn_generate on these two orders."""
    direct = ("jw01500001001_00000_nis_uncal.fits|1500|001|nis_image|science|niriss|nis|1|f090w|"
              "clear|full|prime_targeted_fixed|null|[('c1003', 'direct_image')]")
    grism = ("jw01500001001_00003_nis_uncal.fits|1500|001|nis_wfss|science|niriss|nis|2|f090w|"
             "clear|full|prime_targeted_fixed|null|[('o001', 'observation'), ('c1003', 'direct_image')]")
    targets = []
    for files in _c1003_spec2_in_both_orders(direct, grism):
        (content,) = files.values()
        targets.append(json.loads(content)["target"])
    assert targets == ["1", "2"]


def test_wfss_parallel_program_follows_pool_order_as_the_reference_does():
    """Nor has it a program pin: a NIRISS image of program 1500 and a grism of program 42
    in candidate c1003 make one association named after the program of the member taken
    first (found by the shuffled-rows property; jwst 3.0.0's asn_generate writes
    jw01500-c1003_..._spec2 in this order and jw00042-c1003_..._spec2 in the other)."""
    direct = ("jw01500001001_00005_nis_uncal.fits|1500|001|nis_image|science|niriss|nis|1|f090w|"
              "clear|full|prime_targeted_fixed|null|[('c1003', 'direct_image'), ('o001', 'observation')]")
    grism = ("jw00042001001_00009_nis_uncal.fits|42|001|nis_wfss|science|niriss|nis|1|f090w|"
             "clear|full|prime_targeted_fixed|null|[('c1003', 'direct_image')]")
    names = [sorted(n.split("_")[0] for n in files) for files in _c1003_spec2_in_both_orders(direct, grism)]
    assert names == [["jw01500-c1003"], ["jw00042-c1003"]]
