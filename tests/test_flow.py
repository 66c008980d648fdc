"""The Prefect flow, run for real against the session's temporary Prefect server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client

from flows.ingest import IngestConfig, ingest_flow
from pipeline.rows import CHILD_TABLES
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
    assert {"open_warehouse", "discover_inputs", "parse_documents"} <= names
    # Reading and the writer's steps are plain calls in the flow's thread, not task runs.
    assert not names & {"read_inputs", "screen_batch", "stage_batch"}


def test_flow_fails_with_the_pipeline_error_for_a_missing_input(prefect_api: str, tmp_path: Path) -> None:
    config = IngestConfig(paths=[str(tmp_path / "missing")], warehouse=str(tmp_path / "w.duckdb"))
    state = ingest_flow(config, return_state=True)
    assert state.is_failed()
    assert "input path not found" in str(state.result(raise_on_failure=False))
    assert not (tmp_path / "w.duckdb").exists()


def _snapshot(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every derived table, without the columns that name the run or the time."""
    volatile = {"run_id", "loaded_at", "valid_from", "valid_to", "detected_at", "first_seen_run_id"}
    tables = (
        "careers",
        *CHILD_TABLES,
        "career_versions",
        "career_changes",
        "career_aliases",
        "career_signatures",
        "duplicate_candidates",
    )
    snap = {}
    for table in tables:
        columns = [
            r[0] for r in rows(warehouse, f"select column_name from duckdb_columns() where table_name = '{table}'")
        ]
        keep = ", ".join(c for c in columns if c not in volatile)
        snap[table] = rows(warehouse, f"select {keep} from {table} order by all")
    return snap


def _revised(tmp_path: Path) -> tuple[Path, Path]:
    text = SAMPLE.read_bytes().decode("utf-8")
    revised = tmp_path / "revised.txt"
    revised.write_text(text.replace("$47,500", "$49,900"), encoding="utf-8")
    sibling = tmp_path / "sibling.txt"
    sibling.write_text(text.replace("Medical Records Technician Career", "Health Information Technician Career"))
    return revised, sibling


def test_full_refresh_rebuilds_the_same_tables_as_the_incremental_path(prefect_api: str, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    revised, sibling = _revised(tmp_path)
    ingest_flow(IngestConfig(paths=[str(SAMPLE)], warehouse=str(warehouse)))
    ingest_flow(IngestConfig(paths=[str(revised), str(sibling)], warehouse=str(warehouse)))
    incremental = _snapshot(warehouse)
    assert len(incremental["career_versions"]) == 3 and len(incremental["duplicate_candidates"]) == 1
    revised.unlink()  # the originals are not needed: raw documents are stored
    summary = ingest_flow(IngestConfig(paths=[], warehouse=str(warehouse), full_refresh=True))
    assert summary.documents_seen == 0
    assert sum(summary.replayed.values()) == 3
    assert _snapshot(warehouse) == incremental


def test_reprocess_after_a_parser_change(prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline
    from flows.ingest import reprocess_flow
    from pipeline import process

    warehouse = tmp_path / "w.duckdb"
    _, sibling = _revised(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    ingest_flow(IngestConfig(paths=[str(SAMPLE), str(sibling), str(bad)], warehouse=str(warehouse)))
    same = reprocess_flow(IngestConfig(paths=[], warehouse=str(warehouse)))
    assert dict(same.counts) == {"unchanged": 2, "quarantined": 1}  # the empty file is retried

    original = process.extract

    def fixed_extract(outline: object) -> dict[str, object]:
        record = original(outline)  # type: ignore[arg-type]
        if record["title"] == "Health Information Technician":
            record["summary"] = "Re-derived by parser 2."
        return record

    before = pipeline.PARSER_VERSION
    monkeypatch.setattr(pipeline, "PARSER_VERSION", f"{before}-next")
    monkeypatch.setattr(process, "extract", fixed_extract)
    summary = reprocess_flow(IngestConfig(paths=[], warehouse=str(warehouse)))
    assert dict(summary.counts) == {"loaded": 1, "unchanged": 1, "quarantined": 1}
    assert rows(warehouse, "select career_id, version, parser_version, summary from careers order by 1") == [
        ("health-information-technician", 2, f"{before}-next", "Re-derived by parser 2."),
        (
            "medical-records-technician",
            1,
            before,
            rows(warehouse, "select summary from careers where version = 1")[0][0],
        ),
    ]
    accounted = rows(warehouse, "select count(*) from ingest_documents where run_id = ?", [summary.run_id])
    assert accounted == [(3,)]
    assert rows(warehouse, "select field from career_changes where version = 2") == [("summary",)]


def test_parse_results_are_cached_across_a_failed_run(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from pipeline.ingest import IngestRun

    warehouse = tmp_path / "w.duckdb"
    config = IngestConfig(paths=[str(SAMPLE)], warehouse=str(warehouse), cache_parse_results=True)
    original = IngestRun.finish

    def crash(self: IngestRun) -> object:
        raise RuntimeError("crash before commit")

    monkeypatch.setattr(IngestRun, "finish", crash)
    assert ingest_flow(config, return_state=True).is_failed()
    monkeypatch.setattr(IngestRun, "finish", original)
    state = ingest_flow(config, return_state=True)
    assert dict(state.result().counts) == {"loaded": 1}

    async def parse_states() -> list[str]:
        async with get_client() as client:
            runs = await client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
            )
            return [r.state.name for r in runs if r.name.startswith("parse_documents") and r.state]

    assert asyncio.run(parse_states()) == ["Cached"]


def test_each_run_publishes_markdown_and_table_artifacts(prefect_api: str, tmp_path: Path) -> None:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    config = IngestConfig(paths=[str(SAMPLE), str(bad)], warehouse=str(tmp_path / "w.duckdb"))
    state = ingest_flow(config, return_state=True)

    async def artifacts() -> dict[str, str]:
        async with get_client() as client:
            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
                )
            )
            return {a.type or "": str(a.data) for a in found}

    published = asyncio.run(artifacts())
    assert "| loaded | 1 |" in published["markdown"]
    assert "empty file" in published["markdown"]
    assert "medical-records-technician" in published["markdown"]
    assert "quarantined" in published["table"]


def test_broken_inputs_come_back_from_the_parse_workers(prefect_api: str, tmp_path: Path) -> None:
    """Quarantine reasons cross the process boundary: a truncated guide once broke the worker pool."""
    from flows.ingest import shutdown_process_pool

    inputs = tmp_path / "in"
    inputs.mkdir()
    data = SAMPLE.read_bytes()
    (inputs / "a-guide.txt").write_bytes(data)
    (inputs / "b-cut.txt").write_bytes(data[: data.index(b"destruction of confidenti") + 25])
    (inputs / "c-cut.html").write_bytes(b"<html><body><h1>Welder</h1><h2>Salary</h2><p>$40,000</p><ul cla")
    (inputs / "d-invalid.txt").write_bytes(data.replace("37,000β€”58,000".encode(), b"58,000-37,000"))
    config = IngestConfig(
        paths=[str(inputs)], warehouse=str(tmp_path / "w.duckdb"), batch_size=2, workers=2, task_runner="processes"
    )
    try:
        summary = ingest_flow(config)
    finally:
        shutdown_process_pool()
    assert dict(summary.counts) == {"loaded": 1, "quarantined": 3}
    reasons = dict(summary.problems)
    assert "looks cut off" in reasons[str(inputs / "b-cut.txt")]
    assert "stops inside a tag" in reasons[str(inputs / "c-cut.html")]
    assert "minimum is above maximum" in reasons[str(inputs / "d-invalid.txt")]
