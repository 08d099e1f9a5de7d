"""Run the generation pipeline in DuckDB: models, rules, finalization, naming.

Data flow (one direction):

    pool ──▶ candidates, exposures ──▶ runs ──▶ run_items ──▶ items
         ──▶ rule gates ──▶ every rule some item enters (rule_members: one row per member)
         ──▶ associations ──▶ kept (validity, pruning) ──▶ final_associations

Python renders templates and moves tables along; every decision about which
exposures form which association is made by the SQL.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from asnsql import __version__
from asnsql.assemble import AssociationFiles
from asnsql.checks import check_columns, check_values, model_columns, value_checks_alongside
from asnsql.duck import duckdb, relational_api
from asnsql.errors import AsnsqlError, RuleError
from asnsql.families import KINDS, families, family_context, member
from asnsql.pool import Pool, compact, current_database, drop_relation, fetch_side_by_side, open_cursor
from asnsql.rules import Rule, select_rules, user_template_dirs
from asnsql.sqlcache import CachedTemplates, RenderCache, shipped_rules_cached
from asnsql.templates import SqlTemplates, shipped_sql_dir, shipped_templates

MODES = ("default", "all-candidates", "discover", "ids")

MODEL_ORDER = ("exposures", "candidates")
"""Models made once per pool, in order: candidates reads the raw ASN_CANDIDATE texts of
exposures (a table) rather than the `pool` view, which splits every line again per scan."""
RUN_MODEL_ORDER = ("runs", "run_items", "items")
POST_ORDER = ("associations", "prune", "sequence", "deliver")
POST_INTERMEDIATES = ("associations", "kept", "final_associations")
"""Post-processing tables that nothing reads once deliver.sql has run, but
post/fates.sql (`asnsql explain`). From COMPACT_MIN_RUN_ITEMS on they are dropped
before the tables are compressed: at a million exposures compressing them took
7.7 of the compaction's 9.8 s (and it has taken 21 s)."""

RULE_MEMBERS_SCHEMA = """
CREATE OR REPLACE TABLE rule_members (
    rule VARCHAR NOT NULL,
    run_id INTEGER NOT NULL,
    asn_key VARCHAR NOT NULL,
    created_at BIGINT NOT NULL,
    split_order INTEGER,
    product_name VARCHAR NOT NULL,
    target VARCHAR,
    program VARCHAR,
    constraints VARCHAR,
    is_valid BOOLEAN NOT NULL,
    finalize_ok BOOLEAN,
    degraded_override BOOLEAN,
    member_order BIGINT NOT NULL,
    _row BIGINT,
    expname VARCHAR NOT NULL,
    exptype VARCHAR NOT NULL,
    exposerr VARCHAR,
    asn_candidate VARCHAR
)
"""
RULE_WORKERS_ENV = "ASNSQL_RULE_WORKERS"
THREADS_ENV = "ASNSQL_THREADS"
MEMORY_LIMIT_ENV = "ASNSQL_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT_MB = 2500
"""DuckDB's memory limit (a million exposures peak at about 3.3 GB of RSS with it), unless
the machine has less than twice as much memory: see `default_memory_limit`."""
CONCURRENT_RULES_MAX_ITEMS = 200_000
"""Run rules two at a time while run_items has at most this many rows."""
FAMILY_MAX_RUN_ITEMS = CONCURRENT_RULES_MAX_ITEMS
"""Run the rules of one family (asnsql.families) as one statement while run_items has
at most this many rows: one plan instead of one per rule, where planning is most of
the cost. Larger pools run each rule alone (a family's statement holds every one of
its rules' intermediate rows at once)."""
RULE_OUTPUT_SCHEMA = "rule_output"
"""Where rules run two at a time write their rows, a table each, until rule_members
takes them."""
COMPACT_MIN_RUN_ITEMS = 100_000
"""From this many run items on, the tables are compressed (`pool.compact`) after the
models, the rules and post-processing: at 100k exposures this halves the peak memory
for a few percent of the time; below it there is nothing worth compressing."""
SINGLE_THREAD_MAX_ROWS = 20_000
"""Pools of at most this many rows run every DuckDB query on one thread: their queries
are too small to gain from a second thread, and scheduling it costs 5-15% more CPU
(mega_pool, a 10k synthetic pool); the rules still run two at a time."""
DISABLED_OPTIMIZERS = ("in_clause", "projection_pullup", "projection_placement")
"""DuckDB optimizer passes asnsql turns off (`configure_connection` says why)."""
SMALL_POOL_DISABLED_OPTIMIZERS = ("statistics_propagation", "common_subplan", "column_lifetime",
                                  "join_filter_pushdown")
