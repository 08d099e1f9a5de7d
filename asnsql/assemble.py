"""Shape the final association rows into association dicts (JSON-ready).

No decision about membership happens here: the SQL has already chosen the
associations, their members and their order. This module only lays rows out
with the reference generator's key order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from asnsql import __version__

DEGRADED_OK = "No known degraded exposures in association."
DEGRADED_NOT_OK = (
    "One or more members have an error associated with them.\n"
    "Details can be found in the member.exposerr attribute."
)


class Association(dict):  # type: ignore[type-arg]
    """An association: the JSON dict, plus the file name it is written under."""

    asn_name: str

    def __init__(self, data: dict[str, Any], asn_name: str) -> None:
        super().__init__(data)
        self.asn_name = asn_name

    @property
    def file_name(self) -> str:
        return self.asn_name + ".json"


ASSOCIATION_QUERY = """
SELECT out_key, level, asn_type, asn_rule, asn_id, program, target,
       constraints, degraded, asn_name
FROM output_associations
ORDER BY write_order
"""

PRODUCT_QUERY = """
SELECT DISTINCT out_key, product_index, product_name
FROM output_products
ORDER BY out_key, product_index
"""

MEMBER_QUERY = """
SELECT out_key, product_index, expname, exptype, exposerr, asn_candidate, from_pool
FROM output_members
ORDER BY out_key, product_index, source_order, member_order
"""


def assemble(
    db: duckdb.DuckDBPyConnection, pool_name: str, version_id: str | None, has_exposerr: bool
) -> list[Association]:
    """Build association dicts from the output_* tables (sql/post/deliver.sql)."""
    products = _products_by_association(db, has_exposerr)
    associations = []
    for row in db.execute(ASSOCIATION_QUERY).fetchall():
        (out_key, level, asn_type, asn_rule, asn_id, program, target,
         constraints, degraded, asn_name) = row
        data: dict[str, Any] = {
            "asn_type": asn_type,
            "asn_rule": asn_rule,
            "version_id": version_id,
            "code_version": f"asnsql {__version__}",
            "degraded_status": DEGRADED_NOT_OK if degraded else DEGRADED_OK,
            "program": program,
            "constraints": constraints or "No constraints",
            "asn_id": asn_id,
        }
        if level == 2:
            data["asn_pool"] = pool_name
            data["target"] = target
        else:
            data["target"] = target
            data["asn_pool"] = pool_name
        data["products"] = products[out_key]
        associations.append(Association(data, asn_name))
    return associations


def _products_by_association(
    db: duckdb.DuckDBPyConnection, has_exposerr: bool
) -> dict[str, list[dict[str, Any]]]:
    members: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for out_key, index, expname, exptype, exposerr, asn_candidate, from_pool in db.execute(
        MEMBER_QUERY
    ).fetchall():
        member: dict[str, Any] = {"expname": expname, "exptype": exptype}
        if from_pool:
            member["exposerr"] = exposerr if has_exposerr else None
            if asn_candidate is not None:
                member["asn_candidate"] = asn_candidate
        members[(out_key, index)].append(member)
    products: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for out_key, index, name in db.execute(PRODUCT_QUERY).fetchall():
        products[out_key].append({"name": name, "members": members[(out_key, index)]})
    return products
