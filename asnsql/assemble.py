"""The association files and the association dicts (JSON-ready).

No decision about membership happens here: the SQL has already chosen the
associations, their members and their order, and `sql/post/association_json.sql`
has written each file's text with the reference generator's layout and key
order. This module hands those texts out, and turns them into dicts for the
library API.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

if TYPE_CHECKING:
    import duckdb

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


class AssociationFile(NamedTuple):
    """One association file: its name (without .json), its asn_type and its JSON text."""

    asn_name: str
    asn_type: str
    text: str

    @property
    def file_name(self) -> str:
        return self.asn_name + ".json"

    def association(self) -> Association:
        return Association(json.loads(self.text), self.asn_name)


class AssociationFiles(Sequence[AssociationFile]):
    """The files of a generation, read from the table ``association_json`` as needed.

    Iterating streams the rows in output order (a large pool's texts are never all
    in Python at once); indexing loads them all once. ``counts_by_type`` and
    ``names`` come from SQL.
    """

    BATCH = 2000

    def __init__(self, db: duckdb.DuckDBPyConnection, table: str = "association_json") -> None:
        self.db = db
        self.table = table
        self._length: int = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        self._loaded: list[AssociationFile] | None = None

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[AssociationFile]:
        if self._loaded is not None:
            yield from self._loaded
            return
        # the table was created in output order, and DuckDB keeps insertion order
        from asnsql.pool import open_cursor

        cursor = open_cursor(self.db)
        cursor.execute(f"SELECT asn_name, asn_type, json FROM {self.table}")
        while rows := cursor.fetchmany(self.BATCH):
            for row in rows:
                yield AssociationFile(*row)

    @overload
    def __getitem__(self, index: int) -> AssociationFile: ...
    @overload
    def __getitem__(self, index: slice) -> list[AssociationFile]: ...
    def __getitem__(self, index: int | slice) -> AssociationFile | list[AssociationFile]:
        if self._loaded is None:
            self._loaded = list(iter(self))
        return self._loaded[index]

    def counts_by_type(self) -> dict[str, int]:
        """Number of files per asn_type, by type name."""
        return dict(self.db.execute(
            f"SELECT asn_type, count(*) FROM {self.table} GROUP BY asn_type ORDER BY asn_type").fetchall())


def associations_from_files(files: Sequence[AssociationFile]) -> list[Association]:
    """The association dicts of the files, in the same order."""
    return [file.association() for file in files]
