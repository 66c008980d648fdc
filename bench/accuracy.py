"""Field-level accuracy of the pipeline on a generated corpus (see ``bench.corpus``).

    python -m bench.accuracy OUTDIR [--ingest] [--show N]

Every file of the manifest goes through ``pipeline.process.process_document``; each field
of the extracted record is compared with the ground truth, per field path
(``salary.median``, ``items.responsibilities``, ``tiers[].experience_max_years`` ...).
Files meant to be broken must be refused with the expected reason. With ``--ingest`` the
corpus is also loaded into a temporary warehouse (guides/ in one run, revisions/ in a
second) and every input's outcome, the near-duplicate pairs and the revision versions are
checked. Exit status 0 only at 100%.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.process import process_document

LISTS = ("tiers", "day_blocks", "skill_groups", "case_studies", "faqs")
GROUPS = ("headline", "salary", "outlook")
KEYED = ("paragraphs", "items")


@dataclass
class Mismatch:
    file: str
    field: str
    expected: Any
    got: Any


@dataclass
class Report:
    files: int = 0
    totals: Counter[str] = field(default_factory=Counter)
    matches: Counter[str] = field(default_factory=Counter)
    mismatches: list[Mismatch] = field(default_factory=list)
    elapsed_seconds: float = 0.0

    def add(self, file: str, path: str, expected: Any, got: Any) -> None:
        self.totals[path] += 1
        if expected == got:
            self.matches[path] += 1
        else:
            self.mismatches.append(Mismatch(file, path, expected, got))

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def matched(self) -> int:
        return sum(self.matches.values())

    @property
    def accuracy(self) -> float:
        return self.matched / self.total if self.total else 1.0

    def format(self, show: int = 30) -> str:
        lines = [f"{'field':44} {'matches':>9} / {'total':<7} accuracy"]
        for path in sorted(self.totals):
            ok, total = self.matches[path], self.totals[path]
            lines.append(f"{path:44} {ok:>9} / {total:<7} {100 * ok / total:7.2f}%")
        lines.append(
            f"{'ALL FIELDS':44} {self.matched:>9} / {self.total:<7} {100 * self.accuracy:7.3f}%"
            f"   ({self.files} files, {self.elapsed_seconds:.1f} s)"
        )
        if self.mismatches:
            lines.append(f"\n{len(self.mismatches)} mismatches (first {min(show, len(self.mismatches))}):")
            for miss in self.mismatches[:show]:
                lines.append(
                    f"- {miss.file}  {miss.field}\n    expected: {_short(miss.expected)}\n"
                    f"    got:      {_short(miss.got)}"
                )
        return "\n".join(lines)


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def compare_records(report: Report, file: str, expected: dict[str, Any], got: dict[str, Any] | None) -> None:
    """Add one comparison per field path of ``expected`` (and of ``got``, for extra keys)."""
    got = got or {}
    for key, value in expected.items():
        other = got.get(key)
        if key in GROUPS:
            for sub, sub_value in value.items():
                report.add(file, f"{key}.{sub}", sub_value, (other or {}).get(sub))
        elif key in KEYED:
            other = other or {}
            for sub in sorted(set(value) | set(other)):
                report.add(file, f"{key}.{sub}", value.get(sub), other.get(sub))
        elif key in LISTS:
            other = other or []
            for index in range(max(len(value), len(other))):
                mine = value[index] if index < len(value) else {}
                theirs = other[index] if index < len(other) else {}
                for sub in sorted(set(mine) | set(theirs)):
                    report.add(file, f"{key}[].{sub}", mine.get(sub), theirs.get(sub))
        else:
            report.add(file, key, value, other)


def check(outdir: Path, *, files: list[str] | None = None) -> Report:
    """Run every guide of the corpus through ``process_document`` and compare with its truth."""
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    report = Report()
    started = time.perf_counter()
    for item in manifest["files"]:
        if files is not None and item["path"] not in files:
            continue
        truth = json.loads((outdir / item["truth"]).read_text(encoding="utf-8"))
        path, expected = item["path"], truth["expected"]
        report.files += 1
        try:
            doc = process_document((outdir / path).read_bytes(), name=path)
        except DocumentError as exc:
            if expected["outcome"] == "quarantined":
                reason = expected["reason"] if expected["reason"] in exc.reason else exc.reason
                report.add(path, "quarantine_reason", expected["reason"], reason)
            else:
                report.add(path, "processed", "a record", f"refused: {exc.reason}")
                compare_records(report, path, truth["record"], None)
            continue
        if expected["outcome"] == "quarantined":
            report.add(path, "quarantine_reason", expected["reason"], f"accepted as {doc.career_id}")
            continue
        report.add(path, "processed", "a record", "a record")
        report.add(path, "career_id", expected["career_id"], doc.career_id)
        compare_records(report, path, truth["record"], doc.guide.model_dump(mode="json"))
    report.elapsed_seconds = time.perf_counter() - started
    return report


# -- outcomes of a real ingest -------------------------------------------------------------


def ingest_outcomes(outdir: Path, warehouse: Path) -> list[str]:
    """Ingest guides/ then revisions/ (two runs); return every deviation from the manifest."""
    import duckdb

    # The tests' library-call ingest (the flow's steps without Prefect), kept in step with pipeline.ingest.
    from tests.helpers import ingest

    def run(folder: Path) -> None:
        ingest([folder], warehouse, batch_size=200)

    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    run(outdir / "guides")
    run(outdir / "revisions")
    problems: list[str] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        docs = con.execute("select source_uri, outcome, reason from ingest_documents").fetchall()
        seen = {uri: (outcome, reason or "") for uri, outcome, reason in docs}
        versions = dict(con.execute("select career_id, version from careers").fetchall())
        pairs = {tuple(p) for p in con.execute("select career_id_a, career_id_b from duplicate_candidates").fetchall()}
    for item in manifest["files"]:
        uri = str(outdir / item["path"])
        outcome, reason = seen.get(uri, ("missing", ""))
        if outcome != item["outcome"]:
            problems.append(f"{item['path']}: outcome {outcome} ({reason}), expected {item['outcome']}")
        elif item["reason"] and item["of"] is None and item["reason"] not in reason:
            problems.append(f"{item['path']}: reason {reason!r} lacks {item['reason']!r}")
        elif item["of"] is not None and item["kind"] == "duplicate" and str(outdir / item["of"]) not in reason:
            problems.append(f"{item['path']}: reason {reason!r} does not name {item['of']}")
        if item["kind"] == "revision" and versions.get(item["career_id"]) != 2:
            problems.append(f"{item['path']}: {item['career_id']} is version {versions.get(item['career_id'])}, not 2")
    expected_pairs = {tuple(p) for p in manifest["near_duplicate_pairs"]}
    problems += [f"near-duplicate pair not found: {a} ~ {b}" for a, b in sorted(expected_pairs - pairs)]
    # Two near-duplicates made from the same original are mostly the same text as each other too:
    # such a pair may be flagged (it is not required: each differs from the original on its own).
    partners: dict[str, set[str]] = {}
    for a, b in expected_pairs:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    siblings = {(a, b) for a, b in pairs if partners.get(a, set()) & partners.get(b, set())}
    problems += [f"unexpected near-duplicate pair: {a} ~ {b}" for a, b in sorted(pairs - expected_pairs - siblings)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--ingest", action="store_true", help="also ingest into a temporary warehouse")
    parser.add_argument("--show", type=int, default=30, help="how many mismatches to list")
    args = parser.parse_args(argv)
    report = check(args.outdir)
    print(report.format(args.show))
    ok = not report.mismatches
    if args.ingest:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            problems = ingest_outcomes(args.outdir, Path(tmp) / "careers.duckdb")
        elapsed = time.perf_counter() - started
        print(f"\ningest: {len(problems)} deviations from the expected outcomes ({elapsed:.1f} s)")
        for problem in problems[: args.show]:
            print(f"- {problem}")
        ok = ok and not problems
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
