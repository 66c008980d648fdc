"""Micro-benchmark of the pure per-document stages: `python -m bench.stages [CORPUS_DIR]`.

Times, on one core and per document, each stage of ``process_document`` apart:

- decode: ``decode_bytes`` (BOM/charset, mojibake repair, normalisation);
- parse: ``parse_document`` (format sniffing + the text or HTML parser);
- extract: ``extract`` (outline -> plain dict);
- validate: ``validate_record`` + ``model_dump`` + canonical JSON (what the loader hashes);
- signature: word shingles + MinHash (the dedupe signature);
- total: the sum of the above, and ``process`` (``process_document`` end to end) as a check.

Each stage of each document runs ``--repeats`` times on the same input and the fastest run
counts, so the figures are the cost of the code rather than of whatever else the machine is
doing. The samples (raw/medical-records-technician.txt and the HTML fixtures) are reported one
by one; a corpus folder (every file of CORPUS_DIR, or of CORPUS_DIR/guides as written by
``python -m bench.corpus N DIR``) is reported per format as ms/doc and docs/s. Quarantined
inputs (a ``DocumentError``) are counted and left out of the timings.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.decode import decode_bytes
from pipeline.dedupe import shingles, signature
from pipeline.errors import DocumentError
from pipeline.extract import extract
from pipeline.identity import canonical_json
from pipeline.limits import Limits
from pipeline.models import validate_record
from pipeline.parse import FORMATS, parse_document
from pipeline.process import process_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = (
    ROOT / "raw" / "medical-records-technician.txt",
    ROOT / "tests" / "fixtures" / "html" / "medical-records-technician.html",
    ROOT / "tests" / "fixtures" / "html" / "medical-records-technician-divsoup.html",
)
STAGES = ("decode", "parse", "extract", "validate", "signature")
COLUMNS = (*STAGES, "total", "process")


@dataclass
class Totals:
    """Summed best-of-N seconds per stage over the documents of one format."""

    docs: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys((*STAGES, "process"), 0.0))

    def add(self, times: dict[str, float]) -> None:
        self.docs += 1
        for stage, seconds in times.items():
            self.seconds[stage] += seconds

    def ms(self, stage: str) -> float:
        seconds = sum(self.seconds[s] for s in STAGES) if stage == "total" else self.seconds[stage]
        return 1000 * seconds / self.docs


def best(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Fastest of ``repeats`` calls, and the last result."""
    fastest = float("inf")
    result: Any = None
    clock = time.perf_counter
    for _ in range(repeats):
        start = clock()
        result = fn()
        fastest = min(fastest, clock() - start)
    return fastest, result


def time_document(data: bytes, name: str, repeats: int, limits: Limits) -> tuple[str, dict[str, float]]:
    """Per-stage best times of one document; raises DocumentError if it is quarantined."""
    times: dict[str, float] = {}
    times["decode"], decoded = best(lambda: decode_bytes(data), repeats)
    times["parse"], (outline, fmt) = best(lambda: parse_document(decoded.text, name=name, limits=limits), repeats)
    times["extract"], fields = best(lambda: extract(outline), repeats)

    def validate() -> dict[str, Any]:
        record: dict[str, Any] = validate_record(fields).model_dump(mode="json")
        canonical_json(record)
        return record

    times["validate"], record = best(validate, repeats)
    times["signature"], _ = best(lambda: signature(shingles(record)), repeats)
    times["process"], _ = best(lambda: process_document(data, name=name, limits=limits), repeats)
    return fmt, times


def corpus_files(corpus: Path) -> list[Path]:
    folder = corpus / "guides" if (corpus / "guides").is_dir() else corpus
    return sorted(p for p in folder.iterdir() if p.is_file())


def run(paths: list[Path], repeats: int) -> tuple[dict[str, Totals], int]:
    limits = Limits()
    totals = {fmt: Totals() for fmt in FORMATS}
    quarantined = 0
    for path in paths:
        try:
            fmt, times = time_document(path.read_bytes(), path.name, repeats, limits)
        except DocumentError:
            quarantined += 1
            continue
        totals[fmt].add(times)
    return totals, quarantined


def _header(first: str) -> str:
    return f"{first:<48}" + "".join(f"{column:>10}" for column in COLUMNS)


def report_samples(repeats: int) -> list[str]:
    lines = [f"samples, ms per document (best of {repeats})", _header("file")]
    for path in SAMPLES:
        totals, quarantined = run([path], repeats)
        for fmt, bucket in totals.items():
            if bucket.docs:
                label = f"{path.name} ({fmt})"
                lines.append(f"{label:<48}" + "".join(f"{bucket.ms(column):>10.3f}" for column in COLUMNS))
        if quarantined:
            lines.append(f"{path.name:<48} quarantined")
    return lines


def report_corpus(totals: dict[str, Totals]) -> list[str]:
    lines = [f"{'format':<6} {'docs':>5}  {'stage':<10} {'ms/doc':>8} {'docs/s':>9}"]
    for fmt, bucket in totals.items():
        for stage in COLUMNS if bucket.docs else ():
            ms = bucket.ms(stage)
            lines.append(f"{fmt:<6} {bucket.docs:>5}  {stage:<10} {ms:>8.3f} {1000 / ms if ms else 0:>9,.0f}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, help="a folder of guides (or bench.corpus output)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per stage and document; the fastest counts")
    args = parser.parse_args(argv)
    gc.collect()
    gc.freeze()  # what exists now is never collected: less collector noise in the timings
    print("\n".join(report_samples(args.repeats)))
    if args.corpus is not None:
        paths = corpus_files(args.corpus)
        totals, quarantined = run(paths, args.repeats)
        print(f"\ncorpus {args.corpus}: {len(paths)} inputs, {quarantined} quarantined")
        print(f"best of {args.repeats} per stage and document, one core")
        print("\n".join(report_corpus(totals)))


if __name__ == "__main__":
    main()