"""Passes also off for a pool of at most SINGLE_THREAD_MAX_ROWS rows, whose queries
take longer to plan than to run: 5-13% less wall time on the corpus pools (pool_018
most, mega_pool 7%), none lost on a 10k synthetic pool. On larger pools the
statistics and filters they derive pay for themselves."""
GATE_EACH_RULE_MIN_RUN_ITEMS = 10_000
"""From this many run items on, models/rule_gates.sql tests each rule with its own
EXISTS (a filter that stops at the first item) instead of one scan evaluating
every condition on every item: 8.8 s -> 0.8 s at a million exposures, but 20 ms
more planning on mega_pool's 2,453 items (the two cross between 2k and 35k)."""
ITEMS_TABLE_MAX_ROWS = 1_000_000
"""Build `items` once as a table while run_items has at most this many rows; above
it, `items` is a view (every rule joins again, but the wide table is never held in
memory: at a million exposures it would not fit the memory limit)."""

REQUIRED_RULE_COLUMNS = (
    "run_id", "asn_key", "created_at", "product_name", "is_valid",
    "member_order", "expname", "exptype",
)


@dataclass(frozen=True)
class GenerateOptions:
    """What `asn_generate` options control, as plain data."""

    mode: str = "default"
    ids: tuple[str, ...] = ()
    dms: bool = False
    version_id: str | None = None
    finalize: bool = True
    merge: bool = False
    rule_paths: tuple[Path, ...] = ()
    ignore_default: bool = False

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise AsnsqlError(f"unknown mode {self.mode!r}; use one of {', '.join(MODES)}")
        if self.mode == "ids" and not self.ids:
            raise AsnsqlError("mode 'ids' needs at least one candidate id (-i ID)")

    @property
    def discover(self) -> bool:
        return self.mode in ("default", "discover")

    @property
    def discover_only(self) -> bool:
        return self.mode == "discover"

    @property
    def dms_ids(self) -> bool:
        """--DMS with -i: only associations whose asn_id contains an asked id are written."""
        return self.dms and self.mode == "ids"


