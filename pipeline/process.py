"""One document's pure path: bytes -> decoded text -> outline -> validated record.

No I/O and no Prefect: flows call ``process_document`` on batches, tests call
it directly. Any problem with the input raises a ``DocumentError`` whose
``reason`` goes to ``ingest_documents`` as the quarantine reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import numpy as np

import pipeline
from pipeline.decode import DecodedText, decode_bytes
from pipeline.dedupe import shingle_hashes, signature
from pipeline.errors import DocumentError, ParseError, ValidationFailed
from pipeline.extract import clean_title, extract
from pipeline.identity import canonical_json, career_id, sha256_text
from pipeline.limits import Limits
from pipeline.models import CareerGuide, validate_record
from pipeline.outline import Outline
from pipeline.parse import detect_format, parse_document
from pipeline.truncation import check_complete, check_markup_complete

T = TypeVar("T")

_NOT_A_GUIDE = ("no career-guide sections", "no title")

# What a complete guide has; completeness is the share of these present.
_COMPLETENESS_PARTS = (
    "summary",
    "growth_rate",
    "median_salary",
    "salary_range",
    "market_demand",
    "responsibilities",
    "tech_skills",
    "soft_skills",
    "tiers",
    "day_blocks",
    "faqs",
    "pros",
    "cons",
    "work_life_balance",
)


@dataclass(frozen=True, slots=True)
class ProcessedDocument:
    """A guide that passed validation, with everything the warehouse stores about it."""

    guide: CareerGuide
    career_id: str
    record_sha256: str
    record_json: str
    completeness: float
    encoding: str
    format: str
    repaired: int
    source_title: str
    signature: np.ndarray  # MinHash of word shingles, for near-duplicate search
    parser_version: str


def completeness(guide: CareerGuide) -> float:
    """Share (0-1) of the parts a complete guide has; gaps load as NULLs, this says how many."""
    present = {
        "summary": bool(guide.summary),
        "growth_rate": guide.headline.growth_rate_pct is not None,
        "median_salary": (guide.salary.median or guide.headline.median_salary) is not None,
        "salary_range": guide.salary.minimum is not None and guide.salary.maximum is not None,
        "market_demand": guide.headline.market_demand is not None,
        "responsibilities": bool(guide.items.get("responsibilities")),
        "tech_skills": bool(guide.items.get("tech_skills")),
        "soft_skills": bool(guide.items.get("soft_skills")),
        "tiers": bool(guide.tiers),
        "day_blocks": bool(guide.day_blocks),
        "faqs": bool(guide.faqs),
        "pros": bool(guide.items.get("pros")),
        "cons": bool(guide.items.get("cons")),
        "work_life_balance": guide.stress_level is not None or guide.balance_rating is not None,
    }
    return round(sum(present[part] for part in _COMPLETENESS_PARTS) / len(_COMPLETENESS_PARTS), 3)


def process_document(data: bytes, *, name: str = "", limits: Limits | None = None) -> ProcessedDocument:
    """Decode, parse, extract and validate one document; raise DocumentError to quarantine it."""
    limits = limits or Limits()
    decoded = decode_bytes(data)
    outline, fmt = _outline(decoded.text, name, limits)
    guide = _guide(outline)
    record = guide.model_dump(mode="json")
    return assemble(guide, record, signature(shingle_hashes(record)), decoded, outline.title, fmt)


def process_documents(
    inputs: Sequence[tuple[bytes, str]], limits: Limits | None = None
) -> list[ProcessedDocument | DocumentError]:
    """``process_document`` over ``(data, name)`` pairs, one stage at a time: the same results, in order.

    Running each stage over the whole batch keeps that stage's code and caches warm: measured
    ~14% less CPU per text guide than one document through every stage, then the next.
    """
    limits = limits or Limits()
    results: list[ProcessedDocument | DocumentError | None] = [None] * len(inputs)

    def attempt(index: int, step: Callable[[], T]) -> T | None:
        try:
            return step()
        except DocumentError as exc:
            results[index] = exc
        except RecursionError:
            results[index] = ParseError("document structure is nested too deeply to parse")
        return None

    decoded: list[tuple[int, DecodedText]] = []
    for index, (data, _) in enumerate(inputs):
        if (text := attempt(index, partial(decode_bytes, data))) is not None:
            decoded.append((index, text))
    outlines: list[tuple[int, DecodedText, Outline, str]] = []
    for index, text in decoded:
        parsed = attempt(index, partial(_outline, text.text, inputs[index][1], limits))
        if parsed is not None:  # keep how the bytes were decoded, not the text
            outlines.append((index, DecodedText("", text.encoding, text.repaired), *parsed))
        else:
            _learnt(results[index], text.encoding)
    del decoded
    guides: list[tuple[int, DecodedText, str, str, CareerGuide]] = []
    for index, text, outline, fmt in outlines:
        if (guide := attempt(index, partial(_guide, outline))) is not None:
            guides.append((index, text, outline.title, fmt, guide))
        else:
            _learnt(results[index], text.encoding, fmt, outline.title)
    del outlines
    for index, text, title, fmt, guide in guides:
        record = guide.model_dump(mode="json")
        results[index] = assemble(guide, record, signature(shingle_hashes(record)), text, title, fmt)
    return [r if r is not None else ParseError("not processed") for r in results]


def _learnt(error: object, encoding: str, fmt: str | None = None, title: str | None = None) -> None:
    """Note on a document's error what is known of it: ingest_documents keeps it beside the reason."""
    if isinstance(error, DocumentError):
        error.encoding = encoding
        if fmt is not None:
            error.format = fmt
        if title is not None and isinstance(error, ValidationFailed):  # a guide, extracted, that broke a rule
            error.career_id = career_id(clean_title(title))


def _outline(text: str, name: str, limits: Limits) -> tuple[Outline, str]:
    try:
        outline, fmt = parse_document(text, name=name, limits=limits)
    except ParseError as exc:
        # "cut off" explains a page with no title or sections better; a broken limit stays the reason
        if exc.reason.startswith(_NOT_A_GUIDE) and detect_format(text, name) == "html":
            check_markup_complete(text)
        raise
    if not outline.title.strip():
        raise ParseError("no title found: a career guide starts with the career's name")
    check_complete(text, fmt, outline)
    return outline, fmt


def _guide(outline: Outline) -> CareerGuide:
    return validate_record(extract(outline))


def assemble(
    guide: CareerGuide, record: dict[str, Any], sig: np.ndarray, decoded: DecodedText, source_title: str, fmt: str
) -> ProcessedDocument:
    """The ProcessedDocument of a validated guide (its dumped ``record`` and signature already computed)."""
    record_json = canonical_json(record)
    return ProcessedDocument(
        guide=guide,
        career_id=career_id(guide.title),
        record_sha256=sha256_text(record_json),
        record_json=record_json,
        completeness=completeness(guide),
        encoding=decoded.encoding,
        format=fmt,
        repaired=decoded.repaired,
        source_title=source_title,
        parser_version=pipeline.PARSER_VERSION,
        signature=sig,
    )
