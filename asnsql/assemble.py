"""The association files and the association dicts (JSON-ready).

No decision about membership happens here: the SQL has already chosen the
associations, their members and their order, and `sql/post/association_json.sql`
has written each file's text with the reference generator's layout and key
order. This module hands those texts out, and turns them into dicts for the
library API.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple


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


def associations_from_files(files: list[AssociationFile]) -> list[Association]:
    """The association dicts of the files, in the same order."""
    return [file.association() for file in files]
