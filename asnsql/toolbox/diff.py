"""Compare two associations, or two folders of them, product by product.

Products are matched by name (a folder's associations are split into their
products). For each side the report names what is only there, and for each
product on both sides what differs: the association's keys, members only on
one side, members whose exptype (or other fields) differ, member order.
Every entry names the files it comes from.

Keys that differ between any two runs (``version_id``, ``code_version``,
``constraints``) are not compared; `diff` takes more keys to ignore.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asnsql.asn import load_asn
from asnsql.toolbox.errors import DiffInputError
from asnsql.toolbox.names import base_name, product_names

ALWAYS_IGNORED = ("products", "version_id", "code_version", "constraints")


@dataclass(frozen=True)
class ProductRef:
    """One product of one association file."""

    name: str
    file: str
    index: int
    association: dict[str, Any] = field(compare=False, repr=False)

    @property
    def members(self) -> list[dict[str, Any]]:
        return self.association["products"][self.index]["members"]

    @property
    def asn_type(self) -> str:
        return str(self.association.get("asn_type"))


@dataclass
class ProductDiff:
    """How one product, present on both sides, differs."""

    left: ProductRef
    right: ProductRef
    keys: list[tuple[str, Any, Any]] = field(default_factory=list)
    """(key, left value, right value) of association keys that differ."""
    only_left: list[dict[str, Any]] = field(default_factory=list)
    only_right: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], dict[str, Any], list[str]]] = field(default_factory=list)
    """(left member, right member, fields that differ) for members on both sides."""
    order_differs: bool = False

    @property
    def same(self) -> bool:
        return not (self.keys or self.only_left or self.only_right or self.changed or self.order_differs)


@dataclass
class Diff:
    """The comparison of two sides."""

    left: str
    right: str
    left_counts: tuple[int, int]
    right_counts: tuple[int, int]
    """(associations, products) of each side."""
    only_left: list[ProductRef] = field(default_factory=list)
    only_right: list[ProductRef] = field(default_factory=list)
    differ: list[ProductDiff] = field(default_factory=list)
    same: list[ProductDiff] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.only_left or self.only_right or self.differ)


def load_side(path: str | Path) -> tuple[list[tuple[str, dict[str, Any]]], str]:
    """(file, association) pairs of a file or of a folder's ``*.json`` files."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if not p.name.startswith("_"))
        if not files:
            raise DiffInputError(f"{path}: folder has no association (.json) files")
        return [(str(f), load_asn(f)) for f in files], str(path)
    if not path.exists():
        raise DiffInputError(f"{path}: no such association file or folder")
    return [(str(path), load_asn(path))], str(path)


def diff(
    left: str | Path,
    right: str | Path,
    ignore_keys: Sequence[str] = (),
    ignore_suffix: bool = False,
    ignore_order: bool = False,
) -> Diff:
    """Compare the associations at ``left`` and ``right`` (files or folders).

    Args:
        left, right: an association file, or a folder of them.
        ignore_keys: association keys not to compare (besides version_id,
            code_version and constraints).
        ignore_suffix: match members by file name without extension and known
            suffix (``jw..._rate.fits`` = ``jw..._cal.fits``), as the reference's diff.
        ignore_order: do not report members listed in a different order.
    """
    left_asns, left_name = load_side(left)
    right_asns, right_name = load_side(right)
    ignored = set(ALWAYS_IGNORED) | set(ignore_keys)
    left_products = _products(left_asns)
    right_products = _products(right_asns)
    result = Diff(left_name, right_name, _counts(left_asns), _counts(right_asns))
    for name in sorted(set(left_products) | set(right_products)):
        lefts, rights = list(left_products.get(name, [])), list(right_products.get(name, []))
        for l_ref, r_ref in _pairs(lefts, rights):
            product = _compare(l_ref, r_ref, ignored, ignore_suffix, ignore_order)
            (result.same if product.same else result.differ).append(product)
        result.only_left.extend(lefts)
        result.only_right.extend(rights)
    return result


def _pairs(lefts: list[ProductRef], rights: list[ProductRef]) -> list[tuple[ProductRef, ProductRef]]:
    """Pair products of one name: identical (type and members) ones first, then in file order.

    Products left unpaired stay at the ends of ``lefts`` / ``rights``.
    """
    pairs = []
    for l_ref in list(lefts):
        twin = next((r for r in rights if (r.asn_type, r.members) == (l_ref.asn_type, l_ref.members)), None)
        if twin is not None:
            pairs.append((l_ref, twin))
            lefts.remove(l_ref)
            rights.remove(twin)
    n = min(len(lefts), len(rights))
    pairs += list(zip(lefts[:n], rights[:n]))
    del lefts[:n], rights[:n]
    return pairs


def _counts(asns: list[tuple[str, dict[str, Any]]]) -> tuple[int, int]:
    return len(asns), sum(len(a["products"]) for _, a in asns)


