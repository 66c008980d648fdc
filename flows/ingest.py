"""Prefect flow: discover -> (read, screen, parse, stage) per batch -> commit -> summary.

Thin by design: every task is a one-line wrapper over a library function, so the
library works and is tested without Prefect. Tasks take batches of documents
(Prefect bookkeeping costs ~8 ms a task run; a guide parses in ~1 ms). Retries
only on I/O: discovering and reading inputs, acquiring the warehouse. The run is
one warehouse transaction: any failure rolls it back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State
from prefect.runtime import flow_run
from pydantic import BaseModel, Field

from pipeline.errors import PipelineError
from pipeline.ingest import IngestRun, Processed, RunSummary, Unread, process_batch, read_batch
from pipeline.limits import Limits
from pipeline.sources import RawDocument, SourceFile, discover
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
    batch_size: int = Field(default=200, gt=0, description="Documents per task run.")
    lock_timeout: float = Field(default=10.0, ge=0, description="Seconds to wait for another writer.")
    follow_symlinks: bool = Field(default=False, description="Follow symlinks leading outside the inputs.")
    near_duplicate_threshold: float = Field(
        default=0.8, gt=0, le=1, description="Shingle similarity from which two careers are flagged."
    )
    limits: Limits = Field(default_factory=Limits)


def chunks(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@task(retries=2, retry_delay_seconds=[1, 3], retry_condition_fn=transient, cache_policy=NO_CACHE)
def discover_inputs(paths: list[str], follow_symlinks: bool, max_documents: int) -> list[SourceFile]:
    """List every input file under the given paths, in sorted order."""
    return list(discover(paths, follow_symlinks=follow_symlinks))[:max_documents]


@task(retries=2, retry_delay_seconds=[1, 3], retry_condition_fn=transient, cache_policy=NO_CACHE)
def read_inputs(batch: Sequence[SourceFile], limits: Limits) -> list[RawDocument | Unread]:
    """Read one batch of inputs' bytes (size limits enforced before reading)."""
    return read_batch(batch, limits)


@task(cache_policy=NO_CACHE)
def parse_documents(raws: Sequence[RawDocument], limits: Limits) -> list[Processed]:
    """Decode, parse, extract and validate one batch: pure, no I/O."""
    return process_batch(raws, limits)


@task(cache_policy=NO_CACHE)
def screen_batch(run: IngestRun, read: list[RawDocument | Unread]) -> list[RawDocument]:
    """Settle unreadable inputs and bytes seen before without parsing; store new raw bytes."""
    return run.screen(read)


@task(cache_policy=NO_CACHE)
def stage_batch(run: IngestRun, processed: list[Processed]) -> None:
    """Decide outcomes for parsed documents and bulk-insert their rows (inside the run's transaction)."""
    run.record(processed)


@task(retries=3, retry_delay_seconds=[1, 2, 4], retry_condition_fn=transient, cache_policy=NO_CACHE)
def open_warehouse(path: str, lock_timeout: float) -> Warehouse:
    """Acquire the warehouse's single write connection."""
    return Warehouse.open(path, lock_timeout=lock_timeout)


@flow(name="careers-ingest", log_prints=False)
def ingest_flow(config: IngestConfig | None = None) -> RunSummary:
    """Ingest career guides from ``config.paths`` into the DuckDB warehouse in one transaction."""
    config = config or IngestConfig()
    logger = get_run_logger()
    sources = discover_inputs(config.paths, config.follow_symlinks, config.limits.max_documents)
    logger.info("discovered %d input(s) under %s", len(sources), ", ".join(config.paths))
    warehouse = open_warehouse(str(Path(config.warehouse)), config.lock_timeout)
    try:
        run = IngestRun(
            warehouse,
            inputs=config.paths,
            flow_run_id=flow_run.get_id(),
            near_duplicate_threshold=config.near_duplicate_threshold,
        )
        run.start()
        try:
            for number, batch in enumerate(chunks(sources, config.batch_size), start=1):
                todo = screen_batch(run, read_inputs(batch, config.limits))
                stage_batch(run, parse_documents(todo, config.limits))
                logger.info("batch %d: %d input(s), %d parsed", number, len(batch), len(todo))
            summary = run.finish()
        except BaseException:
            run.abort()
            raise
    finally:
        warehouse.close()
    logger.info("run %s: %s", summary.run_id, dict(summary.counts))
    return summary
