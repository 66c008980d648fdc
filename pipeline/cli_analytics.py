"""`careers tables / describe / docs / export / report`: the analyst's commands, registered on the app.

Kept apart from pipeline/cli.py (which only calls ``register(app)``) and self-contained, so the two
modules never import each other. Same conventions: library exceptions become one ``error: ...`` line
on stderr and exit 1; bad option values exit 2.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline import analytics
from pipeline.errors import PipelineError
from pipeline.warehouse import QueryResult

out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False, soft_wrap=True)

WarehouseOption = Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.", show_default=True)]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv, json, ndjson or markdown.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")]
DEFAULT_WAREHOUSE = Path("warehouse/careers.duckdb")


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def check_format(fmt: str) -> None:
    if fmt not in analytics.FORMATS:
        raise fail(f"unknown --format {fmt!r}; use {', '.join(analytics.FORMATS)}", code=2)


def emit(result: QueryResult, fmt: str, output: Path | None) -> None:
    """Print the result (tables sized to the terminal), or write it to ``output``."""
    if output is not None:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(analytics.render(result, fmt), encoding="utf-8")
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
        err.print(f"wrote {analytics.row_count_line(result)[1:-1]} to {output}", markup=False)
    elif fmt == "table":
        out.print(analytics.rich_table(result))
        out.print(analytics.row_count_line(result), markup=False)
    else:
        sys.stdout.write(analytics.render(result, fmt))


def tables(warehouse: WarehouseOption = DEFAULT_WAREHOUSE, fmt: FormatOption = "table") -> None:
    """List the warehouse's tables and views with their row counts and descriptions.

    Example: careers tables --format markdown
    """
    check_format(fmt)
    try:
        result = analytics.list_tables(warehouse)
    except PipelineError as exc:
        raise fail(str(exc)) from None
    emit(result, fmt, None)


def describe(
    table: Annotated[str, typer.Argument(help="A table or view name, e.g. careers or v_career_profile.")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    fmt: FormatOption = "table",
) -> None:
    """Show the columns of a table or view with their types and descriptions.

    Example: careers describe v_career_profile
    """
    check_format(fmt)
    try:
        kind, description, columns = analytics.describe(warehouse, table)
    except PipelineError as exc:
        raise fail(str(exc)) from None
    if fmt == "table":
        out.print(f"{table} ({kind}): {description or 'no description'}", markup=False)
    emit(columns, fmt, None)


def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Markdown file to write.")] = analytics.DICTIONARY_PATH,
    check: Annotated[bool, typer.Option("--check", help="Only check that the file is up to date.")] = False,
) -> None:
    """Render the data dictionary (every table, view and column with its description) to markdown.

    The descriptions are the COMMENTs of a freshly created warehouse (warehouse/*.sql).

    Example: careers docs --output docs/schema.md
    """
    entries = analytics.fresh_dictionary()
    text = analytics.dictionary_markdown(entries)
    missing = analytics.undocumented(entries)
    if missing:
        err.print(f"warning: no description for {', '.join(missing)}", markup=False)
    if check:
        current = output.read_text(encoding="utf-8") if output.is_file() else None
        if current != text:
            raise fail(f"{output} is out of date; run `careers docs --output {output}`")
        out.print(f"{output} is up to date", markup=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    out.print(f"wrote {output} ({len(entries)} tables and views)", markup=False)


def export(
    directory: Annotated[Path, typer.Argument(help="Directory to write one file per table into.")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet or csv.")] = "parquet",
    views: Annotated[bool, typer.Option("--views/--no-views", help="Also export the curated views.")] = False,
) -> None:
    """Export every table (and optionally view) to DIR as Parquet (default) or CSV, one file each.

    The warehouse is attached read-only; nothing in it changes.

    Example: careers export export/ && duckdb -c "select count(*) from read_parquet('export/careers.parquet')"
    """
    if fmt not in analytics.EXPORT_FORMATS:
        raise fail(f"unknown --format {fmt!r}; use parquet or csv", code=2)
    started = time.perf_counter()
    try:
        exported = analytics.export_warehouse(warehouse, directory, fmt, include_views=views)
    except PipelineError as exc:
        raise fail(str(exc)) from None
    for item in exported:
        out.print(f"  {item.path}  {item.rows} row(s)", markup=False)
    out.print(f"Exported {len(exported)} file(s) to {directory} in {time.perf_counter() - started:.2f}s", markup=False)


def report(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a self-contained HTML report (opens from disk, offline) with charts over the warehouse.

    Salary ranges by career, growth against median salary, the most common skills and tools, and
    the outcome of every input per ingest run.

    Example: careers report --output report.html
    """
    from pipeline.html_report import write_report

    started = time.perf_counter()
    try:
        path, drawn = write_report(warehouse, output)
    except PipelineError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    size = path.stat().st_size / 1e6
    out.print(f"wrote {path} ({drawn} charts, {size:.1f} MB, {time.perf_counter() - started:.1f}s)", markup=False)


def register(app: typer.Typer) -> None:
    """Add the analyst's commands to the `careers` app."""
    for command in (tables, describe, docs, export, report):
        app.command()(command)
