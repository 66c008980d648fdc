"""Test helpers: run the library's ingest path without Prefect, read tables back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from pipeline.batch import process_batch, read_batch
from pipeline.ingest import IngestRun
from pipeline.limits import Limits
from pipeline.outcomes import RunSummary
from pipeline.sources import discover
from pipeline.warehouse import Warehouse


def ingest(paths: list[Path], warehouse: Path, *, batch_size: int = 2, limits: Limits | None = None) -> RunSummary:
    """The same steps as flows/ingest.py, called directly (small batches to cross batch edges)."""
    limits = limits or Limits()
    sources = list(discover(paths))
    with Warehouse.open(warehouse) as wh:
        run = IngestRun(wh, inputs=[str(p) for p in paths])
        run.start()
        try:
            for start in range(0, len(sources), batch_size):
                screened = run.screen(read_batch(sources[start : start + batch_size], limits))
                run.record(screened, process_batch(screened.todo, limits), limits)
            return run.finish()
        except BaseException:
            run.abort()
            raise


def rows(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def scalar(warehouse: Path, sql: str, params: list[Any] | None = None) -> Any:
    return rows(warehouse, sql, params)[0][0]
