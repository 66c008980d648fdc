"""Shared fixtures: sample paths, a fresh warehouse per test, one Prefect harness per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "raw" / "medical-records-technician.txt"
SEED = ROOT.parent / "shared" / "seed" / "medical-records-technician.txt"
CASES = ROOT / "tests" / "cases"
FIXTURES = ROOT / "tests" / "fixtures"

# Same quiet defaults the CLI sets: tests must not print telemetry errors either.
for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
}.items():
    os.environ.setdefault(_key, _value)


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "careers.duckdb"


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[str]:
    """One temporary Prefect server for every flow-level test of the session; yields its API URL."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(PREFECT_API_URL.value())
