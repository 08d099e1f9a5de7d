"""The association toolbox: the reference's user commands as library functions.

One module per verb; the CLI modules under ``asnsql/cli/`` are thin skins over
these functions, and each is importable from ``asnsql`` (``asnsql.validate``).
This package exports nothing itself, so ``asnsql.toolbox.validate`` stays the
module, not the function of the same name.

- `from_list` (``asn_from_list``): an association from a list of files.
- `make_pool` / `write_pool` (``asn_make_pool``): a pool from FITS headers.
- `gather` (``asn_gather``): copy an association's members next to a copy of it.
- `edit` (``asn_edit``): add or remove member files.
- `validate`: strict JSON and the Level 2b / Level 3 JSON Schemas.
- `diff`: a readable comparison of two associations or folders of them.
- `open_asn`: a container over an association's members, opened lazily.
"""
