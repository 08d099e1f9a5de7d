"""Open an association as a container of its members: ``datamodels.open(asn)`` without jwst.

``open_asn(path)`` loads the association, resolves every member's file name
relative to the association's folder (absolute names are kept) and checks
that each file exists, naming the first missing one. Members are grouped by
product and exptype; a member's file is opened only when asked for
(``member.open()`` / ``member.model``): with astropy (an ``HDUList``), or as a
stdatamodels model when ``asnsql[datamodels]`` is installed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from asnsql.asn import load_asn
from asnsql.toolbox.errors import MemberFileError

BACKENDS = ("auto", "astropy", "datamodels")


def datamodels_available() -> bool:
    """True when stdatamodels (the ``asnsql[datamodels]`` extra) can be imported."""
    try:
        import stdatamodels.jwst.datamodels  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(eq=False)
class Member:
    """One member of one product; its file is opened on first use."""

    expname: str
    exptype: str
    product: str
    path: Path
    """The member's file, resolved relative to the association's folder."""
    where: str
    """JSON path of the member in the association, e.g. ``$.products[0].members[1]``."""
    entry: dict[str, Any] = field(repr=False)
    """The member's JSON object (expname, exptype, exposerr, ...)."""
    backend: str = field(default="astropy", repr=False)
    _model: Any = field(default=None, init=False, repr=False)

    def open(self) -> Any:
        """The member's file, opened once: an astropy HDUList or a stdatamodels model."""
        if self._model is None:
            self._model = _open_file(self.path, self.backend, self.where)
        return self._model

    @property
    def model(self) -> Any:
        return self.open()

    @property
    def is_open(self) -> bool:
        return self._model is not None

    def close(self) -> None:
        if self._model is not None:
            self._model.close()
            self._model = None


@dataclass(eq=False)
class Product:
    """One product: its name and members, with the members grouped by exptype."""

    name: str
    members: list[Member]

    @property
    def exptypes(self) -> list[str]:
        """The exptypes of the members, in first-seen order."""
        return list(dict.fromkeys(m.exptype for m in self.members))

    def by_exptype(self, exptype: str) -> list[Member]:
        return [m for m in self.members if m.exptype == exptype]

    def __iter__(self) -> Iterator[Member]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)


class AsnContainer(Sequence[Member]):
    """The members of an association, in product and member order.

    Iterating gives every member; ``products`` groups them by product and
    ``by_exptype`` / ``groups`` by exptype. Use as a context manager (or call
    ``close``) to close the files opened.
    """

    def __init__(self, path: Path, association: dict[str, Any], products: list[Product], backend: str):
        self.path = path
        self.association = association
        self.products = products
        self.backend = backend
        self._members = [m for p in products for m in p.members]

    @overload
    def __getitem__(self, index: int) -> Member: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Member]: ...
    def __getitem__(self, index: int | slice) -> Member | Sequence[Member]:
        return self._members[index]

    def __len__(self) -> int:
        return len(self._members)

    def __repr__(self) -> str:
        return (f"<AsnContainer {self.path.name}: {len(self.products)} product(s), "
                f"{len(self)} member(s), backend {self.backend}>")

    @property
    def asn_type(self) -> Any:
        return self.association.get("asn_type")

    @property
    def exptypes(self) -> list[str]:
        return list(dict.fromkeys(m.exptype for m in self._members))

    def product(self, name: str) -> Product:
        for product in self.products:
            if product.name == name:
                return product
        raise KeyError(f"{self.path}: no product named {name!r}")

    def by_exptype(self, exptype: str) -> list[Member]:
        """Every member of that exptype, across products."""
        return [m for m in self._members if m.exptype == exptype]

    def groups(self) -> dict[tuple[str, str], list[Member]]:
        """Members keyed by (product name, exptype), in order."""
        result: dict[tuple[str, str], list[Member]] = {}
        for member in self._members:
            result.setdefault((member.product, member.exptype), []).append(member)
        return result

    def close(self) -> None:
        for member in self._members:
            member.close()

    def __enter__(self) -> AsnContainer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_asn(path: str | Path, backend: str = "auto", check_files: bool = True) -> AsnContainer:
    """Open an association file as a container over its members.

    Args:
        path: the association file.
        backend: "astropy" (HDUList), "datamodels" (stdatamodels model; needs
            ``asnsql[datamodels]``) or "auto" (datamodels when installed).
        check_files: raise MemberFileError at once when a member file is missing.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if backend == "auto":
        backend = "datamodels" if datamodels_available() else "astropy"
    elif backend == "datamodels" and not datamodels_available():
        raise MemberFileError("backend 'datamodels' needs stdatamodels: pip install 'asnsql[datamodels]'")
    path = Path(path)
    association = load_asn(path)
    folder = path.parent
    products = []
    for p, entry in enumerate(association["products"]):
        name = str(entry.get("name", f"product {p}"))
        members = [
            Member(expname=m["expname"], exptype=m["exptype"], product=name,
                   path=_resolve(m["expname"], folder), where=f"$.products[{p}].members[{i}]",
                   entry=m, backend=backend)
            for i, m in enumerate(entry["members"])
        ]
        products.append(Product(name, members))
    container = AsnContainer(path, association, products, backend)
    if check_files:
        missing = [m for m in container if not m.path.is_file()]
        if missing:
            more = f" (and {len(missing) - 1} more missing)" if len(missing) > 1 else ""
            raise MemberFileError(
                f"{path}: {missing[0].where}.expname: member file {missing[0].path} does not exist{more}")
    return container


def _resolve(expname: str, folder: Path) -> Path:
    member = Path(expname).expanduser()
    return member if member.is_absolute() else folder / member


def _open_file(path: Path, backend: str, where: str) -> Any:
    if not path.is_file():
        raise MemberFileError(f"{path}: member file ({where}) does not exist")
    try:
        if backend == "datamodels":
            from stdatamodels.jwst import datamodels

            return datamodels.open(path)
        from astropy.io import fits

        return fits.open(path, memmap=True, lazy_load_hdus=True)
    except (OSError, ValueError, TypeError) as exc:
        raise MemberFileError(f"{path}: cannot open member file ({where}): {exc}") from None
