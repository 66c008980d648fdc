"""Prefect flow: discover -> (read, screen, parse, stage) per batch -> commit -> summary.

Thin by design: every task is a one-line wrapper over a library function, so the
library works and is tested without Prefect. Tasks are what is worth seeing and
retrying on its own: discovering inputs and acquiring the warehouse (retried on
I/O errors), and parsing a batch (the work, on the task runner). Reading a batch,
screening and staging run in the flow's own thread as plain calls: a Prefect task
run costs ~40-100 ms of CPU between client and server; a file's transient read
error is retried for that file alone (``pipeline.sources.read_document``), and a
retried stage could not be correct anyway. Each batch is
committed as it is staged; a failure undoes everything the run added
(``IngestRun.abort``), and a killed run is undone when the warehouse is next opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE, CacheKeyFnPolicy
from prefect.client.schemas.objects import State
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from pydantic import BaseModel, Field

import pipeline
from flows.handoff import Ticket, claim, discard_all, park
from pipeline import progress
from pipeline.batch import ParsedBatch, Unread, process_batch, read_batch
from pipeline.errors import PipelineError
from pipeline.ingest import IngestRun
from pipeline.limits import Limits
from pipeline.memory import release_free_memory
from pipeline.outcomes import RunSummary, Screened
from pipeline.replay import StoredRef, clear_derived, history_segments, read_stored, reprocess_targets
from pipeline.reports import publish_report
from pipeline.sources import RawDocument, SourceFile, discover, warehouse_files
from pipeline.warehouse import Warehouse

T = TypeVar("T")


def transient(task: object, task_run: object, state: State[Any]) -> bool:
    """Retry only unexpected I/O failures; the pipeline's own errors (busy, not found) are final."""
    error = state.result(raise_on_failure=False)
    return not isinstance(error, PipelineError)


class IngestConfig(BaseModel):
    """Parameters of an ingest run (typed, so Prefect validates them and shows them in the UI)."""

    paths: list[str] = Field(default_factory=lambda: ["raw"], description="Files and directories to ingest.")
    warehouse: str = Field(default="warehouse/careers.duckdb", description="DuckDB file to load into.")
    batch_size: int = Field(default=300, gt=0, description="Documents per task run.")
    lock_timeout: float = Field(default=10.0, ge=0, description="Seconds to wait for another writer.")
    follow_symlinks: bool = Field(default=False, description="Follow symlinks leading outside the inputs.")
    near_duplicate_threshold: float = Field(
        default=0.8, gt=0, le=1, description="Shingle similarity from which two careers are flagged."
    )
    full_refresh: bool = Field(default=False, description="Rebuild derived tables from stored raw documents first.")
    workers: int = Field(default=1, ge=1, le=64, description="Parse batches in parallel (task runner workers).")
    task_runner: str = Field(
        default="threads", pattern="^(threads|processes|dask)$", description="threads, processes or dask."
    )
    dask_address: str | None = Field(default=None, description="Scheduler of an existing Dask cluster.")
    cache_parse_results: bool = Field(
        default=False,
        description="Persist parse results (Prefect result storage) keyed by content hashes and parser version, "
        "so a run retried after a failure does not parse the same batches again.",
    )
    limits: Limits = Field(default_factory=Limits)


def opaque(value: T) -> T:
    """Mark a task argument so Prefect passes it as is instead of walking it for futures."""
    return cast(T, quote(value))


