"""Reruns over the same files change nothing, whatever won a tie before; a path whose bytes change is news."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.helpers import ingest, rows, scalar

BULLET = "  \u2022 "


def _text() -> str:
    return SAMPLE.read_bytes().decode("utf-8")


def _variant(text: str) -> str:
    """The same career with one responsibility fewer: another record, equally complete (a tie)."""
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith(BULLET))
    return "".join(lines[:first] + lines[first + 1 :])


def _revised(text: str) -> str:
    return text.replace("$47,500", "$49,900")


def _outcomes(warehouse: Path, run: int) -> list[tuple[str, str]]:
    """(file name, outcome) of the run'th run, in the order the run saw its inputs."""
    return [
        (Path(uri).name, outcome)
        for uri, outcome in rows(
            warehouse,
            "select source_uri, outcome from ingest_documents where run_id = "
            "(select run_id from ingest_runs order by started_at limit 1 offset ?) order by position",
            [run - 1],
        )
    ]


@pytest.mark.parametrize("batch_size", [1, 10])
def test_a_tie_lost_once_stays_lost_on_every_rerun(tmp_path: Path, batch_size: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(_text(), encoding="utf-8")
    (folder / "b.txt").write_text(_variant(_text()), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    first = ingest([folder], warehouse, batch_size=batch_size)
    assert first.counts == {"loaded": 1, "duplicate": 1}
    for run in (2, 3):
        summary = ingest([folder], warehouse, batch_size=batch_size)
        assert summary.changed == []
        assert summary.counts == {"unchanged": 1, "duplicate": 1}
        assert _outcomes(warehouse, run) == [("a.txt", "unchanged"), ("b.txt", "duplicate")]
    assert scalar(warehouse, "select count(*) from career_versions") == 1
    reason = scalar(warehouse, "select reason from ingest_documents where source_uri like '%b.txt' order by rowid desc")
    assert "unchanged" in reason and "medical-records-technician" in reason


@pytest.mark.parametrize("names", [("a.txt", "z.txt"), ("z.txt", "a.txt")])
def test_a_known_file_beside_its_revision_is_a_duplicate_in_any_order(tmp_path: Path, names: tuple[str, str]) -> None:
    old_name, new_name = names
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / old_name).write_text(_text(), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    ingest([folder], warehouse, batch_size=1)
    (folder / new_name).write_text(_revised(_text()), encoding="utf-8")
    second = ingest([folder], warehouse, batch_size=1)
    assert second.changed == [("medical-records-technician", 2)]
    assert second.counts == {"loaded": 1, "duplicate": 1}
    assert dict(_outcomes(warehouse, 2)) == {old_name: "duplicate", new_name: "loaded"}
    third = ingest([folder], warehouse, batch_size=1)
    assert third.changed == []
    assert dict(_outcomes(warehouse, 3)) == {old_name: "duplicate", new_name: "unchanged"}
    assert rows(warehouse, "select version, median_salary from careers") == [(2, 49900)]


def test_a_path_whose_bytes_go_back_brings_the_old_content_back(tmp_path: Path) -> None:
    page = tmp_path / "guide.txt"
    warehouse = tmp_path / "w.duckdb"
    for text in (_text(), _revised(_text()), _text()):
        page.write_text(text, encoding="utf-8")
        ingest([page], warehouse)
    assert rows(warehouse, "select version, median_salary from careers") == [(3, 47500)]
    ingest([page], warehouse)
    assert scalar(warehouse, "select count(*) from career_versions") == 3


def test_positions_follow_the_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(_text(), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_text(_variant(_text()), encoding="utf-8")
    (folder / "d.txt").write_bytes(b"\x00\x01binary")
    warehouse = tmp_path / "w.duckdb"
    for run in (1, 2):
        ingest([folder], warehouse, batch_size=4)
        assert [name for name, _ in _outcomes(warehouse, run)] == ["a.txt", "b.txt", "c.txt", "d.txt"]
