"""Build an association from a list of files, as the reference's ``asn_from_list``.

Level 3 (``DMS_Level3_Base`` or any Level 3 rule): one product named by the
caller, every file a member. Level 2 (``DMSLevel2bBase`` or any Level 2 rule):
one product per file, named after the file without extension and known suffix.
Names are used verbatim; no pool is involved. The result passes the Level 2b /
Level 3 schema, and the checks the reference makes before writing (a Level 2
association needs a science member; a background candidate id a background
member) are made here with a clear error instead of an empty output file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from asnsql import __version__
from asnsql.assemble import DEGRADED_OK, Association
from asnsql.toolbox.errors import FromListError
from asnsql.toolbox.names import product_names

LEVEL3_BASE = "DMS_Level3_Base"
LEVEL2_BASE = "DMSLevel2bBase"
BASE_RULES = {LEVEL3_BASE.lower(): (LEVEL3_BASE, 3), LEVEL2_BASE.lower(): (LEVEL2_BASE, 2),
              "level3": (LEVEL3_BASE, 3), "level2": (LEVEL2_BASE, 2), "level2b": (LEVEL2_BASE, 2)}
DEFAULT_ACID = "o999"
LIST_ASN_ID = "a3001"
UNDEFINED_PRODUCT = "undefined"

Item = str | tuple[str, str]


def rule_level(rule: str) -> tuple[str, int]:
    """(rule name as written in ``asn_rule``, level) for a base class or rule name.

    Accepted: ``DMS_Level3_Base``, ``DMSLevel2bBase`` (also ``level3``,
    ``level2``), a shipped asnsql rule (its header gives the level), or a
    reference rule name of the ``Asn_Lv2...`` / ``Asn_Lv3...`` form.
    """
    base = BASE_RULES.get(rule.lower())
    if base is not None:
        return base
    from asnsql.rules import shipped_rules

    for shipped in shipped_rules():
        if shipped.name.lower() == rule.lower():
            return shipped.name, shipped.level
    match = re.fullmatch(r"asn_lv([23])\w+", rule, re.IGNORECASE)
    if match:
        return rule, int(match.group(1))
    raise FromListError(
        f"-r {rule}: not a Level 2 or Level 3 rule; use {LEVEL3_BASE}, {LEVEL2_BASE} "
        "or a rule name from `asnsql rules`"
    )


def from_list(
    items: Iterable[Item],
    rule: str = LEVEL3_BASE,
    product_name: str | None = None,
    acid: str = DEFAULT_ACID,
    exptype: str = "science",
    meta: dict[str, Any] | None = None,
) -> Association:
    """Return the association ``asn_from_list`` would build from ``items``.

    Args:
        items: file names, in order; or ``(expname, exptype)`` pairs (an empty
            exptype means ``exptype``).
        rule: base class or rule name (see `rule_level`); decides the level.
        product_name: the Level 3 product name (required at Level 3, ignored at Level 2).
        acid: Level 2 candidate id, ``o...`` (observation) or ``c...`` (background).
        exptype: the exptype of members given as bare names.
        meta: top-level keys to set or override (e.g. ``program``, ``asn_pool``).
    """
    rule_name, level = rule_level(rule)
    members = _members(items, exptype)
    if not members:
        raise FromListError("no files given; name at least one file")
    if level == 3:
        data = _level3(members, rule_name, product_name)
        asn_name = f"jwnoprogram-{LIST_ASN_ID}_none_00001_asn"
    else:
        data = _level2(members, rule_name, acid)
        asn_name = f"jwnoprogram-{acid}_none_00001_asn"
    data.update(meta or {})
    return Association(data, asn_name)


def _members(items: Iterable[Item], exptype: str) -> list[dict[str, str]]:
    members = []
    for item in items:
        if isinstance(item, tuple):
            expname, item_type = item
            members.append({"expname": str(expname), "exptype": str(item_type or exptype)})
        else:
            members.append({"expname": str(item), "exptype": exptype})
    return members


def _header(rule_name: str) -> dict[str, Any]:
    return {
        "asn_type": "None",
        "asn_rule": rule_name,
        "version_id": None,
        "code_version": f"asnsql {__version__}",
        "degraded_status": DEGRADED_OK,
        "program": "noprogram",
        "constraints": "No constraints",
        "asn_id": LIST_ASN_ID,
    }


def _level3(members: list[dict[str, str]], rule_name: str, product_name: str | None) -> dict[str, Any]:
    if not product_name:
        raise FromListError(f"{rule_name}: a Level 3 association needs --product-name NAME")
    data = _header(rule_name)
    data["target"] = "none"
    data["asn_pool"] = "none"
    data["products"] = [{"name": product_name, "members": members}]
    return data


def _level2(members: list[dict[str, str]], rule_name: str, acid: str) -> dict[str, Any]:
    kind = _candidate_type(acid)
    exptypes = {m["exptype"] for m in members}
    if "science" not in exptypes:
        raise FromListError(
            f"{rule_name}: a Level 2 association needs a science member; "
            f"every file has exptype {sorted(exptypes)[0]!r}"
        )
    if kind == "background" and "background" not in exptypes:
        raise FromListError(
            f"-i {acid}: a background candidate needs a background member; "
            "use an observation id (o...) or give some files exptype background"
        )
    names = product_names([m["expname"] for m in members])
    data = _header(rule_name)
    data["asn_pool"] = "none"
    data["products"] = [
        {"name": name if member["exptype"] == "science" else UNDEFINED_PRODUCT, "members": [member]}
        for name, member in zip(names, members)
    ]
    return data


def _candidate_type(acid: str) -> str:
    if acid.startswith("o"):
        return "observation"
    if acid.startswith("c"):
        return "background"
    raise FromListError(f"-i {acid}: a candidate id starts with o (observation) or c (background)")

