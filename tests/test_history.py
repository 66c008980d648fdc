"""Deduplication and history: versions with a change log, aliases, near-duplicates, format parity."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SAMPLE
from tests.helpers import ingest, rows, scalar

BULLET = "  \u2022 "


def _text() -> str:
    return SAMPLE.read_bytes().decode("utf-8")


def _revised(text: str) -> str:
    text = text.replace("\n9%\n", "\n11%\n").replace("$47,500", "$49,900")
    text = text.replace(
        f"{BULLET}Maintain backup protocols",
        f"{BULLET}Respond to release-of-information requests from patients and insurers.\n"
        f"{BULLET}Maintain backup protocols",
    )
    extra_faq = "Is overtime common?\n\nOnly around audits and billing deadlines.\n\n"
    return text.replace("Sources & References", extra_faq + "Sources & References")


def test_revision_becomes_version_two_with_a_change_log(tmp_path: Path, warehouse_path: Path) -> None:
    ingest([SAMPLE], warehouse_path)
    revised = tmp_path / "revised.txt"
    revised.write_text(_revised(_text()), encoding="utf-8")
    summary = ingest([revised], warehouse_path)
    assert summary.changed == [("medical-records-technician", 2)]
    assert rows(
        warehouse_path, "select count(*), max(version), max(median_salary), max(growth_rate_pct) from careers"
    ) == [(1, 2, 49900, 11.0)]
    assert scalar(warehouse_path, "select count(*) from career_versions") == 2
    changes = set(
        rows(warehouse_path, "select field, change, old_value, new_value from career_changes where version = 2")
    )
    assert ("median_salary", "changed", "47500", "49900") in changes
    assert ("growth_rate_pct", "changed", "9", "11") in changes
    assert ("salary_mid", "changed", "47500", "49900") in changes
    assert (
        "responsibilities",
        "added",
        None,
        "Respond to release-of-information requests from patients and insurers.",
    ) in changes
    assert ("faqs", "added", None, "Is overtime common?") in changes
    assert scalar(warehouse_path, "select count(*) from career_faqs") == 11
    assert scalar(warehouse_path, "select count(*) from career_items where section='responsibilities'") == 16


def test_sibling_copy_is_a_near_duplicate_not_a_merge(tmp_path: Path, warehouse_path: Path) -> None:
    sibling = tmp_path / "sibling.txt"
    text = _text().replace(
        "Medical Records Technician Career Path Guide", "Health Information Technician Career Path Guide"
    )
    sibling.write_text(text.replace("$47,500", "$48,100").replace("$54,850", "$55,000"), encoding="utf-8")
    ingest([SAMPLE, sibling], warehouse_path)
    assert scalar(warehouse_path, "select count(*) from careers") == 2
    pairs = rows(warehouse_path, "select career_id_a, career_id_b, similarity, method from duplicate_candidates")
    assert len(pairs) == 1
    a, b, similarity, method = pairs[0]
    assert (a, b) == ("health-information-technician", "medical-records-technician")
    assert similarity >= 0.8 and method.startswith("minhash-lsh")
    # A rerun compares nothing new and keeps the pair.
    ingest([SAMPLE, sibling], warehouse_path)
    assert scalar(warehouse_path, "select count(*) from duplicate_candidates") == 1


def test_unrelated_guides_are_not_near_duplicates(warehouse_path: Path) -> None:
    ingest([SAMPLE, Path(__file__).parent / "cases" / "data-analyst-variant.txt"], warehouse_path)
    assert scalar(warehouse_path, "select count(*) from careers") == 2
    assert scalar(warehouse_path, "select count(*) from duplicate_candidates") == 0


def test_same_guide_as_text_crlf_bom_and_html_is_one_career(tmp_path: Path, warehouse_path: Path) -> None:
    crlf = tmp_path / "b-crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + _text().replace("\n", "\r\n").encode("utf-8"))
    html = FIXTURES / "html" / "medical-records-technician.html"
    summary = ingest([SAMPLE, crlf, html], warehouse_path)
    assert summary.counts == {"loaded": 1, "duplicate": 2}
    assert scalar(warehouse_path, "select count(*) from career_versions") == 1
    reasons = [r[0] for r in rows(warehouse_path, "select reason from ingest_documents where outcome='duplicate'")]
    assert all(f"same record as {SAMPLE}" in reason for reason in reasons)
    formats = rows(warehouse_path, "select format, count(*) from ingest_documents group by 1 order by 1")
    assert formats == [("html", 1), ("text", 2)]


def test_html_alone_loads_the_same_rows_without_chrome(tmp_path: Path) -> None:
    text_wh, html_wh = tmp_path / "t.duckdb", tmp_path / "h.duckdb"
    ingest([SAMPLE], text_wh)
    ingest([FIXTURES / "html" / "medical-records-technician-divsoup.html"], html_wh)
    for table in (
        "careers",
        "career_items",
        "career_paragraphs",
        "career_tiers",
        "career_faqs",
        "career_day_blocks",
        "career_skill_groups",
        "career_case_studies",
    ):
        columns = "* exclude (content_sha256, source_uri, format, run_id, loaded_at)" if table == "careers" else "*"
        sql = f"select {columns} from {table} order by all"
        assert rows(text_wh, sql) == rows(html_wh, sql), table
    text = str(rows(html_wh, "select * from career_items")) + str(rows(html_wh, "select * from career_paragraphs"))
    for chrome in ("cookie", "/month", "Subscribe", "function(", "Sign in"):
        assert chrome not in text


def test_plural_and_abbreviated_titles_share_a_career_and_are_aliases(tmp_path: Path, warehouse_path: Path) -> None:
    plural = tmp_path / "plural.txt"
    text = _text().replace(
        "Medical Records Technician Career Path Guide", "Medical Records Technicians Career Path Guide"
    )
    plural.write_text(text.replace("$54,850", "$54,900"), encoding="utf-8")
    ingest([SAMPLE], warehouse_path)
    ingest([plural], warehouse_path)
    assert rows(warehouse_path, "select career_id, version from careers") == [("medical-records-technician", 2)]
    aliases = {r[0] for r in rows(warehouse_path, "select alias from career_aliases")}
    assert {
        "Medical Records Technician",
        "Medical Records Technicians",
        "Medical Records Technician Career Path Guide",
    } <= aliases


def test_two_versions_in_one_run_the_more_complete_wins_in_any_order(tmp_path: Path) -> None:
    fuller = _text()
    thinner = fuller.split("Frequently Asked Questions")[0]  # no FAQs: less complete
    for order in ("a", "b"):
        folder = tmp_path / order
        folder.mkdir()
        (folder / ("1.txt" if order == "a" else "2.txt")).write_text(fuller, encoding="utf-8")
        (folder / ("2.txt" if order == "a" else "1.txt")).write_text(thinner, encoding="utf-8")
        warehouse = tmp_path / f"{order}.duckdb"
        summary = ingest([folder], warehouse, batch_size=1)
        assert summary.counts == {"loaded": 1, "duplicate": 1}
        assert scalar(warehouse, "select count(*) from career_faqs") == 10
        assert scalar(warehouse, "select count(*) from career_versions") == 1
        reason = scalar(warehouse, "select reason from ingest_documents where outcome='duplicate'")
        assert "won in this run" in reason


def test_repeated_bullet_is_kept_once_and_flagged(tmp_path: Path, warehouse_path: Path) -> None:
    repeated = tmp_path / "rep.txt"
    line = f"{BULLET}Time management\n"
    repeated.write_text(_text().replace(line, line + line, 1), encoding="utf-8")
    ingest([repeated], warehouse_path)
    assert scalar(warehouse_path, "select count(*) from career_items where section='soft_skills'") == 10
    flags = scalar(warehouse_path, "select quality_flags from careers")
    assert flags == ["repeated item in soft_skills: Time management"]


def test_career_ids_keep_other_scripts_and_symbols_apart() -> None:
    from pipeline.identity import career_id

    assert career_id("Sr. Medical Records Technicians") == "senior-medical-records-technician"
    assert career_id("C++ Developer") != career_id("C# Developer")
    assert career_id("Προγραμματιστής") != career_id("Программист")
    assert career_id("Médecin Généraliste") == "medecin-generaliste"


@pytest.mark.parametrize("size", [0, 1, 3, 4095, 4096, 4097, 9000])
def test_minhash_signature_is_the_minimum_of_every_permutation(size: int) -> None:
    """The chunked signature equals the textbook definition: per permutation (a*x + b mod 2^32), the
    minimum over all shingles; repeated shingles change nothing."""
    import numpy as np

    from pipeline.dedupe import _A, _B, _EMPTY, _MIX, NUM_PERM, signature

    hashes = np.random.default_rng(size).integers(0, 2**63, size=size, dtype=np.uint64)
    folded = ((hashes >> np.uint64(32)) ^ (hashes & np.uint64(0xFFFFFFFF))).astype(np.uint64)
    mixed = (folded * np.uint64(int(_MIX))) % np.uint64(2**32)
    expected = [
        min(((int(a) * int(x) + int(b)) % 2**32 for x in mixed), default=int(_EMPTY))
        for a, b in zip(_A, _B, strict=True)
    ]
    assert signature(hashes).tolist() == expected
    assert len(expected) == NUM_PERM
    assert signature(np.concatenate([hashes, hashes])).tolist() == expected
