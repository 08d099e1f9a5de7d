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
SELECT run_id, rule, asn_key, level, asn_type, asn_rule, asn_id, program, target,
       constraints, degraded, product_name, asn_name
FROM final_associations
ORDER BY output_order
"""

MEMBER_QUERY = """
SELECT m.run_id, m.rule, m.asn_key, m.expname, m.exptype, m.exposerr, m.asn_candidate,
       m._row IS NOT NULL AS from_pool
FROM rule_members m
SEMI JOIN final_associations f USING (run_id, rule, asn_key)
ORDER BY m.run_id, m.rule, m.asn_key, m.member_order
"""


def assemble(
    db: duckdb.DuckDBPyConnection, pool_name: str, version_id: str | None, has_exposerr: bool
) -> list[Association]:
    """Build association dicts from `final_associations` and `rule_members`."""
    members = _members_by_association(db, has_exposerr)
    associations = []
    for row in db.execute(ASSOCIATION_QUERY).fetchall():
        (run_id, rule, asn_key, level, asn_type, asn_rule, asn_id, program, target,
         constraints, degraded, product_name, asn_name) = row
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
        data["products"] = [
            {"name": product_name, "members": members[(run_id, rule, asn_key)]}
        ]
        associations.append(Association(data, asn_name))
    return associations


def _members_by_association(
    db: duckdb.DuckDBPyConnection, has_exposerr: bool
) -> dict[tuple[int, str, str], list[dict[str, Any]]]:
    members: dict[tuple[int, str, str], list[dict[str, Any]]] = defaultdict(list)
    for run_id, rule, asn_key, expname, exptype, exposerr, asn_candidate, from_pool in db.execute(
        MEMBER_QUERY
    ).fetchall():
        member: dict[str, Any] = {"expname": expname, "exptype": exptype}
        if from_pool:
            member["exposerr"] = exposerr if has_exposerr else None
            if asn_candidate is not None:
                member["asn_candidate"] = asn_candidate
        members[(run_id, rule, asn_key)].append(member)
    return members
