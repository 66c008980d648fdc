"""One ingest run: decide every input's outcome and stage its rows, batch by batch.

The run holds one write transaction from ``IngestRun.start`` to ``finish``: a
crash anywhere leaves the warehouse as it was. Batches stream through, so only
one batch of raw bytes is in memory at a time; what the run remembers across
batches is small (hashes, career ids).

Outcome rules (every input gets exactly one):
- ``quarantined``: unreadable, undecodable, not a guide or invalid; reason says why.
- ``duplicate``: the same bytes or the same record as an earlier input of this run
  (the reason names it), or the losing input of two different records for one career.
- ``unchanged``: the same record as the career's current version from an earlier run
  (found by hash of the bytes before parsing when the bytes were seen before).
- ``loaded``: a new career or a new version of one.

Two different records for the same career in one run: the more complete one wins;
on a tie the input seen first (sorted path order) wins. The loser is a ``duplicate``.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pipeline
from pipeline.errors import DocumentError
from pipeline.limits import Limits
from pipeline.process import ProcessedDocument, process_document
from pipeline.rows import Row
from pipeline.sources import RawDocument, SourceFile, read_document
from pipeline.staging import StagedRows, find_near_duplicates
from pipeline.warehouse import PriorContent, Warehouse

OUTCOMES = ("loaded", "unchanged", "duplicate", "quarantined")


@dataclass(frozen=True, slots=True)
class Unread:
    """An input whose bytes could not be read."""

    uri: str
    reason: str


@dataclass(frozen=True, slots=True)
class Processed:
    """A read input after the pure pipeline: a record or the reason it has none."""

    raw: RawDocument
    result: ProcessedDocument | DocumentError


def read_batch(sources: Sequence[SourceFile], limits: Limits) -> list[RawDocument | Unread]:
    out: list[RawDocument | Unread] = []
    for source in sources:
        try:
            out.append(read_document(source, max_bytes=limits.max_document_bytes))
        except DocumentError as exc:
            out.append(Unread(source.uri, exc.reason))
    return out


def process_batch(raws: Sequence[RawDocument], limits: Limits) -> list[Processed]:
    """The pure part of a batch: decode, parse, extract, validate each document."""
    out: list[Processed] = []
    for raw in raws:
        try:
            result: ProcessedDocument | DocumentError = process_document(raw.data, name=raw.uri, limits=limits)
        except DocumentError as exc:
            result = exc
        except RecursionError:
            result = DocumentError("document structure is nested too deeply to parse")
        out.append(Processed(raw, result))
    return out


@dataclass(frozen=True, slots=True)
class Known:
    """Bytes an earlier run loaded: no parse needed while they are still the career's current version."""

    raw: RawDocument
    prior: PriorContent


@dataclass
class Screened:
    """A batch after screening: entries still to decide, in input order, and those to parse."""

    entries: list[RawDocument | Known] = field(default_factory=list)
    todo: list[RawDocument] = field(default_factory=list)


@dataclass
class RunSummary:
    run_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (uri, reason) of quarantined inputs
    changed: list[tuple[str, int]] = field(default_factory=list)  # (career_id, version) loaded
    near_duplicates: int = 0  # candidate pairs found in this run
    replayed: Counter[str] = field(default_factory=Counter)  # outcomes of stored documents replayed
    elapsed_seconds: float = 0.0

    @property
    def documents_seen(self) -> int:
        return sum(self.counts[o] for o in OUTCOMES)


@dataclass
class _Loaded:
    career_id: str
    record_sha256: str
    completeness: float
    uri: str
    position: int
    version: int
    base: str | None  # the career's record (JSON) before this run, if any