def timestamp_version_id() -> str:
    """The version id a bare --version-id stands for: UTC time, YYYYMMDDtHHMMSS."""
    return datetime.now(timezone.utc).strftime("%Y%m%dt%H%M%S")


Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: ``done`` of the stage's ``total`` steps are done
(0 as it starts). Stages, in order: ``models``, ``rules`` (a step per rule statement),
``post-processing``, ``file texts``; always called from the thread that runs the engine."""


@dataclass
class Engine:
    """Runs models and rules on one loaded pool."""

    pool: Pool
    options: GenerateOptions = field(default_factory=GenerateOptions)
    rules: list[Rule] = field(init=False)
    templates: SqlTemplates | CachedTemplates = field(init=False)
    render_cache: RenderCache = field(init=False)
    columns: list[str] = field(init=False)
    """The pool columns templates see (`checks.model_columns`)."""
    use_render_cache: bool = True
    """Take shipped templates' rendered SQL from the render cache (asnsql.sqlcache);
    false where the rendering itself is wanted (explain reads the checks it records)."""
    items_table_max_rows: int = ITEMS_TABLE_MAX_ROWS
    """Above this many run items, `items` is a view instead of a table."""
    compact_min_run_items: int = COMPACT_MIN_RUN_ITEMS
    """From this many run items on, tables are compressed between stages."""
    keep_post_tables: bool = False
    """Keep POST_INTERMEDIATES after post-processing on large pools too (`asnsql
    explain` reads them); by default they are dropped where tables are compressed."""
    gate_each_rule_min_run_items: int = GATE_EACH_RULE_MIN_RUN_ITEMS
    """From this many run items on, each rule's gate is its own EXISTS query."""
    rule_families: bool | None = None
    """Run rule families as one statement (asnsql.families): True, False, or None for
    by the pool's size (FAMILY_MAX_RUN_ITEMS)."""
    progress: Progress | None = None
    """Told as each stage of `run` and `association_files` starts and ends (see Progress)."""
    _run_item_count: int | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        cached = self.use_render_cache and not self.options.rule_paths
        # user rules (-r) never use the cache: a user folder may hold anything
        self.render_cache = RenderCache(enabled=cached)
        if cached:
            self.rules = select_rules(ignore_default=self.options.ignore_default,
                                      shipped=lambda: shipped_rules_cached(self.render_cache))
            self.templates = CachedTemplates(self.render_cache)
        else:
            self.rules = select_rules(self.options.rule_paths, self.options.ignore_default)
            user_dirs = user_template_dirs(self.options.rule_paths)
            self.templates = SqlTemplates(user_dirs) if user_dirs else shipped_templates()
        self.columns = model_columns(self.pool, self.templates)

    @property
    def db(self) -> duckdb.DuckDBPyConnection:
        return self.pool.db

    def context(self) -> dict[str, object]:
        return {
            "columns": list(self.columns),
            "finalize": self.options.finalize,
            "discover_only": self.options.discover_only,
            "has_exposerr": self.pool.has_column("exposerr"),
        }

    # -- stages ---------------------------------------------------------
    def prepare(self) -> None:
        """Check the pool, then functions, candidates and exposures (what queries and rules
        need), then the pool's values."""
        self._prepare_tables()
        check_values(self.pool, self.templates)

    def _prepare_tables(self) -> None:
        check_columns(self.pool)
        prepare_pool(self.pool, self.templates, self.columns)

    def plan_runs(self) -> None:
        """The runs (one per candidate, then discovery), their items, and `items`."""
        self._make_runs()
        self._compact_if_large()

    def _make_runs(self) -> None:
        self.db.execute(
            "CREATE OR REPLACE TABLE settings AS SELECT "
            "CAST($run_ids AS VARCHAR[]) AS run_ids, $discover AS discover, "
            "$dms AS dms, $version_id::VARCHAR AS version_id, "
            "$asn_pool::VARCHAR AS asn_pool, $code_version::VARCHAR AS code_version",
            {
                "run_ids": list(self.options.ids) if self.options.mode == "ids" else None,
                "discover": self.options.discover,
                "dms": self.options.dms_ids,
                "version_id": self.options.version_id,
                "asn_pool": self.pool.name,
                "code_version": f"asnsql {__version__}",
            },
        )
        self._run_item_count = None
        for model in RUN_MODEL_ORDER:
            extra: dict[str, object] = {}
            if model == "items":
                extra["items_as_view"] = self.run_item_count() > self.items_table_max_rows
                drop_relation(self.db, "items")
            self._run_model(f"models/{model}.sql", **extra)

    def _compacts(self) -> bool:
        """Whether this pool is large enough for its tables to be compressed between stages."""
        return self.run_item_count() >= self.compact_min_run_items

    def _compact_if_large(self) -> None:
        if self._compacts():
            compact(self.db)

    def run_item_count(self) -> int:
        """Rows of run_items, which decide how large-pool stages run (counted once:
        run_items does not change after `plan_runs`)."""
        if self._run_item_count is None:
            self._run_item_count = self.db.execute("SELECT count(*) FROM run_items").fetchall()[0][0]
        return self._run_item_count

    def run_rules(self) -> None:
        self.db.execute(RULE_MEMBERS_SCHEMA)
        self.db.execute(
            "CREATE OR REPLACE TABLE rule_catalog (rule VARCHAR, level INTEGER, "
            "asn_type VARCHAR, rule_order INTEGER)"
        )
        self.db.execute(
            "INSERT INTO rule_catalog SELECT unnest($rules), unnest($levels), unnest($types), "
            "unnest($orders)",
            {"rules": [r.name for r in self.rules], "levels": [r.level for r in self.rules],
             "types": [r.asn_type for r in self.rules], "orders": list(range(len(self.rules)))},
        )
        tasks = self.rule_tasks(self.entered_rules())
        self._report("rules", 0, len(tasks))
        workers = min(self.rule_workers(), max(len(tasks), 1))
        if workers > 1:
            self._run_tasks_concurrently(tasks, workers)
        else:
            for done, task in enumerate(tasks, start=1):
                self._run_task(task)
                self._report("rules", done, len(tasks))
        self._compact_if_large()

    def rule_tasks(self, rules: Sequence[Rule]) -> list[RuleTask]:
        """The statements that run `rules`: one per rule, but one per rule family
        (asnsql.families, in the place of its first rule) where families are used."""
        context = self.context()
        family_sql: dict[Rule, tuple[tuple[Rule, ...], str]] = {}  # by the family's first rule
        in_family: set[Rule] = set()
        for kind in KINDS if self.uses_rule_families() else ():
            members = {rule: member(kind, self.templates.recorded_calls(rule.path, context, kind.macros))
                       for rule in rules if rule.level == kind.level}
            for family in families(kind, members):
                sql = self.templates.render_family(kind.template, family_context(kind, family, members),
                                                   context)
                family_sql[family[0]] = (tuple(family), sql.strip().rstrip(";"))
                in_family.update(family)
        tasks = []
        for rule in rules:
            if rule in family_sql:
                tasks.append(RuleTask(*family_sql[rule]))
            elif rule not in in_family:
                tasks.append(RuleTask((rule,), self.render_rule(rule).strip().rstrip(";")))
        return tasks

    def uses_rule_families(self) -> bool:
        if self.rule_families is not None:
            return self.rule_families
        return self.run_item_count() <= FAMILY_MAX_RUN_ITEMS

    def entered_rules(self) -> list[Rule]:
        """The rules some item enters, in rule order: a rule none of whose selections
        any item passes emits nothing, and planning it would cost more than this one
        query (models/rule_gates.sql) over every rule's selections."""
        context = self.context()
        selections = [self.templates.entry_selections(rule.path, context) for rule in self.rules]
        # the rules in two halves, a query each, side by side: planning is most of a small
        # pool's gate query, and the two halves plan on two cores (pool_001 15 -> 10 ms)
        half = (len(selections) + 1) // 2
        try:
            gate_each_rule = self.run_item_count() >= self.gate_each_rule_min_run_items
            queries = [self.templates.render_model("models/rule_gates.sql", {
                **context, "selections": part, "gate_each_rule": gate_each_rule})
                for part in (selections[:half], selections[half:]) if part]
            # (a query's every row gives the same gates: one row, or one per item without any condition)
            gates = [gate for rows in fetch_side_by_side(self.db, queries) for gate in rows[0][0]]
        except (duckdb.Error, RuleError):
            return list(self.rules)  # a selection that does not run: each rule reports its own error
        return [rule for rule, gate in zip(self.rules, gates) if gate]

    def rule_workers(self) -> int:
        """How many rules run at once: small pools spend most of a rule's time planning
        it, on one core, so two rules run side by side; large ones run one at a time,
        each query using every core (and only one rule's memory)."""
        configured = os.environ.get(RULE_WORKERS_ENV, "").strip()
        if configured.isdigit() and int(configured) > 0:
            return int(configured)
        n_items = self.run_item_count()
        cores = os.cpu_count() or 1
        return min(2, cores) if n_items <= CONCURRENT_RULES_MAX_ITEMS else 1

    def render_rule(self, rule: Rule) -> str:
        return self.templates.render_file(rule.path, self.context())

    def run_rule(self, rule: Rule) -> None:
        sql = self.render_rule(rule).strip().rstrip(";")
        try:
            self.db.execute(f"INSERT INTO rule_members BY NAME {_rule_select(sql)}", {"rule": rule.name})
        except duckdb.Error as exc:
            raise self._rule_error(rule, sql, exc) from None

    def _run_task(self, task: RuleTask) -> None:
        """One task into rule_members; a family that fails runs its rules one by one, so
        that an error names its rule."""
        try:
            self.db.execute(f"INSERT INTO rule_members BY NAME {task.select}", task.params)
        except duckdb.Error as exc:
            if not task.is_family:
                raise self._rule_error(task.rules[0], task.sql, exc) from None
            for rule in task.rules:
                self.run_rule(rule)

    def _run_tasks_concurrently(self, tasks: list[RuleTask], workers: int) -> None:
        """Run tasks on `workers` connections into one table each (in the schema
        RULE_OUTPUT_SCHEMA), longest first, then append them all to rule_members: the
        same rows as running them in turn. One statement appends them and one drops them (a
        statement per rule and table cost mega_pool 60-75 ms). The rows keep no
        particular order: nothing reads rule_members in its physical order, which
        DuckDB does not keep on several threads either (sorting by rule cost the 10k
        pool 60 ms). A task that fails runs again afterwards, alone and rule by rule, so
        that an error names its rule (the first in rule order) and a failure that came
        only from running side by side is not an error."""
        from concurrent.futures import ThreadPoolExecutor

        local = threading.local()
        database = current_database(self.db)
        self.db.execute(f"CREATE SCHEMA IF NOT EXISTS {RULE_OUTPUT_SCHEMA}")

        cursors: list[duckdb.DuckDBPyConnection] = []  # the workers', to stop on Ctrl-C

        def run(index: int) -> duckdb.Error | None:
            if not hasattr(local, "db"):
                local.db = open_cursor(self.db, database)
                cursors.append(local.db)
                local.db.execute("SET enable_progress_bar = false")
            try:
                local.db.execute(f"CREATE OR REPLACE TABLE {RULE_OUTPUT_SCHEMA}.r{index} AS "
                                 f"{tasks[index].select}", tasks[index].params)
            except duckdb.Error as exc:
                return exc
            return None

        try:
            # longest first (a statement's length stands for its planning time), so that
            # the last tasks to start are short and the workers end together
            order = sorted(range(len(tasks)), key=lambda index: -len(tasks[index].sql))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                try:
                    started: list[duckdb.Error | None] = []
                    for error in pool.map(run, order):  # in the order started
                        started.append(error)
                        self._report("rules", len(started), len(tasks))
                except BaseException:  # Ctrl-C: start no other rule, stop those running
                    pool.shutdown(wait=False, cancel_futures=True)
                    for cursor in cursors:
                        cursor.interrupt()
                    raise
            errors: list[duckdb.Error | None] = [None] * len(tasks)
            for index, error in zip(order, started):
                errors[index] = error
            failures: dict[Rule, RuleError] = {}
            for task, error in zip(tasks, errors):
                if error is None:
                    continue
                # again, alone and rule by rule, straight into rule_members: an error
                # names its rule, and one that came only from running side by side
                # (a rare DuckDB internal error seen once in several hundred mega_pool
                # runs) does not stop the generation
                for rule in task.rules:
                    try:
                        self.run_rule(rule)
                    except RuleError as exc:
                        failures[rule] = exc
            if failures:
                raise failures[min(failures, key=self.rules.index)]
            outputs = " UNION ALL BY NAME ".join(
                f"SELECT * FROM {RULE_OUTPUT_SCHEMA}.r{index}"
                for index, error in enumerate(errors) if error is None)
            if outputs:
                self.db.execute(f"INSERT INTO rule_members BY NAME {outputs}")
        finally:
            self.db.execute(f"DROP SCHEMA IF EXISTS {RULE_OUTPUT_SCHEMA} CASCADE")

    def _rule_error(self, rule: Rule, sql: str, exc: duckdb.Error) -> RuleError:
        """The error of a failed rule: its own SQL error, or the output columns it lacks."""
        relational_api()  # DuckDBPyConnection.sql
        try:
            columns = self.db.sql(sql).columns
        except duckdb.Error as own:
            return RuleError(f"rule {rule.name} ({rule.path}): {_sql_error(own)}{_show_hint(rule)}")
        missing = [c for c in REQUIRED_RULE_COLUMNS if c not in columns]
        if missing:
            return RuleError(
                f"rule {rule.name} ({rule.path}): output lacks column(s) {', '.join(missing)}; "
                "see docs/writing-rules.md for the output contract"
            )
        return RuleError(f"rule {rule.name} ({rule.path}): {_sql_error(exc)}{_show_hint(rule)}")

    def post_process(self) -> None:
        for step in POST_ORDER:
            # what is written depends on --merge and --DMS: rendered in, so that a run
            # plans only its own branch (deliver.sql 10-13 -> 6-7 ms on small pools)
            self._run_model(f"post/{step}.sql", merge=self.options.merge, dms=self.options.dms_ids)
        if self._compacts() and not self.keep_post_tables:
            # compressing them is most of the compaction's time, and nothing reads them
            for table in POST_INTERMEDIATES:
                drop_relation(self.db, table)
        self._compact_if_large()

    def run(self) -> None:
        self._report("models", 0, 1)
        self._prepare_tables()
        with value_checks_alongside(self.pool, self.templates):  # as `prepare`, on the idle core
            self._make_runs()
        self._compact_if_large()  # a checkpoint waits for no other connection's transaction
        self._report("models", 1, 1)
        self.run_rules()
        self._report("post-processing", 0, 1)
        self.post_process()
        self._report("post-processing", 1, 1)
        self.render_cache.save()

    def association_files(self) -> AssociationFiles:
        """The JSON text of every association file, in output order (after `run`)."""
        self._report("file texts", 0, 1)
        self._run_model("post/association_json.sql", exact_json=False)
        if self.db.execute("SELECT count(*) FROM association_json WHERE json IS NULL").fetchone()[0]:
            # some value needs JSON escaping: build every text with the full escaper
            self._run_model("post/association_json.sql", exact_json=True)
        self.render_cache.save()
        self._report("file texts", 1, 1)
        return AssociationFiles(self.db)

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def _run_model(self, name: str, **extra: object) -> None:
        sql = self.templates.render_model(name, {**self.context(), **extra})
        try:
            self.db.execute(sql)
        except duckdb.Error as exc:
            raise RuleError(f"{name}: {_sql_error(exc)}") from None


