"""A batch of inputs through the pure pipeline: read the files, then decode, parse, extract and
validate every document and lay out its rows, with no warehouse and no Prefect.

This is what the parse workers import (``process_batch``): neither DuckDB nor Prefect is loaded
there. ``pipeline.ingest`` decides the outcomes of the results in the single writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import pyarrow as pa

from pipeline.columns import guide_tables
from pipeline.compress import pack
from pipeline.errors import DocumentError
from pipeline.limits import Limits
from pipeline.process import ProcessedDocument, process_documents
from pipeline.sources import RawDocument, SourceFile, read_document


@dataclass(frozen=True, slots=True)
class Unread:
    """An input whose bytes could not be read."""

    uri: str
    reason: str


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the writer needs to decide a parsed document's outcome; its rows are in the batch's tables."""

    career_id: str
    record_sha256: str
    completeness: float
    format: str
    encoding: str
    titles: tuple[str, ...]  # as written on the page and as cleaned: the career's aliases


@dataclass(frozen=True)
class ParsedBatch:
    """A batch after the pure pipeline, small to send between processes: per input (in order) a
    ``Parsed`` or the reason it has none, and the Arrow rows of the parsed ones (``doc`` = index)."""

    results: list[Parsed | DocumentError]
    tables: dict[str, pa.Table]
    packed: list[bytes]  # every input's bytes, compressed for raw_documents (pipeline.compress)

    LAYOUT: ClassVar[str] = "3"  # bump when the fields change: cached batches of another layout are not reused

    def record_json(self, doc: int) -> str:
        """The canonical JSON record of parsed document ``doc``."""
        versions = self.tables["career_versions"]
        row = versions.column("doc").to_pylist().index(doc)
        return str(versions.column("record")[row].as_py())


def read_batch(sources: Sequence[SourceFile], limits: Limits) -> list[RawDocument | Unread]:
    out: list[RawDocument | Unread] = []
    for source in sources:
        try:
            out.append(read_document(source, max_bytes=limits.max_document_bytes))
        except DocumentError as exc:
            out.append(Unread(source.uri, exc.reason))
    return out


def process_batch(raws: Sequence[RawDocument], limits: Limits) -> ParsedBatch:
    """The pure part of a batch: decode, parse, extract, validate each document, and lay out its rows."""
    results: list[Parsed | DocumentError] = []
    ok: list[tuple[int, ProcessedDocument, str, str]] = []
    processed = process_documents([(raw.data, raw.uri) for raw in raws], limits)
    for index, (raw, doc) in enumerate(zip(raws, processed, strict=True)):
        if isinstance(doc, DocumentError):
            results.append(doc)
            continue
        titles = (doc.source_title, doc.guide.title)
        results.append(Parsed(doc.career_id, doc.record_sha256, doc.completeness, doc.format, doc.encoding, titles))
        ok.append((index, doc, raw.content_sha256, raw.uri))
    return ParsedBatch(results, guide_tables(ok), pack([raw.data for raw in raws]))
