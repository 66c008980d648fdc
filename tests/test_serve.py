"""`careers serve` against a real Prefect server started by this test on a free localhost port."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE
from tests.helpers import rows

pytestmark = pytest.mark.server

DEPLOYMENT = "careers-ingest/ci-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(home: Path, api_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        {
            "PREFECT_HOME": str(home),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def _wait_for(check: object, timeout: float, what: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what}: process exited with {proc.returncode}")
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    prefect = Path(sys.executable).with_name("prefect")
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    api = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
            return bool(response.status == 200)

    try:
        _wait_for(healthy, 120, "the Prefect server to answer /api/health", server)
        yield api
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_served_deployment_runs_on_a_real_server(prefect_server: str, tmp_path: Path) -> None:
    inputs = tmp_path / "raw"
    inputs.mkdir()
    (inputs / "guide.txt").write_bytes(SAMPLE.read_bytes())
    warehouse = tmp_path / "w.duckdb"
    env = _env(tmp_path / "home", prefect_server)
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "serve",
            str(inputs),
            "-w",
            str(warehouse),
            "--cron",
            "0 0 1 1 *",
            "--name",
            "ci-test",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    async def deployment_ready() -> bool:
        async with get_client() as client:
            deployment = await client.read_deployment_by_name(DEPLOYMENT)
            return bool(deployment.schedules) and deployment.global_concurrency_limit is not None

    try:
        with temporary_settings({PREFECT_API_URL: prefect_server}):
            _wait_for(lambda: asyncio.run(deployment_ready()), 120, "the served deployment", serve)
            from prefect.deployments import run_deployment

            flow_run = run_deployment(DEPLOYMENT, timeout=180, poll_interval=1, as_subflow=False)
        assert flow_run.state is not None and flow_run.state.is_completed(), flow_run.state
    finally:
        serve.terminate()
        try:
            _, stderr = serve.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
            _, stderr = serve.communicate()
    assert rows(warehouse, "select title, median_salary from careers") == [("Medical Records Technician", 47500)]
    assert rows(warehouse, "select flow_run_id from ingest_runs") == [(str(flow_run.id),)]
    assert b"Traceback" not in stderr
