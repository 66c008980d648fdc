"""`careers`: the command line, an adapter over the library and the flows.

Each command opens the warehouse, calls library functions, and maps the
pipeline's exceptions to one line on stderr with a non-zero exit; no user error
shows a traceback. Prefect's noise (telemetry, shutdown tracebacks, INFO logs) is
silenced here, not in the user's shell; explicit settings in the environment win.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import PARSER_VERSION, progress
from pipeline.errors import PipelineError
from pipeline.history import duplicates as list_duplicates
from pipeline.history import history as load_history
from pipeline.history import recent_runs
from pipeline.prefect_api import TemporaryServer, prefect_api
from pipeline.warehouse import QueryResult, Warehouse, run_query

QUIET_PREFECT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOGGERS_PREFECT_EVENTS_LEVEL": "CRITICAL",
    "DASK_LOGGING__DISTRIBUTED": "error",  # a local Dask cluster logs every worker start at INFO
}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain (click) help: rich's option panels cut long option names at 80 columns.
    rich_markup_mode=None,
    help="Ingest career-guide pages into a DuckDB warehouse and query it.",
    epilog='Example: careers ingest raw/ && careers query "select title, median_salary from careers"',
)
# Piped output is not squeezed to 80 columns: tables keep whole values for files and pagers.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False, soft_wrap=True)

WarehouseOption = Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB warehouse file.", show_default=True)]
DEFAULT_WAREHOUSE = Path("warehouse/careers.duckdb")


class ProgressBar:
    """A rich progress bar on stderr that appears only once a run has taken a few seconds."""

    DELAY_SECONDS = 3.0

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def update(self, done: int, total: int, phase: str) -> None:
        if self._bar is None:
            if time.monotonic() - self._started < self.DELAY_SECONDS or not err.is_terminal:
                return
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            )
            self._bar.start()
        if self._task is None:
            self._task = self._bar.add_task(phase, total=total)
        self._bar.update(self._task, completed=done, total=total, description=phase)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def quiet_prefect() -> None:
    for key, value in QUIET_PREFECT.items():
        os.environ.setdefault(key, value)


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (default: raw/).")] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per Prefect task run.")] = 300,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest document accepted, in bytes.")] = 5 * 1024 * 1024,
    max_documents: Annotated[
        int, typer.Option(min=1, help="Most inputs one run takes; the rest are quarantined.")
    ] = 100_000,
    max_nesting_depth: Annotated[
        int, typer.Option(min=1, help="Deepest HTML element nesting accepted (deeper pages are quarantined).")
    ] = 200,
    max_html_elements: Annotated[int, typer.Option(min=1, help="Most HTML elements one page may have.")] = 50_000,
    max_line_chars: Annotated[int, typer.Option(min=1, help="Longest line accepted, in characters.")] = 200_000,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds to wait for another writer.")] = 10.0,
    follow_symlinks: Annotated[bool, typer.Option(help="Follow symlinks that lead outside the inputs.")] = False,
    near_duplicate_threshold: Annotated[
        float, typer.Option(min=0.1, max=1.0, help="Similarity from which different careers are flagged.")
    ] = 0.8,
    full_refresh: Annotated[
        bool, typer.Option(help="Rebuild every derived table from the stored raw documents, then ingest.")
    ] = False,
    task_runner: Annotated[
        str,
        typer.Option(
            help="Where parse batches run: auto (processes for large runs), threads, processes or dask.",
        ),
    ] = "auto",
    workers: Annotated[int, typer.Option(min=0, help="Parallel parse workers (0: one per CPU core).")] = 0,
    dask_address: Annotated[
        str | None, typer.Option(help="Scheduler of a running Dask cluster (with --task-runner dask).")
    ] = None,
) -> None:
    """Ingest career guides (text or HTML) into the warehouse with the Prefect flow.

    Every input ends as loaded, unchanged, duplicate or quarantined (with a reason) in the
    ingest_documents table. Exits 0 when the run completed, even if inputs were quarantined.

    Example: careers ingest raw/ --warehouse warehouse/careers.duckdb
    """
    inputs = [str(p) for p in (paths or [Path("raw")])]
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        raise fail(f"input path not found: {missing[0]}")
    if Path(warehouse).is_dir():
        raise fail(f"warehouse path {warehouse} is a directory; give a .duckdb file path")
    if task_runner not in ("auto", "threads", "processes", "dask"):
        raise fail(f"unknown --task-runner {task_runner!r}; use auto, threads, processes or dask", code=2)
    if task_runner == "dask" and importlib.util.find_spec("prefect_dask") is None:
        raise fail('--task-runner dask needs the dask extra: pip install -e ".[dask]"')
    # Fail fast (before Prefect starts) when another process holds the warehouse.
    try:
        Warehouse.open(warehouse, lock_timeout=lock_timeout).close()
    except PipelineError as exc:
        raise fail(str(exc)) from None
    quiet_prefect()
    started = time.perf_counter()
    with prefect_api() as server:  # boots on the other core while this process gets ready
        from flows.ingest import IngestConfig, configured_ingest_flow, warm_process_pool
        from pipeline.limits import Limits
        from pipeline.sources import discover

        cores = os.cpu_count() or 1
        if task_runner == "auto":
            # Worker processes cost ~1 s to start; worth it from a few hundred documents.
            large = sum(1 for _ in zip(discover(inputs, follow_symlinks=follow_symlinks), range(500), strict=False))
            task_runner = "processes" if large >= 500 and cores > 1 else "threads"

        config = IngestConfig(
            paths=inputs,
            warehouse=str(warehouse),
            batch_size=batch_size,
            lock_timeout=lock_timeout,
            follow_symlinks=follow_symlinks,
            near_duplicate_threshold=near_duplicate_threshold,
            full_refresh=full_refresh,
            limits=Limits(
                max_document_bytes=max_bytes,
                max_documents=max_documents,
                max_nesting_depth=max_nesting_depth,
                max_html_elements=max_html_elements,
                max_line_chars=max_line_chars,
            ),
            task_runner=task_runner,
            workers=workers or cores,
            dask_address=dask_address,
        )
        if task_runner == "processes":
            warm_process_pool(config.workers)
        result = _run_flow(configured_ingest_flow(config), config, server)
    _print_summary(result, str(warehouse), time.perf_counter() - started)


def _run_flow(flow_fn: Any, config: Any, server: TemporaryServer | None) -> Any:
    """Run a flow with a progress bar for long runs; map its failure to a one-line error."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    try:
        if server is not None:
            server.wait_until_ready()
    except PipelineError as exc:
        raise fail(str(exc)) from None
    api = {PREFECT_API_URL: server.api_url} if server is not None else {}
    with ProgressBar() as bar, temporary_settings(api):
        progress.listen(bar.update)
        try:
            state = flow_fn(config, return_state=True)
        finally:
            progress.clear()
    result = state.result(raise_on_failure=False)
    if isinstance(result, PipelineError):
        raise fail(str(result))
    if isinstance(result, BaseException):
        raise fail(f"run failed: {type(result).__name__}: {result}")
    return result


