"""The render cache: same SQL as rendering, no Jinja when warm, invalidated by any change."""

from __future__ import annotations

import shutil
import subprocess
import sys

from asnsql import load_pool
from asnsql.engine import Engine, GenerateOptions
from asnsql.sqlcache import RenderCache, tree_fingerprint
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
    assert list(tmp_path.glob("render-*.json"))
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
    no astropy/numpy reader and no pydantic (typer 0.29+ imports it on every command)."""
    out = tmp_path / "out"
    out.mkdir()
    code = (
        "import sys; from asnsql.cli import main; "
        f"code = main(['generate', {str(EXAMPLE)!r}, '-p', {str(out)!r}, '--overwrite']); "
        "print(code, sorted(m for m in ('jinja2', 'astropy', 'numpy', 'pydantic') if m in sys.modules))"
    )
    env = {"ASNSQL_CACHE_DIR": str(tmp_path), "PATH": ""}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           check=True).stdout.strip().splitlines()[-1] for _ in range(2)]
    assert runs[1] == "0 []"
