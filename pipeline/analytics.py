"""Making the warehouse pleasant to query: output formats, table listings, the data dictionary, exports.

Everything that only reads goes through ``run_query`` (read-only, file and network access
disabled). Exports need to write files, so they use their own in-memory DuckDB connection that
ATTACHes the warehouse READ_ONLY: the warehouse itself can never be changed by them.

``python -m pipeline.analytics [PATH]`` renders the data dictionary to ``docs/schema.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import duckdb
from rich.console import Console
from rich.table import Table

from pipeline.errors import QueryError, WarehouseBusy, WarehouseError
from pipeline.warehouse import QueryResult, run_query, schema_sql

FORMATS = ("table", "csv", "json", "ndjson", "markdown")
EXPORT_FORMATS = ("parquet", "csv")
DICTIONARY_PATH = Path("docs/schema.md")

# Public objects: the main schema's own tables and views (not DuckDB's internal catalog).
_OBJECTS_SQL = """
SELECT table_name AS name, 'table' AS kind, comment AS description FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary
UNION ALL
SELECT view_name, 'view', comment FROM duckdb_views()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary
ORDER BY kind, name
"""
_COLUMNS_SQL = """
SELECT column_name AS column, data_type AS type, is_nullable AS nullable, comment AS description
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $name
ORDER BY column_index
"""


# -- SQL input and output formats ---------------------------------------------------------------
def read_sql(sql: str | None, file: Path | None, stdin: TextIO | None = None) -> str:
    """The statement to run: the argument, ``-`` for standard input, or the contents of ``--file``."""
    if sql is not None and file is not None:
        raise QueryError("give the SQL either as an argument or with --file, not both")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read SQL file {file}: {exc.strerror or exc}") from None
    elif sql == "-":
        text = (stdin or sys.stdin).read()
    elif sql is not None:
        text = sql
    else:
        raise QueryError('no SQL given: pass it as an argument, "-" to read standard input, or --file FILE')
    if not text.strip():
        raise QueryError("the SQL statement is empty")
    return text


def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO text, decimals and UUIDs as text, bytes as hex."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    """One value as text in a table cell: NULL as empty, lists and structs as JSON."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(_plain(value), ensure_ascii=False)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


def _markdown_cell(value: Any) -> str:
    return _cell(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def rich_table(result: QueryResult) -> Table:
    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def row_count_line(result: QueryResult) -> str:
    return f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})"


