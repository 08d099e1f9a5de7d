"""Errors of the toolbox commands: AsnsqlError subclasses with one clear line."""

from __future__ import annotations

from asnsql.errors import AssociationError, AsnsqlError, PoolError


class FromListError(AssociationError):
    """`from_list` cannot build a valid association from the files and options given."""


class EditError(AssociationError):
    """`edit` cannot read, change or write the association."""


class MemberFileError(AssociationError):
    """A member file named by an association is missing or cannot be opened."""


class GatherError(AssociationError):
    """`gather` cannot copy an association's members where asked."""


class HeaderError(PoolError):
    """`make_pool` cannot read a FITS file or its header lacks a keyword it needs."""


class InvalidAssociation(AssociationError):
    """An association file is not strict JSON or fails its schema (exit status 1)."""

    exit_code = 1


class DiffInputError(AsnsqlError):
    """`diff` was given something that is neither an association nor a folder of them."""