def _products(asns: list[tuple[str, dict[str, Any]]]) -> dict[str, list[ProductRef]]:
    products: dict[str, list[ProductRef]] = defaultdict(list)
    for file, asn in asns:
        for index, product in enumerate(asn["products"]):
            name = str(product.get("name", ""))
            products[name].append(ProductRef(name, file, index, asn))
    return products


def _compare(left: ProductRef, right: ProductRef, ignored: set[str],
             ignore_suffix: bool, ignore_order: bool) -> ProductDiff:
    result = ProductDiff(left, right)
    for key in dict.fromkeys([*left.association, *right.association]):
        if key in ignored:
            continue
        l_value, r_value = left.association.get(key, _MISSING), right.association.get(key, _MISSING)
        if l_value != r_value:
            result.keys.append((key, l_value, r_value))
    l_keys = _member_keys(left.members, ignore_suffix)
    r_keys = _member_keys(right.members, ignore_suffix)
    unmatched_right = list(range(len(right.members)))
    pairs = []
    for i, key in enumerate(l_keys):
        j = next((j for j in unmatched_right if r_keys[j] == key), None)
        if j is None:
            result.only_left.append(left.members[i])
            continue
        unmatched_right.remove(j)
        pairs.append((i, j))
        fields = [f for f in dict.fromkeys([*left.members[i], *right.members[j]])
                  if f != "expname" and left.members[i].get(f, _MISSING) != right.members[j].get(f, _MISSING)]
        if fields:
            result.changed.append((left.members[i], right.members[j], fields))
    result.only_right = [right.members[j] for j in unmatched_right]
    if not ignore_order:
        result.order_differs = [j for _, j in pairs] != sorted(j for _, j in pairs)
    return result


def _member_keys(members: list[dict[str, Any]], ignore_suffix: bool) -> list[str]:
    names = [str(m.get("expname")) for m in members]
    return product_names([base_name(n) for n in names]) if ignore_suffix else names


class _Missing:
    def __repr__(self) -> str:
        return "(absent)"


_MISSING = _Missing()


def format_diff(result: Diff, show_same: bool = False) -> str:
    """A readable report: products only left, only right, differing; files named."""
    lines = [
        f"left:  {result.left} ({_plural(result.left_counts[0], 'association')}, "
        f"{_plural(result.left_counts[1], 'product')})",
        f"right: {result.right} ({_plural(result.right_counts[0], 'association')}, "
        f"{_plural(result.right_counts[1], 'product')})",
    ]
    for title, refs in (("only in left", result.only_left), ("only in right", result.only_right)):
        if refs:
            lines += ["", f"{title} ({_plural(len(refs), 'product')}):"]
            for ref in refs:
                lines.append(f"  {ref.name}  [{ref.asn_type}, {_plural(len(ref.members), 'member')}]  "
                             f"{_short(ref.file, result)}")
    if result.differ:
        lines += ["", f"differ ({_plural(len(result.differ), 'product')}):"]
        for product in result.differ:
            lines += _format_product(product, result)
    if show_same and result.same:
        lines += ["", f"same ({_plural(len(result.same), 'product')}):"]
        lines += [f"  {p.left.name}  {_short(p.left.file, result)} = {_short(p.right.file, result)}"
                  for p in result.same]
    lines += ["", _summary(result)]
    return "\n".join(lines)


def _short(file: str, result: Diff) -> str:
    """A file as named under its side: the bare name when the side is a folder."""
    for root in (result.left, result.right):
        if Path(root).is_dir() and Path(file).parent == Path(root):
            return Path(file).name
    return file


def _format_product(product: ProductDiff, result: Diff) -> list[str]:
    left_file, right_file = _short(product.left.file, result), _short(product.right.file, result)
    if left_file == right_file:
        lines = [f"  {product.left.name}", f"    file:  {left_file} (left and right)"]
    else:
        lines = [f"  {product.left.name}", f"    left:  {left_file}", f"    right: {right_file}"]
    for key, l_value, r_value in product.keys:
        lines.append(f"    {key}: {_show(l_value)} (left) != {_show(r_value)} (right)")
    for side, members in (("left", product.only_left), ("right", product.only_right)):
        if members:
            lines.append(f"    members only in {side} ({len(members)}):")
            lines += [f"      {m.get('expname')} ({m.get('exptype')})" for m in members]
    for l_member, r_member, fields in product.changed:
        changes = ", ".join(f"{f} {_show(l_member.get(f, _MISSING))} != {_show(r_member.get(f, _MISSING))}"
                            for f in fields)
        name = l_member.get("expname")
        if r_member.get("expname") != name:
            name = f"{name} / {r_member.get('expname')}"
        lines.append(f"    member {name}: {changes}")
    if product.order_differs:
        lines.append("    members are in a different order")
    return lines


def _show(value: Any) -> str:
    return repr(value)


def _summary(result: Diff) -> str:
    if result.identical:
        return f"no differences: {_plural(len(result.same), 'product')} match"
    counts = {"only in left": len(result.only_left), "only in right": len(result.only_right),
              "differ": len(result.differ), "same": len(result.same)}
    return "; ".join(f"{n} {what}" for what, n in counts.items() if n)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
