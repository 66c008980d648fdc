"""Loading into a real DuckDB file: outcomes, idempotent reruns, versions, quarantine, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.rows import CHILD_TABLES
from tests.conftest import SAMPLE
from tests.helpers import ingest, rows, scalar

EXPECTED_ITEMS = {
    "responsibilities": 15,
    "tech_stack": 19,
    "tech_skills": 20,
    "soft_skills": 10,
    "pros": 6,
    "cons": 6,
    "common_mistakes": 8,
    "advice": 8,
}


def _table_counts(warehouse: Path) -> dict[str, int]:
    tables = ("careers", "career_versions", "raw_documents", *CHILD_TABLES)
    return {t: scalar(warehouse, f"select count(*) from {t}") for t in tables}


def test_sample_loads_with_every_child_table(tmp_path: Path, warehouse_path: Path) -> None:
    summary = ingest([SAMPLE], warehouse_path)
    assert summary.counts["loaded"] == 1
    assert rows(warehouse_path, "select title, median_salary, salary_min, salary_max, version from careers") == [
        ("Medical Records Technician", 47500, 37000, 58000, 1)
    ]
    items = dict(rows(warehouse_path, "select section, count(*) from career_items group by section"))
    assert items == EXPECTED_ITEMS
    assert scalar(warehouse_path, "select count(*) from career_tiers") == 3
    assert scalar(warehouse_path, "select count(*) from career_faqs") == 10
    assert scalar(warehouse_path, "select count(*) from career_case_studies") == 3
    assert rows(warehouse_path, "select len(skills) from career_skill_groups order by position") == [(5,), (5,), (9,)]
    assert rows(
        warehouse_path,
        "select start_time::VARCHAR, end_time::VARCHAR, len(tasks) from career_day_blocks order by position",
    ) == [("09:00:00", "12:00:00", 5), ("12:00:00", "15:00:00", 5), ("15:00:00", "17:00:00", 5)]
    assert rows(warehouse_path, "select outcome, career_id from ingest_documents") == [
        ("loaded", "medical-records-technician")
    ]


def test_no_mojibake_or_boilerplate_in_any_career_table(warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    bad = ("πŸ", "β€", "βœ", "Ã", "â€", "Subscription", "USD $8/month", "Share career guide", "Jobicy")
    for table in ("careers", "career_items", "career_paragraphs", "career_faqs", "career_tiers"):
        text = " ".join(str(row) for row in rows(warehouse_path, f"select * from {table}"))
        for marker in bad:
            assert marker not in text, f"{marker!r} found in {table}"


def test_rerun_is_unchanged_and_adds_no_rows(warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    before = _table_counts(warehouse_path)
    second = ingest([SAMPLE], warehouse_path)
    assert dict(second.counts) == {"unchanged": 1}
    assert _table_counts(warehouse_path) == before
    assert scalar(warehouse_path, "select count(*) from ingest_runs") == 2


def test_changed_content_becomes_version_two(tmp_path: Path, warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    revised = tmp_path / "revised.txt"
    revised.write_bytes(SAMPLE.read_bytes().replace(b"$47,500", b"$49,900").replace(b"\n9%\n", b"\n11%\n"))
    summary = ingest([revised], warehouse_path)
    assert summary.counts["loaded"] == 1
    assert rows(warehouse_path, "select version, median_salary, growth_rate_pct from careers") == [(2, 49900, 11.0)]
    versions = rows(warehouse_path, "select version, valid_to is null from career_versions order by version")
    assert versions == [(1, False), (2, True)]
    assert scalar(warehouse_path, "select count(*) from career_items where section = 'responsibilities'") == 15


def test_bad_inputs_are_quarantined_while_the_rest_loads(tmp_path: Path, warehouse_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-empty.txt").write_bytes(b"")
    (inputs / "b-binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inputs / "c-guide.txt").write_bytes(SAMPLE.read_bytes())
    (inputs / "d-not-a-guide.txt").write_text("Shopping list\n\nMilk, eggs and bread.\n", encoding="utf-8")
    summary = ingest([inputs], warehouse_path)
    assert summary.counts["loaded"] == 1
    assert summary.counts["quarantined"] == 3
    outcomes = {
        Path(uri).name: (outcome, reason)
        for uri, outcome, reason in rows(warehouse_path, "select source_uri, outcome, reason from ingest_documents")
    }
    assert outcomes["c-guide.txt"] == ("loaded", None)
    assert outcomes["a-empty.txt"][0] == "quarantined" and "empty" in outcomes["a-empty.txt"][1]
    assert outcomes["b-binary.bin"][0] == "quarantined" and "PNG" in outcomes["b-binary.bin"][1]
    assert "no career-guide sections" in outcomes["d-not-a-guide.txt"][1]
    assert scalar(warehouse_path, "select count(*) from careers") == 1


def test_same_bytes_twice_in_one_run_is_a_duplicate(tmp_path: Path, warehouse_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    summary = ingest([SAMPLE, copy], warehouse_path)
    assert summary.counts == {"loaded": 1, "duplicate": 1}
    reason = scalar(warehouse_path, "select reason from ingest_documents where outcome = 'duplicate'")
    assert str(SAMPLE) in reason


def test_same_guide_in_other_encodings_is_one_record(tmp_path: Path, warehouse_path: Path) -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    crlf_bom = tmp_path / "bom-crlf.txt"
    crlf_bom.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    summary = ingest([SAMPLE, crlf_bom], warehouse_path)
    assert summary.counts == {"loaded": 1, "duplicate": 1}
    assert "same record" in scalar(warehouse_path, "select reason from ingest_documents where outcome='duplicate'")


def test_invalid_guide_is_quarantined_with_every_problem(tmp_path: Path, warehouse_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(SAMPLE.read_bytes().replace("37,000β€”58,000".encode(), b"58,000-37,000"))
    summary = ingest([broken], warehouse_path)
    assert summary.counts == {"quarantined": 1}
    reason = scalar(warehouse_path, "select reason from ingest_documents")
    assert "salary range 58000-37000: minimum is above maximum" in reason


def test_a_failed_run_leaves_the_warehouse_as_it_was(
    tmp_path: Path, warehouse_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest([SAMPLE], warehouse_path)
    before = _table_counts(warehouse_path)
    revised = tmp_path / "revised.txt"
    revised.write_bytes(SAMPLE.read_bytes().replace(b"$47,500", b"$49,900"))

    from pipeline import ingest as ingest_module

    def explode(self: object) -> None:
        raise RuntimeError("simulated crash before commit")

    monkeypatch.setattr(ingest_module.IngestRun, "finish", explode)
    with pytest.raises(RuntimeError):
        ingest([revised], warehouse_path)
    assert _table_counts(warehouse_path) == before
    assert scalar(warehouse_path, "select median_salary from careers") == 47500
