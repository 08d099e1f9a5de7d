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
    "Association": "asnsql.assemble",
    "AsnsqlError": "asnsql.errors",
    "Pool": "asnsql.pool",
    "dumps": "asnsql.asn",
    "generate": "asnsql.api",
    "load_asn": "asnsql.asn",
    "load_pool": "asnsql.pool",
    "write_associations": "asnsql.output",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from asnsql.api import generate
    from asnsql.asn import dumps, load_asn
    from asnsql.assemble import Association
    from asnsql.errors import AsnsqlError
    from asnsql.output import write_associations
    from asnsql.pool import Pool, load_pool


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'asnsql' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
