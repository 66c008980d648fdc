"""A corpus of bad inputs, each ingested next to good guides: the run completes, the bad input is
quarantined (or loaded) with a precise reason, every good guide loads, memory stays bounded.

Bad files are generated in ``tmp_path``; nothing large is committed. The good guides are the
sample with distinct titles, so they are distinct careers and never duplicates of each other.
"""

from __future__ import annotations

import errno
import functools
import os
import pathlib
import random
import re
import resource
import signal
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from pipeline.limits import Limits, MiB
from pipeline.sources import discover, warehouse_files
from tests.conftest import FIXTURES, ROOT, SAMPLE
from tests.helpers import ingest, rows, scalar

GOOD_TITLES = ("Records Specialist Alpha", "Records Specialist Beta", "Records Specialist Gamma")
EMPTY = "empty file: no text to parse"
NOT_A_GUIDE_TEXT = (
    re.escape("no career-guide sections found (no heading such as ") + ".*" + re.escape("); is this a career guide?")
)
NOT_A_GUIDE_HTML = re.escape("no career-guide sections found: the page has no headings after its title") + ".*"
LOOP = re.escape("symlink loop: the link leads back to itself and never reaches a file")
DEEP = re.escape("HTML nested deeper than 200 levels; the markup is malformed or hostile") + ".*"


def guide(title: str) -> bytes:
    """The sample guide under another career title (the first line is the title)."""
    _, rest = SAMPLE.read_bytes().split(b"\n", 1)
    return f"{title} Career Path Guide\n".encode() + rest


def html_guide(title: str) -> str:
    page = (FIXTURES / "html" / "medical-records-technician.html").read_text(encoding="utf-8")
    return page.replace("Medical Records Technician Career Path Guide", f"{title} Career Path Guide")


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def write_good(inputs: Path) -> dict[Path, str]:
    """Three good guides (distinct careers); path -> career_id."""
    good = {}
    for number, title in enumerate(GOOD_TITLES, start=1):
        path = inputs / f"good-{number}.txt"
        path.write_bytes(guide(title))
        good[path] = slug(title)
    return good


def documents(warehouse: Path) -> dict[str, tuple[str, str | None]]:
    found = rows(warehouse, "select source_uri, outcome, reason from ingest_documents")
    return {uri: (outcome, reason) for uri, outcome, reason in found}


def table_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]


