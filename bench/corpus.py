"""Generate a synthetic corpus of career guides with ground truth.

    python -m bench.corpus N OUTDIR [--seed S]

Writes ``OUTDIR/guides/`` (originals, exact duplicates, near-duplicates and broken files,
named ``NNNNN-slug.txt|html`` so sorted path order is generation order),
``OUTDIR/revisions/`` (changed versions of some originals, same file names: ingest them in
a second run), ``OUTDIR/truth/<dir>/<stem>.json`` (the expected ``CareerGuide`` as
``model_dump(mode="json")`` plus the expected outcome) and ``OUTDIR/manifest.json``.

Mix (of N files): about 2% exact duplicates (same bytes, or the same guide re-rendered in
another format/encoding), 2% near-duplicates (a sibling's guide with a new title and a few
figures changed), 5% revisions, 1% broken (empty, binary, truncated before any section,
salary minimum above maximum); corpora of 40+ files get at least 2/1/2/4 of these so every
kind is present. Text guides vary bullets, spacing, wrapping, mojibake (UTF-8 read as
cp1253 with cp1252 fills, as in the sample), CRLF, BOM and cp1252; HTML guides come in three
page styles and UTF-8, ASCII-with-entities or windows-1252. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.content import Guide, Sec, truth_record
from bench.encode import present
from bench.generate import Writer, make_guide, make_title
from pipeline.models import CareerGuide

RATES = {"duplicate": 0.02, "near-duplicate": 0.02, "revision": 0.05, "broken": 0.01}
MINIMUM = {"duplicate": 2, "near-duplicate": 1, "revision": 2, "broken": 4}
BROKEN_KINDS = ("empty", "binary", "truncated", "salary-min-above-max")
BROKEN_REASONS = {
    "empty": "empty file",
    "binary": "binary file",
    "png": "PNG image",
    "truncated": "it looks cut off",
    "salary-min-above-max": "minimum is above maximum",
}


def slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))


@dataclass
class Entry:
    folder: str  # "guides" or "revisions"
    stem: str
    ext: str
    data: bytes
    kind: str  # original, duplicate, near-duplicate, revision, broken
    title: str | None
    record: dict[str, Any] | None
    outcome: str  # loaded, duplicate, quarantined
    variant: dict[str, Any] = field(default_factory=dict)
    of: Entry | None = None
    reason: str | None = None
    guide: Guide | None = None

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.stem}.{self.ext}"


def validated(record: dict[str, Any]) -> dict[str, Any]:
    """The truth as the model dumps it; a guide meant to be valid must validate."""
    return CareerGuide.model_validate(record).model_dump(mode="json")


class Corpus:
    def __init__(self, n: int, seed: int) -> None:
        self.n, self.seed = n, seed
        self.rng = random.Random(seed)
        self.used: set[str] = set()
        self.empties: set[bytes] = set()

    def title(self) -> tuple[str, str, str]:
        for _ in range(1000):
            title, spec, role = make_title(self.rng)
            if slug(title) not in self.used:
                self.used.add(slug(title))
                return title, spec, role
        raise RuntimeError("ran out of distinct titles; add words to bench/words.py")

    def counts(self) -> dict[str, int]:
        counts = {kind: round(rate * self.n) for kind, rate in RATES.items()}
        if self.n >= 40:
            counts = {kind: max(count, MINIMUM[kind]) for kind, count in counts.items()}
        counts["original"] = self.n - sum(counts.values())
        if counts["original"] < 1:
            raise ValueError(f"N={self.n} is too small for the corpus mix")
        return counts

    def original(self) -> Entry:
        title, spec, role = self.title()
        guide = make_guide(self.rng, title, spec, role)
        data, ext, variant = present(guide, self.rng)
        record = validated(truth_record(guide))
        return Entry("guides", slug(title), ext, data, "original", title, record, "loaded", variant, guide=guide)

    def duplicate(self, source: Entry, same_bytes: bool) -> Entry:
        if same_bytes:
            data, ext, variant = source.data, source.ext, {**source.variant, "copy": "same bytes"}
            reason = f"same bytes as {source.path}"
        else:
            assert source.guide is not None
            fmt = "text" if source.ext == "html" else "html"
            data, ext, variant = present(source.guide, self.rng, fmt)
            variant["copy"] = "same record, other format"
            reason = f"same record as {source.path}"
        return Entry(
            "guides",
            slug(source.title or ""),
            ext,
            data,
            "duplicate",
            source.title,
            source.record,
            "duplicate",
            variant,
            of=source,
            reason=reason,
        )

    def near_duplicate(self, sibling: Entry) -> Entry:
        assert sibling.guide is not None
        guide = copy.deepcopy(sibling.guide)
        title, _, _ = self.title()
        guide.title = title
        guide.title_line = guide.title_line.replace(sibling.guide.title, title, 1)
        self._change_figures(guide)
        data, ext, variant = present(guide, self.rng)
        record = validated(truth_record(guide))
        return Entry(
            "guides",
            slug(title),
            ext,
            data,
            "near-duplicate",
            title,
            record,
            "loaded",
            variant,
            of=sibling,
            guide=guide,
        )

    def revision(self, source: Entry) -> Entry:
        """The same career re-published: figures changed and one more responsibility."""
        assert source.guide is not None
        guide = copy.deepcopy(source.guide)
        self._change_figures(guide)
        w = Writer(self.rng, guide.title, guide.spec, guide.role)
        duties = next((sec for sec in guide.sections() if sec.key == "responsibilities"), None)
        if duties is None:
            duties = Sec("list", "responsibilities", "Key Responsibilities")
            guide.units.append([duties])
        duties.items.append(next(item for item in iter(w.duty, None) if item not in duties.items))
        data, ext, variant = present(guide, self.rng)
        record = validated(truth_record(guide))
        return Entry(
            "revisions",
            source.stem,
            ext,
            data,
            "revision",
            guide.title,
            record,
            "loaded",
            variant,
            of=source,
            guide=guide,
        )

    def _change_figures(self, guide: Guide) -> None:
        rng = self.rng
        if guide.growth is not None:
            guide.growth += rng.choice((-2.0, -1.0, 1.0, 2.0))
            guide.growth_text = f"{guide.growth:g}%"
        salary = next((sec.salary for sec in guide.sections() if sec.salary is not None), None)
        if guide.median is None:
            guide.median = salary.median if salary is not None and salary.median is not None else 50_000
            return
        step = 100 if guide.money_style == "full" else 1000
        low, high = guide.median - 5 * step, guide.median + 5 * step
        if salary is not None:
            bounds = [v for v in (salary.minimum, salary.entry) if v is not None]
            low = max([low, *bounds])
            bounds = [v for v in (salary.maximum, salary.senior) if v is not None]
            high = min([high, *bounds])
        options = [v for v in range(low - low % step, high + 1, step) if low <= v <= high and v != guide.median]
        if not options:
            return
        guide.median = rng.choice(options)
        if salary is not None:
            if salary.median is not None:
                salary.median = guide.median
            if salary.mid is not None:
                salary.mid = guide.median

    def broken(self, kind: str) -> Entry:
        rng = self.rng
        title, spec, role = self.title()
        name = slug(title)
        if kind == "empty":
            # Each empty file has its own bytes: identical ones would be "same bytes" duplicates.
            data = b""
            while data in self.empties:
                data = bytes(rng.choice(b" \t\r\n") for _ in range(rng.randint(1, 40)))
            self.empties.add(data)
            ext, reason = "txt", BROKEN_REASONS["empty"]
        elif kind == "binary":
            noise = bytes(rng.randrange(256) for _ in range(rng.randint(200, 2000)))
            if rng.random() < 0.5:
                data, reason = b"\x89PNG\r\n\x1a\n" + noise, BROKEN_REASONS["png"]
            else:
                data, reason = b"Career guide export\x00\x00" + noise, BROKEN_REASONS["binary"]
            ext = rng.choice(("txt", "html"))
        elif kind == "truncated":
            guide = make_guide(rng, title, spec, role)
            data, ext, _ = present(guide, rng)
            start = data.find(guide.summary[0][:40].encode())
            # Cut inside a word of the summary, like an interrupted download: the title survives,
            # no section heading does.
            cut = start + rng.randint(1, 30)
            while cut < len(data) and not (data[cut - 1 : cut + 1].isalnum()):
                cut += 1
            data = data[:cut]
            reason = BROKEN_REASONS["truncated"]
        else:
            guide = self._guide_with_salary_range(title, spec, role)
            salary = next(sec.salary for sec in guide.sections() if sec.salary is not None)
            salary.minimum, salary.maximum = salary.maximum, salary.minimum
            data, ext, _ = present(guide, rng)
            reason = BROKEN_REASONS["salary-min-above-max"]
        return Entry("guides", name, ext, data, "broken", title, None, "quarantined", {"broken": kind}, reason=reason)

    def _guide_with_salary_range(self, title: str, spec: str, role: str) -> Guide:
        for _ in range(100):
            guide = make_guide(self.rng, title, spec, role)
            if any(sec.salary is not None and sec.salary.minimum is not None for sec in guide.sections()):
                return guide
        raise RuntimeError("no guide with a salary range in 100 tries")

    def plan(self) -> tuple[list[tuple[Any, ...]], list[int]]:
        """File order before any content exists: every copy comes after its source.

        Slots: ("original", i), ("duplicate", i, same_bytes), ("near-duplicate", i), ("broken", kind);
        plus the originals that get a revision (written to revisions/ after the rest).
        """
        counts, rng = self.counts(), self.rng
        originals = counts["original"]
        plan: list[tuple[Any, ...]] = [("original", i) for i in range(originals)]
        copies: list[tuple[Any, ...]] = [
            ("duplicate", rng.randrange(originals), index % 2 == 0) for index in range(counts["duplicate"])
        ]
        copies += [("near-duplicate", rng.randrange(originals)) for _ in range(counts["near-duplicate"])]
        for slot in copies:
            after = plan.index(("original", slot[1])) + 1
            plan.insert(rng.randint(after, len(plan)), slot)
        for index in range(counts["broken"]):
            plan.insert(rng.randrange(len(plan) + 1), ("broken", BROKEN_KINDS[index % len(BROKEN_KINDS)]))
        return plan, rng.sample(range(originals), counts["revision"])

    def entries(self) -> Iterator[Entry]:
        """Every file of the corpus in writing order; only the sources of later copies stay in memory."""
        plan, revised = self.plan()
        needed = {slot[1] for slot in plan if slot[0] in ("duplicate", "near-duplicate")} | set(revised)
        kept: dict[int, Entry] = {}
        width = max(5, len(str(len(plan))))
        for position, slot in enumerate(plan, start=1):
            kind = slot[0]
            if kind == "original":
                entry = self.original()
                if slot[1] in needed:
                    kept[slot[1]] = entry
            elif kind == "duplicate":
                entry = self.duplicate(kept[slot[1]], same_bytes=slot[2])
            elif kind == "near-duplicate":
                entry = self.near_duplicate(kept[slot[1]])
            else:
                entry = self.broken(slot[1])
            entry.stem = f"{position:0{width}d}-{entry.stem}"
            yield entry
        for index in revised:
            yield self.revision(kept[index])


def _truth_json(entry: Entry) -> dict[str, Any]:
    return {
        "file": entry.path,
        "kind": entry.kind,
        "variant": entry.variant,
        "expected": {
            "outcome": entry.outcome,
            "career_id": slug(entry.title) if entry.record is not None and entry.title else None,
            "version": 2 if entry.kind == "revision" else 1 if entry.outcome == "loaded" else None,
            "run": 2 if entry.kind == "revision" else 1,
            "of": entry.of.path if entry.of is not None else None,
            "reason": entry.reason,
        },
        "record": entry.record,
    }


def generate(n: int, outdir: Path, seed: int = 0) -> dict[str, Any]:
    """Write the corpus under ``outdir``; return the manifest (also written as manifest.json)."""
    for folder in ("guides", "revisions", "truth/guides", "truth/revisions"):
        (outdir / folder).mkdir(parents=True, exist_ok=True)
    files: list[dict[str, Any]] = []
    kinds: dict[str, int] = {}
    near: list[list[str]] = []
    for entry in Corpus(n, seed).entries():
        (outdir / entry.path).write_bytes(entry.data)
        truth = _truth_json(entry)
        truth_path = f"truth/{entry.folder}/{entry.stem}.json"
        (outdir / truth_path).write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        files.append(
            {
                "path": entry.path,
                "truth": truth_path,
                "kind": entry.kind,
                **truth["expected"],
                "format": entry.variant.get("format"),
            }
        )
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        if entry.kind == "near-duplicate" and entry.of is not None:
            near.append(sorted((slug(entry.title or ""), slug(entry.of.title or ""))))
    manifest = {"seed": seed, "n": n, "counts": kinds, "near_duplicate_pairs": sorted(near), "files": files}
    (outdir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of files to write (guides + revisions)")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    manifest = generate(args.n, args.outdir, args.seed)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.n} files to {args.outdir} in {elapsed:.1f} s: {manifest['counts']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
