"""File-name helpers shared by the toolbox, computed by the shipped SQL naming macros.

The known-suffix list and the "drop the extension and one known suffix" rule
live once, in ``sql/macros/naming/``; the toolbox runs those macros in DuckDB
over the names it is given (as data, never as SQL text) instead of keeping a
second copy in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from asnsql.duck import connect
from asnsql.templates import SqlTemplates

_PRODUCT_NAMES_SQL = """
SELECT list_transform($names, lambda name: {{ level2_product_name('name') }})
"""


@lru_cache(maxsize=1)
def _product_names_query() -> str:
    return SqlTemplates().render_text(_PRODUCT_NAMES_SQL, {}, origin="toolbox: product names")


def product_names(paths: Sequence[str]) -> list[str]:
    """Each name without its extension and one known suffix, folder part kept.

    ``data/jw01_nrca1_rate.fits`` -> ``data/jw01_nrca1``: the Level 2 product
    name ``asn_from_list`` gives a file, and the key ``asn_edit --ignore`` and
    the reference's diff compare exposures by (given base names).
    """
    if not paths:
        return []
    with connect() as db:
        row = db.execute(_product_names_query(), {"names": [str(p) for p in paths]}).fetchone()
    return list(row[0])


def exposure_name(path: str) -> str:
    """The base name of ``path`` without extension and known suffix."""
    return product_names([base_name(path)])[0]


def base_name(path: str) -> str:
    """The last component of a path written with ``/`` (an expname)."""
    return str(path).rstrip("/").rsplit("/", 1)[-1]