@app.command()
def serve(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (default: raw/).")] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    cron: Annotated[str, typer.Option(help="Schedule as a cron expression (UTC).")] = "0 * * * *",
    name: Annotated[str, typer.Option(help="Deployment name.")] = "scheduled-ingest",
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds a run waits for another writer.")] = 60.0,
) -> None:
    """Serve the ingest flow as a Prefect deployment on a schedule, until interrupted.

    Needs a Prefect server (`prefect server start`, then PREFECT_API_URL); runs show up in its UI.
    At most one scheduled run executes at a time (a global concurrency limit of 1).

    Example: careers serve raw/ --cron "*/15 * * * *" --name every-15-minutes
    """
    inputs = [str(p.resolve()) for p in (paths or [Path("raw")])]
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        raise fail(f"input path not found: {missing[0]}")
    if not os.environ.get("PREFECT_API_URL"):
        raise fail(
            "careers serve needs a running Prefect server: start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (a temporary server cannot run schedules)"
        )
    for key in ("PREFECT_SERVER_ANALYTICS_ENABLED", "PREFECT_SERVER_LOGGING_LEVEL"):
        os.environ.setdefault(key, QUIET_PREFECT[key])
    from prefect.client.schemas.schedules import construct_schedule

    from flows.ingest import IngestConfig, ingest_flow

    try:
        construct_schedule(cron=cron)
    except (ValueError, TypeError) as exc:
        raise fail(f"invalid --cron {cron!r}: {exc}") from None
    config = IngestConfig(paths=inputs, warehouse=str(Path(warehouse).resolve()), lock_timeout=lock_timeout)
    try:
        ingest_flow.serve(
            name=name,
            cron=cron,
            parameters={"config": config.model_dump(mode="json")},
            limit=1,
            global_limit=1,
            tags=["careers"],
            description="Scheduled ingest of career guides into the DuckDB warehouse.",
        )
    except KeyboardInterrupt:
        err.print("stopped serving; runs already started have finished or were cancelled")


