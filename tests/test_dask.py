"""Parse batches on a Dask cluster (prefect-dask's DaskTaskRunner) give the same warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import IngestConfig, configured_ingest_flow
from tests.conftest import CASES, FIXTURES, SAMPLE
from tests.test_flow import _snapshot

pytestmark = pytest.mark.flow


def test_dask_runner_gives_the_same_warehouse_as_threads(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import LocalCluster

    inputs = [str(SAMPLE), str(CASES / "data-analyst-variant.txt"), str(FIXTURES / "html")]
    threads = IngestConfig(paths=inputs, warehouse=str(tmp_path / "threads.duckdb"), batch_size=2)
    expected = configured_ingest_flow(threads)(threads)
    monkeypatch.setenv("PREFECT_API_URL", prefect_api)  # the worker processes report their task runs here
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        dask = threads.model_copy(
            update={
                "warehouse": str(tmp_path / "dask.duckdb"),
                "task_runner": "dask",
                "dask_address": cluster.scheduler_address,
            }
        )
        got = configured_ingest_flow(dask)(dask)
    assert dict(got.counts) == dict(expected.counts) == {"loaded": 2, "duplicate": 2, "quarantined": 1}
    assert _snapshot(tmp_path / "dask.duckdb") == _snapshot(tmp_path / "threads.duckdb")


def test_process_pool_gives_the_same_warehouse_as_threads(prefect_api: str, tmp_path: Path) -> None:
    inputs = [str(SAMPLE), str(CASES / "data-analyst-variant.txt"), str(FIXTURES / "html")]
    threads = IngestConfig(paths=inputs, warehouse=str(tmp_path / "threads.duckdb"), batch_size=2)
    configured_ingest_flow(threads)(threads)
    processes = threads.model_copy(
        update={"warehouse": str(tmp_path / "processes.duckdb"), "task_runner": "processes", "workers": 2}
    )
    summary = configured_ingest_flow(processes)(processes)
    assert summary.counts["loaded"] == 2
    assert _snapshot(tmp_path / "processes.duckdb") == _snapshot(tmp_path / "threads.duckdb")
