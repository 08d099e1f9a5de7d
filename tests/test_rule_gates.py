"""models/rule_gates.sql: which rules some item enters. Its two shapes (one scan for
small pools, one EXISTS per rule for large ones) agree, a rule whose gate is closed
would have emitted nothing, and Level 3 target acquisitions alone open no gate."""

from __future__ import annotations

import pytest

from asnsql import load_pool
from asnsql.engine import Engine, GenerateOptions, _rule_select
from asnsql.templates import SqlTemplates

from .conftest import DATA

POOLS = sorted(path.name for path in DATA.glob("*_pool.csv"))


def _engine(pool_file: str, **options) -> Engine:
    engine = Engine(load_pool(DATA / pool_file), GenerateOptions(**options))
    engine.prepare()
    engine.plan_runs()
    return engine


def _gates(engine: Engine, gate_each_rule: bool) -> list[bool]:
    context = engine.context()
    selections = [engine.templates.entry_selections(rule.path, context) for rule in engine.rules]
    sql = engine.templates.render_model("models/rule_gates.sql", {
        **context, "selections": selections, "gate_each_rule": gate_each_rule})
    return list(engine.db.execute(sql).fetchone()[0])


@pytest.mark.parametrize("pool_file", POOLS)
def test_both_shapes_give_the_same_gates(pool_file):
    engine = _engine(pool_file)
    scan = _gates(engine, gate_each_rule=False)
    assert len(scan) == len(engine.rules)
    assert _gates(engine, gate_each_rule=True) == scan


def test_the_pools_open_and_close_gates():
    """The comparison above is not vacuous: over the test pools every shipped rule's
    gate is closed somewhere, and all but four are open somewhere (no test pool has
    NIRSpec MSA, IFU nods, imprints or ACQ reprocessing)."""
    open_somewhere: set[str] = set()
    closed_somewhere: set[str] = set()
    for pool_file in POOLS:
        engine = _engine(pool_file)
        for rule, gate in zip(engine.rules, _gates(engine, gate_each_rule=True)):
            (open_somewhere if gate else closed_somewhere).add(rule.name)
    names = {rule.name for rule in _engine(POOLS[0]).rules}
    assert len(open_somewhere) >= len(names) - 4
    assert closed_somewhere == names


@pytest.mark.parametrize("pool_file, finalize", [
    *((pool_file, False) for pool_file in POOLS),
    *((pool_file, True) for pool_file in ["image_nircam_pool.csv", "l3_spec_ta_pool.csv",
                                          "miri_lrs_long_program_pool.csv", "wfss_parallel_pool.csv"])])
def test_a_closed_gate_hides_no_member(pool_file, finalize):
    """Every rule runs here, whatever its gate: those with a closed gate emit no row,
    not even an invalid association. Rules keep their invalid associations with
    --no-finalize (which numbers them), so every pool runs in that mode."""
    engine = _engine(pool_file, finalize=finalize)
    closed = [rule for rule, gate in zip(engine.rules, _gates(engine, gate_each_rule=True)) if not gate]
    assert closed, "some gate is closed in this pool"
    for rule in closed:
        sql = _rule_select(engine.render_rule(rule).strip().rstrip(";"))
        assert engine.db.execute(f"SELECT count(*) FROM ({sql})", {"rule": rule.name}).fetchone()[0] == 0, rule.name


def test_target_acquisitions_alone_open_no_level3_gate():
    """A Level 3 rule's TA selection (starts=false) opens no gate: over the test pools,
    Level 3 rules stay closed where only their TA selection takes an item (and the
    test above runs each of them, finding no row)."""
    templates = SqlTemplates()
    closed_by_ta: set[str] = set()
    for pool_file in POOLS:
        engine = _engine(pool_file, finalize=False)
        context = engine.context()
        for rule, gate in zip(engine.rules, _gates(engine, gate_each_rule=True)):
            templates.render_file(rule.path, context)
            attach_only = [checks for (_, checks), only in
                           zip(templates.recorded_checks, templates.recorded_attach_only) if only]
            taken = [engine.db.execute("SELECT count(*) FROM items WHERE "
                                       + " AND ".join(f"({c})" for c in checks.values())).fetchone()[0]
                     for checks in attach_only]
            if attach_only:
                assert rule.level == 3, f"{rule.name}: only Level 3 TAs are attach-only"
            if not gate and any(taken):
                closed_by_ta.add(rule.name)
    assert len(closed_by_ta) >= 4, closed_by_ta


@pytest.mark.parametrize("threshold, shape", [(0, "EXISTS ("), (10**9, "bool_or(")])
def test_the_engine_picks_the_shape_by_run_items(threshold, shape, monkeypatch):
    engine = _engine("image_nircam_pool.csv")
    engine.gate_each_rule_min_run_items = threshold
    rendered: list[str] = []
    render_model = engine.templates.render_model

    def recording(name, context):
        sql = render_model(name, context)
        if name == "models/rule_gates.sql":
            rendered.append(sql)
        return sql

    monkeypatch.setattr(engine.templates, "render_model", recording)
    entered = [rule.name for rule in engine.entered_rules()]
    # two queries (half the rules each, side by side), both of the shape
    assert len(rendered) == 2 and all(shape in sql for sql in rendered)
    expected = [rule.name for rule, gate in zip(engine.rules, _gates(engine, gate_each_rule=False)) if gate]
    assert entered == expected and 0 < len(entered) < len(engine.rules)
