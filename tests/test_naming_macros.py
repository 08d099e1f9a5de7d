"""The naming macros give the names the reference's patterns give.

The oracles below restate, with Python's `re`, what reference-behaviour.md
says the reference does to a name:
- remove_suffix: the shortest root (at least one character) followed by
  nothing or by "_" / "-" and one known suffix; a name that does not match is
  kept;
- member names: "<root>_uncal<.ext>" (the longest root of at least one
  character, an extension of at least one character after the dot) becomes
  "<root>_<new suffix><.ext>"; any other name is kept.
The SQL takes shortcuts (one replacement for the shortest root; plain string
functions for "<root>_uncal.fits"), so each is run in DuckDB on the same names.
"""

from __future__ import annotations

import re

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from asnsql.templates import SqlTemplates

TEMPLATES = SqlTemplates()
SUFFIXES: list[str] = TEMPLATES.render_text("{{ KNOWN_SUFFIXES | join('\n') }}", {}, "suffixes").split("\n")

EDGE_NAMES = [
    "", "_", "-", "a_", "rate", "_rate", "-rate", "a_rate", "a-rate", "a_rate_rate",
    "x-cal-cal", "jw01234001001_01101_00001_nrca1_cal", "jw1_ami_analyze", "jw1_analyze",
    "_uncal.fits", "a_uncal.fits", "a_uncal.", "a_uncal.b_uncal.", "a_uncal.b_uncal.fits",
    "a_uncal.fits_uncal.fits", "dir/a_uncal.fits", "a\nb_uncal.fits", "a_uncal.fits\n",
    "\n_uncal.fits", "a_uncal\n.fits", "a_uncal.fi\nts", "a_UNCAL.fits", "a_uncal_uncal.fits",
    "jw01234001001_01101_00001_nrca1_uncal.fits", "jw01234001001_01101_00001_nrca1_uncal.fits.gz",
]

TOKENS = [*SUFFIXES[:40], "uncal", "jw01234", "nrca1", "a", "x", ".", "/", "fits", "\n", "ints"]
names = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", "", "_", "-", "."])).map("".join),
    min_size=1, max_size=6,
).map("".join)


def reference_root(name: str) -> str:
    match = re.match("(.+?)(?:[_-](?:" + "|".join(SUFFIXES) + "))?$", name)
    return match.group(1) if match else name


def reference_renamed(name: str, new_suffix: str) -> str:
    match = re.fullmatch(r"(.+)_uncal(\..+)", name)
    return f"{match.group(1)}_{new_suffix}{match.group(2)}" if match else name


def run_macro(call: str, rows: list[tuple[str, str, bool, bool]]) -> list[str]:
    """The macro's SQL over (name, exptype, is_level2b_type, integrations) rows."""
    if not rows:
        return []
    sql = TEMPLATES.render_text("{{ " + call + " }}", {}, "test")
    db = duckdb.connect()
    db.execute("CREATE TABLE t (k INTEGER, x VARCHAR, exptype VARCHAR, is_level2b_type BOOLEAN, ints BOOLEAN)")
    db.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [(k, *row) for k, row in enumerate(rows)])
    return [value for (value,) in db.execute(f"SELECT {sql} FROM t ORDER BY k").fetchall()]


def level3_suffix(exptype: str, level2b: bool, ints: bool) -> str:
    base = "x1d" if exptype == "background" else "cal" if level2b else "rate"
    return base + ("ints" if ints else "")


def check_names(candidates: list[str]) -> None:
    rows = [(name, exptype, level2b, ints)
            for name in candidates
            for exptype, level2b, ints in [("science", False, False), ("science", True, True),
                                           ("background", True, False), ("psf", False, True)]]
    assert run_macro("level2_expname('x', 'ints')", rows) == [
        reference_renamed(name, "rateints" if ints else "rate") for name, _, _, ints in rows]
    assert run_macro("level3_expname('x', 'exptype', 'ints')", rows) == [
        reference_renamed(name, level3_suffix(exptype, level2b, ints)) for name, exptype, level2b, ints in rows]
    plain = [(name, "", False, False) for name in candidates if "\n" not in name]
    assert run_macro("remove_suffix('x')", plain) == [reference_root(name) for name, *_ in plain]


def test_edge_names():
    check_names(EDGE_NAMES)


def test_rate_names_lose_their_suffix():
    rows = [("jw01234001001_01101_00001_nrca1_rate", "", False, False), ("jw1_a_rate_rate", "", False, False)]
    assert run_macro("remove_suffix('x')", rows) == ["jw01234001001_01101_00001_nrca1", "jw1_a_rate"]


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=40))
def test_generated_names(candidates):
    check_names(candidates)