class IngestRun:
    """Stateful decisions for one run over an open warehouse (the single writer)."""

    def __init__(
        self,
        warehouse: Warehouse,
        *,
        inputs: Sequence[str] = (),
        flow_run_id: str | None = None,
        near_duplicate_threshold: float = 0.8,
    ) -> None:
        self.wh = warehouse
        self.parser_version = pipeline.PARSER_VERSION  # read at run time, so a bump applies at once
        self.inputs = list(inputs)
        self.flow_run_id = flow_run_id
        now = dt.datetime.now(dt.UTC)
        self.summary = RunSummary(run_id=f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}", started_at=now)
        self._clock = time.perf_counter()
        self._position = 0
        self._contents: dict[str, str] = {}  # content sha -> first uri this run
        self._records: dict[str, str] = {}  # record sha -> uri this run
        self._careers: dict[str, _Loaded] = {}
        self._docs: list[Row] = []
        self._aliases: set[tuple[str, str]] = set()
        self._touched: set[str] = set()  # careers given a new version in this run (near-duplicate search)
        self.near_duplicate_threshold = near_duplicate_threshold
        # While replaying stored documents (full refresh) outcomes are counted, not recorded:
        # those inputs were recorded by the runs that first saw them.
        self.recording = True
        self.parse_all = False  # reprocess / full refresh: parse even bytes seen before

    def begin_segment(self, *, recording: bool, parse_all: bool) -> None:
        """Start a new logical run inside this transaction (full refresh replays past runs one by one)."""
        self._contents, self._records, self._careers = {}, {}, {}
        self.recording, self.parse_all = recording, parse_all

    @property
    def run_id(self) -> str:
        return self.summary.run_id

    def start(self) -> None:
        self.wh.begin()

    def abort(self) -> None:
        self.wh.rollback()

    # -- batch steps ------------------------------------------------------------------
    def screen(self, batch: Sequence[RawDocument | Unread]) -> Screened:
        """Settle what needs no parsing (unreadable, repeated bytes, bytes quarantined before).

        Bytes loaded before are not parsed either, but whether they are still the career's current
        version is decided in ``record``, in input order, because earlier batches of this run may
        change it while this batch is being parsed.
        """
        raws = [doc for doc in batch if isinstance(doc, RawDocument)]
        prior = {} if self.parse_all else self.wh.prior_contents([r.content_sha256 for r in raws], self.parser_version)
        stored = self.wh.stored_contents([r.content_sha256 for r in raws])
        screened = Screened()
        new_raw: list[Row] = []
        for doc in batch:
            if isinstance(doc, Unread):
                self._outcome(doc.uri, None, None, "quarantined", doc.reason)
                continue
            sha = doc.content_sha256
            if sha not in stored and sha not in self._contents:
                new_raw.append(
                    {
                        "content_sha256": sha,
                        "data": doc.data,
                        "size_bytes": doc.size,
                        "first_source_uri": doc.uri,
                        "first_run_id": self.run_id,
                    }
                )
            if sha in self._contents:
                self._outcome(doc.uri, doc, None, "duplicate", f"same bytes as {self._contents[sha]} in this run")
                continue
            self._contents[sha] = doc.uri
            seen = prior.get(sha)
            if seen is not None and seen.outcome == "quarantined":
                self._outcome(doc.uri, doc, None, "quarantined", seen.reason or "quarantined before")
            elif seen is not None and seen.is_current:
                screened.entries.append(Known(doc, seen))
            else:
                screened.entries.append(doc)
                screened.todo.append(doc)
        self.wh.insert("raw_documents", new_raw)
        return screened

    def record(self, screened: Screened, processed: Sequence[Processed], limits: Limits | None = None) -> None:
        """Decide outcomes, in input order, for a screened batch and its parse results; stage loaded rows."""
        parsed = iter(processed)
        ok = [p.result for p in processed if isinstance(p.result, ProcessedDocument)]
        known_ids = [e.prior.career_id for e in screened.entries if isinstance(e, Known) and e.prior.career_id]
        current = self.wh.current_versions([*(doc.career_id for doc in ok), *known_ids])
        staged = StagedRows(self.run_id, dt.datetime.now(dt.UTC))
        changed = {
            doc.career_id
            for doc in ok
            if (c := current.get(doc.career_id))
            and c.record_sha256 != doc.record_sha256
            and doc.career_id not in self._careers
        }
        bases = self.wh.current_records(changed)  # the records new versions are compared with
        for entry in screened.entries:
            if isinstance(entry, Known):
                prior, cid = entry.prior, entry.prior.career_id or ""
                cur = current.get(cid)
                still_current = cur is not None and cur.record_sha256 == prior.record_sha256
                if still_current and prior.record_sha256 not in self._records and cid not in self._careers:
                    self._records[prior.record_sha256 or ""] = entry.raw.uri
                    reason = "identical bytes already loaded; the career's current version is this record"
                    self._outcome(entry.raw.uri, entry.raw, cid, "unchanged", reason, record_sha=prior.record_sha256)
                    continue
                if prior.record_sha256 in self._records:
                    reason = f"same record as {self._records[prior.record_sha256 or '']} in this run"
                    self._outcome(entry.raw.uri, entry.raw, cid, "duplicate", reason, record_sha=prior.record_sha256)
                    continue
                # Rare: this run already changed the career, so compare the record the long way.
                item = process_batch([entry.raw], limits or Limits())[0]
                if isinstance(item.result, ProcessedDocument) and item.result.career_id not in current:
                    current.update(self.wh.current_versions([item.result.career_id]))
            else:
                item = next(parsed)
            raw, result = item.raw, item.result
            if isinstance(result, DocumentError):
                self._outcome(raw.uri, raw, None, "quarantined", result.reason)
                continue
            self._alias(staged, result)
            cid, rsha = result.career_id, result.record_sha256
            meta = {"record_sha": rsha, "fmt": result.format, "encoding": result.encoding}
            if rsha in self._records:
                reason = f"same record as {self._records[rsha]} in this run"
                self._outcome(raw.uri, raw, cid, "duplicate", reason, **meta)
                continue
            cur = current.get(cid)
            if cur is not None and cur.record_sha256 == rsha and cid not in self._careers:
                self._records[rsha] = raw.uri
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
                staged.replaced.append(cid)
                version, base = earlier.version, earlier.base
            elif cur is not None:
                version = cur.version + 1
                base = bases[cid] if cid in bases else self.wh.current_records([cid]).get(cid)
            else:
                version, base = 1, None
            self._records[rsha] = raw.uri
            # _outcome below gives this input the next position; remember it in case it is demoted.
            self._careers[cid] = _Loaded(cid, rsha, result.completeness, raw.uri, self._position + 1, version, base)
            staged.add(result, raw, version, base)
            self._outcome(raw.uri, raw, cid, "loaded", None, **meta)
            self._touched.add(cid)
            if self.recording:
                self.summary.changed.append((cid, version))
        staged.write(self.wh)
        self.wh.insert("ingest_documents", self._docs)
        self._docs = []

    def _alias(self, staged: StagedRows, doc: ProcessedDocument) -> None:
        for alias in (doc.source_title, doc.guide.title):
            if (alias, doc.career_id) not in self._aliases:
                self._aliases.add((alias, doc.career_id))
                staged.aliases.append({"alias": alias, "career_id": doc.career_id, "first_seen_run_id": self.run_id})

    def _demote(self, earlier: _Loaded, winner_uri: str, completeness: float) -> None:
        """An earlier input of this run lost its career to a more complete one."""
        reason = (
            f"another version of {earlier.career_id} from {winner_uri} won in this run "
            f"(completeness {completeness:.2f} vs {earlier.completeness:.2f})"
        )
        counts = self.summary.counts if self.recording else self.summary.replayed
        counts["loaded"] -= 1
        counts["duplicate"] += 1
        if self.recording:
            self.wh.insert("ingest_documents", self._docs)
            self._docs = []
            self.wh.execute(
                "UPDATE ingest_documents SET outcome = 'duplicate', reason = $reason "
                "WHERE run_id = $r AND position = $p",
                {"reason": reason, "r": self.run_id, "p": earlier.position},
            )
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
        if not self.recording:
            self.summary.replayed[outcome] += 1
            return
        self._position += 1
        self._docs.append(
            {
                "run_id": self.run_id,
                "position": self._position,
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
        self.summary.counts[outcome] += 1
        if outcome == "quarantined":
            self.summary.problems.append((uri, reason or ""))

    def finish(self) -> RunSummary:
        """Write the run row and commit the run's transaction."""
        self.wh.insert("ingest_documents", self._docs)
        self._docs = []
        summary = self.summary
        ids = sorted(self._touched)
        summary.near_duplicates = find_near_duplicates(self.wh, ids, self.near_duplicate_threshold, self.run_id)
        summary.finished_at = dt.datetime.now(dt.UTC)
        summary.elapsed_seconds = round(time.perf_counter() - self._clock, 3)
        self.wh.insert(
            "ingest_runs",
            [
                {
                    "run_id": self.run_id,
                    "started_at": summary.started_at,
                    "finished_at": summary.finished_at,
                    "status": "completed",
                    "parser_version": self.parser_version,
                    "documents_seen": summary.documents_seen,
                    **{o: summary.counts[o] for o in OUTCOMES},
                    "elapsed_seconds": summary.elapsed_seconds,
                    "flow_run_id": self.flow_run_id,
                    "inputs": self.inputs,
                }
            ],
        )
        self.wh.commit()
        return summary
