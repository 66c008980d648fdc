"""The Prefect flow, run for real against the session's temporary Prefect server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client

from flows.ingest import IngestConfig, ingest_flow
from tests.conftest import SAMPLE
from tests.helpers import rows

pytestmark = pytest.mark.flow


def test_flow_ingests_sample_then_reports_unchanged(prefect_api: str, tmp_path: Path) -> None:
    warehouse = tmp_path / "careers.duckdb"
    config = IngestConfig(paths=[str(SAMPLE)], warehouse=str(warehouse), batch_size=1)
    state = ingest_flow(config, return_state=True)
    assert state.is_completed()
    first = state.result()
    assert dict(first.counts) == {"loaded": 1}
    second = ingest_flow(config)
    assert dict(second.counts) == {"unchanged": 1}
    assert rows(warehouse, "select title, median_salary from careers") == [("Medical Records Technician", 47500)]
    flow_run_ids = [r[0] for r in rows(warehouse, "select flow_run_id from ingest_runs order by started_at")]
    assert flow_run_ids[0] == str(state.state_details.flow_run_id)

    async def task_names() -> set[str]:
        async with get_client() as client:
            runs = await client.read_task_runs()
            return {r.name.rsplit("-", 1)[0] for r in runs}

    names = asyncio.run(task_names())
    assert {"discover_inputs", "read_inputs", "parse_documents", "stage_batch"} <= names


def test_flow_fails_with_the_pipeline_error_for_a_missing_input(prefect_api: str, tmp_path: Path) -> None:
    config = IngestConfig(paths=[str(tmp_path / "missing")], warehouse=str(tmp_path / "w.duckdb"))
    state = ingest_flow(config, return_state=True)
    assert state.is_failed()
    assert "input path not found" in str(state.result(raise_on_failure=False))
    assert not (tmp_path / "w.duckdb").exists()
