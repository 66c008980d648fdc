"""Querying the warehouse: curated views, query formats, tables/describe, data dictionary, exports, report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline import analytics
from pipeline.cli import app
from pipeline.html_report import build_report
from tests.conftest import CASES, FIXTURES, ROOT
from tests.helpers import ingest, rows, scalar

runner = CliRunner()

ENGINEER = """Software Engineer Career Path Guide

Software Engineers design, build and maintain the programs that run businesses, working in teams.

25%

growth rate

$130,000

median salary

remote-friendly

📈 Market Demand

Low
High
Very High

Demand for software engineers stays very high as every industry writes more software.

🇺🇸 Annual Salary (US, USD)

$95,000 — $190,000
Median: $130,000
Entry-Level
$100,000
Mid-Level
$130,000
Senior-Level
$165,000

Key Responsibilities

  • Design and implement features in a shared codebase.
  • Review colleagues' code.
  • Write automated tests.

Tech Stack

  • Version Control Systems (e.g., Git, GitHub, GitLab)
  • Microsoft Office Suite (Excel, Word)
  • Electronic Health Record (EHR) Systems (e.g., Epic)
  • Continuous Integration (CI)
  • Cloud Platforms (AWS, Azure, and Google Cloud, etc.)

Tech Skills

  • Data entry and database management skills
  • Writing clean, tested code

Soft Abilities

  • Attention to Detail.
  • Team collaboration
  • Curiosity

Work-Life Balance & Stress

Stress Level: High

Balance Rating: Fair

Deadlines and on-call rotations can make weeks uneven.
"""
HOSTILE_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt; Nurse Career Path Guide"  # as written in the HTML page
HOSTILE = "<script>alert(1)</script> Nurse"  # the career title once parsed
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two sample guides, a software engineer (shares tools and skills) and a nurse with a hostile title."""
    root = tmp_path_factory.mktemp("analytics")
    inputs = root / "raw"
    inputs.mkdir()
    for case in sorted(CASES.glob("*.txt")):
        shutil.copy(case, inputs / case.name)
    (inputs / "software-engineer.txt").write_text(ENGINEER, encoding="utf-8")
    page = (FIXTURES / "html" / "medical-records-technician.html").read_text(encoding="utf-8")
    page = page.replace("Medical Records Technician Career Path Guide", HOSTILE_TITLE)
    (inputs / "nurse.html").write_text(page, encoding="utf-8")
    path = root / "careers.duckdb"
    summary = ingest([inputs], path)
    assert summary.counts["loaded"] == 4, summary.problems
    return path


