"""One ingest run: decide every input's outcome and stage its rows, batch by batch.

Each batch is committed as it is recorded, so memory stays bounded however many
documents a run has; what the run remembers across batches is small (hashes,
career ids). Until the run completes it only *adds* rows, all tagged with its run
id (child rows by career version): retiring the careers' old versions, the
near-duplicate pass and marking the run ``completed`` happen in one last
transaction. A run that dies half-way is therefore undone exactly, row by row,
the next time the warehouse is opened for writing (``Warehouse.undo_run``).
With ``atomic=True`` (full refresh, which first empties the derived tables) the
whole run is instead one transaction.

Outcome rules (every input gets exactly one):
- ``quarantined``: unreadable, undecodable, not a guide or invalid; reason says why.
- ``duplicate``: the same bytes or the same record as an earlier input of this run
  (the reason names it), or the losing input of two different records for one career.
- ``unchanged``: the same record as the career's current version from an earlier run
  (found by hash of the bytes before parsing when the bytes were seen before).
- ``loaded``: a new career or a new version of one.

Two different records for the same career in one run: the more complete one wins;
on a tie the input seen first (``sources.discover`` order: a folder's files by name, then its
subfolders) wins. The loser is a ``duplicate``.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Sequence

import pyarrow as pa

import pipeline
from pipeline.batch import Parsed, ParsedBatch, Unread
from pipeline.compress import CODEC, pack
from pipeline.errors import DocumentError
from pipeline.limits import Limits
from pipeline.outcomes import (
    DOCUMENT_SCHEMA,
    OUTCOMES,
    Known,
    LoadedInput,
    RunSummary,
    Screened,
    move_outcome,
)
from pipeline.rows import Row
from pipeline.sources import RawDocument
from pipeline.staging import StagedRows, find_near_duplicates
from pipeline.warehouse import CurrentVersion, Warehouse


class IngestRun:
    """Stateful decisions for one run over an open warehouse (the single writer)."""

    def __init__(
        self,
        warehouse: Warehouse,
        *,
        inputs: Sequence[str] = (),
        flow_run_id: str | None = None,
        near_duplicate_threshold: float = 0.8,
        atomic: bool = False,
    ) -> None:
        self.wh = warehouse
        self.atomic = atomic
        self.parser_version = pipeline.PARSER_VERSION  # read at run time, so a bump applies at once
        self.inputs = list(inputs)
        self.flow_run_id = flow_run_id
        now = dt.datetime.now(dt.UTC)
        self.summary = RunSummary(run_id=f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}", started_at=now)
        self._clock = time.perf_counter()
        self._now = now  # valid_from / loaded_at of every version this run loads
        self._position = 0
        self._positions: dict[str, int] = {}  # uri -> position, given in input order by screen()
        self._unchanged: dict[str, int] = {}  # career_id -> position of its input recorded unchanged
        self._contents: dict[str, str] = {}  # content sha -> first uri this run
        # content sha -> what its first input of the run was recognised as: copies of the same
        # bytes, settled before it is parsed, are given the same career, record, format, encoding
        self._described: dict[str, tuple[str | None, str | None, str | None, str | None]] = {}
        self._problem_positions: dict[str, int] = {}  # quarantined uri -> position: listed in input order
        self._records: dict[str, str] = {}  # record sha -> uri this run
        self._careers: dict[str, LoadedInput] = {}
        self._docs: list[Row] = []
        self._aliases: set[tuple[str, str]] = set()
        self._new_aliases: list[Row] = []  # aliases first seen in this run, inserted at the end
        self._touched: set[str] = set()  # careers given a new version in this run (near-duplicate search)
        self.near_duplicate_threshold = near_duplicate_threshold
        # While replaying stored documents (full refresh) outcomes are counted, not recorded:
        # those inputs were recorded by the runs that first saw them.
        self.recording = True
        self.parse_all = False  # reprocess / full refresh: parse even bytes seen before

    def begin_segment(self, *, recording: bool, parse_all: bool) -> None:
        """Start a new logical run inside this run (full refresh replays past runs one by one)."""
        self._retire_replaced()
        self._contents, self._records, self._careers, self._unchanged = {}, {}, {}, {}
        self._described = {}
        self.recording, self.parse_all = recording, parse_all

    @property
    def run_id(self) -> str:
        return self.summary.run_id

    def start(self) -> None:
        """Record the run as ``running`` (committed at once unless the run is atomic)."""
        if self.atomic:
            self.wh.begin()
        self.wh.insert("ingest_runs", [self._run_row("running")])

    def abort(self) -> None:
        """Give up: roll back the open transaction and remove what the run committed so far."""
        self.wh.rollback()
        if not self.atomic:
            self.wh.undo_run(self.run_id)

    def _run_row(self, status: str) -> Row:
        summary = self.summary
        return {
            "run_id": self.run_id,
            "started_at": summary.started_at,
            "finished_at": summary.finished_at,
            "status": status,
            "parser_version": self.parser_version,
            "documents_seen": summary.documents_seen,
            **{o: summary.counts[o] for o in OUTCOMES},
            "elapsed_seconds": summary.elapsed_seconds,
            "flow_run_id": self.flow_run_id,
            "inputs": self.inputs,
        }

    def _retire_replaced(self) -> None:
        """Careers given a new version keep only its rows; their older versions are closed."""
        replaced = {cid: loaded.version for cid, loaded in self._careers.items() if loaded.version > 1}
        self.wh.flush()
        self.wh.retire_versions(replaced, self._now)

    # -- batch steps ------------------------------------------------------------------
    def screen(self, batch: Sequence[RawDocument | Unread]) -> Screened:
        """Settle what needs no parsing (unreadable, repeated bytes, bytes quarantined before).

        Bytes loaded before are not parsed either, but whether they are still the career's current
        version is decided in ``record``, in input order, because earlier batches of this run may
        change it while this batch is being parsed.
        """
        raws = [doc for doc in batch if isinstance(doc, RawDocument)]
        prior = {} if self.parse_all else self.wh.prior_contents([r.content_sha256 for r in raws], self.parser_version)
        # Where a path last held these bytes matters only for bytes whose record is not current.
        stale = [
            r.uri
            for r in raws
            if (before := prior.get(r.content_sha256)) and before.outcome != "quarantined" and not before.is_current
        ]
        last = self.wh.last_contents(stale, self.parser_version) if stale else {}
        for doc in batch:  # outcomes are decided out of order (here or in record); positions follow the input
            self._position += 1
            self._positions[doc.uri] = self._position
        stored = self.wh.stored_contents([r.content_sha256 for r in raws])
        screened = Screened()
        new_raw: list[RawDocument] = []  # new bytes that will not be parsed (stored here, not by record)
        for doc in batch:
            if isinstance(doc, Unread):
                self._outcome(doc.uri, None, None, "quarantined", doc.reason)
                continue
            sha = doc.content_sha256
            is_new = sha not in stored and sha not in self._contents
            if sha in self._contents:
                self._outcome(doc.uri, doc, None, "duplicate", f"same bytes as {self._contents[sha]} in this run")
                continue
            self._contents[sha] = doc.uri
            seen = prior.get(sha)
            if seen is not None and seen.outcome == "quarantined":
                self._outcome(doc.uri, doc, None, "quarantined", seen.reason or "quarantined before")
            elif seen is not None and seen.is_current:
                screened.entries.append(Known(doc, seen))
            elif seen is not None and seen.career_id and last.get(doc.uri) == sha:
                # Unchanged at this path, and another input's version is current: parsing it again
                # could only make it win a tie it lost before (a rerun would flip-flop versions).
                screened.entries.append(Known(doc, seen, stale=True))
            else:
                screened.entries.append(doc)
                screened.todo.append(doc)
                if is_new:
                    screened.new.add(sha)
                    continue
            if is_new:
                new_raw.append(doc)
        self._store_raw(new_raw, pack([d.data for d in new_raw]))
        return screened

    def _store_raw(self, docs: Sequence[RawDocument], packed: Sequence[bytes]) -> None:
        if docs:
            self.wh.append(
                "raw_documents",
                pa.table(
                    {
                        "content_sha256": [d.content_sha256 for d in docs],
                        "data": pa.array(packed, type=pa.binary()),
                        "size_bytes": pa.array([d.size for d in docs], type=pa.int64()),
                        "first_source_uri": [d.uri for d in docs],
                        "first_run_id": [self.run_id] * len(docs),
                        "compression": [CODEC] * len(docs),
                    }
                ),
            )

    def record(self, screened: Screened, parsed: ParsedBatch, limits: Limits | None = None) -> None:
        """Decide outcomes, in input order, for a screened batch and its parse results; stage loaded rows.

        Outside an atomic run the batch is one transaction, committed here.
        """
        if not self.atomic:
            self.wh.begin()
        try:
            pairs = zip(screened.todo, parsed.packed, strict=True)
            new = [(doc, packed) for doc, packed in pairs if doc.content_sha256 in screened.new]
            self._store_raw([doc for doc, _ in new], [packed for _, packed in new])
            self._record(screened, parsed, limits)
            self._queue_documents()
            self.wh.flush()
        except BaseException:
            if not self.atomic:
                self.wh.rollback()
            raise
        if not self.atomic:
            self.wh.commit()

    def _record(self, screened: Screened, parsed: ParsedBatch, limits: Limits | None) -> None:
        results = iter(enumerate(parsed.results))
        ok = [r for r in parsed.results if isinstance(r, Parsed)]
        known_ids = [e.prior.career_id for e in screened.entries if isinstance(e, Known) and e.prior.career_id]
        current = self.wh.current_versions([*(doc.career_id for doc in ok), *known_ids])
        staged = StagedRows(self.run_id, self._now)
        changed = {
            doc.career_id
            for doc in ok
            if (c := current.get(doc.career_id))
            and c.record_sha256 != doc.record_sha256
            and doc.career_id not in self._careers
        }
        bases = self.wh.current_records(changed)  # the records new versions are compared with
        for entry in screened.entries:
            batch = parsed
            if isinstance(entry, Known):
                self._record_known(entry, current)
                continue
            raw = entry
            index, result = next(results)
            if isinstance(result, DocumentError):
                self._outcome(
                    raw.uri,
                    raw,
                    result.career_id,
                    "quarantined",
                    result.reason,
                    fmt=result.format,
                    encoding=result.encoding,
                )
                continue
            self._alias(result)
            cid, rsha = result.career_id, result.record_sha256
            meta = {"record_sha": rsha, "fmt": result.format, "encoding": result.encoding}
            if rsha in self._records:
                reason = f"same record as {self._records[rsha]} in this run"
                self._outcome(raw.uri, raw, cid, "duplicate", reason, **meta)
                continue
            cur = current.get(cid)
            if cur is not None and cur.record_sha256 == rsha and cid not in self._careers:
                self._records[rsha] = raw.uri
                self._unchanged[cid] = self._positions.get(raw.uri, self._position + 1)
                self._outcome(raw.uri, raw, cid, "unchanged", "same record as the career's current version", **meta)
                continue
            earlier = self._careers.get(cid)
            if earlier is not None:
                if result.completeness <= earlier.completeness:
                    reason = (
                        f"another version of {cid} from {earlier.uri} won in this run "
                        f"(completeness {earlier.completeness:.2f} vs {result.completeness:.2f}; "
                        "on a tie the first input wins)"
                    )
                    self._outcome(raw.uri, raw, cid, "duplicate", reason, **meta)
                    continue
                self._demote(earlier, raw.uri, result.completeness)
                if cid not in staged.picks:  # staged by an earlier batch: its rows are in the warehouse
                    staged.replaced[cid] = earlier.version
                version, base = earlier.version, earlier.base
            elif cur is not None:
                version = cur.version + 1
                base = bases[cid] if cid in bases else self.wh.current_records([cid]).get(cid)
            else:
                version, base = 1, None
            self._records[rsha] = raw.uri
            if cid in self._unchanged:
                self._supersede(cid, raw.uri)
            position = self._positions.get(raw.uri, self._position + 1)  # remembered in case it is demoted
            self._careers[cid] = LoadedInput(cid, rsha, result.completeness, raw.uri, position, version, base)
            staged.add(batch, index, cid, version, base)
            self._outcome(raw.uri, raw, cid, "loaded", None, **meta)
            self._touched.add(cid)
            if self.recording:
                self.summary.changed.append((cid, version))
        staged.write(self.wh)

    def _record_known(self, entry: Known, current: dict[str, CurrentVersion]) -> None:
        """Bytes parsed before never make a version: they are unchanged (still current) or a duplicate."""
        raw, prior, cid = entry.raw, entry.prior, entry.prior.career_id or ""
        rsha = prior.record_sha256
        cur = current.get(cid)
        if entry.stale:
            reason = (
                f"unchanged since this path was last ingested; {cid}'s current version comes from another "
                "input, and unchanged bytes do not replace it"
            )
        elif rsha in self._records:
            reason = f"same record as {self._records[rsha or '']} in this run"
        elif cid in self._careers:
            reason = f"another version of {cid} from {self._careers[cid].uri} was loaded in this run"
        elif cur is not None and cur.record_sha256 == rsha:
            self._records[rsha or ""] = raw.uri
            self._unchanged[cid] = self._positions.get(raw.uri, self._position + 1)
            reason = "identical bytes already loaded; the career's current version is this record"
            self._outcome(raw.uri, raw, cid, "unchanged", reason, record_sha=rsha)
            return
        else:  # the career's current version changed since screening: not by this run, so not expected
            reason = f"another version of {cid} is current"
        self._outcome(raw.uri, raw, cid, "duplicate", reason, record_sha=rsha)

    def _supersede(self, cid: str, winner_uri: str) -> None:
        """An input recorded ``unchanged`` earlier in this run lost its career to new content."""
        reason = f"another version of {cid} from {winner_uri} was loaded in this run"
        self._relabel_duplicate(self._unchanged.pop(cid), "unchanged", reason)

    def _relabel_duplicate(self, position: int, outcome: str, reason: str) -> None:
        """Make an input this run already recorded (at ``position``, as ``outcome``) a duplicate."""
        move_outcome(self.summary.counts if self.recording else self.summary.replayed, outcome, "duplicate")
        if self.recording:
            self._queue_documents()
            self.wh.flush()
            self.wh.execute(
                "UPDATE ingest_documents SET outcome = 'duplicate', reason = $reason "
                "WHERE run_id = $r AND position = $p",
                {"reason": reason, "r": self.run_id, "p": position},
            )

    def _alias(self, doc: Parsed) -> None:
        for alias in doc.titles:
            if (alias, doc.career_id) not in self._aliases:
                self._aliases.add((alias, doc.career_id))
                self._new_aliases.append({"alias": alias, "career_id": doc.career_id, "first_seen_run_id": self.run_id})

    def _queue_documents(self) -> None:
        for row in self._docs:  # a copy of bytes seen earlier in the run: describe it like the first
            if row["career_id"] is None and row["outcome"] == "duplicate" and row["content_sha256"] in self._described:
                row["career_id"], row["record_sha256"], row["format"], row["encoding"] = self._described[
                    row["content_sha256"]
                ]
        if self._docs:
            self.wh.append("ingest_documents", pa.Table.from_pylist(self._docs, schema=DOCUMENT_SCHEMA))
            self._docs = []

    def _demote(self, earlier: LoadedInput, winner_uri: str, completeness: float) -> None:
        """An earlier input of this run lost its career to a more complete one."""
        reason = (
            f"another version of {earlier.career_id} from {winner_uri} won in this run "
            f"(completeness {completeness:.2f} vs {earlier.completeness:.2f})"
        )
        self._relabel_duplicate(earlier.position, "loaded", reason)
        self.summary.changed = [c for c in self.summary.changed if c[0] != earlier.career_id]

    def _outcome(
        self,
        uri: str,
        raw: RawDocument | None,
        career_id: str | None,
        outcome: str,
        reason: str | None,
        *,
        record_sha: str | None = None,
        fmt: str | None = None,
        encoding: str | None = None,
    ) -> None:
        position = self._positions.pop(uri, None)
        if not self.recording:
            self.summary.replayed[outcome] += 1
            return
        if position is None:
            self._position += 1
            position = self._position
        self._docs.append(
            {
                "run_id": self.run_id,
                "position": position,
                "source_uri": uri,
                "content_sha256": raw.content_sha256 if raw else None,
                "size_bytes": raw.size if raw else None,
                "outcome": outcome,
                "career_id": career_id,
                "reason": reason,
                "record_sha256": record_sha,
                "format": fmt,
                "encoding": encoding,
                "parser_version": self.parser_version,
            }
        )
        if raw is not None and (career_id or fmt) and raw.content_sha256 not in self._described:
            self._described[raw.content_sha256] = (career_id, record_sha, fmt, encoding)
        self.summary.counts[outcome] += 1
        if outcome == "quarantined":
            self.summary.problems.append((uri, reason or ""))
            self._problem_positions[uri] = position

    def finish(self) -> RunSummary:
        """Complete the run in one transaction: retire replaced versions, find near-duplicates among
        the careers it changed, add new aliases and mark the run ``completed``."""
        if not self.atomic:
            self.wh.begin()
        try:
            self._queue_documents()
            self._retire_replaced()
            self.wh.insert_new_aliases(self._new_aliases)
            summary = self.summary
            summary.problems.sort(key=lambda problem: self._problem_positions.get(problem[0], 0))
            ids = sorted(self._touched)
            summary.near_duplicates = find_near_duplicates(self.wh, ids, self.near_duplicate_threshold, self.run_id)
            summary.finished_at = dt.datetime.now(dt.UTC)
            summary.elapsed_seconds = round(time.perf_counter() - self._clock, 3)
            self.wh.execute("DELETE FROM ingest_runs WHERE run_id = $r", {"r": self.run_id})
            self.wh.insert("ingest_runs", [self._run_row("completed")])
            self.wh.commit()
        except BaseException:
            if not self.atomic:
                self.wh.rollback()
            raise
        return summary