@app.command()
def reprocess(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per Prefect task run.")] = 300,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds to wait for another writer.")] = 10.0,
) -> None:
    """Re-derive every career from the raw documents stored in the warehouse (after a parser change).

    No original files are needed. Careers whose record does not change stay as they are; changed
    ones get a new version tagged with the current parser version; documents last quarantined are
    retried.

    Example: careers reprocess --warehouse warehouse/careers.duckdb
    """
    if not Path(warehouse).is_file():
        raise fail(f"warehouse {warehouse} does not exist yet; run `careers ingest` first")
    quiet_prefect()
    started = time.perf_counter()
    with prefect_api() as server:
        from flows.ingest import IngestConfig, reprocess_flow

        config = IngestConfig(paths=[], warehouse=str(warehouse), batch_size=batch_size, lock_timeout=lock_timeout)
        result = _run_flow(reprocess_flow, config, server)
    out.print(f"Re-derived {result.documents_seen} stored document(s) with parser {PARSER_VERSION}; none lost.")
    _print_summary(result, str(warehouse), time.perf_counter() - started)


def _print_summary(summary: Any, warehouse: str, total: float) -> None:
    counts = summary.counts
    out.print(
        f"Processed {summary.documents_seen} document(s) into {warehouse} "
        f"(run {summary.run_id}, pipeline {summary.elapsed_seconds:.2f}s, total {total:.1f}s incl. Prefect start-up)"
    )
    out.print(
        "  " + "  ".join(f"{name} {counts[name]}" for name in ("loaded", "unchanged", "duplicate", "quarantined"))
    )
    if summary.changed:
        shown = ", ".join(f"{cid} v{version}" for cid, version in summary.changed[:10])
        more = f" and {len(summary.changed) - 10} more" if len(summary.changed) > 10 else ""
        out.print(f"  careers added or changed: {shown}{more}", markup=False)
    if summary.replayed:
        replayed = "  ".join(f"{name} {count}" for name, count in sorted(summary.replayed.items()) if count)
        out.print(f"  replayed stored documents: {replayed}")
    if summary.near_duplicates:
        out.print(f"  near-duplicate career pairs flagged: {summary.near_duplicates} (see `careers duplicates`)")
    if summary.problems:
        out.print("Quarantined:")
        for uri, reason in summary.problems[:50]:
            out.print(f"  {uri}: {reason}", markup=False)
        if len(summary.problems) > 50:
            out.print(f"  ... and {len(summary.problems) - 50} more (see ingest_documents)")


