"""The DuckDB warehouse: schema, the single writer, read-only queries.

One read-write connection per file (DuckDB's rule); a second writer waits up to
``lock_timeout`` seconds and then gets ``WarehouseBusy``. Rows arrive as lists
of dicts per batch and go in as Arrow tables (``INSERT ... BY NAME SELECT``),
never row by row. Document content is only ever bound as Arrow data or
parameters, never formatted into SQL.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from pipeline.errors import QueryError, WarehouseBusy, WarehouseError
from pipeline.rows import CHILD_TABLES, Row

WRITER_MEMORY_LIMIT = os.environ.get("CAREERS_DUCKDB_MEMORY_LIMIT", "128MB")
if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", WRITER_MEMORY_LIMIT):
    WRITER_MEMORY_LIMIT = "128MB"  # ignore a malformed setting rather than fail every run
CHECKPOINT_THRESHOLD = "1GB"
_LOCK_MARKERS = ("could not set lock", "conflicting lock", "lock on file")


# Tables, then the curated views over them, then the data dictionary (comments on both).
SQL_FILES = ("schema.sql", "views.sql", "dictionary.sql")


def schema_sql() -> str:
    """The warehouse DDL: ``warehouse/*.sql`` in a checkout, ``pipeline.warehouse_sql`` when installed.

    One transaction: the schema is brought up to date entirely or not at all, and the ~250
    statements (mostly COMMENTs) cost one commit instead of one each (~0.15 s instead of ~0.4 s).
    """
    in_checkout = Path(__file__).resolve().parent.parent / "warehouse"
    if (in_checkout / SQL_FILES[0]).is_file():
        parts = [(in_checkout / name).read_text(encoding="utf-8") for name in SQL_FILES]
    else:
        package = resources.files("pipeline.warehouse_sql")
        parts = [package.joinpath(name).read_text(encoding="utf-8") for name in SQL_FILES]
    return "\n".join(["BEGIN TRANSACTION;", *parts, "COMMIT;"])


def _connect(path: Path, *, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    config: dict[str, str | bool | int | float | list[str]] = {"enable_external_access": False} if read_only else {}
    deadline = time.monotonic() + lock_timeout
    delay = 0.1
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            message = str(exc)
            if not any(marker in message.lower() for marker in _LOCK_MARKERS):
                raise WarehouseError(f"cannot open warehouse {path}: {message.splitlines()[0]}") from None
            if time.monotonic() >= deadline:
                raise WarehouseBusy(str(path), message) from None
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open warehouse {path}: {str(exc).splitlines()[0]}") from None


@dataclass(frozen=True, slots=True)
class PriorContent:
    """What an earlier run made of some exact bytes (same parser version)."""

    outcome: str
    career_id: str | None
    record_sha256: str | None
    reason: str | None
    is_current: bool  # the record is still its career's current version


@dataclass(frozen=True, slots=True)
class CurrentVersion:
    """A career's current version as stored in ``career_versions``."""

    version: int
    record_sha256: str


# Appended Arrow tables are held back until about this many bytes, then inserted with one
# statement per table: each INSERT costs a few ms however small, so batches are coalesced.
APPEND_FLUSH_BYTES = 32 * 1024 * 1024


class Warehouse:
    """A read-write warehouse connection with the bulk operations the loader needs."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path
        self._pending: dict[str, list[pa.Table]] = {}
        self._pending_bytes = 0
        self.recovered: list[str] = []  # interrupted runs rolled back when this connection opened

    @classmethod
    def open(cls, path: str | Path, *, lock_timeout: float = 10.0) -> Warehouse:
        """Open (creating if needed) for writing and bring the schema up to date."""
        target = Path(path)
        if target.exists() and target.is_dir():
            raise WarehouseError(f"warehouse path {target} is a directory; give a .duckdb file path")
        target.parent.mkdir(parents=True, exist_ok=True)
        con = _connect(target, read_only=False, lock_timeout=lock_timeout)
        try:
            # A memory limit makes DuckDB evict committed blocks to disk instead of caching them.
            con.execute(f"SET memory_limit = '{WRITER_MEMORY_LIMIT}'")
            # A run commits every batch. With the default 16 MB threshold nearly every commit
            # checkpointed, rewriting the tables' open row groups each time (measured: 1.6 s per
            # commit at 10,000 guides); the WAL is replayed after a crash, and closing checkpoints.
            con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            # One thread: the parse workers already use every core, and a writer's inserts of a
            # few hundred documents gain nothing from more (measured: ~10% less CPU per batch).
            con.execute("SET threads = 1")
            con.execute(schema_sql())
        except duckdb.Error as exc:
            con.close()
            raise WarehouseError(f"cannot prepare warehouse {target}: {str(exc).splitlines()[0]}") from None
        warehouse = cls(con, target)
        for run_id in warehouse.interrupted_runs():
            warehouse.undo_run(run_id)
            warehouse.recovered.append(run_id)
        return warehouse

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------
    def begin(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.flush()
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        self._pending, self._pending_bytes = {}, 0
        with contextlib.suppress(duckdb.Error):  # nothing to roll back
            self.con.execute("ROLLBACK")

    # -- reads the loader needs -------------------------------------------------------
    def prior_contents(self, shas: Sequence[str], parser_version: str) -> dict[str, PriorContent]:
        """For bytes seen before under this parser version: what became of them."""
        if not shas:
            return {}
        rows = self.con.execute(
            """
            WITH latest AS (
                SELECT d.*, row_number() OVER (PARTITION BY d.content_sha256 ORDER BY r.started_at DESC,
                       d.position DESC) AS rn
                FROM ingest_documents d JOIN ingest_runs r USING (run_id)
                WHERE d.content_sha256 IN (SELECT unnest($shas)) AND d.parser_version = $pv
                  AND r.status = 'completed'
                  AND (d.record_sha256 IS NOT NULL OR d.outcome = 'quarantined')
            )
            SELECT l.content_sha256, l.outcome, l.career_id, l.record_sha256, l.reason,
                   c.record_sha256 IS NOT NULL AND c.record_sha256 = l.record_sha256
            FROM latest l LEFT JOIN careers c ON c.career_id = l.career_id
            WHERE l.rn = 1
            """,
            {"shas": list(shas), "pv": parser_version},
        ).fetchall()
        return {row[0]: PriorContent(row[1], row[2], row[3], row[4], bool(row[5])) for row in rows}

    def last_contents(self, uris: Sequence[str], parser_version: str) -> dict[str, str]:
        """For paths ingested before under this parser version: the content sha256 they had last time."""
        if not uris:
            return {}
        rows = self.con.execute(
            """
            SELECT d.source_uri, arg_max(d.content_sha256, (r.started_at, d.position))
            FROM ingest_documents d JOIN ingest_runs r USING (run_id)
            WHERE d.source_uri IN (SELECT unnest($uris)) AND d.parser_version = $pv
              AND r.status = 'completed' AND d.content_sha256 IS NOT NULL
            GROUP BY d.source_uri
            """,
            {"uris": list(uris), "pv": parser_version},
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def current_versions(self, career_ids: Iterable[str]) -> dict[str, CurrentVersion]:
        """career_id -> its current version (number and record hash; the record itself is not read)."""
        ids = sorted(set(career_ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT career_id, version, record_sha256 FROM career_versions "
            "WHERE valid_to IS NULL AND career_id IN (SELECT unnest($ids))",
            {"ids": ids},
        ).fetchall()
        return {row[0]: CurrentVersion(row[1], row[2]) for row in rows}

    def current_records(self, career_ids: Iterable[str]) -> dict[str, str]:
        """career_id -> the JSON record of its current version."""
        ids = sorted(set(career_ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT career_id, record::VARCHAR FROM career_versions "
            "WHERE valid_to IS NULL AND career_id IN (SELECT unnest($ids))",
            {"ids": ids},
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def signatures(self) -> dict[str, np.ndarray]:
        """Every stored MinHash signature (64 integers per career; ~10 MB at 20,000 careers)."""
        relation = self.con.sql("SELECT career_id, signature FROM career_signatures")
        assert relation is not None
        table = relation.to_arrow_table()
        ids = table.column("career_id").to_pylist()
        flat = table.column("signature").combine_chunks().flatten().to_numpy()
        width = len(flat) // len(ids) if ids else 0
        return {cid: flat[i * width : (i + 1) * width].astype(np.uint64) for i, cid in enumerate(ids)}

    def insert_new_aliases(self, rows: list[Row]) -> None:
        """Add (alias, career_id) pairs not seen before."""
        if not rows:
            return
        self.con.register("_batch_aliases", pa.Table.from_pylist(rows))
        try:
            self.con.execute(
                "INSERT INTO career_aliases SELECT DISTINCT b.alias, b.career_id, b.first_seen_run_id "
                "FROM _batch_aliases b WHERE NOT EXISTS (SELECT 1 FROM career_aliases a "
                "WHERE a.alias = b.alias AND a.career_id = b.career_id)"
            )
        finally:
            self.con.unregister("_batch_aliases")

    def stored_contents(self, shas: Sequence[str]) -> set[str]:
        if not shas:
            return set()
        rows = self.con.execute(
            "SELECT content_sha256 FROM raw_documents WHERE content_sha256 IN (SELECT unnest($s))", {"s": list(shas)}
        ).fetchall()
        return {row[0] for row in rows}

    # -- writes ------------------------------------------------------------------------
    def insert(self, table: str, rows: list[Row]) -> None:
        """Bulk insert rows (dicts keyed by column name) through Arrow, now."""
        if rows:
            self._insert_arrow(table, pa.Table.from_pylist(rows))

    def append(self, table: str, rows: pa.Table) -> None:
        """Queue an Arrow table for ``table``; queued tables go in together (``flush``).

        Callers flush before statements that must see or change the queued rows; reads of
        the warehouse in between see it without them.
        """
        if rows.num_rows == 0:
            return
        self._pending.setdefault(table, []).append(rows)
        self._pending_bytes += rows.nbytes
        if self._pending_bytes >= APPEND_FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Insert every queued table, one statement per target table."""
        pending, self._pending, self._pending_bytes = self._pending, {}, 0
        for table, parts in pending.items():
            self._insert_arrow(table, pa.concat_tables(parts, promote_options="default"))

    def _insert_arrow(self, table: str, batch: pa.Table) -> None:
        view = f"_batch_{table}"
        self.con.register(view, batch)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    def delete_version(self, career_id: str, version: int, run_id: str) -> None:
        """Remove one version of a career that this run loaded and then superseded (every table)."""
        params = {"c": career_id, "v": version, "r": run_id}
        for table in ("careers", *CHILD_TABLES, "career_signatures"):
            self.con.execute(
                f"DELETE FROM {table} WHERE career_id = $c AND version = $v", {"c": career_id, "v": version}
            )
        for table in ("career_versions", "career_changes"):
            self.con.execute(f"DELETE FROM {table} WHERE career_id = $c AND version = $v AND run_id = $r", params)

    def retire_versions(self, current: dict[str, int], valid_to: Any) -> None:
        """Make ``current`` (career_id -> version) the careers' only rows: delete their rows of other
        versions from careers, child tables and signatures, and close their other open versions."""
        if not current:
            return
        self.con.register("_current", pa.table({"career_id": list(current), "version": list(current.values())}))
        try:
            for table in ("careers", *CHILD_TABLES, "career_signatures"):
                self.con.execute(
                    f"DELETE FROM {table} t USING _current k "
                    "WHERE t.career_id = k.career_id AND t.version IS DISTINCT FROM k.version"
                )
            self.con.execute(
                "UPDATE career_versions v SET valid_to = $t FROM _current k "
                "WHERE v.career_id = k.career_id AND v.valid_to IS NULL AND v.version <> k.version",
                {"t": valid_to},
            )
        finally:
            self.con.unregister("_current")

    def interrupted_runs(self) -> list[str]:
        """Runs that started loading and never completed (the process was killed)."""
        rows = self.con.execute("SELECT run_id FROM ingest_runs WHERE status = 'running'").fetchall()
        return [row[0] for row in rows]

    def undo_run(self, run_id: str) -> None:
        """Remove every row an unfinished run added (one transaction).

        A run only ever adds rows until it completes: replacing old versions, closing them and
        the near-duplicate pass happen in its last transaction. So deleting what carries its
        run id restores the warehouse exactly as it was before the run.
        """
        self.begin()
        try:
            params = {"r": run_id}
            for table in (*CHILD_TABLES, "career_signatures"):
                self.con.execute(
                    f"DELETE FROM {table} t USING career_versions v "
                    "WHERE v.run_id = $r AND t.career_id = v.career_id AND t.version = v.version",
                    params,
                )
            for table, column in (
                ("careers", "run_id"),
                ("career_versions", "run_id"),
                ("career_changes", "run_id"),
                ("career_aliases", "first_seen_run_id"),
                ("duplicate_candidates", "run_id"),
                ("ingest_documents", "run_id"),
                ("raw_documents", "first_run_id"),
                ("ingest_runs", "run_id"),
            ):
                self.con.execute(f"DELETE FROM {table} WHERE {column} = $r", params)
            self.commit()
        except BaseException:
            self.rollback()
            raise

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> None:
        self.con.execute(sql, params or {})


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(
    path: str | Path, sql: str, params: dict[str, Any] | None = None, *, lock_timeout: float = 0.0
) -> QueryResult:
    """Run one statement read-only with external access disabled; refuse writes with QueryError."""
    target = Path(path)
    if not target.exists():
        raise QueryError(f"warehouse {target} does not exist yet; run `careers ingest` first")
    con = _connect(target, read_only=True, lock_timeout=lock_timeout)
    try:
        con.execute("SET lock_configuration = true")
        statements = len(duckdb.extract_statements(sql))
        if statements > 1:
            raise QueryError(f"one statement at a time: this SQL has {statements} statements; run them separately")
        cursor = con.execute(sql, params) if params else con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return QueryResult(columns, cursor.fetchall() if columns else [])
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        if "read-only" in first.lower() or "read only" in first.lower():
            raise QueryError(
                f"the warehouse is opened read-only for queries; write statements are refused ({first})"
            ) from None
        if "external access" in first.lower() or "permission" in first.lower():
            raise QueryError(f"statement refused: file and network access is disabled in queries ({first})") from None
        raise QueryError(first) from None
    finally:
        con.close()
