"""Jinja environment over the SQL tree: macros as globals, templates rendered to SQL.

The shipped tree lives in ``sql/`` (inside the wheel as ``asnsql/sql``). User
folders given with ``-r`` are searched first, so a user macro or rule with the
name of a shipped one shadows it, as a dbt project macro shadows a built-in.

Templates only ever receive structure (column names known to exist, rule
metadata); pool values and user arguments reach SQL as data, never as text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asnsql.errors import RuleError

if TYPE_CHECKING:
    import jinja2

# jinja2 is imported where templates are parsed or rendered, not at start-up:
# a run served from the render cache (asnsql.sqlcache) never needs it.


def shipped_sql_dir() -> Path:
    """Return the folder holding the shipped SQL tree (installed or source checkout)."""
    installed = Path(__file__).resolve().parent / "sql"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "sql"
    if checkout.is_dir():
        return checkout
    raise RuleError("asnsql: the shipped sql/ folder is missing; reinstall asnsql")


@functools.cache
def shipped_templates() -> SqlTemplates:
    """The shipped templates, parsed once per process (the macro library costs ~0.3 s)."""
    return SqlTemplates()


@dataclass
class SqlTemplates:
    """Render SQL templates with every macro under ``macros/`` available by name."""

    user_dirs: tuple[Path, ...] = ()
    env: jinja2.Environment = field(init=False)
    recorded_checks: list[tuple[str, dict[str, str]]] = field(init=False, default_factory=list)
    """Named conditions recorded by all_checks() during the last render: (stage, checks)."""
    recorded_attach_only: list[bool] = field(init=False, default_factory=list)
    """Per recorded selection: its rows only join associations the rule's other
    selections start (all_checks(..., starts=false)), so it opens no rule gate."""
    _compiled: dict[tuple[str, str], Any] = field(init=False, default_factory=dict, repr=False)
    """Templates compiled so far, by (origin, source text): each is compiled once."""

    def __post_init__(self) -> None:
        import jinja2

        search = [*self.user_dirs, shipped_sql_dir()]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in search]),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.do"],
        )
        self.env.globals["rule"] = _rule_header_noop
        self.env.globals["raise_error"] = _raise_template_error
        self.env.globals["record_checks"] = self._record_checks
        self.env.filters["ident"] = quote_ident
        self.env.filters["sqlstr"] = sql_string
        self.env.filters["sqllist"] = sql_list
        self._load_macros(search)

    def _load_macros(self, search: list[Path]) -> None:
        """Load every macro file as one library module and expose its names as globals.

        The files are checked one by one (so errors name the file and line),
        then joined into one module: inside a module every macro sees every
        other, whatever the file order. Shipped files come first and user
        files last, so a user macro of the same name wins.
        """
        import jinja2

        sources = []
        for root in reversed(search):
            macro_dir = root / "macros"
            if not macro_dir.is_dir():
                continue
            for path in sorted(macro_dir.rglob("*.sql")):
                try:
                    source = path.read_text(encoding="utf-8")
                    self.env.parse(source)
                except jinja2.TemplateSyntaxError as exc:
                    raise RuleError(
                        f"{path}:{exc.lineno}: macro file does not parse: {exc.message}"
                    ) from None
                except (OSError, UnicodeDecodeError) as exc:
                    raise RuleError(f"{path}: cannot read macro file: {exc}") from None
                sources.append(source)
        try:
            module = self.env.from_string("\n".join(sources)).module
        except jinja2.TemplateError as exc:
            raise RuleError(f"macros: cannot load the macro library: {_describe(exc)}") from None
        for attr in dir(module):
            if not attr.startswith("_"):
                self.env.globals[attr] = getattr(module, attr)

    def known_columns(self) -> list[str]:
        """The pool columns the reference reads (macro constant KNOWN_COLUMNS)."""
        return list(self.env.globals["KNOWN_COLUMNS"])

    def render_file(self, path: Path, context: Mapping[str, Any]) -> str:
        """Render one template file (outside or inside the search path) to SQL text."""
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(f"{path}: cannot read template: {exc}") from None
        return self.render_text(source, context, origin=str(path))

    def _record_checks(self, checks: Mapping[str, Any], stage: str, starts: bool = True) -> str:
        self.recorded_checks.append((str(stage), {str(k): str(v) for k, v in checks.items()}))
        self.recorded_attach_only.append(not starts)
        return ""

    def render_text(self, source: str, context: Mapping[str, Any], origin: str) -> str:
        """Render template text to SQL; errors name the template and line."""
        import jinja2

        self.recorded_checks = []
        self.recorded_attach_only = []
        try:
            template = self._compiled.get((origin, source))
            if template is None:
                # compiled under its own file name, so a render error's traceback names its line
                code = self.env.compile(source, name=origin, filename=origin)
                template = self.env.template_class.from_code(
                    self.env, code, self.env.make_globals(None), None)
                self._compiled[(origin, source)] = template
            return template.render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise RuleError(
                f"{origin}:{exc.lineno}: template syntax error: {exc.message}; fix the template"
            ) from None
        except jinja2.TemplateError as exc:
            raise RuleError(
                f"{origin}{_template_line(exc, origin)}: template error: {_describe(exc)}"
            ) from None

    def entry_selections(self, path: Path, context: Mapping[str, Any]) -> list[list[str]] | None:
        """The rule's selections that can start an association (every `all_checks` it
        renders, but those marked starts=false): each a list of SQL conditions over
        items(). An item enters the rule when it passes every condition of one of them.
        None when the rule records no such selection, or one with no condition (every
        item enters)."""
        self.render_file(path, context)
        selections = [list(checks.values())
                      for (_, checks), attach_only in zip(self.recorded_checks, self.recorded_attach_only)
                      if not attach_only]
        if not selections or not all(selections):
            return None
        return selections

    def recorded_calls(self, path: Path, context: Mapping[str, Any],
                       macros: tuple[str, str]) -> dict[str, Any] | None:
        """The rule rendered with the two `macros` recorded instead of rendered, when it
        is its own CTEs ("WITH ..."), then a call of the first macro, then a call of the
        second, and nothing else (SQL comment lines aside); else None. The result has
        the rule's CTEs (`head`) and each call's arguments by name, as given (`calls`):
        what asnsql.families needs to run the rule with others of its shape."""
        calls: list[dict[str, Any]] = []
        real = {name: self.env.globals[name] for name in macros}

        def recorder(name: str) -> Any:
            names = real[name].arguments

            def record(*args: Any, **kwargs: Any) -> str:
                calls.append({"macro": name, **dict(zip(names, args)), **kwargs})
                return f"{CALL_MARK}{len(calls)}*/"
            return record

        try:
            self.env.globals.update({name: recorder(name) for name in macros})
            text = self.render_file(path, context)
        finally:
            self.env.globals.update(real)
        if [call.pop("macro") for call in calls] != list(macros):
            return None
        head, marked, rest = text.partition(f"{CALL_MARK}1*/")
        head = "\n".join(_drop_trailing_comment_lines(head.strip().splitlines()))
        between = rest.replace(f"{CALL_MARK}2*/", "", 1).splitlines()
        if (not marked or not head.startswith("WITH") or not head.endswith(",")
                or "".join(line for line in between if not _is_comment_line(line)).strip() != ","):
            return None
        return {"head": head[:-1].rstrip(), "calls": calls}

    def render_family(self, template: str, family: Mapping[str, Any],
                      context: Mapping[str, Any]) -> str:
        """A rule family's statement (asnsql.families.family_context)."""
        return self.render_model(template, {**context, **family})

    def render_model(self, name: str, context: Mapping[str, Any]) -> str:
        """Render a shipped model or post-processing template by relative path."""
        import jinja2

        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateError as exc:
            raise RuleError(f"{name}: template error: {_describe(exc)}") from None


