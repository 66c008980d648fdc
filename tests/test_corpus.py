"""A generated corpus with ground truth: every field read right, every input given its outcome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import words
from bench.accuracy import check
from bench.corpus import generate
from pipeline.sections import classify
from tests.helpers import ingest, rows

SEED = 20240607


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    outdir = tmp_path_factory.mktemp("corpus")
    return outdir, generate(60, outdir, seed=SEED)


def test_every_kind_of_input_is_in_the_corpus(corpus: tuple[Path, dict[str, Any]]) -> None:
    _, manifest = corpus
    assert manifest["counts"] == {"original": 50, "duplicate": 2, "near-duplicate": 1, "revision": 3, "broken": 4}
    broken = {f["reason"] for f in manifest["files"] if f["kind"] == "broken"}
    assert {"empty file", "it looks cut off", "minimum is above maximum"} <= broken
    assert {f["format"] for f in manifest["files"] if f["kind"] != "broken"} == {"text", "html"}


def test_every_field_of_every_guide_matches_its_truth(corpus: tuple[Path, dict[str, Any]]) -> None:
    outdir, _ = corpus
    report = check(outdir)
    assert report.files == 60
    assert report.total > 4000
    assert not report.mismatches, report.format(show=10)


def test_ingest_gives_each_input_its_expected_outcome(corpus: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    outdir, manifest = corpus
    warehouse = tmp_path / "careers.duckdb"
    first = ingest([outdir / "guides"], warehouse, batch_size=16)
    assert first.counts == {"loaded": 51, "duplicate": 2, "quarantined": 4}
    seen = {uri: (outcome, reason or "") for uri, outcome, reason in rows(warehouse, _DOCS)}
    for item in manifest["files"]:
        if item["run"] != 1:
            continue
        outcome, reason = seen[str(outdir / item["path"])]
        assert outcome == item["outcome"], (item["path"], reason)
        if item["kind"] == "duplicate":  # "same bytes as ..." / "same record as ..." naming the original
            assert item["reason"] == reason.removesuffix(" in this run").replace(str(outdir) + "/", "")
        elif item["kind"] == "broken":
            assert item["reason"] in reason
    pairs = rows(warehouse, "select career_id_a, career_id_b from duplicate_candidates order by all")
    assert [list(pair) for pair in pairs] == manifest["near_duplicate_pairs"]

    second = ingest([outdir / "revisions"], warehouse, batch_size=16)
    revised = sorted(f["career_id"] for f in manifest["files"] if f["kind"] == "revision")
    assert second.counts == {"loaded": 3}
    assert sorted(second.changed) == [(career, 2) for career in revised]
    versions = rows(warehouse, "select career_id, count(*) from career_versions group by 1 having count(*) > 1")
    assert sorted(career for career, _ in versions) == revised


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    generate(40, tmp_path / "a", seed=7)
    generate(40, tmp_path / "b", seed=7)
    generate(40, tmp_path / "c", seed=8)
    a, b, c = (_tree(tmp_path / name) for name in "abc")
    assert a == b
    assert a != c
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 40


def test_headings_meant_to_be_unknown_name_no_known_section() -> None:
    for heading in (*words.UNKNOWN_HEADINGS, *words.SKILL_GROUPS):
        assert classify(heading) is None, heading


_DOCS = "select source_uri, outcome, reason from ingest_documents"


def _tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_benchmark_phases_load_the_corpus_like_an_ingest(corpus: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """bench/run.py's one-process phase breakdown drives the same loader; it must stay in step with it."""
    from bench.run import phases

    outdir, manifest = corpus
    timings = phases(outdir / "guides", warehouse := tmp_path / "phases.duckdb", batch_size=7)
    assert set(timings) == {"read+hash", "decode", "parse", "extract+validate", "dedupe", "rows+compress", "load"}
    assert all(seconds >= 0 for seconds in timings.values())
    guides = [f for f in manifest["files"] if f["path"].startswith("guides/")]
    assert rows(warehouse, "select count(*) from ingest_documents")[0][0] == len(guides)
    assert rows(warehouse, "select status from ingest_runs") == [("completed",)]