def all_text(warehouse: Path, career_id: str) -> str:
    """Every row of every career table for one career, as text."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_name from duckdb_columns() where column_name = 'career_id' and table_name like 'career%'"
        ).fetchall()
        return " ".join(
            repr(con.execute(f'select * from "{t}" where career_id = $1', [career_id]).fetchall()) for (t,) in tables
        )


# --- the corpus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    outcome: str
    reason: str | None  # a regex the whole reason must match; None: the reason is NULL
    career_id: str | None = None


@dataclass(frozen=True)
class Env:
    inputs: Path
    outside: Path
    monkeypatch: pytest.MonkeyPatch


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Env], dict[Path, Expect]]
    limits: Limits = field(default_factory=Limits)
    follow_symlinks: bool = False
    check: Callable[[Path], None] | None = None  # extra assertions on the warehouse


def quarantined(reason: str) -> Expect:
    return Expect("quarantined", reason)


def one_file(name: str, data: bytes, expect: Expect) -> Callable[[Env], dict[Path, Expect]]:
    def make(env: Env) -> dict[Path, Expect]:
        path = env.inputs / name
        path.write_bytes(data)
        return {path: expect}

    return make


def _sample() -> bytes:
    return SAMPLE.read_bytes()


def _cut(fraction: float, *, mid_utf8: bool = False) -> bytes:
    """The sample cut at ``fraction`` of its bytes; with ``mid_utf8`` inside the next multi-byte character."""
    data = _sample()
    at = int(len(data) * fraction)
    if mid_utf8:
        at = next(i for i in range(at, len(data)) if data[i] >= 0xE0) + 1  # one byte of a 3/4-byte char
        assert 0x80 <= data[at] <= 0xBF  # the cut really is inside a sequence
    return data[:at]


CUT_OFF = re.escape("with no final newline: it looks cut off (an interrupted download or copy?)") + ".*"


def _truncated(fraction: float, *, mid_utf8: bool = False) -> Case:
    """The sample cut mid-line (mid-word or mid-character): quarantined, the place of the cut quoted."""

    def make(env: Env) -> dict[Path, Expect]:
        path = env.inputs / "truncated.txt"
        data = _cut(fraction, mid_utf8=mid_utf8)
        path.write_bytes(data)
        last = data.decode("utf-8", "replace").rsplit("\n", 1)[-1].replace("\ufffd", "").strip()[-6:]
        return {path: quarantined("the file stops mid-line at '.*" + re.escape(last) + ".*" + CUT_OFF)}

    return Case(f"truncated-{int(fraction * 100)}pct{'-mid-utf8' if mid_utf8 else ''}", make)


def _truncated_at_line_end(env: Env) -> dict[Path, Expect]:
    """Cut at the end of a line, nothing says the guide was longer: it loads with what it has."""
    data = _sample()
    path = env.inputs / "cut-at-newline.txt"
    path.write_bytes(data[: data.index(b"\n", len(data) // 2) + 1])
    return {path: Expect("loaded", None, "medical-records-technician")}


def _check_cut_at_line_end(warehouse: Path) -> None:
    completeness = scalar(warehouse, "select completeness from careers where career_id = 'medical-records-technician'")
    faqs = scalar(warehouse, "select count(*) from career_faqs where career_id = 'medical-records-technician'")
    assert completeness < 1.0 and faqs == 0  # a shorter guide, never with more
    assert "Ã" not in all_text(warehouse, "medical-records-technician")


def _truncated_before_any_section(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "truncated.txt"
    path.write_bytes(_cut(0.01))
    return {path: quarantined(".*" + CUT_OFF)}


def _invalid_utf8_in_guide(env: Env) -> dict[Path, Expect]:
    data = _sample()
    at = data.index(b"Their responsibilities include")
    path = env.inputs / "damaged.txt"
    path.write_bytes(data[:at] + b"\xff\xfe\xc3\x28 " + data[at:])
    return {path: Expect("loaded", None, "medical-records-technician")}


def _check_damaged_utf8(warehouse: Path) -> None:
    # Read as UTF-8 with the 3 bad spots replaced, not as cp852/cp1252 junk everywhere.
    assert scalar(warehouse, "select encoding from ingest_documents where source_uri like '%damaged.txt'") == "utf-8"
    assert scalar(warehouse, "select completeness from careers where career_id = 'medical-records-technician'") == 1
    damaged = rows(warehouse, "select text from career_paragraphs where text like '%Their responsibilities%'")
    assert damaged and damaged[0][0].startswith("\ufffd\ufffd\ufffd( Their responsibilities include")
    assert scalar(warehouse, "select count(*) from career_items where career_id = 'medical-records-technician'") > 80


def _symlink_loop(env: Env) -> dict[Path, Expect]:
    (env.inputs / "loop-a.txt").symlink_to("loop-b.txt")
    (env.inputs / "loop-b.txt").symlink_to("loop-a.txt")
    (env.inputs / "self.txt").symlink_to("self.txt")
    return {env.inputs / name: quarantined(LOOP) for name in ("loop-a.txt", "loop-b.txt", "self.txt")}


def _broken_symlink(env: Env) -> dict[Path, Expect]:
    (env.inputs / "broken.txt").symlink_to("no-such-file.txt")
    return {env.inputs / "broken.txt": quarantined(re.escape("file disappeared or is a broken symlink"))}


def _unreadable(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "unreadable.txt"
    path.write_bytes(guide("Unreadable Clerk"))
    path.chmod(0)
    if os.access(path, os.R_OK):
        # Running as root: permission bits do not apply, so make this one file's open fail
        # exactly as the kernel would for another user.
        real_open = pathlib.Path.open

        def denied(self: Path, *args: object, **kwargs: object) -> object:
            if self == path:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        env.monkeypatch.setattr(pathlib.Path, "open", denied)
    return {path: quarantined(re.escape("permission denied: the file is not readable by this user"))}


def _outside_link(env: Env) -> tuple[Path, Path]:
    target = env.outside / "elsewhere.txt"
    target.write_bytes(guide("Outside Archivist"))
    link = env.inputs / "link-out.txt"
    link.symlink_to(target)
    return link, target


def _symlink_outside(env: Env) -> dict[Path, Expect]:
    link, target = _outside_link(env)
    reason = (
        f"symlink to {target.resolve()} leads outside the input paths and is not followed "
        "(pass --follow-symlinks to allow it)"
    )
    return {link: quarantined(re.escape(reason))}


def _symlink_outside_followed(env: Env) -> dict[Path, Expect]:
    link, _ = _outside_link(env)
    return {link: Expect("loaded", None, "outside-archivist")}


def _outside_dir(env: Env) -> Path:
    elsewhere = env.outside / "more"
    elsewhere.mkdir()
    (elsewhere / "extra.txt").write_bytes(guide("Outside Curator"))
    link = env.inputs / "more-guides"
    link.symlink_to(elsewhere, target_is_directory=True)
    (env.inputs / "sub").mkdir()
    (env.inputs / "sub" / "inner-link").symlink_to(env.inputs / "sub", target_is_directory=True)  # inside: skipped
    return link


def _symlink_dir_outside(env: Env) -> dict[Path, Expect]:
    link = _outside_dir(env)
    reason = (
        f"symlink to {link.resolve()} leads outside the input paths and is not followed "
        "(pass --follow-symlinks to allow it)"
    )
    return {link: quarantined(re.escape(reason))}


def _symlink_dir_outside_followed(env: Env) -> dict[Path, Expect]:
    link = _outside_dir(env)
    return {link / "extra.txt": Expect("loaded", None, "outside-curator")}


def _fifo(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "pipe.txt"
    os.mkfifo(path)  # opening it would block forever: it must be refused unopened
    return {path: quarantined(re.escape("not a regular file (device, socket or pipe); only files are ingested"))}


def _odd_names(env: Env) -> dict[Path, Expect]:
    names = {
        "name with spaces.txt": "Space Planner",
        "nön-äscii-名前.txt": "Unicode Archivist",
        "new\nline.txt": "Newline Registrar",
    }
    out = {}
    for name, title in names.items():
        path = env.inputs / name
        path.write_bytes(guide(title))
        out[path] = Expect("loaded", None, slug(title))
    return out


def _huge_sparse(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "huge.txt"
    with path.open("wb") as handle:  # 50 MB without writing 50 MB: a sparse file
        handle.truncate(50 * 1000 * 1000)
    reason = (
        "file is 50,000,000 bytes, over the 5,242,880-byte limit per document (raise --max-bytes if it really is "
        "one guide)"
    )
    return {path: quarantined(re.escape(reason))}


def _long_line(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "one-line.txt"
    path.write_bytes(b"word " * (2 * MiB))  # 10 MiB, no newline
    reason = "line 1 is 10,485,760 characters long (limit 200,000); this does not look like a career guide"
    return {path: quarantined(re.escape(reason))}


def _deep_html(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "deep.html"
    path.write_bytes(b"<!DOCTYPE html><html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000)
    return {path: quarantined(DEEP)}


def _deep_html_unclosed(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "deep-unclosed.htm"
    path.write_bytes(b"<html><body><h1>Deep Career Path Guide</h1>" + b"<span><b><i>" * 34_000)
    return {path: quarantined(DEEP)}


def _not_a_guide_html(env: Env) -> dict[Path, Expect]:
    path = env.inputs / "news.html"
    path.write_bytes((FIXTURES / "html" / "not-a-guide.html").read_bytes())
    return {path: quarantined(NOT_A_GUIDE_HTML)}


ARTICLE = b"""City Council Approves New Bike Lanes

