"""Crash safety: an ingest killed with SIGKILL mid-load is undone exactly the next time the
warehouse is opened for writing (batches are committed as they go, tagged with the run), and the
next run completes and accounts for every input.

The child process runs the library's ingest path (``tests.helpers.ingest``) with a hook that
prints a marker at a chosen point inside the run's transaction and then sleeps, so the kill
lands there deterministically instead of depending on timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse import Warehouse
from tests.conftest import ROOT, SAMPLE
from tests.helpers import ingest, rows, scalar

COPIES = 30
BATCH = 10
MARKER = "HOOKED"

# Where the child stops: after the first batch is committed, or inside the run's final
# transaction, after the replaced versions' rows were deleted and before COMMIT.
HOOKS = {
    "after-first-batch": ("pipeline.ingest", "IngestRun", "record"),
    "inside-final-transaction": ("pipeline.warehouse", "Warehouse", "insert_new_aliases"),
}

CHILD = """
import sys, time, importlib
from pathlib import Path
from tests.helpers import ingest

module, cls, method = sys.argv[3:6]
owner = getattr(importlib.import_module(module), cls)
original = getattr(owner, method)

def hooked(self, *args, **kwargs):
    if method == "record":
        original(self, *args, **kwargs)
    print("{marker}", flush=True)
    time.sleep(120)
    raise SystemExit("the parent should have killed this process")

setattr(owner, method, hooked)
ingest([Path(sys.argv[1])], Path(sys.argv[2]), batch_size={batch})
"""


def _guides(directory: Path, count: int) -> None:
    _, rest = SAMPLE.read_bytes().split(b"\n", 1)
    directory.mkdir()
    for number in range(count):
        (directory / f"guide-{number:03d}.txt").write_bytes(
            f"Archive Clerk {number:03d} Career Path Guide\n".encode() + rest
        )


def _counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]


def _kill_at_hook(inputs: Path, warehouse: Path, hook: tuple[str, str, str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = textwrap.dedent(CHILD).format(marker=MARKER, batch=BATCH)
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(inputs), str(warehouse), *hook],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()  # blocks until the hook is reached (or the child dies)
        assert line.strip() == MARKER, f"child never reached the hook: {line!r} {child.stderr.read()!r}"  # type: ignore[union-attr]
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.mark.parametrize("hook", list(HOOKS), ids=list(HOOKS))
def test_sigkill_mid_load_leaves_the_warehouse_as_before(tmp_path: Path, hook: str) -> None:
    warehouse = tmp_path / "careers.duckdb"
    earlier = tmp_path / "earlier"
    _guides(earlier, 3)
    first = ingest([earlier, SAMPLE], warehouse)
    assert dict(first.counts) == {"loaded": 4}
    before = _counts(warehouse)
    snapshot = rows(warehouse, "select career_id, version, record_sha256 from careers order by 1")

    inputs = tmp_path / "inputs"
    _guides(inputs, COPIES)  # the first 3 are the earlier run's bytes, the rest are new careers
    # ... and a new version of the sample's career, so the killed run replaces rows of an old version.
    revised = SAMPLE.read_bytes().replace(b"Medical Records Technician", b"Medical Records Technicians", 1)
    (inputs / "medical-records-technician-revised.txt").write_bytes(revised + b"\n\nPros\n- Steady hours\n")
    _kill_at_hook(inputs, warehouse, HOOKS[hook])

    # Read-only, the interrupted run shows as running; opening as the writer undoes it exactly.
    assert scalar(warehouse, "select count(*) from ingest_runs where status = 'running'") == 1
    with Warehouse.open(warehouse, lock_timeout=5) as wh:  # no stale lock is left behind either
        assert len(wh.recovered) == 1
    assert _counts(warehouse) == before
    assert rows(warehouse, "select career_id, version, record_sha256 from careers order by 1") == snapshot

    # The next run completes and accounts for every input.
    summary = ingest([inputs], warehouse, batch_size=BATCH)
    assert dict(summary.counts) == {"unchanged": 3, "loaded": COPIES - 2}
    run_id = summary.run_id
    assert scalar(warehouse, "select count(*) from ingest_documents where run_id = $1", [run_id]) == COPIES + 1
    assert scalar(warehouse, "select count(*) from ingest_runs") == 2
    assert scalar(warehouse, "select status from ingest_runs where run_id = $1", [run_id]) == "completed"
    assert scalar(warehouse, "select count(*) from careers") == COPIES + 1  # + the sample
    assert rows(warehouse, "select version from careers where career_id = 'medical-records-technician'") == [(2,)]