def render(result: QueryResult, fmt: str, *, width: int = 240) -> str:
    """The result as text in one of FORMATS (``table`` is rich's box table, ``width`` columns wide)."""
    if fmt == "json":
        records = [dict(zip(result.columns, map(_plain, row), strict=True)) for row in result.rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "ndjson":
        return "".join(
            json.dumps(dict(zip(result.columns, map(_plain, row), strict=True)), ensure_ascii=False) + "\n"
            for row in result.rows
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(_markdown_cell(c) for c in result.columns) + " |"]
        lines.append("| " + " | ".join("---" for _ in result.columns) + " |")
        lines += ["| " + " | ".join(_markdown_cell(v) for v in row) + " |" for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        buffer = io.StringIO()
        console = Console(file=buffer, width=width, highlight=False, soft_wrap=True, color_system=None)
        console.print(rich_table(result))
        console.print(row_count_line(result), markup=False)
        return buffer.getvalue()
    raise QueryError(f"unknown format {fmt!r}; use {', '.join(FORMATS)}")


# -- what is in the warehouse ---------------------------------------------------------------------
def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def list_tables(warehouse: str | Path) -> QueryResult:
    """Every public table and view with its kind, row count and description."""
    objects = run_query(warehouse, _OBJECTS_SQL).rows
    if not objects:
        return QueryResult(["name", "kind", "rows", "description"], [])
    counts_sql = " UNION ALL ".join(
        f"SELECT {i} AS i, count(*) AS n FROM {_quote(name)}" for i, (name, _, _) in enumerate(objects)
    )
    counts = dict(run_query(warehouse, counts_sql).rows)
    rows = [(name, kind, counts.get(i, 0), desc) for i, (name, kind, desc) in enumerate(objects)]
    return QueryResult(["name", "kind", "rows", "description"], rows)


def describe(warehouse: str | Path, name: str) -> tuple[str, str | None, QueryResult]:
    """(kind, description, columns) of one table or view; QueryError naming the known ones if unknown."""
    objects = {row[0]: (row[1], row[2]) for row in run_query(warehouse, _OBJECTS_SQL).rows}
    if name not in objects:
        known = ", ".join(sorted(objects)) or "none yet"
        raise QueryError(f"no table or view named {name!r} in the warehouse; known: {known}")
    kind, description = objects[name]
    columns = run_query(warehouse, _COLUMNS_SQL, {"name": name})
    return kind, description, columns


# -- the data dictionary --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DictionaryEntry:
    name: str
    kind: str  # table | view
    description: str | None
    columns: list[tuple[str, str, bool, str | None]]  # name, type, nullable, description


def dictionary(con: duckdb.DuckDBPyConnection) -> list[DictionaryEntry]:
    """Every public table and view of the connection's database with its columns and comments."""
    entries = []
    for name, kind, description in con.execute(_OBJECTS_SQL).fetchall():
        columns = [
            (str(col), str(type_), bool(nullable), desc)
            for col, type_, nullable, desc in con.execute(_COLUMNS_SQL, {"name": name}).fetchall()
        ]
        entries.append(DictionaryEntry(name, kind, description, columns))
    return entries


def fresh_dictionary() -> list[DictionaryEntry]:
    """The dictionary of a warehouse created from scratch by the current warehouse/*.sql."""
    with duckdb.connect(":memory:") as con:
        con.execute(schema_sql())
        return dictionary(con)


def undocumented(entries: Sequence[DictionaryEntry]) -> list[str]:
    """``table`` or ``table.column`` for every public object or column without a description."""
    missing = []
    for entry in entries:
        if not (entry.description or "").strip():
            missing.append(entry.name)
        missing += [f"{entry.name}.{col[0]}" for col in entry.columns if not (col[3] or "").strip()]
    return missing


def _md(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ").strip()


def dictionary_markdown(entries: Sequence[DictionaryEntry]) -> str:
    """docs/schema.md: the data dictionary as markdown, deterministic (no dates, sorted)."""
    lines = [
        "# Warehouse data dictionary",
        "",
        "Generated from the COMMENTs in `warehouse/schema.sql` and `warehouse/dictionary.sql` by",
        "`careers docs` (or `python -m pipeline.analytics`); do not edit by hand. The same descriptions",
        "are in the warehouse: `careers describe TABLE`, or `duckdb_columns()` in SQL.",
        "",
    ]
    for kind, heading in (("table", "Tables"), ("view", "Views")):
        lines += [f"## {heading}", "", "| name | description |", "| --- | --- |"]
        lines += [f"| [`{e.name}`](#{e.name}) | {_md(e.description)} |" for e in entries if e.kind == kind]
        lines.append("")
    for entry in entries:
        lines += [f"### {entry.name}", "", f"{entry.kind}: {_md(entry.description)}", ""]
        lines += ["| column | type | description |", "| --- | --- | --- |"]
        for column, type_, nullable, description in entry.columns:
            shown = type_ if nullable or entry.kind == "view" else f"{type_} NOT NULL"
            lines.append(f"| `{column}` | {_md(shown)} | {_md(description)} |")
        lines.append("")
    return "\n".join(lines)


def write_dictionary(path: Path = DICTIONARY_PATH) -> Path:
    entries = fresh_dictionary()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dictionary_markdown(entries), encoding="utf-8")
    return path


# -- exports --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExportedTable:
    name: str
    kind: str
    rows: int
    path: Path


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_warehouse(
    warehouse: str | Path, out_dir: str | Path, fmt: str = "parquet", *, include_views: bool = False
) -> list[ExportedTable]:
    """Write every public table (and, if asked, view) to ``out_dir/NAME.parquet`` (or ``.csv``)."""
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; use {' or '.join(EXPORT_FORMATS)}")
    source, target = Path(warehouse), Path(out_dir)
    if not source.is_file():
        raise QueryError(f"warehouse {source} does not exist yet; run `careers ingest` first")
    if target.exists() and not target.is_dir():
        raise QueryError(f"export target {target} is a file; give a directory")
    target.mkdir(parents=True, exist_ok=True)
    options = "(FORMAT parquet, COMPRESSION zstd)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute(f"ATTACH {_literal(str(source))} AS wh (READ_ONLY)")
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise WarehouseBusy(str(source), str(exc)) from None
            raise WarehouseError(f"cannot open warehouse {source}: {str(exc).splitlines()[0]}") from None
        con.execute("USE wh")
        objects = [(n, k) for n, k, _ in con.execute(_OBJECTS_SQL).fetchall() if k == "table" or include_views]
        exported = []
        for name, kind in objects:
            path = target / f"{name}.{fmt}"
            written = con.execute(f"COPY (SELECT * FROM wh.main.{_quote(name)}) TO {_literal(str(path))} {options}")
            found = written.fetchone()
            exported.append(ExportedTable(name, kind, int(found[0]) if found else 0, path))
        return exported
    except duckdb.Error as exc:
        raise WarehouseError(f"export failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()


def main(argv: Sequence[str] | None = None) -> None:
    """Render the data dictionary: ``python -m pipeline.analytics [PATH]`` (default docs/schema.md)."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = write_dictionary(Path(args[0]) if args else DICTIONARY_PATH)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
