"""Rendered SQL, cached on disk: a run whose templates did not change needs no Jinja.

Rendering the shipped templates costs more than running them on a small pool
(importing Jinja, compiling the macro library, rendering every rule). The SQL a
template renders to depends only on the template files, asnsql's rendering
code and the context (the pool's column names and a few flags), so it is kept
in one folder per version of the shipped tree, one JSON file per context:

    $ASNSQL_CACHE_DIR, else $XDG_CACHE_HOME/asnsql, else ~/.cache/asnsql
    render-<fingerprint>/<context digest>.json
        fingerprint: every shipped .sql file, this module, templates.py,
        rules.py, families.py (which rules render together), the version; a run reads only the files of its own contexts
        (a handful), however many pool shapes the cache has seen

Saving keeps the folders of the last KEEP_VERSIONS versions written and the
MAX_CONTEXTS most recent files in a folder; older ones are removed.

Runs with user rules (``-r``) do not use the cache (a user folder may hold
anything a template can include). ``ASNSQL_NO_CACHE=1`` turns the cache off.
An unwritable or damaged cache is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from asnsql import __version__
from asnsql.templates import shipped_sql_dir

NO_CACHE_ENV = "ASNSQL_NO_CACHE"
CACHE_DIR_ENV = "ASNSQL_CACHE_DIR"
MAX_CONTEXTS = 256
"""Context files kept per version: the most recently written."""
KEEP_VERSIONS = 3
"""Versions of the shipped tree whose folders are kept: the most recently written."""
GLOBAL_CONTEXT = "global"
"""The file of renders that take no context (the rule headers, the known columns)."""

_HERE = Path(__file__).resolve().parent
_CODE_FILES = ("sqlcache.py", "templates.py", "rules.py", "families.py")


def cache_dir() -> Path | None:
    """The folder of the render cache, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "asnsql"


def tree_fingerprint(sql_dir: Path | None = None) -> str:
    """A digest of everything rendering depends on: the SQL tree and the rendering code."""
    sql_dir = sql_dir or shipped_sql_dir()
    digest = hashlib.sha256(__version__.encode() + b"\0" + str(sql_dir).encode())
    for path in sorted(sql_dir.rglob("*.sql")):
        digest.update(str(path.relative_to(sql_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _CODE_FILES:
        digest.update(name.encode() + b"\0" + (_HERE / name).read_bytes() + b"\0")
    return digest.hexdigest()[:24]


class RenderCache:
    """Renders looked up by (template, context); misses are rendered and saved on `save`."""

    def __init__(self, enabled: bool = True) -> None:
        folder = cache_dir() if enabled else None
        self.path: Path | None = None
        """This version's folder (None: caching is off)."""
        self.contexts: dict[str, dict[str, Any]] = {}
        """Loaded context files, by their digest."""
        self.dirty: set[str] = set()
        if folder is None:
            return
        try:
            self.path = folder / f"render-{tree_fingerprint()}"
        except OSError:
            self.path = None

    def get(self, kind: str, name: str, context: Mapping[str, Any] | None,
            render: Callable[[], Any]) -> Any:
        """The cached value for (kind, name, context), rendering it on a miss."""
        digest = context_digest(context)
        entries = self._entries(digest)
        key = json.dumps([kind, name])
        if key in entries:
            return entries[key]
        value = render()
        if self.path is not None:
            entries[key] = value
            self.dirty.add(digest)
        return value

    def _entries(self, digest: str) -> dict[str, Any]:
        if digest not in self.contexts:
            self.contexts[digest] = self._read(digest)
        return self.contexts[digest]

    def _read(self, digest: str) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            loaded = json.loads((self.path / f"{digest}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def save(self) -> None:
        """Write the context files that gained renders (atomically), then prune; errors are ignored."""
        if not self.dirty or self.path is None:
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            for digest in sorted(self.dirty):
                fd, tmp = tempfile.mkstemp(prefix=".render-", dir=self.path)
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(self.contexts[digest], handle)
                os.replace(tmp, self.path / f"{digest}.json")
            self.dirty.clear()
        except OSError:
            return
        _keep_newest(list(self.path.glob("*.json")), MAX_CONTEXTS)
        _keep_newest([p for p in self.path.parent.glob("render-*") if p != self.path],
                     KEEP_VERSIONS - 1)


def context_digest(context: Mapping[str, Any] | None) -> str:
    """The name of a context's file: a digest of the context (GLOBAL_CONTEXT for none)."""
    if context is None:
        return GLOBAL_CONTEXT
    text = json.dumps(context, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _keep_newest(paths: list[Path], keep: int) -> None:
    """Remove all but the `keep` most recently modified of `paths` (files or folders)."""
    def modified(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    for path in sorted(paths, key=modified, reverse=True)[max(keep, 0):]:
        try:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()
        except OSError:
            pass


class CachedTemplates:
    """`SqlTemplates` behind the render cache; Jinja is loaded only on a miss.

    Used for the shipped templates only (no user folders).
    """

    def __init__(self, cache: RenderCache) -> None:
        self.cache = cache
        self._templates: Any = None

    @property
    def templates(self) -> Any:
        if self._templates is None:
            from asnsql.templates import shipped_templates

            self._templates = shipped_templates()
        return self._templates

    def render_model(self, name: str, context: Mapping[str, Any]) -> str:
        return self.cache.get("model", name, dict(context),
                              lambda: self.templates.render_model(name, context))

    def known_columns(self) -> list[str]:
        return list(self.cache.get("global", "KNOWN_COLUMNS", None,
                                   lambda: self.templates.known_columns()))

    def render_file(self, path: Path, context: Mapping[str, Any]) -> str:
        return self.cache.get("file", str(path), dict(context),
                              lambda: self.templates.render_file(path, context))

    def entry_selections(self, path: Path, context: Mapping[str, Any]) -> list[list[str]] | None:
        return self.cache.get("entry", str(path), dict(context),
                              lambda: self.templates.entry_selections(path, context))

    def recorded_calls(self, path: Path, context: Mapping[str, Any],
                       macros: tuple[str, str]) -> dict[str, Any] | None:
        return self.cache.get("calls", f"{path}:{','.join(macros)}", dict(context),
                              lambda: self.templates.recorded_calls(path, context, macros))

    def render_family(self, template: str, family: Mapping[str, Any],
                      context: Mapping[str, Any]) -> str:
        """Cached by the family's rules (shipped rules: their names fix their SQL)."""
        names = ",".join(member["rule"] for member in family["members"])
        return self.cache.get("family", f"{template}:{names}", dict(context),
                              lambda: self.templates.render_family(template, family, context))


def shipped_rules_cached(cache: RenderCache) -> list[Any]:
    """The shipped rules (asnsql.rules.shipped_rules), their headers read from the cache."""
    from asnsql.rules import Rule, shipped_rules

    records = cache.get("rules", "shipped", None, lambda: [
        {"name": r.name, "level": r.level, "asn_type": r.asn_type, "path": str(r.path),
         "header": r.header} for r in shipped_rules()])
    return [Rule(name=r["name"], level=r["level"], asn_type=r["asn_type"], path=Path(r["path"]),
                 shipped=True, header=r["header"]) for r in records]
