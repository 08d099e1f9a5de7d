"""asnsql: the JWST association generator rebuilt as SQL.

    >>> import asnsql
    >>> pool = asnsql.load_pool("examples/example_pool.csv")
    >>> associations = asnsql.generate(pool, version_id="20250101t000000")
    >>> asnsql.write_associations(associations, "out/")
"""

__version__ = "0.1.0"

from asnsql.api import generate  # noqa: E402
from asnsql.asn import dumps, load_asn  # noqa: E402
from asnsql.assemble import Association  # noqa: E402
from asnsql.errors import AsnsqlError  # noqa: E402
from asnsql.output import write_associations  # noqa: E402
from asnsql.pool import Pool, load_pool  # noqa: E402

__all__ = [
    "Association",
    "AsnsqlError",
    "Pool",
    "__version__",
    "dumps",
    "generate",
    "load_asn",
    "load_pool",
    "write_associations",
]
