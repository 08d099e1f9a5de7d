"""The render cache: same SQL as rendering, no Jinja when warm, invalidated by any change."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys

from asnsql import load_pool
from asnsql.engine import Engine, GenerateOptions
from asnsql import sqlcache
from asnsql.sqlcache import RenderCache, context_digest, tree_fingerprint
from asnsql.templates import SqlTemplates, shipped_sql_dir

from .conftest import REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"


def _rendered(engine):
    return [engine.render_rule(rule) for rule in engine.rules]


def test_cached_sql_is_the_rendered_sql(tmp_path, monkeypatch):
    monkeypatch.setenv("ASNSQL_CACHE_DIR", str(tmp_path))
    first = Engine(load_pool(EXAMPLE))
    cold = _rendered(first)
    first.render_cache.save()
    assert list(tmp_path.glob("render-*/*.json"))
    second = Engine(load_pool(EXAMPLE))
    assert second.templates._templates is None
    assert _rendered(second) == cold
    assert second.templates._templates is None, "a warm cache should not need Jinja"
    context = second.context()
    direct = SqlTemplates()
    assert cold == [direct.render_file(rule.path, context) for rule in second.rules]


def test_warm_run_imports_no_jinja(tmp_path):
    code = (
        "import sys; from asnsql.api import run_generation; "
        f"run_generation({str(EXAMPLE)!r}); print('jinja2' in sys.modules)"
    )
    env = {"ASNSQL_CACHE_DIR": str(tmp_path), "PATH": ""}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


def test_fingerprint_changes_with_any_template(tmp_path):
    tree = tmp_path / "sql"
    shutil.copytree(shipped_sql_dir(), tree)
    before = tree_fingerprint(tree)
    assert tree_fingerprint(tree) == before
    macro = next(tree.glob("macros/**/*.sql"))
    macro.write_text(macro.read_text() + "\n")
    assert tree_fingerprint(tree) != before


def test_no_cache_env_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ASNSQL_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ASNSQL_NO_CACHE", "1")
    cache = RenderCache()
    assert cache.get("model", "x", {}, lambda: "sql") == "sql"
    cache.save()
    assert not list(tmp_path.iterdir())


def test_user_rules_bypass_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASNSQL_CACHE_DIR", str(tmp_path))
    rule = REPO / "sql" / "rules" / "level3" / "Asn_Lv3Image.sql"
    engine = Engine(load_pool(EXAMPLE), GenerateOptions(rule_paths=(rule,), ignore_default=True))
    assert engine.render_cache.path is None
    assert isinstance(engine.templates, SqlTemplates)


def test_generate_command_imports_only_what_it_needs(tmp_path):
    """Start-up counts: a warm `asnsql generate` of a `|` pool loads no template engine,
    no astropy/numpy reader, no pydantic (typer 0.29+ imports it on every command) and,
    where DuckDB ships its engine as `_duckdb`, not DuckDB's relational API (`duckdb`)."""
    out = tmp_path / "out"
    out.mkdir()
    heavy = ["jinja2", "astropy", "numpy", "pydantic"]
    if importlib.util.find_spec("_duckdb") is not None:
        heavy.append("duckdb")
    code = (
        "import sys; from asnsql.cli import main; "
        f"code = main(['generate', {str(EXAMPLE)!r}, '-p', {str(out)!r}, '--overwrite']); "
        f"print(code, sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    env = {"ASNSQL_CACHE_DIR": str(tmp_path), "PATH": ""}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           check=True).stdout.strip().splitlines()[-1] for _ in range(2)]
    assert runs[1] == "0 []"


def test_a_run_reads_only_its_own_contexts(tmp_path, monkeypatch):
    """One file per context: a run with another context neither reads nor rewrites the
    first run's file, and a run with the first context finds its renders there."""
    monkeypatch.setenv("ASNSQL_CACHE_DIR", str(tmp_path))
    finalized = Engine(load_pool(EXAMPLE))
    _rendered(finalized)
    finalized.render_cache.save()
    (folder,) = tmp_path.glob("render-*")
    first_file = folder / f"{context_digest(finalized.context())}.json"
    assert first_file.is_file()
    before = first_file.stat().st_mtime_ns

    raw = Engine(load_pool(EXAMPLE), GenerateOptions(finalize=False))
    _rendered(raw)
    assert context_digest(finalized.context()) not in raw.render_cache.contexts
    raw.render_cache.save()
    assert (folder / f"{context_digest(raw.context())}.json").is_file()
    assert first_file.stat().st_mtime_ns == before

    again = Engine(load_pool(EXAMPLE))
    assert _rendered(again) == _rendered(finalized)
    assert again.templates._templates is None


def test_damaged_context_file_is_rendered_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ASNSQL_CACHE_DIR", str(tmp_path))
    cache = RenderCache()
    cache.get("model", "m", {"a": 1}, lambda: "sql")
    cache.save()
    (path,) = tmp_path.glob("render-*/*.json")
    path.write_text("{not json")
    assert RenderCache().get("model", "m", {"a": 1}, lambda: "again") == "again"


def test_saving_prunes_old_versions_and_contexts(tmp_path, monkeypatch):
    monkeypatch.setenv("ASNSQL_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(sqlcache, "MAX_CONTEXTS", 2)
    for age, name in enumerate(["render-old1", "render-old2", "render-old3", "render-legacy.json"]):
        path = tmp_path / name
        path.mkdir() if not name.endswith(".json") else path.write_text("{}")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    cache = RenderCache()
    for n in range(4):
        cache.get("model", "m", {"n": n}, lambda: "sql")
        cache.save()
        for stale in cache.path.glob("*.json"):
            os.utime(stale, (stale.stat().st_mtime - 10, stale.stat().st_mtime - 10))
    assert len(list(cache.path.glob("*.json"))) == 2
    assert (cache.path / f"{context_digest({'n': 3})}.json").is_file()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == sqlcache.KEEP_VERSIONS
    assert cache.path.name in kept and "render-legacy.json" in kept and "render-old3" in kept