def configure_connection(db: duckdb.DuckDBPyConnection, pool_rows: int | None = None) -> None:
    """Connection settings that make asnsql's queries faster without changing any result.

    ``pool_rows``: the pool's size; a pool of at most SINGLE_THREAD_MAX_ROWS rows runs
    every query on one thread (the rules still run two at a time), and is planned
    without SMALL_POOL_DISABLED_OPTIMIZERS.

    DuckDB rewrites ``x IN (c1, ..., c6+)`` into a join against a constant table; with
    one such list per column and per rule, planning and running those joins costs more
    than comparing the few constants (about 3x on the exposures model).

    DuckDB 2's projection_pullup and projection_placement passes spend more time on
    the rules' long statements (a tenth of planning the Level 3 family) than the
    projections they move save: without them the whole generation takes 6% less CPU
    on mega_pool and the 10k synthetic pool, 2% on the 100k one.
    """
    db.execute(f"SET disabled_optimizers = '{','.join(disabled_optimizers(pool_rows))}'")
    # DuckDB plans a correlated subquery (EXISTS ...) as a materialized CTE by default;
    # its classic delim join costs 15-20% less CPU over the rules (mega_pool, 10k pool)
    db.execute("SET delim_join_as_cte = false")
    db.execute("SET enable_progress_bar = false")
    # DuckDB may take 80% of RAM by default; asnsql bounds it (large pools spill to a
    # temporary folder instead of growing), and never spills into the working folder
    configured = os.environ.get(MEMORY_LIMIT_ENV, "").strip()
    try:
        db.execute("SET memory_limit = $limit", {"limit": configured or default_memory_limit()})
    except duckdb.Error as exc:
        raise AsnsqlError(f"{MEMORY_LIMIT_ENV}={configured!r}: {_sql_error(exc)}; give a size "
                          "such as 2GB or 500MB, or leave it unset") from None
    import tempfile

    spill = Path(tempfile.gettempdir()) / f"asnsql-duckdb-{os.getpid()}"
    db.execute("SET temp_directory = $dir", {"dir": str(spill)})
    threads = os.environ.get(THREADS_ENV, "").strip()
    if threads.isdigit() and int(threads) > 0:
        db.execute(f"SET threads = {int(threads)}")  # batch workers share the cores
    elif is_small_pool(pool_rows):
        db.execute("SET threads = 1")


