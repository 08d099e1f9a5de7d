"""The association toolbox: the reference's user commands as library functions.

One module per verb; the CLI modules under ``asnsql/cli/`` are thin skins over
these functions, and each is also importable from ``asnsql``.

- `from_list` (``asn_from_list``): an association from a list of files.
- `make_pool` / `write_pool` (``asn_make_pool``): a pool from FITS headers.
- `gather` (``asn_gather``): copy an association's members next to a copy of it.
- `edit` (``asn_edit``): add or remove member files.
- `validate`: strict JSON and the Level 2b / Level 3 JSON Schemas.
- `diff`: a readable comparison of two associations or folders of them.
- `open_asn`: a container over an association's members, opened lazily.
"""

from asnsql.toolbox.container import AsnContainer, Member, Product, open_asn
from asnsql.toolbox.diff import Diff, diff, format_diff
from asnsql.toolbox.edit import Edit, edit, read_asn, write_asn
from asnsql.toolbox.from_list import from_list
from asnsql.toolbox.gather import Gathered, gather
from asnsql.toolbox.make_pool import make_pool, write_pool
from asnsql.toolbox.validate import Problem, Report, validate, validate_files

__all__ = [
    "AsnContainer", "Diff", "Edit", "Gathered", "Member", "Problem", "Product", "Report",
    "diff", "edit", "format_diff", "from_list", "gather", "make_pool", "open_asn", "read_asn",
    "validate", "validate_files", "write_asn", "write_pool",
]