The council voted on Thursday to build fourteen miles of protected bike lanes over three years.

Residents spoke for and against the plan during a three-hour public hearing.

Construction starts in the spring, the city engineer said.
"""

RANDOM = random.Random(8)

CASES = [
    Case("empty", one_file("empty.txt", b"", quarantined(re.escape(EMPTY)))),
    Case("whitespace-only", one_file("blank.txt", b" \n\t\r\n   \n\n", quarantined(re.escape(EMPTY)))),
    Case(
        "binary-random",
        one_file(
            "random.bin",
            b"\x07\x13" + RANDOM.randbytes(4094),
            quarantined(r"binary file \(contains NUL bytes at offset \d+\); expected UTF-8 text or HTML"),
        ),
    ),
    Case(
        "binary-no-nul",
        one_file(
            "controls.dat",
            bytes(range(1, 256)) * 16,
            quarantined(r"binary file \(\d+% control bytes\); expected UTF-8 text or HTML"),
        ),
    ),
    Case(
        "png",
        one_file(
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + RANDOM.randbytes(2048),
            quarantined(re.escape("looks like a PNG image, not text or HTML")),
        ),
    ),
    Case(
        "jpeg",
        one_file(
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + RANDOM.randbytes(2048),
            quarantined(re.escape("looks like a JPEG image, not text or HTML")),
        ),
    ),
    Case(
        "pdf",
        one_file(
            "guide.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n"
            + RANDOM.randbytes(1024)
            + b"\nendstream\n%%EOF\n",
            quarantined(re.escape("looks like a PDF file, not text or HTML")),
        ),
    ),
    Case("truncated-1pct", _truncated_before_any_section),
    _truncated(0.10),
    _truncated(0.50),
    _truncated(0.90),
    _truncated(0.50, mid_utf8=True),
    _truncated(0.90, mid_utf8=True),
    Case("truncated-at-line-end", _truncated_at_line_end, check=_check_cut_at_line_end),
    Case("50MB-sparse", _huge_sparse),
    Case("10MB-single-line", _long_line, limits=Limits(max_document_bytes=16 * MiB)),
    Case("html-100000-deep", _deep_html),
    Case("html-deep-unclosed-inline", _deep_html_unclosed),
    Case("invalid-utf8-in-guide", _invalid_utf8_in_guide, check=_check_damaged_utf8),
    Case(
        "invalid-utf8-only",
        one_file(
            "latin.txt",
            bytes(range(0x80, 0x100)) * 3,
            quarantined(re.escape("not valid UTF-8 (invalid byte 0x80 at offset 0) and no other encoding fits")),
        ),
    ),
    Case(
        "nul-bytes",
        one_file(
            "nul.txt",
            _sample()[:1000] + b"\x00" + _sample()[1000:],
            quarantined(re.escape("binary file (contains NUL bytes at offset 1000); expected UTF-8 text or HTML")),
        ),
    ),
    Case(
        "salary-min-above-max",
        one_file(
            "salary.txt",
            _sample().replace("37,000β€”58,000".encode(), b"58,000-37,000"),
            quarantined(re.escape("salary range 58000-37000: minimum is above maximum")),
        ),
    ),
    Case("not-a-guide-text", one_file("article.txt", ARTICLE, quarantined(NOT_A_GUIDE_TEXT))),
    # Greek letters that also read as cp1253 mojibake, chained: the repair once rescanned the whole
    # run per dropped sequence (quadratic: 16 KB took 100 s); now linear, and it is not a guide.
    Case(
        "greek-mojibake-chain",
        one_file("greek.txt", ("Ά" + "ΟΈ" * 20_000).encode(), quarantined(NOT_A_GUIDE_TEXT)),
    ),
    Case("not-a-guide-html", _not_a_guide_html),
    Case("symlink-loop", _symlink_loop),
    Case("broken-symlink", _broken_symlink),
    Case("unreadable", _unreadable),
    Case("symlink-outside", _symlink_outside),
    Case("symlink-outside-followed", _symlink_outside_followed, follow_symlinks=True),
    Case("symlink-dir-outside", _symlink_dir_outside),
    Case("symlink-dir-outside-followed", _symlink_dir_outside_followed, follow_symlinks=True),
    Case("fifo", _fifo),
    Case("odd-file-names", _odd_names),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_settled_and_every_other_input_loads(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, outside = tmp_path / "in", tmp_path / "outside"
    inputs.mkdir()
    outside.mkdir()
    good = write_good(inputs)
    expected = case.make(Env(inputs, outside, monkeypatch))
    if case.follow_symlinks:
        monkeypatch.setattr("tests.helpers.discover", functools.partial(discover, follow_symlinks=True))
    warehouse = tmp_path / "careers.duckdb"

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"ingest of case {case.id} hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)  # a hang (say, opening the FIFO) fails the test instead of blocking the suite
    try:
        summary = ingest([inputs], warehouse, batch_size=3, limits=case.limits)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    docs = documents(warehouse)
    assert scalar(warehouse, "select count(*) from ingest_documents") == len(good) + len(expected)
    assert summary.documents_seen == len(good) + len(expected)
    assert set(docs) == {str(p) for p in [*good, *expected]}
    for path in good:
        assert docs[str(path)] == ("loaded", None)
    for path, expect in expected.items():
        outcome, reason = docs[str(path)]
        assert outcome == expect.outcome, reason
        if expect.reason is None:
            assert reason is None
        else:
            assert reason is not None and re.fullmatch(expect.reason, reason), reason
    careers = {cid for (cid,) in rows(warehouse, "select career_id from careers")}
    assert careers == set(good.values()) | {e.career_id for e in expected.values() if e.career_id}
    if case.check is not None:
        case.check(warehouse)


# --- memory -------------------------------------------------------------------------------------


def test_memory_stays_bounded_with_a_50mb_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = write_good(inputs)
    huge = inputs / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * MiB)
    (inputs / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 100_000)
    (inputs / "line.txt").write_bytes(b"x" * (4 * MiB))  # under the byte limit, over the line limit
    warehouse = tmp_path / "careers.duckdb"

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    tracemalloc.start()
    try:
        summary = ingest([inputs], warehouse, batch_size=2)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before

    assert dict(summary.counts) == {"loaded": len(good), "quarantined": 3}
    assert "over the 5,242,880-byte limit" in documents(warehouse)[str(huge)][1]  # type: ignore[operator]
    # Nothing close to the 50 MB file was ever held: it was refused by its size, unread.
    assert peak < 30 * MiB, f"peak traced memory {peak / MiB:.1f} MiB"
    assert rss_growth * 1024 < 50 * MiB, f"max RSS grew by {rss_growth / 1024:.1f} MiB"


# --- entity tricks and hostile titles -----------------------------------------------------------


def test_entity_tricks_never_expand_or_read_local_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_good(inputs)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a9c\n", encoding="utf-8")
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    )
    doctype = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY sec SYSTEM "file://{secret}">'
        f'<!ENTITY % remote SYSTEM "file://{secret}"> %remote; {lol}]>'
    )
    for name, title, prolog in (
        ("xxe.html", "Entity Auditor", ""),
        ("xxe-xml.xhtml", "Entity Inspector", '<?xml version="1.0" encoding="utf-8"?>\n'),
    ):
        page = html_guide(title).replace("<!DOCTYPE html>", prolog + doctype, 1)
        page = page.replace("<ul>", "<ul><li>Check &xxe; and &sec; daily</li><li>&lol9;</li>", 1)
        page = page.replace("</h1>", "</h1><p>&sec; &xxe; &lol9;</p>", 1)
        (inputs / name).write_text(page, encoding="utf-8")

    summary = ingest([inputs], warehouse := tmp_path / "careers.duckdb")

    assert summary.counts["loaded"] == 5, summary.problems
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()
    forbidden = ["TOP-SECRET-7f3a9c", "lollollollollollol", *[line for line in passwd[:5] if len(line) > 8]]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for (table,) in con.execute("select table_name from duckdb_tables()").fetchall():
            if table == "raw_documents":
                continue  # the input bytes themselves, as evidence
            text = repr(con.execute(f'select * from "{table}"').fetchall())
            for marker in forbidden:
                assert marker not in text, f"{marker!r} leaked into {table}"
    items = [i for (i,) in rows(warehouse, "select text from career_items where career_id = 'entity-auditor'")]
    assert "Check &xxe; and &sec; daily" in items  # unknown entities stay literal text


HOSTILE = "Robert'); DROP TABLE careers;-- <script>alert(1)</script>"


def test_sql_and_script_in_a_title_are_stored_literally(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = write_good(inputs)
    (inputs / "hostile.txt").write_bytes(guide(HOSTILE))
    ingest([inputs], warehouse := tmp_path / "careers.duckdb")
    before = table_counts(warehouse)

    (inputs / "hostile.html").write_text(
        html_guide(HOSTILE.replace("<", "&lt;").replace(">", "&gt;") + " Two"), encoding="utf-8"
    )
    summary = ingest([inputs], warehouse)

    assert dict(summary.counts) == {"unchanged": len(good) + 1, "loaded": 1}
    titles = {t for (t,) in rows(warehouse, "select title from careers")}
    assert titles == {*GOOD_TITLES, HOSTILE, HOSTILE + " Two"}
    assert scalar(warehouse, "select count(*) from careers where title = $1", [HOSTILE]) == 1
    after = table_counts(warehouse)
    assert set(after) == set(before)  # every table is still there
    assert after["careers"] == before["careers"] + 1 == len(good) + 2
    assert after["ingest_runs"] == 2


# --- limits -------------------------------------------------------------------------------------


def test_limits_have_documented_defaults() -> None:
    limits = Limits()
    assert (limits.max_document_bytes, limits.max_line_chars, limits.max_nesting_depth, limits.max_documents) == (
        5 * MiB,
        200_000,
        200,
        100_000,
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, info in Limits.model_fields.items():
        assert f"`Limits.{name}`" in readme, f"README does not document Limits.{name}"
        assert info.description, f"Limits.{name} has no description"
    with pytest.raises(ValueError):
        Limits(max_document_bytes=0)


def test_byte_limit_is_configurable_and_precise(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = write_good(inputs)
    limit = max(p.stat().st_size for p in good)
    big = inputs / "big.txt"
    big.write_bytes(guide("Padded Clerk") + b"\nA closing paragraph that pushes the file past the limit.\n" * 20)
    ingest([inputs], warehouse := tmp_path / "careers.duckdb", limits=Limits(max_document_bytes=limit))
    assert documents(warehouse)[str(big)] == (
        "quarantined",
        f"file is {big.stat().st_size:,} bytes, over the {limit:,}-byte limit per document "
        "(raise --max-bytes if it really is one guide)",
    )
    assert scalar(warehouse, "select count(*) from careers") == len(good)


def test_line_limit_is_configurable_and_precise(tmp_path: Path) -> None:
    lines = SAMPLE.read_bytes().decode("utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    size = len(lines[longest])
    path = tmp_path / "guide.txt"
    path.write_bytes(SAMPLE.read_bytes())
    ingest([path], warehouse := tmp_path / "a.duckdb", limits=Limits(max_line_chars=size - 1))
    assert documents(warehouse)[str(path)] == (
        "quarantined",
        f"line {longest + 1} is {size:,} characters long (limit {size - 1:,}); this does not look like a career guide",
    )
    summary = ingest([path], tmp_path / "b.duckdb", limits=Limits(max_line_chars=size))
    assert dict(summary.counts) == {"loaded": 1}


def test_nesting_limit_is_configurable_and_precise(tmp_path: Path) -> None:
    page = html_guide("Nested Analyst")
    body = re.search(r"<body[^>]*>", page)
    assert body is not None
    for depth, name in ((10, "shallow.html"), (60, "deep.html")):
        wrapped = page[: body.end()] + "<div>" * depth + page[body.end() :]
        wrapped = wrapped.replace("</body>", "</div>" * depth + "</body>", 1)
        (tmp_path / name).write_text(wrapped.replace("Nested Analyst", f"Nested Analyst {depth}"), encoding="utf-8")
    paths = [tmp_path / "shallow.html", tmp_path / "deep.html"]
    ingest(paths, warehouse := tmp_path / "careers.duckdb", limits=Limits(max_nesting_depth=50))
    docs = documents(warehouse)
    assert docs[str(paths[0])] == ("loaded", None)
    assert docs[str(paths[1])] == (
        "quarantined",
        "HTML nested deeper than 50 levels; the markup is malformed or hostile "
        "(raise --max-nesting-depth only for pages you trust)",
    )
    summary = ingest(paths, tmp_path / "raised.duckdb", limits=Limits(max_nesting_depth=100))
    assert dict(summary.counts) == {"loaded": 2}


def test_a_long_line_of_html_is_refused_like_text(tmp_path: Path) -> None:
    # One 1 MiB paragraph (5x the line limit) in an otherwise good page, all on one line.
    page = html_guide("One Line Editor").replace("\n", " ")
    at = page.index("</h1>") + len("</h1>")
    path = tmp_path / "one-line.html"
    path.write_text(page[:at] + "<p>" + "word " * (MiB // 5) + "</p>" + page[at:], encoding="utf-8")
    ingest([path], warehouse := tmp_path / "careers.duckdb")
    outcome, reason = documents(warehouse)[str(path)]
    assert outcome == "quarantined"
    assert reason is not None and "characters long (limit 200,000)" in reason


@pytest.mark.flow
def test_documents_past_the_per_run_limit_are_recorded(prefect_api: str, tmp_path: Path) -> None:
    from flows.ingest import IngestConfig, ingest_flow

    inputs = tmp_path / "in"
    inputs.mkdir()
    good = sorted(write_good(inputs))
    config = IngestConfig(paths=[str(inputs)], warehouse=str(tmp_path / "w.duckdb"), limits=Limits(max_documents=2))
    summary = ingest_flow(config)
    docs = documents(tmp_path / "w.duckdb")
    assert summary.documents_seen == len(docs) == 3  # no input is lost silently
    assert [docs[str(p)][0] for p in good] == ["loaded", "loaded", "quarantined"]
    reason = docs[str(good[2])][1]
    assert reason is not None and reason.startswith("over the per-run limit of 2 documents")


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.flow
def test_cli_ingests_a_directory_of_broken_files_next_to_a_good_guide(prefect_api: str, tmp_path: Path) -> None:
    from tests.test_cli import _careers

    inputs = tmp_path / "raw"
    inputs.mkdir()
    (inputs / "guide.txt").write_bytes(SAMPLE.read_bytes())
    broken = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b"  \n\t\n", "empty file"),
        "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "PNG image"),
        "photo.jpg": (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "JPEG image"),
        "scan.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF file"),
        "nul.txt": (SAMPLE.read_bytes()[:500] + b"\x00" + SAMPLE.read_bytes()[500:], "NUL bytes"),
        "cut.txt": (_cut(0.01), "it looks cut off"),
        "article.txt": (ARTICLE, "no career-guide sections found"),
        "salary.txt": (
            SAMPLE.read_bytes().replace("37,000β€”58,000".encode(), b"58,000-37,000"),
            "minimum is above maximum",
        ),
        "deep.html": (b"<html><body>" + b"<div>" * 100_000, "nested deeper than 200 levels"),
        "latin.txt": (bytes(range(0x80, 0x100)) * 3, "not valid UTF-8"),
    }
    for name, (data, _) in broken.items():
        (inputs / name).write_bytes(data)
    with (inputs / "huge.txt").open("wb") as handle:
        handle.truncate(50 * MiB)
    (inputs / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "outside.txt").write_bytes(guide("Outside Archivist"))
    (inputs / "out.txt").symlink_to(tmp_path / "outside.txt")
    broken |= {
        "huge.txt": (b"", "over the 5,242,880-byte limit"),
        "loop.txt": (b"", "symlink loop"),
        "out.txt": (b"", "leads outside the input paths"),
    }

    result = _careers(["ingest", "raw"], prefect_api, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert f"loaded 1  unchanged 0  duplicate 0  quarantined {len(broken)}" in result.stdout
    warehouse = tmp_path / "warehouse" / "careers.duckdb"
    docs = {Path(uri).name: value for uri, value in documents(warehouse).items()}
    assert docs.pop("guide.txt") == ("loaded", None)
    assert set(docs) == set(broken)
    for name, (outcome, reason) in docs.items():
        assert outcome == "quarantined", name
        assert reason is not None and broken[name][1] in reason, (name, reason)
        assert f"{name}: {reason}" in result.stdout  # the summary tells the person too
    assert rows(warehouse, "select career_id from careers") == [("medical-records-technician",)]


def test_html_with_too_many_elements_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.html"
    path.write_text(html_guide("Element Counter").replace("</body>", "<span>x</span>" * 60_000 + "</body>"))
    ingest([path], warehouse := tmp_path / "careers.duckdb")
    outcome, reason = documents(warehouse)[str(path)]
    assert outcome == "quarantined"
    assert reason is not None and "more than 50,000 elements" in reason


# -- transient read errors are retried for the one file --------------------------------------------
def _flaky_open(monkeypatch: pytest.MonkeyPatch, target: Path, failures: int, code: int) -> list[int]:
    """Make opening ``target`` fail ``failures`` times with OSError(code); returns the attempt log."""
    import pipeline.sources as sources

    monkeypatch.setattr(sources, "READ_RETRY_DELAYS", (0.0, 0.0))
    attempts: list[int] = []
    real_open = pathlib.Path.open

    def open_(self: pathlib.Path, *args: object, **kwargs: object) -> object:
        if self == target:
            attempts.append(len(attempts) + 1)
            if len(attempts) <= failures:
                raise OSError(code, os.strerror(code))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(pathlib.Path, "open", open_)
    return attempts


@pytest.mark.parametrize(("failures", "code", "attempts"), [(2, errno.EIO, 3), (1, errno.ESTALE, 2)])
def test_a_transient_read_error_is_retried_for_that_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, failures: int, code: int, attempts: int
) -> None:
    from pipeline.batch import read_batch

    target = tmp_path / "guide.txt"
    target.write_bytes(SAMPLE.read_bytes())
    log = _flaky_open(monkeypatch, target, failures, code)
    [doc] = read_batch(list(discover([tmp_path])), Limits())
    assert getattr(doc, "data", None) == SAMPLE.read_bytes()
    assert log == list(range(1, attempts + 1))


def test_a_persistent_or_final_read_error_quarantines_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipeline.batch import Unread, read_batch

    target = tmp_path / "guide.txt"
    target.write_bytes(SAMPLE.read_bytes())
    log = _flaky_open(monkeypatch, target, 99, errno.EIO)
    [doc] = read_batch(list(discover([tmp_path])), Limits())
    assert isinstance(doc, Unread) and doc.reason.endswith("Input/output error (after 3 attempts)")
    assert len(log) == 3
    monkeypatch.undo()
    log = _flaky_open(monkeypatch, target, 99, errno.EROFS)  # not transient: one attempt
    [doc] = read_batch(list(discover([tmp_path])), Limits())
    assert isinstance(doc, Unread) and "(after" not in doc.reason and len(log) == 1


def test_a_warehouse_inside_the_input_folder_is_not_an_input(tmp_path: Path) -> None:
    from flows.ingest import discover_inputs

    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "guide.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "careers.duckdb").write_bytes(b"DUCK")
    (folder / "careers.duckdb.wal").write_bytes(b"WAL")
    (folder / "other.duckdb").write_bytes(b"DUCK")
    found = [Path(s.uri).name for s in discover_inputs.fn([str(folder)], False, str(folder / "careers.duckdb"))]
    assert found == ["guide.txt", "other.duckdb"]
    assert len(list(discover([folder], skip=warehouse_files(folder / "careers.duckdb")))) == 2


def test_a_quarantined_input_keeps_what_was_learnt_before_it_failed(tmp_path: Path) -> None:
    """A guide that broke a rule names its career, format and encoding; an undecodable file names none."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-salary.txt").write_bytes(_sample().replace("37,000β€”58,000".encode(), b"58,000-37,000"))
    (inputs / "b-article.txt").write_bytes(ARTICLE)
    (inputs / "c-nul.txt").write_bytes(b"Nurse\x00\x00\x00 guide")
    warehouse = tmp_path / "w.duckdb"
    ingest(sorted(inputs.iterdir()), warehouse)
    found = rows(warehouse, "select source_uri, outcome, career_id, format, encoding from ingest_documents order by 1")
    assert [row[1:] for row in found] == [
        ("quarantined", "medical-records-technician", "text", "utf-8"),
        ("quarantined", None, "text", "utf-8"),
        ("quarantined", None, None, None),
    ]


