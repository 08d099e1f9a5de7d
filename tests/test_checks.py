"""The pool checks: which ASN_CANDIDATE cells abort the reference, which name nothing.

The oracle below restates, in a few lines, what reference-behaviour.md §1.6
says the reference's candidate parser does (and what it does next with each
id): evaluate the cell as a Python literal (text if that fails), take an
integer as one candidate, else iterate (id, type) pairs until one does not
unpack (ValueError: the rest of the cell is skipped). A TypeError anywhere
(a float, a bare number in the list, an id that is not text, met later when
the id is searched for in cell texts) stops the whole run.
"""

from __future__ import annotations

import ast

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asnsql.checks import check_values, value_checks_alongside
from asnsql.engine import prepare_pool
from asnsql.errors import AsnsqlWarning, PoolError
from asnsql.pool import load_arrays
from asnsql.templates import SqlTemplates

TEMPLATES = SqlTemplates()


def reference_aborts(cell: str) -> bool:
    """Whether the reference's per-candidate parsing raises TypeError on this cell."""
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return False  # kept as text: iterating its characters fails to unpack (ValueError)
    if isinstance(value, int):
        return False
    ids = []
    try:
        for cand_id, _ in value:
            ids.append(cand_id)
    except ValueError:
        pass
    except TypeError:
        return True
    return any(not isinstance(cand_id, str) for cand_id in ids)


def verdicts(cells: list[str]) -> list[str | None]:
    """The check's verdict per cell: 'aborts', 'no_candidate' or None (not reported)."""
    db = duckdb.connect()
    arrays = {
        "filename": [f"f{i}.fits" for i in range(len(cells))],
        "asn_candidate": list(cells),
    }
    import numpy as np

    pool = load_arrays({k: np.array(v, dtype=object) for k, v in arrays.items()}, name="p", db=db)
    prepare_pool(pool, TEMPLATES)
    sql = TEMPLATES.render_model("checks/candidate_cells.sql", {"columns": list(pool.columns)})
    found = {row: verdict for row, _, _, verdict in db.execute(sql).fetchall()}
    return [found.get(i) for i in range(len(cells))]


CELLS = {
    # cell: does the reference abort on it?
    "1.5": True, "-2.5e3": True, "1j": True, "(1.5)": True, ".5": True, "5.": True,
    "42": False, "-7": False, "01": False, "1_000": False,
    "[1, 2]": True, "(1, 2)": True, "[('o001', 'observation'), 7]": True,
    "[(1, 'x')]": True, "[[1, 2]]": True, "[(1.5, 'x')]": True, "[(1)]": True,
    "[('o001', 'observation', 'x'), 7]": False,  # the triple stops parsing first
    "['abc', 3]": False,  # a 3-character string stops parsing first
    "['ab', 3]": True,  # a 2-character string is an (id, type) pair
    "[('o001', 'observation')": False, "('o001', 'observation')": False,
    "o001 observation": False, "[('o001',)]": False, "[01]": False, "[]": False,
    "[('o001', 1)]": False, "[('o001', 'observation'), ('c1000', 'mosaic', 'x')]": False,
}


def test_known_cells_match_the_reference():
    cells = list(CELLS)
    for cell, verdict in zip(cells, verdicts(cells)):
        assert (verdict == "aborts") == CELLS[cell], cell
        assert (verdict == "aborts") == reference_aborts(cell), cell


def test_cells_with_candidates_and_empty_tokens_are_not_reported():
    cells = ["[('o001', 'observation')]", "null", "", "  ", "n", "[]", "()", "42"]
    assert verdicts(cells) == [None] * len(cells)


# list and tuple literals built from quoted strings and numbers: the grammar the
# check classifies exactly
numbers = st.one_of(st.integers(-20, 3000).map(str),
                    st.floats(-1e3, 1e3, allow_nan=False).map(repr),
                    st.sampled_from(["1j", "1e5", ".5", "7.", "1_000"]))