def is_small_pool(pool_rows: int | None) -> bool:
    """Whether a pool of ``pool_rows`` rows (None: not known) is small enough that its
    queries take longer to plan than to run (SINGLE_THREAD_MAX_ROWS)."""
    return pool_rows is not None and pool_rows <= SINGLE_THREAD_MAX_ROWS


def disabled_optimizers(pool_rows: int | None) -> tuple[str, ...]:
    """The DuckDB optimizer passes off for a pool of ``pool_rows`` rows."""
    if is_small_pool(pool_rows):
        return DISABLED_OPTIMIZERS + SMALL_POOL_DISABLED_OPTIMIZERS
    return DISABLED_OPTIMIZERS


def default_memory_limit(processes: int = 1, physical_bytes: int | None = None) -> str:
    """DuckDB's memory limit for each of ``processes`` generations running at once (batch
    workers) when ASNSQL_MEMORY_LIMIT is not set: DEFAULT_MEMORY_LIMIT_MB, or half the
    machine's memory shared among them where that is less (a process takes about 0.8 GB
    more than its limit; past the limit DuckDB spills to disk, or stops with one error
    line, where the kernel would kill the process)."""
    physical = physical_machine_memory() if physical_bytes is None else physical_bytes
    share = DEFAULT_MEMORY_LIMIT_MB if physical is None else physical // 2 // 1_000_000 // max(processes, 1)
    return f"{max(100, min(DEFAULT_MEMORY_LIMIT_MB, share))}MB"


