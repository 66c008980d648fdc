"""The `careers` command line: exit codes, output, help text, clean stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import ROOT, SAMPLE
from tests.helpers import ingest

runner = CliRunner()


def _careers(args: list[str], api_url: str | None, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = str(ROOT)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_help_lists_commands_with_examples() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "ingest" in result.output and "query" in result.output
    assert "Example: careers ingest" in result.output
    ingest_help = runner.invoke(app, ["ingest", "--help"], terminal_width=80)
    assert "Example: careers ingest" in ingest_help.output
    # Whole option names at 80 columns (rich's panels cut them: "--near-duplicate…").
    for option in ("--warehouse", "--near-duplicate-threshold", "--no-follow-symlinks", "--full-refresh"):
        assert option in ingest_help.output


def test_query_formats(warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    sql = "select title, median_salary, salary_min, salary_max from careers"
    table = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse_path)])
    assert table.exit_code == 0
    assert "Medical Records Technician" in table.output and "47500" in table.output
    as_json = runner.invoke(app, ["query", sql, "-w", str(warehouse_path), "--format", "json"])
    assert json.loads(as_json.output) == [
        {"title": "Medical Records Technician", "median_salary": 47500, "salary_min": 37000, "salary_max": 58000}
    ]
    as_csv = runner.invoke(app, ["query", sql, "-w", str(warehouse_path), "--format", "csv"])
    assert as_csv.output.splitlines() == [
        "title,median_salary,salary_min,salary_max",
        "Medical Records Technician,47500,37000,58000",
    ]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("delete from careers", "read-only"),
        ("create table x (a int)", "read-only"),
        ("copy careers to 'out.csv'", "disabled"),
        ("attach 'other.duckdb'", "disabled"),
        ("install httpfs", "disabled"),
        ("select * from nope", "nope"),
    ],
)
def test_query_refuses_writes_and_file_access(warehouse_path: Path, sql: str, message: str) -> None:
    ingest([SAMPLE], warehouse_path)
    result = runner.invoke(app, ["query", sql, "-w", str(warehouse_path)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_query_on_missing_warehouse(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "select 1", "-w", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "does not exist yet" in result.output


def test_ingest_missing_path_is_one_line(tmp_path: Path) -> None:
    result = _careers(["ingest", str(tmp_path / "nope")], None, tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: input path not found: {tmp_path / 'nope'}"


def _temporary_servers() -> set[str]:
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in ps.splitlines() if "prefect.server.api.server:create_app" in line}


@pytest.mark.flow
def test_ingest_without_an_api_starts_and_stops_its_own_server(tmp_path: Path) -> None:
    before = _temporary_servers()
    result = _careers(["ingest", str(SAMPLE), "-w", str(tmp_path / "w.duckdb")], None, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Processed 1 document(s)" in result.stdout and "loaded 1" in result.stdout
    assert result.stderr.strip() == ""  # no server chatter, no telemetry errors
    assert _temporary_servers() <= before  # the server it started is gone


def test_a_server_that_does_not_start_in_time_is_one_clear_line(tmp_path: Path) -> None:
    env_timeout = {"CAREERS_PREFECT_STARTUP_TIMEOUT": "0.01"}
    os.environ.update(env_timeout)
    try:
        result = _careers(["ingest", str(SAMPLE), "-w", str(tmp_path / "w.duckdb")], None, tmp_path)
    finally:
        del os.environ["CAREERS_PREFECT_STARTUP_TIMEOUT"]
    assert result.returncode == 1
    assert "Prefect's temporary server did not answer within" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.flow
def test_ingest_twice_from_the_command_line(prefect_api: str, tmp_path: Path) -> None:
    inputs = tmp_path / "raw"
    inputs.mkdir()
    (inputs / "guide.txt").write_bytes(SAMPLE.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    first = _careers(["ingest"], prefect_api, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Processed 2 document(s) into warehouse/careers.duckdb" in first.stdout
    assert "loaded 1  unchanged 0  duplicate 0  quarantined 1" in first.stdout
    assert "empty.txt: empty file" in first.stdout
    assert first.stderr.strip() == ""
    second = _careers(["ingest"], prefect_api, tmp_path)
    assert second.returncode == 0
    assert "loaded 0  unchanged 1  duplicate 0  quarantined 1" in second.stdout
    query = _careers(["query", "select count(*) as n from career_versions", "-f", "csv"], None, tmp_path)
    assert query.stdout.splitlines() == ["n", "1"]


@pytest.mark.flow
def test_second_writer_gets_a_clear_message(prefect_api: str, tmp_path: Path) -> None:
    import duckdb

    warehouse = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(warehouse)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        result = _careers(["ingest", str(SAMPLE), "-w", str(warehouse), "--lock-timeout", "0"], prefect_api, tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "is in use by another process" in result.stderr
    assert "Traceback" not in result.stderr
    del duckdb


def test_runs_lists_recent_runs(warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    ingest([SAMPLE], warehouse_path)
    result = runner.invoke(app, ["runs", "-w", str(warehouse_path)])
    assert result.exit_code == 0
    assert result.output.count("completed") == 2


def test_query_while_a_writer_holds_the_warehouse_says_busy(warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(warehouse_path)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        result = runner.invoke(app, ["query", "select count(*) from careers", "-w", str(warehouse_path)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert "is in use by another process" in result.output


def test_history_and_duplicates_commands(tmp_path: Path, warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    revised = tmp_path / "revised.txt"
    revised.write_bytes(SAMPLE.read_bytes().replace(b"$47,500", b"$49,900"))
    ingest([revised], warehouse_path)
    result = runner.invoke(app, ["history", "Medical Records Technicians", "-w", str(warehouse_path)])
    assert result.exit_code == 0
    assert "medical-records-technician: 2 version(s)" in result.output
    assert "median_salary 47500 -> 49900" in result.output
    missing = runner.invoke(app, ["history", "Astronaut", "-w", str(warehouse_path)])
    assert missing.exit_code == 1 and "no career 'Astronaut'" in missing.output
    assert "did you mean" not in missing.output  # nothing resembles it
    for near in ("Records Technician", "medical-record-technician"):
        hinted = runner.invoke(app, ["history", near, "-w", str(warehouse_path)])
        assert hinted.exit_code == 1 and "did you mean medical-records-technician?" in hinted.output, near
    none = runner.invoke(app, ["duplicates", "-w", str(warehouse_path)])
    assert none.exit_code == 0 and "no near-duplicate careers found" in none.output