CALL_MARK = "/*asnsql recorded call "
"""What a recorded macro call renders to (`SqlTemplates.recorded_calls`), then its number."""


def _is_comment_line(line: str) -> bool:
    return line.strip().startswith("--")


def _drop_trailing_comment_lines(lines: list[str]) -> list[str]:
    """The lines without the SQL comment lines (and blank lines) they end with."""
    while lines and (_is_comment_line(lines[-1]) or not lines[-1].strip()):
        lines = lines[:-1]
    return lines


def _rule_header_noop(**_: Any) -> str:
    """`{{ rule(...) }}` renders to nothing: its arguments are read statically."""
    return ""


def _raise_template_error(message: str) -> str:
    """`{{ raise_error('...') }}`: a template reports misuse of a macro."""
    raise RuleError(message)


def _template_line(exc: BaseException, origin: str) -> str:
    """':<line>' of the innermost frame of template ``origin`` in exc's traceback, or ''."""
    line = ""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == origin:
            line = f":{tb.tb_lineno}"
        tb = tb.tb_next
    return line


def _describe(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def read_rule_header(source: str, origin: str) -> dict[str, Any]:
    """Return the keyword arguments of the template's ``{{ rule(...) }}`` call.

    The header is read from the template's syntax tree, without rendering,
    so listing rules needs no pool and no database (dbt's static parser).
    """
    import jinja2
    import jinja2.nodes

    env = jinja2.Environment()
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        raise RuleError(
            f"{origin}:{exc.lineno}: template syntax error: {exc.message}; fix the template"
        ) from None
    for call in tree.find_all(jinja2.nodes.Call):
        if isinstance(call.node, jinja2.nodes.Name) and call.node.name == "rule":
            header: dict[str, Any] = {}
            for keyword in call.kwargs:
                try:
                    header[keyword.key] = keyword.value.as_const()
                except jinja2.nodes.Impossible:
                    raise RuleError(
                        f"{origin}: rule() argument {keyword.key!r} must be a literal"
                    ) from None
            return header
    raise RuleError(f"{origin}: no {{{{ rule(...) }}}} header; every rule template starts with one")


def quote_ident(name: str) -> str:
    """Quote an identifier for DuckDB (column names come from pool headers)."""
    return '"' + name.replace('"', '""') + '"'


def sql_string(value: str) -> str:
    """Render a constant owned by asnsql or a rule template (never pool data) as SQL text."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_list(values: Iterable[str]) -> str:
    """Render constants owned by asnsql or a rule template as a parenthesised SQL list."""
    return "(" + ", ".join(sql_string(v) for v in values) + ")"
