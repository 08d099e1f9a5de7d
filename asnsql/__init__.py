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
from asnsql.toolbox.container import AsnContainer, open_asn  # noqa: E402
from asnsql.toolbox.diff import diff  # noqa: E402
from asnsql.toolbox.edit import edit  # noqa: E402
from asnsql.toolbox.from_list import from_list  # noqa: E402
from asnsql.toolbox.gather import gather  # noqa: E402
from asnsql.toolbox.make_pool import make_pool, write_pool  # noqa: E402
from asnsql.toolbox.validate import validate, validate_files  # noqa: E402

__all__ = [
    "AsnContainer",
    "Association",
    "AsnsqlError",
    "Pool",
    "__version__",
    "diff",
    "dumps",
    "edit",
    "from_list",
    "gather",
    "generate",
    "load_asn",
    "load_pool",
    "make_pool",
    "open_asn",
    "validate",
    "validate_files",
    "write_associations",
    "write_pool",
]