@app.command()
def query(
    sql: Annotated[
        str | None, typer.Argument(help='One SQL statement (read-only); "-" reads it from standard input.')
    ] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json, ndjson or markdown.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the SQL statement from this file.")] = None,
) -> None:
    """Run a read-only SQL query against the warehouse.

    Writes, ATTACH, COPY ... TO, INSTALL and LOAD are refused with a clear message.
    The curated views (v_career_profile, v_salary_bands, v_tech_frequency, ...) are listed by `careers tables`.

    Example: careers query "select title, median_salary from careers"
    """
    from pipeline.analytics import FORMATS, read_sql
    from pipeline.cli_analytics import emit

    if fmt not in FORMATS:
        raise fail(f"unknown --format {fmt!r}; use {', '.join(FORMATS)}", code=2)
    try:
        result = run_query(warehouse, read_sql(sql, file))
    except PipelineError as exc:
        raise fail(str(exc)) from None
    emit(result, fmt, output)


def _table(result: QueryResult) -> None:
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    out.print(table)


def _short(value: str | None, width: int = 70) -> str:
    text = "NULL" if value is None else value.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def history(
    career: Annotated[str, typer.Argument(help="career_id, title or any title seen for it.")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
) -> None:
    """Show every version of a career with its dates and what changed in each.

    Example: careers history "Medical Records Technician"
    """
    try:
        cid, versions = load_history(warehouse, career)
    except PipelineError as exc:
        raise fail(str(exc)) from None
    out.print(f"{cid}: {len(versions)} version(s)", markup=False)
    for info in versions:
        until = f"{info.valid_to:%Y-%m-%d %H:%M}" if info.valid_to else "current"
        out.print(
            f"v{info.version}  {info.valid_from:%Y-%m-%d %H:%M} -> {until}  "
            f"from {info.source_uri} (parser {info.parser_version})",
            markup=False,
        )
        if info.version == 1:
            out.print("    first version")
        elif not info.changes:
            out.print("    no field-level changes recorded")
        for fld, change, old, new in info.changes:
            if change == "changed":
                line = f"{fld} {_short(old, 40)} -> {_short(new, 40)}"
            elif change == "added":
                line = f"{fld} + {_short(new)}"
            else:
                line = f"{fld} - {_short(old)}"
            out.print(f"    {line}", markup=False)


@app.command()
def duplicates(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    min_similarity: Annotated[
        float,
        typer.Option(
            min=0, max=1, help="Only pairs at least this similar, among those flagged when they were ingested."
        ),
    ] = 0.0,
) -> None:
    """List pairs of different careers whose guides are mostly the same text (never merged).

    Pairs are flagged while ingesting, from a similarity of `careers ingest --near-duplicate-threshold`
    (0.8 by default); to see less similar pairs, ingest again with a lower threshold and --full-refresh.

    Example: careers duplicates --min-similarity 0.9
    """
    try:
        result = list_duplicates(warehouse, min_similarity)
    except PipelineError as exc:
        raise fail(str(exc)) from None
    if not result.rows:
        out.print(
            "no near-duplicate careers found (pairs are flagged while ingesting, from the similarity "
            "`careers ingest --near-duplicate-threshold` sets, 0.8 by default)"
        )
        return
    _table(result)


@app.command()
def runs(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    limit: Annotated[int, typer.Option(min=1, help="How many recent runs.")] = 20,
) -> None:
    """List recent ingest runs with their counts per outcome and durations.

    Example: careers runs --limit 5
    """
    try:
        result = recent_runs(warehouse, limit)
    except PipelineError as exc:
        raise fail(str(exc)) from None
    _table(result)


from pipeline.cli_analytics import register  # noqa: E402  (the analyst's commands: tables, describe, ...)

register(app)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; the warehouse is unchanged by the interrupted run")
        sys.exit(130)


if __name__ == "__main__":
    main()
