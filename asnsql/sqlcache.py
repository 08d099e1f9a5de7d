"""Rendered SQL, cached on disk: a run whose templates did not change needs no Jinja.

Rendering the shipped templates costs more than running them on a small pool
(importing Jinja, compiling the macro library, rendering every rule). The SQL a
template renders to depends only on the template files, asnsql's rendering
code and the context (the pool's column names and a few flags), so it is kept
in one JSON file per version of the shipped tree, keyed by template and context:

    $ASNSQL_CACHE_DIR, else $XDG_CACHE_HOME/asnsql, else ~/.cache/asnsql
    render-<fingerprint>.json     fingerprint: every shipped .sql file, this
                                  module, templates.py, rules.py, the version

Runs with user rules (``-r``) do not use the cache (a user folder may hold
anything a template can include). ``ASNSQL_NO_CACHE=1`` turns the cache off.
An unwritable or damaged cache is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from asnsql import __version__
from asnsql.templates import shipped_sql_dir

NO_CACHE_ENV = "ASNSQL_NO_CACHE"
CACHE_DIR_ENV = "ASNSQL_CACHE_DIR"
MAX_ENTRIES = 2000  # a file past this many renders is started afresh

_HERE = Path(__file__).resolve().parent
_CODE_FILES = ("sqlcache.py", "templates.py", "rules.py")


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
        self.entries: dict[str, Any] = {}
        self.dirty = False
        if folder is None:
            return
        try:
            self.path = folder / f"render-{tree_fingerprint()}.json"
            if self.path.is_file():
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.entries = loaded
        except (OSError, ValueError):
            self.entries = {}

    def get(self, kind: str, name: str, context: Mapping[str, Any] | None,
            render: Callable[[], Any]) -> Any:
        """The cached value for (kind, name, context), rendering it on a miss."""
        key = json.dumps([kind, name, context], sort_keys=True, default=str)
        if key in self.entries:
            return self.entries[key]
        value = render()
        if self.path is not None:
            if len(self.entries) >= MAX_ENTRIES:
                self.entries = {}
            self.entries[key] = value
            self.dirty = True
        return value

    def save(self) -> None:
        """Write the cache file if anything was added (atomically; errors are ignored)."""
        if not self.dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".render-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.entries, handle)
            os.replace(tmp, self.path)
            self.dirty = False
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

    def entry_condition(self, path: Path, context: Mapping[str, Any]) -> list[str] | None:
        return self.cache.get("entry", str(path), dict(context),
                              lambda: self.templates.entry_condition(path, context))


def shipped_rules_cached(cache: RenderCache) -> list[Any]:
    """The shipped rules (asnsql.rules.shipped_rules), their headers read from the cache."""
    from asnsql.rules import Rule, shipped_rules

    records = cache.get("rules", "shipped", None, lambda: [
        {"name": r.name, "level": r.level, "asn_type": r.asn_type, "path": str(r.path),
         "header": r.header} for r in shipped_rules()])
    return [Rule(name=r["name"], level=r["level"], asn_type=r["asn_type"], path=Path(r["path"]),
                 shipped=True, header=r["header"]) for r in records]