def test_a_copy_of_the_same_bytes_is_described_like_the_first(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "a.txt").write_bytes(_sample())
    (inputs / "sub" / "copy.txt").write_bytes(_sample())
    warehouse = tmp_path / "w.duckdb"
    ingest([inputs], warehouse, batch_size=1)  # the copy in a later batch
    ingest([inputs / "sub", inputs / "a.txt"], tmp_path / "w2.duckdb", batch_size=5)  # the copy first, same batch
    for path in (warehouse, tmp_path / "w2.duckdb"):
        found = rows(path, "select outcome, career_id, record_sha256, format, encoding from ingest_documents")
        assert sorted(found) == [
            ("duplicate", "medical-records-technician", found[0][2], "text", "utf-8"),
            ("loaded", "medical-records-technician", found[0][2], "text", "utf-8"),
        ]
        assert found[0][2] is not None


def test_quarantined_inputs_are_listed_in_input_order(tmp_path: Path) -> None:
    """Unreadable inputs are settled before parsing and invalid ones after; the summary lists both by input order."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-article.txt").write_bytes(ARTICLE)
    (inputs / "b-guide.txt").write_bytes(_sample())
    (inputs / "c-big.txt").write_bytes(_sample() * 40)
    summary = ingest(
        [inputs], tmp_path / "w.duckdb", batch_size=10, limits=Limits(max_document_bytes=len(_sample()) * 2)
    )
    assert [Path(uri).name for uri, _ in summary.problems] == ["a-article.txt", "c-big.txt"]