strings = st.text("abcio0123 ", max_size=12).map(lambda s: f"'{s}'")
atoms = st.one_of(numbers, strings)
tuples = st.lists(atoms, max_size=3).map(
    lambda items: "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")")
lists = st.lists(atoms, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
elements = st.one_of(atoms, tuples, lists)
cells = st.one_of(
    numbers,
    st.lists(elements, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(elements, min_size=2, max_size=4).map(lambda items: "(" + ", ".join(items) + ")"),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(cells, min_size=1, max_size=25))
def test_generated_cells_match_the_reference(cells):
    for cell, verdict in zip(cells, verdicts(cells)):
        assert (verdict == "aborts") == reference_aborts(cell), cell


def test_aborting_cell_is_an_error_naming_row_and_value():
    import numpy as np

    arrays = {"filename": np.array(["a.fits", "b.fits"], dtype=object),
              "asn_candidate": np.array(["[('o001', 'observation')]", "[1, 2]"], dtype=object)}
    pool = load_arrays(arrays, name="p.csv")
    prepare_pool(pool, TEMPLATES)
    with pytest.raises(PoolError, match=r"^p.csv: row 2 \(FILENAME 'b.fits'\): ASN_CANDIDATE "
                                        r"'\[1, 2\]' is not a list"):
        check_values(pool, TEMPLATES)


def test_repeated_file_names_warn_once_naming_both_rows():
    import numpy as np

    arrays = {"filename": np.array(["a.fits", "b.fits", "a.fits", "b.fits"], dtype=object),
              "exp_type": np.array(["x", "y", "x", "z"], dtype=object),
              "asn_candidate": np.array(["null"] * 4, dtype=object)}
    pool = load_arrays(arrays, name="p.csv")
    prepare_pool(pool, TEMPLATES)
    with pytest.warns(AsnsqlWarning) as record:
        check_values(pool, TEMPLATES)
    assert [str(w.message) for w in record] == [
        "p.csv: FILENAME 'a.fits' is on rows 1 and 3 (2 names repeat); row 3 repeats it exactly "
        "and is ignored, as the reference ignores it"]


def _prepared(filenames: list[str], cells: list[str]):
    import numpy as np

    pool = load_arrays({"filename": np.array(filenames, dtype=object),
                        "asn_candidate": np.array(cells, dtype=object)}, name="p.csv")
    prepare_pool(pool, TEMPLATES)
    return pool


def test_checks_alongside_report_as_if_they_ran_first():
    """While generation plans its runs, the checks run on another connection: their
    error still comes before the block's, and their warnings still come."""
    aborting = _prepared(["a.fits", "b.fits"], ["[('o001', 'observation')]", "[1, 2]"])
    with pytest.raises(PoolError, match="is not a list"):
        with value_checks_alongside(aborting, TEMPLATES):
            raise RuntimeError("the block's own error")
    repeated = _prepared(["a.fits", "a.fits"], ["null", "null"])
    with pytest.warns(AsnsqlWarning, match="FILENAME 'a.fits' is on rows 1 and 2"):
        with value_checks_alongside(repeated, TEMPLATES):
            repeated.db.execute("CREATE TABLE meanwhile AS SELECT 1 AS x")
    with pytest.raises(RuntimeError, match="the block's own error"):
        with value_checks_alongside(_prepared(["a.fits"], ["null"]), TEMPLATES):
            raise RuntimeError("the block's own error")


def test_missing_member_columns_warn_only_when_associations_form(tmp_path):
    from asnsql import generate

    header = "filename|program|obs_num|exp_type|instrume|detector|targetid|filter|subarray|asn_candidate\n"
    row = "a_uncal.fits|1|1|mir_image|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n"
    pool = tmp_path / "pool.csv"
    pool.write_text(header + row)
    with pytest.warns(AsnsqlWarning, match=r"no PNTGTYPE column: asnsql reads it as empty, the "
                                            r"reference generator stops with a KeyError"):
        assert generate(pool)
    pool.write_text(header + row.replace("mir_image", "nrc_dark"))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", AsnsqlWarning)
        assert generate(pool) == []
