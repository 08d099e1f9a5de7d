"""asnsql: the JWST association generator rebuilt as SQL.

    >>> import asnsql
    >>> pool = asnsql.load_pool("examples/example_pool.csv")
    >>> associations = asnsql.generate(pool, version_id="20250101t000000")
    >>> asnsql.write_associations(associations, "out/")

The names below are imported on first use, so that ``import asnsql`` (and the
command line's start-up) does not load DuckDB, Jinja or astropy until needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "AsnContainer": "asnsql.toolbox.container",
    "Association": "asnsql.assemble",
    "AsnsqlError": "asnsql.errors",
    "Pool": "asnsql.pool",
    "diff": "asnsql.toolbox.diff",
    "dumps": "asnsql.asn",
    "edit": "asnsql.toolbox.edit",
    "from_list": "asnsql.toolbox.from_list",
    "gather": "asnsql.toolbox.gather",
    "generate": "asnsql.api",
    "load_asn": "asnsql.asn",
    "load_pool": "asnsql.pool",
    "make_pool": "asnsql.toolbox.make_pool",
    "open_asn": "asnsql.toolbox.container",
    "validate": "asnsql.toolbox.validate",
    "validate_files": "asnsql.toolbox.validate",
    "write_associations": "asnsql.output",
    "write_pool": "asnsql.toolbox.make_pool",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

_HANDS_OUT_CONNECTIONS = {"Pool", "load_pool"}
"""Names whose objects carry a DuckDB connection (``Pool.db``): through them the library
gives DuckDB's whole Python API (``pool.db.sql(...)``); the command line's generation
path loads only DuckDB's engine (`asnsql.duck`)."""

if TYPE_CHECKING:
    from asnsql.api import generate
    from asnsql.asn import dumps, load_asn
    from asnsql.assemble import Association
    from asnsql.errors import AsnsqlError
    from asnsql.output import write_associations
    from asnsql.pool import Pool, load_pool
    from asnsql.toolbox.container import AsnContainer, open_asn
    from asnsql.toolbox.diff import diff
    from asnsql.toolbox.edit import edit
    from asnsql.toolbox.from_list import from_list
    from asnsql.toolbox.gather import gather
    from asnsql.toolbox.make_pool import make_pool, write_pool
    from asnsql.toolbox.validate import validate, validate_files


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'asnsql' has no attribute {name!r}")
    if name in _HANDS_OUT_CONNECTIONS:
        from asnsql.duck import relational_api

        relational_api()
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
