"""Prefect's temporary API server for a run without PREFECT_API_URL, started early.

Left to itself, the first Prefect client of a process without an API address imports the
whole server package (~7 s here) only to launch it in a subprocess, which imports it again
and takes another 6-8 s to answer: ~15 s before a flow can begin, one step after the other.
``careers ingest`` instead launches the same server command (uvicorn on Prefect's app
factory, UI off, as ``prefect.server.api.server.SubprocessASGIServer`` does) before it has
imported Prefect at all, and does its own start-up work (imports, discovering inputs, starting
parse workers) while the server boots on the other core. With PREFECT_API_URL set (a real
server, as ``careers serve`` needs) nothing is started.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import PipelineError

STARTUP_TIMEOUT_SECONDS = float(os.environ.get("CAREERS_PREFECT_STARTUP_TIMEOUT", "90"))


# What Prefect's SubprocessASGIServer sets for its temporary server (no UI, ephemeral mode).
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class ServerStartError(PipelineError):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prefect_app_dir() -> str:
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise ServerStartError("prefect is not installed")
    return str(Path(next(iter(spec.submodule_search_locations))).parent)


class TemporaryServer:
    """A Prefect API server in a subprocess for the duration of one command."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - the server's output, shown if it fails; closed by stop()
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                _prefect_app_dir(),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={**os.environ, **SERVER_ENV},
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerStartError(f"Prefect's temporary server exited at start-up: {self._output()}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise ServerStartError(
            f"Prefect's temporary server did not answer within {timeout:.0f} s; start one with "
            "`prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api"
        )

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()

    def _output(self) -> str:
        self._log.seek(0)
        lines = self._log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "no output"


@contextlib.contextmanager
def prefect_api() -> Iterator[TemporaryServer | None]:
    """Start a temporary server unless PREFECT_API_URL is set; its address goes into the environment
    (so worker processes, e.g. Dask's, report to it too). Call ``wait_until_ready`` before a flow."""
    if os.environ.get("PREFECT_API_URL"):
        yield None
        return
    server = TemporaryServer()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield server
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()