def chunks(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@task(retries=2, retry_delay_seconds=[1, 3], retry_condition_fn=transient, cache_policy=NO_CACHE)
def discover_inputs(paths: list[str], follow_symlinks: bool, warehouse: str = "") -> list[SourceFile]:
    """List every input file under the given paths, in sorted order (never the warehouse's own files)."""
    skip = warehouse_files(warehouse) if warehouse else []
    return list(discover(paths, follow_symlinks=follow_symlinks, skip=skip))


def parse_cache_key(context: object, parameters: dict[str, Any]) -> str:
    """Cache key of a parse batch: its documents' sha256s, the parser version, the batch layout and the limits."""
    digest = hashlib.sha256(f"{pipeline.PARSER_VERSION}/{ParsedBatch.LAYOUT}".encode())
    for raw in parameters["raws"]:
        digest.update(raw.content_sha256.encode())
        digest.update(raw.uri.encode())
    digest.update(parameters["limits"].model_dump_json().encode())
    return f"careers-parse-{digest.hexdigest()}"


_pool: ProcessPoolExecutor | None = None


def _process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of worker processes for parsing (spawned, not forked: the flow process has threads)."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    return _pool


def warm_process_pool(workers: int) -> None:
    """Start the parse workers now (each imports the pipeline, ~1 s) instead of at the first batch."""
    pool = _process_pool(workers)
    for _ in range(workers):
        # A function of the library, not of this module: unpickling it imports pipeline.batch,
        # neither Prefect nor DuckDB (measured: ~1.9 s of CPU per worker instead of ~3.8 s with Prefect).
        pool.submit(process_batch, [], Limits())


def shutdown_process_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None


@task(cache_policy=NO_CACHE)
def parse_documents(
    raws: Sequence[RawDocument], limits: Limits, workers: int = 0, by_ticket: bool = False
) -> ParsedBatch | Ticket:
    """Decode, parse, extract and validate one batch: pure, no I/O (in a worker process when workers > 0).

    With ``by_ticket`` the batch is parked in this process and a ticket returned (see flows.handoff).
    """
    if workers and raws:
        batch = _process_pool(workers).submit(process_batch, list(raws), limits).result()
    else:
        batch = process_batch(raws, limits)
    return park(batch) if by_ticket else batch


@task(retries=3, retry_delay_seconds=[1, 2, 4], retry_condition_fn=transient, cache_policy=NO_CACHE)
def open_warehouse(path: str, lock_timeout: float) -> Warehouse:
    """Acquire the warehouse's single write connection."""
    return Warehouse.open(path, lock_timeout=lock_timeout)


@task(retries=2, retry_delay_seconds=[1, 3], retry_condition_fn=transient, cache_policy=NO_CACHE)
def read_stored_batch(warehouse: Warehouse, refs: Sequence[StoredRef]) -> list[RawDocument | Unread]:
    """Read one batch of stored raw documents from the warehouse."""
    return list(read_stored(warehouse, refs))


def _ingest_batches(
    run: IngestRun, batches: Iterable[list[RawDocument | Unread]], total: int, config: IngestConfig, label: str
) -> None:
    logger = get_run_logger()
    done = 0
    parse = (
        parse_documents.with_options(
            cache_policy=CacheKeyFnPolicy(cache_key_fn=parse_cache_key),
            persist_result=True,
            cache_expiration=dt.timedelta(days=7),
        )
        if config.cache_parse_results
        else parse_documents
    )
    # opaque(): Prefect would otherwise walk every document of every batch looking for futures.
    # (Not for Dask: its runner ships the arguments to other processes and must see them.)
    quoting = config.task_runner != "dask"
    # Results come back by ticket when the task runs in this process and is not cached.
    by_ticket = quoting and not config.cache_parse_results
    # Parse batches run on the flow's task runner (threads, processes or Dask) while this thread
    # screens the next batch and stages finished ones, in input order, through the one writer.
    # At most ``in_flight`` batches are parsed at once, so memory stays bounded by batch size.
    in_flight = max(1, config.workers) + 1
    pending: deque[tuple[int, int, Screened, PrefectFuture[ParsedBatch | Ticket] | ParsedBatch]] = deque()

    def stage_oldest() -> None:
        nonlocal done
        number, size, screened, parsing = pending.popleft()
        result = parsing.result() if isinstance(parsing, PrefectFuture) else parsing
        parsed = claim(result) if isinstance(result, Ticket) else result
        run.record(screened, parsed, config.limits)  # the writer, in this thread
        del result, parsed
        release_free_memory()
        done += size
        logger.info(
            "%s batch %d: %d document(s), %d parsed, %d/%d done", label, number, size, len(screened.todo), done, total
        )
        progress.advance(done, total, label)

    for number, read in enumerate(batches, start=1):
        screened = run.screen(read)
        workers = config.workers if config.task_runner == "processes" else 0
        if screened.todo:
            todo = opaque(screened.todo) if quoting else screened.todo
            parsing: PrefectFuture[ParsedBatch | Ticket] | ParsedBatch = parse.submit(
                todo, config.limits, workers, by_ticket
            )
        else:  # a rerun of known bytes: nothing to parse, no task run to pay for (~0.1 s of CPU each)
            parsing = process_batch([], config.limits)
        pending.append((number, len(read), screened, parsing))
        while len(pending) >= in_flight:
            stage_oldest()
    while pending:
        stage_oldest()


def _over_limit(sources: list[SourceFile], limit: int) -> list[RawDocument | Unread]:
    reason = f"over the per-run limit of {limit:,} documents; pass fewer paths per run or raise --max-documents"
    return [Unread(source.uri, reason) for source in sources[limit:]]


def _run(config: IngestConfig, body: Callable[[IngestRun, Warehouse], None]) -> RunSummary:
    warehouse = open_warehouse(str(Path(config.warehouse)), config.lock_timeout)
    try:
        run = IngestRun(
            warehouse,
            inputs=config.paths,
            flow_run_id=flow_run.get_id(),
            near_duplicate_threshold=config.near_duplicate_threshold,
            atomic=config.full_refresh,  # emptying the derived tables must not be seen half done
        )
        run.start()
        try:
            body(run, warehouse)
            summary = run.finish()
        except BaseException:
            run.abort()
            raise
    finally:
        warehouse.close()
    publish_report(summary)
    return summary


@flow(name="careers-ingest", log_prints=False)
def ingest_flow(config: IngestConfig | None = None) -> RunSummary:
    """Ingest career guides from ``config.paths`` into the DuckDB warehouse in one transaction.

    With ``full_refresh`` every derived table is rebuilt first by replaying the stored raw
    documents of every past run in order, then the given inputs are ingested.
    """
    config = config or IngestConfig()
    logger = get_run_logger()
    sources = discover_inputs(config.paths, config.follow_symlinks, config.warehouse)
    logger.info("discovered %d input(s) under %s", len(sources), ", ".join(config.paths))
    limit = config.limits.max_documents

    def body(run: IngestRun, warehouse: Warehouse) -> None:
        if config.full_refresh:
            segments = history_segments(warehouse)
            clear_derived(warehouse)
            for segment in segments:
                run.begin_segment(recording=False, parse_all=True)
                batches = (read_stored_batch(opaque(warehouse), opaque(b)) for b in chunks(segment, config.batch_size))
                _ingest_batches(run, batches, len(segment), config, "replay")
            run.begin_segment(recording=True, parse_all=True)
        kept = sources[:limit]
        batches = (read_batch(b, config.limits) for b in chunks(kept, config.batch_size))
        _ingest_batches(run, batches, len(kept), config, "ingest")
        if len(sources) > limit:
            run.screen(_over_limit(sources, limit))

    try:
        summary = _run(config, body)
    finally:
        shutdown_process_pool()
        discard_all()
    logger.info("run %s: %s", summary.run_id, dict(summary.counts))
    return summary


@flow(name="careers-reprocess", log_prints=False)
def reprocess_flow(config: IngestConfig | None = None) -> RunSummary:
    """Re-derive every career from its stored raw document with the current parser.

    Careers whose record does not change are recorded ``unchanged``; changed ones get a new
    version tagged with the current ``parser_version``; documents last quarantined are retried.
    """
    config = config or IngestConfig(paths=[])
    logger = get_run_logger()

    def body(run: IngestRun, warehouse: Warehouse) -> None:
        refs = reprocess_targets(warehouse)
        logger.info("re-deriving %d stored document(s)", len(refs))
        run.begin_segment(recording=True, parse_all=True)
        batches = (read_stored_batch(opaque(warehouse), opaque(b)) for b in chunks(refs, config.batch_size))
        _ingest_batches(run, batches, len(refs), config, "reprocess")

    return _run(config.model_copy(update={"paths": ["<stored raw documents>"]}), body)


def task_runner_for(config: IngestConfig) -> Any:
    """The task runner parse batches run on: threads, or a Dask cluster.

    "processes" also uses threads for Prefect's bookkeeping; each parse task hands its batch to a
    pool of worker processes that need no Prefect API, so both cores parse.
    """
    if config.task_runner == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        if config.dask_address:
            return DaskTaskRunner(address=config.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": config.workers,
                "processes": True,
                "threads_per_worker": 1,
                "dashboard_address": None,
            }
        )
    return ThreadPoolTaskRunner(max_workers=config.workers)


def configured_ingest_flow(config: IngestConfig) -> Any:
    """``ingest_flow`` bound to the task runner ``config`` asks for."""
    return ingest_flow.with_options(task_runner=task_runner_for(config))