def physical_machine_memory() -> int | None:
    """The machine's memory in bytes, where the system tells it."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):
        return None


def prepare_pool(pool: Pool, templates: SqlTemplates | CachedTemplates | None = None,
                 columns: Sequence[str] | None = None) -> None:
    """Create the SQL functions and the `candidates` and `exposures` tables for a pool.

    ``columns``: the pool columns models see (default: `model_columns`).
    """
    configure_connection(pool.db, pool.n_rows)
    templates = templates or shipped_templates()
    functions_dir = shipped_sql_dir() / "functions"
    for path in sorted(functions_dir.glob("*.sql")):
        pool.db.execute(path.read_text(encoding="utf-8"))
    if columns is None:
        columns = model_columns(pool, templates)
    context = {"columns": list(columns)}
    for model in MODEL_ORDER:
        if model == "candidates" and not pool.has_column("asn_candidate"):
            pool.db.execute(
                "CREATE OR REPLACE TABLE candidates (_row BIGINT, pos INTEGER, "
                "cand_id VARCHAR, cand_type VARCHAR)"
            )
            continue
        sql = templates.render_model(f"models/{model}.sql", context)
        try:
            pool.db.execute(sql)
        except duckdb.Error as exc:
            raise RuleError(f"models/{model}.sql: {_sql_error(exc)}") from None


def _show_hint(rule: Rule) -> str:
    """Where to read the SQL that failed."""
    option = "" if rule.shipped else f" -r {rule.path}"
    return f"; the SQL that ran: asnsql rules show {rule.name}{option}"


@dataclass(frozen=True)
class RuleTask:
    """One statement of the rules stage: one rule, or a rule family (its rules together)."""

    rules: tuple[Rule, ...]
    sql: str
    """The rule's SQL, or the family's (models/level3_family.sql: rows with their rule)."""

    @property
    def is_family(self) -> bool:
        return len(self.rules) > 1

    @property
    def select(self) -> str:
        """The task's rows in rule_members' shape (a rule's need the `rule` parameter)."""
        return _family_select(self.sql) if self.is_family else _rule_select(self.sql)

    @property
    def params(self) -> dict[str, str]:
        return {} if self.is_family else {"rule": self.rules[0].name}


def _family_select(sql: str) -> str:
    """A rule family's rows, each with its rule (see `_rule_select`)."""
    required = ", ".join(f"r.{c}" for c in REQUIRED_RULE_COLUMNS)
    return (f"SELECT r.rule, {required}, r.* EXCLUDE (rule, {', '.join(REQUIRED_RULE_COLUMNS)}) "
            f"FROM ({sql}) AS r")


def _rule_select(sql: str) -> str:
    """A rule's rows with the rule name. Naming the required columns makes binding fail
    when one is missing (binding a rule separately first costs as much as running it)."""
    required = ", ".join(f"r.{c}" for c in REQUIRED_RULE_COLUMNS)
    return (f"SELECT $rule AS rule, {required}, r.* EXCLUDE ({', '.join(REQUIRED_RULE_COLUMNS)}) "
            f"FROM ({sql}) AS r")


def _sql_error(exc: duckdb.Error) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def rule_names(rules: Sequence[Rule]) -> list[str]:
    return [rule.name for rule in rules]