@pytest.fixture(scope="module")
def report(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The report of that warehouse, written once by `careers report`; (path, command output)."""
    target = tmp_path_factory.mktemp("report") / "report.html"
    result = runner.invoke(app, ["report", "-w", str(warehouse), "--output", str(target)])
    assert result.exit_code == 0, result.output
    return target, result.output


def _query(warehouse: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["query", *args, "-w", str(warehouse)], input=stdin)
    return result.exit_code, result.output


def test_new_commands_have_help_with_examples() -> None:
    listed = runner.invoke(app, ["--help"]).output
    for command in ("query", "tables", "describe", "docs", "export", "report"):
        assert command in listed
        assert f"Example: careers {command}" in runner.invoke(app, [command, "--help"]).output, command


# -- views ---------------------------------------------------------------------------------------
def test_tech_stack_splits_trailing_examples_only(warehouse: Path) -> None:
    split = {
        text: (name, examples)
        for text, name, examples in rows(
            warehouse,
            "SELECT text, name, examples FROM v_tech_stack WHERE career_id = 'medical-records-technician'",
        )
    }
    assert len(split) == 19
    assert split["Electronic Health Record (EHR) Systems (e.g., Epic, Cerner, Meditech)"] == (
        "Electronic Health Record (EHR) Systems",
        ["Epic", "Cerner", "Meditech"],
    )
    assert split["Microsoft Office Suite (Excel, Word, Outlook)"] == (
        "Microsoft Office Suite",
        ["Excel", "Word", "Outlook"],
    )
    assert split["Communication Tools (email, internal messaging platforms)"] == (
        "Communication Tools",
        ["email", "internal messaging platforms"],
    )
    assert split["Data Entry Platforms"] == ("Data Entry Platforms", [])
    assert split["Health Information Management Systems (HIMS)"] == ("Health Information Management Systems (HIMS)", [])
    assert split["Electronic Document Management Systems (EDMS)"] == (
        "Electronic Document Management Systems (EDMS)",
        [],
    )
    assert split["ICD-10, CPT, and HCPCS Coding Manuals"] == ("ICD-10, CPT, and HCPCS Coding Manuals", [])
    engineer = dict(rows(warehouse, "SELECT name, examples FROM v_tech_stack WHERE career_id = 'software-engineer'"))
    assert engineer["Cloud Platforms"] == ["AWS", "Azure", "Google Cloud"]  # "and", "etc." dropped
    assert engineer["Continuous Integration (CI)"] == []


def test_tech_and_skill_frequency_count_careers(warehouse: Path) -> None:
    tools = {r[0]: r[1:] for r in rows(warehouse, "SELECT tool, display_name, careers, examples FROM v_tech_frequency")}
    assert tools["microsoft office suite"] == ("Microsoft Office Suite", 3, ["Excel", "Outlook", "Word"])
    assert tools["electronic health record (ehr) systems"][1] == 3
    assert tools["version control systems"] == ("Version Control Systems", 1, ["Git", "GitHub", "GitLab"])
    assert tools["health information management systems (hims)"][1] == 2
    top = rows(warehouse, "SELECT tool FROM v_tech_frequency ORDER BY careers DESC, tool LIMIT 2")
    assert [t for (t,) in top] == ["electronic health record (ehr) systems", "microsoft office suite"]
    skills = {r[0]: r[1:] for r in rows(warehouse, "SELECT skill, careers, sources FROM v_skill_frequency")}
    # "Attention to detail" (soft skill), "Attention to Detail" (skill map), "Attention to Detail." (engineer)
    assert skills["attention to detail"] == (3, ["skill_map", "soft_skills"])
    assert skills["data entry and database management skills"][0] == 3
    assert skills["curiosity"][0] == 1
    assert not [s for s in skills if s != s.strip().lower() or s.endswith(".")]


def test_salary_bands_long_form(warehouse: Path) -> None:
    bands = rows(
        warehouse,
        "SELECT level, amount FROM v_salary_bands WHERE career_id = 'medical-records-technician' ORDER BY level_order",
    )
    assert bands == [
        ("min", 37000),
        ("entry", 40150),
        ("mid", 47500),
        ("median", 47500),
        ("senior", 54850),
        ("max", 58000),
        ("top10", 58000),
    ]
    analyst = dict(rows(warehouse, "SELECT level, amount FROM v_salary_bands WHERE career_id = 'data-analyst'"))
    assert "top10" not in analyst and analyst["senior"] == 88000
    top = rows(warehouse, "SELECT career_id FROM v_salary_bands WHERE level = 'senior' ORDER BY amount DESC LIMIT 1")
    assert top == [("software-engineer",)]


def test_career_profile_counts_sections(warehouse: Path) -> None:
    columns = "responsibilities_count, tech_stack_count, tech_skills_count, soft_skills_count, tiers_count, faqs_count"
    profile = {
        r[0]: r[1:]
        for r in rows(warehouse, f"SELECT career_id, {columns}, salary_senior, completeness FROM v_career_profile")
    }
    assert profile["medical-records-technician"] == (15, 19, 20, 10, 3, 10, 54850, 1.0)
    assert profile["data-analyst"] == (3, 0, 0, 0, 4, 2, 88000, 0.643)
    assert profile["software-engineer"][:4] == (3, 5, 2, 3)
    assert scalar(warehouse, "SELECT count(*) FROM v_career_profile") == scalar(
        warehouse, "SELECT count(*) FROM careers"
    )


def test_data_quality_lists_missing_sections(warehouse: Path) -> None:
    quality = {
        r[0]: r[1:]
        for r in rows(warehouse, "SELECT career_id, missing_sections, quality_flags, source_uri FROM v_data_quality")
    }
    missing, flags, source = quality["data-analyst"]
    assert missing == ["tech_skills", "soft_skills", "pros", "cons", "work_life_balance"]
    assert flags and flags[0].startswith("repeated item in responsibilities")
    assert source.endswith("data-analyst-variant.txt")
    assert quality["medical-records-technician"][0] == []
    assert quality["software-engineer"][0] == ["tiers", "day_blocks", "faqs", "pros", "cons"]
    # The view's list of parts is the one completeness counts (pipeline/process.py): they agree for every career.
    for completeness, missing_count in rows(warehouse, "SELECT completeness, missing_count FROM v_data_quality"):
        assert completeness == round((14 - missing_count) / 14, 3)


# -- query formats and inputs --------------------------------------------------------------------
SALARY_SQL = "select career_id, salary_senior from careers where salary_senior is not null order by 2 desc limit 2"


def test_query_ndjson_markdown_and_lists(warehouse: Path) -> None:
    code, output = _query(warehouse, SALARY_SQL, "--format", "ndjson")
    assert code == 0
    assert [json.loads(line) for line in output.splitlines()] == [
        {"career_id": "software-engineer", "salary_senior": 165000},
        {"career_id": "data-analyst", "salary_senior": 88000},
    ]
    code, output = _query(warehouse, SALARY_SQL, "-f", "markdown")
    assert output.splitlines() == [
        "| career_id | salary_senior |",
        "| --- | --- |",
        "| software-engineer | 165000 |",
        "| data-analyst | 88000 |",
    ]
    sql = "select 'a|b' as t, ['x', 'y'] as l, DATE '2026-01-02' as d"
    assert _query(warehouse, sql, "-f", "markdown")[1].splitlines()[2] == '| a\\|b | ["x", "y"] | 2026-01-02 |'
    assert json.loads(_query(warehouse, sql, "-f", "json")[1]) == [{"t": "a|b", "l": ["x", "y"], "d": "2026-01-02"}]
    assert _query(warehouse, sql, "-f", "csv")[1].splitlines()[1] == 'a|b,"[""x"", ""y""]",2026-01-02'


def test_query_output_file_sql_file_and_stdin(warehouse: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "top.csv"
    code, _ = _query(warehouse, SALARY_SQL, "-f", "csv", "--output", str(target))
    assert code == 0
    assert target.read_text().splitlines() == [
        "career_id,salary_senior",
        "software-engineer,165000",
        "data-analyst,88000",
    ]
    table_file = tmp_path / "top.txt"
    assert _query(warehouse, SALARY_SQL, "-o", str(table_file))[0] == 0
    assert "software-engineer" in table_file.read_text() and "(2 rows)" in table_file.read_text()
    sql_file = tmp_path / "q.sql"
    sql_file.write_text(SALARY_SQL + ";\n")
    code, output = _query(warehouse, "--file", str(sql_file), "-f", "csv")
    assert code == 0 and output.splitlines()[1] == "software-engineer,165000"
    code, output = _query(warehouse, "-", "-f", "csv", stdin=SALARY_SQL)
    assert code == 0 and output.splitlines()[2] == "data-analyst,88000"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 1, "no SQL given"),
        (["select 1", "--file", "q.sql"], 1, "not both"),
        (["--file", "missing.sql"], 1, "cannot read SQL file"),
        (["select 1", "-f", "xml"], 2, "unknown --format 'xml'"),
        (["-"], 1, "empty"),
        (["select 1; select 2"], 1, "one statement at a time: this SQL has 2 statements"),
        (["select 1; drop table careers"], 1, "one statement at a time"),
    ],
)
def test_query_input_errors_are_one_line(warehouse: Path, args: list[str], code: int, message: str) -> None:
    exit_code, output = _query(warehouse, *args, stdin="")
    assert exit_code == code
    assert message in output and output.startswith("error: ")
    assert len(output.strip().splitlines()) == 1


# -- tables, describe, dictionary ----------------------------------------------------------------
def test_tables_lists_tables_and_views_with_row_counts(warehouse: Path) -> None:
    result = runner.invoke(app, ["tables", "-w", str(warehouse), "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = {r["name"]: r for r in json.loads(result.output)}
    for name in ("careers", "career_items", "ingest_runs", "v_career_profile", "v_tech_stack", "v_data_quality"):
        assert listed[name]["rows"] == scalar(warehouse, f"SELECT count(*) FROM {name}"), name
        assert listed[name]["description"]
    assert listed["v_salary_bands"]["kind"] == "view" and listed["careers"]["kind"] == "table"
    table = runner.invoke(app, ["tables", "-w", str(warehouse)])
    assert "v_skill_frequency" in table.output and "view" in table.output


def test_describe_shows_types_and_descriptions(warehouse: Path) -> None:
    result = runner.invoke(app, ["describe", "v_tech_stack", "-w", str(warehouse), "-f", "json"])
    assert result.exit_code == 0, result.output
    columns = {c["column"]: c for c in json.loads(result.output)}
    assert list(columns) == ["career_id", "position", "name", "examples", "text"]
    assert columns["examples"]["type"] == "VARCHAR[]"
    assert "Epic" in columns["examples"]["description"]
    text = runner.invoke(app, ["describe", "careers", "-w", str(warehouse)]).output
    assert text.startswith("careers (table): One row per career")
    assert "salary_senior" in text and "INTEGER" in text
    missing = runner.invoke(app, ["describe", "nope", "-w", str(warehouse)])
    assert missing.exit_code == 1
    assert "no table or view named 'nope'" in missing.output and "v_career_profile" in missing.output


def test_every_public_table_view_and_column_has_a_description() -> None:
    entries = analytics.fresh_dictionary()
    assert analytics.undocumented(entries) == [], "add COMMENTs for these to warehouse/dictionary.sql"
    names = {e.name for e in entries}
    declared = set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", (ROOT / "warehouse/schema.sql").read_text()))
    views = set(re.findall(r"CREATE OR REPLACE VIEW (\w+)", (ROOT / "warehouse/views.sql").read_text()))
    assert declared and views and declared | views <= names


def test_rendered_dictionary_is_up_to_date() -> None:
    committed = ROOT / "docs" / "schema.md"
    rendered = analytics.dictionary_markdown(analytics.fresh_dictionary())
    assert committed.is_file(), "docs/schema.md is missing: run `careers docs`"
    assert committed.read_text(encoding="utf-8") == rendered, "docs/schema.md is stale: run `careers docs`"
    assert "| `examples` | VARCHAR[] |" in rendered and "### v_data_quality" in rendered


def test_docs_command_writes_and_checks(tmp_path: Path) -> None:
    target = tmp_path / "schema.md"
    assert runner.invoke(app, ["docs", "--output", str(target)]).exit_code == 0
    assert runner.invoke(app, ["docs", "--output", str(target), "--check"]).exit_code == 0
    target.write_text(target.read_text() + "edited by hand\n")
    stale = runner.invoke(app, ["docs", "--output", str(target), "--check"])
    assert stale.exit_code == 1 and "out of date" in stale.output


# -- exports -------------------------------------------------------------------------------------
def test_export_parquet_round_trip(warehouse: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "export"), "-w", str(warehouse), "--views"])
    assert result.exit_code == 0, result.output
    tables = [name for (name,) in rows(warehouse, "SELECT table_name FROM duckdb_tables() WHERE NOT internal")]
    views = [name for (name,) in rows(warehouse, "SELECT view_name FROM duckdb_views() WHERE NOT internal")]
    assert "careers" in tables and "v_tech_stack" in views
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name in tables + views:
            path = tmp_path / "export" / f"{name}.parquet"
            counts = con.execute(
                f"SELECT (SELECT count(*) FROM read_parquet(?)), (SELECT count(*) FROM {name})", [str(path)]
            )
            exported, stored = counts.fetchone() or (None, None)
            assert exported == stored, name
        examples = con.execute(
            "SELECT examples FROM read_parquet(?) WHERE name = 'Microsoft Office Suite' LIMIT 1",
            [str(tmp_path / "export" / "v_tech_stack.parquet")],
        ).fetchone()
    assert examples == (["Excel", "Word", "Outlook"],)


def test_export_csv_without_views(warehouse: Path, tmp_path: Path) -> None:
    exported = analytics.export_warehouse(warehouse, tmp_path / "csv", "csv")
    assert {e.kind for e in exported} == {"table"}
    careers = next(e for e in exported if e.name == "careers")
    assert careers.rows == 4 and careers.path.suffix == ".csv"
    assert careers.path.read_text(encoding="utf-8").startswith("career_id,title,")
    bad = runner.invoke(app, ["export", str(tmp_path / "x"), "-w", str(tmp_path / "none.duckdb")])
    assert bad.exit_code == 1 and "does not exist yet" in bad.output


# -- the HTML report -----------------------------------------------------------------------------
def test_report_is_self_contained_and_escaped(report: tuple[Path, str]) -> None:
    target, output = report
    assert "5 charts" in output
    page = target.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "alert(1)</script>" not in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt; Nurse</td>" in page  # in the careers table, as text
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)  # nothing loaded from outside
    assert "Content-Security-Policy" in page
    assert page.count('type="application/json" data-chart=') == 5


def test_report_with_empty_warehouse_says_no_data(tmp_path: Path) -> None:
    ingest([], tmp_path / "empty.duckdb")
    page, drawn = build_report(tmp_path / "empty.duckdb")
    assert drawn == 1  # only the per-run chart: the empty run itself
    assert page.count("No data yet.") == 4


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium); report not rendered")
def test_report_renders_in_headless_chromium(report: tuple[Path, str], tmp_path: Path) -> None:
    target, output = report
    drawn = int(re.findall(r"\((\d+) charts", output)[0])
    shot = tmp_path / "report.png"
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
        "--window-size=1200,2000",
        f"--screenshot={shot}",
        "--dump-dom",
        target.as_uri(),
    ]
    try:
        browser = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("chromium did not finish in 60 s: did a script in the page open a dialog (alert)?")
    dom = browser.stdout
    assert browser.returncode == 0, browser.stderr[-2000:]
    plotted = re.findall(r'<div id="chart-(\w+)" class="chart js-plotly-plot"', dom)
    assert plotted == ["salary", "growth", "skills", "tools", "runs"] and len(plotted) == drawn
    assert dom.count('class="main-svg"') >= drawn
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Nurse" in dom  # drawn as text in the charts and the table
    assert "<script>alert(1)</script>" not in dom
    image = pytest.importorskip("PIL.Image", reason="pillow not installed; screenshot not inspected")
    with image.open(shot) as picture:
        colours = picture.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the screenshot is blank"
