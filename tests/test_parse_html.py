"""The HTML parser: two renderings of the sample guide give the outline of the text sample."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import ParseError
from pipeline.extract import extract
from pipeline.outline import Block, Field, Items, Outline, Paragraph
from pipeline.parse.html import looks_like_html, parse_html
from pipeline.parse.html_chrome import strip_site_suffix

FIXTURES = Path(__file__).parent / "fixtures" / "html"
SEMANTIC = FIXTURES / "medical-records-technician.html"
DIVSOUP = FIXTURES / "medical-records-technician-divsoup.html"
NOT_A_GUIDE = FIXTURES / "not-a-guide.html"
TEXT_SAMPLE = Path(__file__).parents[1] / "raw" / "medical-records-technician.txt"
GUIDES = [SEMANTIC, DIVSOUP]

TITLE = "Medical Records Technician Career Path Guide"
SUMMARY_START = "A Medical Records Technician, also known as a Health Information Technician, plays a crucial role"

# Every heading of the text sample, in order, up to (not including) "Share career guide",
# with the shape of its blocks: P = Paragraph, F = Field, I<n> = Items of n.
EXPECTED_SHAPE: list[tuple[str, str]] = [
    ("📈 Market Demand", "P P P P"),
    ("🇺🇸 Annual Salary (US, USD)", "P F P P P P P P P"),
    ("Core Functions of the Medical Records Technician Role", "P P P P"),
    ("Key Responsibilities", "I15"),
    ("Work Setting", "P"),
    ("Tech Stack", "I19"),
    ("Skills and Qualifications", ""),
    ("Education Level", "P P P"),
    ("Tech Skills", "I20"),
    ("Soft Abilities", "I10"),
    ("Path to Medical Records Technician", "P P P P P P"),
    ("Required Education", "P P P P P P"),
    ("Career Path Tiers", ""),
    ("Entry-Level Medical Records Technician", "F P"),
    ("Mid-Level Medical Records Technician", "F P"),
    ("Senior Medical Records Technician / Health Information Specialist", "F P"),
    ("Global Outlook", "P P P P"),
    ("Job Market Today", ""),
    ("Role Challenges", "P"),
    ("Growth Paths", "P"),
    ("Industry Trends", "P"),
    ("A Day in the Life", ""),
    ("Morning (9:00 AM - 12:00 PM)", "F I5"),
    ("Afternoon (12:00 PM - 3:00 PM)", "F I5"),
    ("Late Afternoon (3:00 PM - 5:00 PM)", "F I5"),
    ("Work-Life Balance & Stress", "F F P"),
    ("Skill Map", "P"),
    ("Foundational Skills", "P I5"),
    ("Advanced Technical Skills", "P I5"),
    ("Professional & Software Skills", "P I9"),
    ("Pros & Cons for Medical Records Technician", ""),
    ("✅ Pros", "I6"),
    ("❌ Cons", "I6"),
    ("Common Mistakes of Beginners", "I8"),
    ("Contextual Advice", "I8"),
    ("Examples and Case Studies", ""),
    ("Implementation of Epic EHR System at a Regional Hospital", "P F"),
    ("Reducing Billing Denials through Enhanced Coding Accuracy", "P F"),
    ("Supporting Telehealth Growth with Specialized Documentation", "P F"),
    ("Portfolio Tips", "P P P P"),
    ("Job Outlook & Related Roles", "F F F"),
    ("Related Roles", ""),
    ("Frequently Asked Questions", ""),
    ("What is the difference between a Medical Records Technician and a Medical Coder?", "P"),
    ("Is certification required to become a Medical Records Technician?", "P"),
    ("What types of healthcare settings employ Medical Records Technicians?", "P"),
    ("Do Medical Records Technicians interact directly with patients?", "P"),
    ("How do Medical Records Technicians stay current with coding updates?", "P"),
    ("Can a Medical Records Technician work remotely?", "P"),
    ("What software skills should a Medical Records Technician have?", "P"),
    ("What’s the average salary range for a Medical Records Technician?", "P"),
    ("What career advancement opportunities exist for Medical Records Technicians?", "P"),
    ("How important is accuracy in this role?", "P"),
    ("Sources & References", ""),
]

# Text that lives only in the pages' chrome (menus, banners, ads, share and pricing blocks, scripts).
CHROME_TEXT = [
    "cookie", "Cookie", "Got it", "USD $8/month", "USD $0/month", "Subscription", "Jobicy", "Remote Jobs",
    "Post a Job", "Career Guides", "Skip to content", "Search remote jobs", "Acme Health", "MedixCloud",
    "Sponsored", "Advertisement", "MedCode Pro", "adsbygoogle", "dataLayer", "gtag", "_paq", "initShareButtons",
    "Share", "LinkedIn", "Facebook", "Privacy policy", "stack icon", "tracking pixel", "New job alert",
    "Get weekly career tips", "Similar remote jobs", "Clinical Data Coordinator", "Home", "›", "©",
    "All rights reserved", "Go to account", "schema.org",
]  # fmt: skip


SALARY = "🇺🇸 Annual Salary (US, USD)"
# The divsoup page writes the salary levels as a two-column table: a Field per row.
DIVSOUP_SALARY_SHAPE = "P F F F F P"


def _expected_shape(path: Path) -> list[tuple[str, str]]:
    if path != DIVSOUP:
        return EXPECTED_SHAPE
    return [(heading, DIVSOUP_SALARY_SHAPE if heading == SALARY else shape) for heading, shape in EXPECTED_SHAPE]


def _parse(path: Path) -> Outline:
    return parse_html(path.read_text(encoding="utf-8"))


def _shape(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Items):
            parts.append(f"I{len(block.items)}")
        else:
            parts.append("F" if isinstance(block, Field) else "P")
    return " ".join(parts)


def _section(outline: Outline, heading: str) -> list[Block]:
    matches = [section.blocks for section in outline.sections if section.heading == heading]
    assert len(matches) == 1, f"{heading!r} found {len(matches)} times"
    return matches[0]


def _all_text(outline: Outline) -> str:
    lines = [outline.title]
    blocks = [*outline.preamble]
    for section in outline.sections:
        lines.append(section.heading)
        blocks.extend(section.blocks)
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Field):
            lines.append(f"{block.label}: {block.value}")
        else:
            lines.extend(block.items)
    return "\n".join(lines)


def _without_levels(outline: Outline) -> tuple[object, ...]:
    return (
        outline.title,
        tuple(outline.preamble),
        tuple((section.heading, tuple(section.blocks)) for section in outline.sections),
    )


def _without_salary(outline: Outline) -> Outline:
    sections = [section for section in outline.sections if section.heading != SALARY]
    assert len(sections) == len(outline.sections) - 1
    return Outline(outline.title, outline.preamble, sections)


def _assert_no_empty_blocks(outline: Outline) -> None:
    for section in outline.sections:
        assert section.heading and section.heading.strip() == section.heading
    for block in [*outline.preamble, *(b for s in outline.sections for b in s.blocks)]:
        if isinstance(block, Items):
            assert block.items and all(item and item.strip() == item for item in block.items)
        elif isinstance(block, Field):
            assert block.label and block.value
        else:
            assert block.text and block.text.strip() == block.text


def _page(body: str, title: str = "Test Guide | Jobicy") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


# -- the two renderings of the sample guide -------------------------------------------------


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_title(path: Path) -> None:
    assert _parse(path).title == TITLE


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_preamble_is_summary_then_stat_lines(path: Path) -> None:
    preamble = _parse(path).preamble
    assert len(preamble) == 6
    assert isinstance(preamble[0], Paragraph) and preamble[0].text.startswith(SUMMARY_START)
    assert preamble[0].text.endswith("billing processes, and legal compliance.")
    assert preamble[1:] == [
        Paragraph("9%"),
        Paragraph("growth rate"),
        Paragraph("$47,500"),
        Paragraph("median salary"),
        Paragraph("remote-friendly"),
    ]


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_headings_in_document_order(path: Path) -> None:
    headings = [section.heading for section in _parse(path).sections]
    assert headings == [heading for heading, _ in EXPECTED_SHAPE]


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_block_shape_of_every_section(path: Path) -> None:
    outline = _parse(path)
    assert [(section.heading, _shape(section.blocks)) for section in outline.sections] == _expected_shape(path)


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_market_demand_and_salary_lines(path: Path) -> None:
    outline = _parse(path)
    assert _section(outline, "📈 Market Demand")[:3] == [Paragraph("Low"), Paragraph("High"), Paragraph("High")]
    if path == DIVSOUP:  # <table class="tiers">: a row of two cells is a label and its value
        levels = [Field("Entry-Level", "$40,150"), Field("Mid-Level", "$47,500"), Field("Senior-Level", "$54,850")]
    else:  # a span per line, as the text sample has them
        levels = [Paragraph(text) for text in ("Entry-Level", "$40,150", "Mid-Level", "$47,500", "Senior-Level")]
        levels.append(Paragraph("$54,850"))
    assert _section(outline, SALARY) == [
        Paragraph("37,000—58,000"),
        Field("Median", "$47,500"),
        *levels,
        Paragraph(
            "Top 10% of earners in this field can expect salaries starting from $58,000+ per year, "
            "especially with specialized skills in high-demand areas."
        ),
    ]


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_key_responsibilities_is_one_list_of_15(path: Path) -> None:
    (items,) = _section(_parse(path), "Key Responsibilities")
    assert isinstance(items, Items)
    assert len(items.items) == 15
    assert items.items[0] == "Review and analyze patient medical records for completeness and accuracy."
    assert items.items[-1] == "Maintain backup protocols to prevent data loss in electronic systems."


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_tiers_carry_experience_fields(path: Path) -> None:
    outline = _parse(path)
    entry = _section(outline, "Entry-Level Medical Records Technician")
    assert entry[0] == Field("Experience", "0-2 years")
    assert isinstance(entry[1], Paragraph) and entry[1].text.startswith("Entry-Level Medical Records Technicians focus")
    assert _section(outline, "Mid-Level Medical Records Technician")[0] == Field("Experience", "3-5 years")
    senior = _section(outline, "Senior Medical Records Technician / Health Information Specialist")
    assert senior[0] == Field("Experience", "6+ years")


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_day_blocks_have_focus_and_five_tasks(path: Path) -> None:
    focus, tasks = _section(_parse(path), "Afternoon (12:00 PM - 3:00 PM)")
    assert focus == Field("Focus", "Data Quality Assurance and Reporting")
    assert tasks == Items(
        (
            "Conduct audits on existing records to identify and correct discrepancies.",
            "Use specialized software tools to verify coding accuracy and compliance.",
            "Generate reports summarizing coding statistics and documentation quality.",
            "Assist billing departments by providing coded data for claims processing.",
            "Participate in team meetings to discuss workflow improvements.",
        )
    )


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_fields_from_spans_strong_and_dl(path: Path) -> None:
    outline = _parse(path)
    assert _section(outline, "Work-Life Balance & Stress")[:2] == [
        Field("Stress Level", "Moderate"),
        Field("Balance Rating", "Good"),
    ]
    assert _section(outline, "Job Outlook & Related Roles") == [
        Field("Growth Rate", "9%"),
        Field("Status", "Growing faster than average"),
        Field("Source", "U.S. Bureau of Labor Statistics"),
    ]
    takeaway = _section(outline, "Reducing Billing Denials through Enhanced Coding Accuracy")[1]
    assert takeaway == Field(
        "Key Takeaway",
        "Investing in trained coding professionals improves revenue cycle efficiency and reduces costly "
        "administrative burdens.",
    )


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_faq_answers_with_decoded_apostrophes(path: Path) -> None:
    outline = _parse(path)
    (answer,) = _section(outline, "What is the difference between a Medical Records Technician and a Medical Coder?")
    assert isinstance(answer, Paragraph)
    assert answer.text.startswith("A Medical Records Technician manages and organizes overall patient health")
    assert "While coding is a significant part of a Medical Records Technician’s role, the technician’s" in answer.text
    (salary,) = _section(outline, "What’s the average salary range for a Medical Records Technician?")
    assert salary == Paragraph(
        "In the United States, the typical salary range is between $37,000 and $58,000 annually, depending on "
        "factors such as experience, education, certification status, and geographic location."
    )


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_no_chrome_text_anywhere(path: Path) -> None:
    text = _all_text(_parse(path))
    leaked = [needle for needle in CHROME_TEXT if needle in text]
    assert leaked == []


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_no_empty_blocks(path: Path) -> None:
    _assert_no_empty_blocks(_parse(path))


def test_heading_levels_follow_tags_and_classes() -> None:
    levels = {section.heading: section.level for section in _parse(SEMANTIC).sections}
    assert levels["📈 Market Demand"] == 2
    assert levels["Key Responsibilities"] == 3
    assert levels["Morning (9:00 AM - 12:00 PM)"] == 4
    soup_levels = {section.heading: section.level for section in _parse(DIVSOUP).sections}
    assert soup_levels["📈 Market Demand"] == 2  # div.section-title
    assert soup_levels["Key Responsibilities"] == 3  # p > strong under a level-2 heading
    assert soup_levels["Entry-Level Medical Records Technician"] == 3  # div.title


def test_both_renderings_give_the_same_outline() -> None:
    # All but the salary levels, which are lines in one and table rows (fields) in the other
    # (test_market_demand_and_salary_lines); the extractor reads the same figures from both.
    semantic, divsoup = _parse(SEMANTIC), _parse(DIVSOUP)
    assert _without_levels(_without_salary(semantic)) == _without_levels(_without_salary(divsoup))
    assert extract(semantic)["salary"] == extract(divsoup)["salary"]
    assert extract(divsoup)["salary"]["entry"] == 40150 and extract(divsoup)["salary"]["senior"] == 54850


def test_matches_the_text_parser_on_the_text_sample() -> None:
    text_parser = pytest.importorskip("pipeline.parse.text")
    decode = pytest.importorskip("pipeline.decode")
    from_text = text_parser.parse_text(decode.decode_bytes(TEXT_SAMPLE.read_bytes()).text)
    assert _without_levels(_parse(SEMANTIC)) == _without_levels(from_text)


# -- sniffing ---------------------------------------------------------------------------------


def test_looks_like_html_on_pages_and_fragments() -> None:
    for path in (*GUIDES, NOT_A_GUIDE):
        assert looks_like_html(path.read_text(encoding="utf-8"))
    assert looks_like_html("\ufeff  <html><body><p>x</p></body></html>")
    assert looks_like_html("<p>One</p>\n<p>Two</p>")
    assert looks_like_html("<div class='guide'><h2>Tech Stack</h2><ul><li>Epic</li></ul></div>")


def test_plain_text_is_not_html() -> None:
    assert not looks_like_html(TEXT_SAMPLE.read_text(encoding="utf-8"))
    assert not looks_like_html("Salary < $40,000 for juniors; seniors earn > $70,000.\nI <3 this job.\n")
    assert not looks_like_html("Tech Stack\n\n  • HTML (write <div> and <p> by hand)\n  • CSS\n")
    assert not looks_like_html("")


# -- decoding, structure, chrome --------------------------------------------------------------


def test_entities_are_decoded_and_spaces_normalised() -> None:
    outline = parse_html(
        _page(
            "<h1>Guide</h1><h2>Pros &amp; Cons</h2>"
            "<p>The employer&#8217;s view &mdash; see more &rsaquo;</p>"
            "<p>Range:&nbsp; 37,000&#x2014;58,000 </p><p>two\n   lines\tjoined&nbsp;&nbsp;here</p>"
        )
    )
    assert outline.sections[0].heading == "Pros & Cons"
    assert outline.sections[0].blocks == [
        Paragraph("The employer’s view — see more ›"),
        Field("Range", "37,000—58,000"),
        Paragraph("two lines joined here"),
    ]


def test_br_lines_bullets_dl_and_nested_lists() -> None:
    outline = parse_html(
        _page(
            "<h1>Guide</h1><h2>Work</h2><p>Stress Level: Moderate<br>Balance Rating: Good</p>"
            "<div>• First task<br>• Second task<br></div>"
            "<dl><dt>Experience:</dt><dd>0-2 years</dd><dt>Orphan term</dt></dl>"
            "<ul><li>A<ul><li>A1</li></ul></li><li><p>B</p></li></ul>"
            "<p> </p><ul></ul><div>&nbsp;</div>"
        )
    )
    assert outline.sections[0].blocks == [
        Field("Stress Level", "Moderate"),
        Field("Balance Rating", "Good"),
        Items(("First task", "Second task")),
        Field("Experience", "0-2 years"),
        Paragraph("Orphan term"),
        Items(("A", "A1", "B")),
    ]


def test_bold_only_lines_and_title_divs_are_headings() -> None:
    outline = parse_html(
        _page(
            "<h1>Guide</h1><h2>Career Path Tiers</h2><p><strong>Junior</strong><br></p><p>Text.</p>"
            "<div><b>Senior</b></div><div class='title'>Lead</div>"
            "<p><strong>Key Takeaway:</strong> learn.</p><p><strong>A bold sentence, not a heading.</strong></p>"
        )
    )
    assert [(s.heading, s.level) for s in outline.sections] == [
        ("Career Path Tiers", 2),
        ("Junior", 3),
        ("Senior", 3),
        ("Lead", 3),
    ]
    assert outline.sections[-1].blocks == [
        Field("Key Takeaway", "learn."),
        Paragraph("A bold sentence, not a heading."),
    ]


def test_chrome_classes_match_whole_parts_only() -> None:
    outline = parse_html(
        _page(
            "<h1>Guide</h1><h2>Section</h2>"
            "<div class='header'>kept header</div><div class='shadow'>kept shadow</div>"
            "<div class='download'>kept download</div><div class='badge'>kept badge</div>"
            "<div class='ad'>ad 1</div><div class='ad-slot'>ad 2</div><div id='google_ads'>ad 3</div>"
            "<div class='shareButtons'>ad 4</div><div class='related-jobs-widget'>ad 5</div>"
            "<div class='x' role='navigation'>ad 6</div><div class='y' hidden>ad 7</div>"
        )
    )
    assert _all_text(outline).splitlines()[2:] == ["kept header", "kept shadow", "kept download", "kept badge"]


def test_header_in_article_is_kept_and_site_header_dropped() -> None:
    outline = parse_html(
        _page(
            "<header><div class='logo'>SiteName</div><div>Sign in</div></header>"
            "<article><header><h1>Real Guide</h1><p>Summary line.</p></header>"
            "<h2>Overview</h2><p>Body.</p></article><div class='footer-ish'>Loose text</div>"
        )
    )
    assert outline.title == "Real Guide"
    assert outline.preamble == [Paragraph("Summary line.")]
    assert [s.heading for s in outline.sections] == ["Overview"]
    assert "SiteName" not in _all_text(outline) and "Loose text" not in _all_text(outline)


def test_title_from_title_tag_without_site_suffix() -> None:
    outline = parse_html(_page("<div class='section-title'>Overview</div><p>Body.</p>", "Nurse Career Guide — Acme"))
    assert outline.title == "Nurse Career Guide"
    assert strip_site_suffix("Medical Records Technician Career Path Guide | Jobicy") == TITLE
    assert (
        strip_site_suffix("Front-End Developer Career Path Guide - Jobicy") == "Front-End Developer Career Path Guide"
    )
    assert strip_site_suffix("Morning (9:00 AM - 12:00 PM)") == "Morning (9:00 AM - 12:00 PM)"


# -- not a guide, hostile input --------------------------------------------------------------


def test_news_article_without_sections_is_refused() -> None:
    with pytest.raises(ParseError, match="no career-guide sections found"):
        _parse(NOT_A_GUIDE)


def test_blog_post_with_headings_parses_without_its_chrome() -> None:
    # Whether the sections are career sections is the extractor's call, not the parser's.
    outline = parse_html(
        _page(
            "<nav>Blog Home</nav><main><h1>Ten tips for sourdough</h1><p>Intro.</p>"
            "<h2>Starter</h2><p>Feed it daily.</p><h2>Baking</h2><p>Use a hot oven.</p>"
            "<div class='newsletter'>Join our list</div></main><footer>Contact</footer>",
            "Ten tips for sourdough | Crumb Blog",
        )
    )
    assert outline.title == "Ten tips for sourdough"
    assert [s.heading for s in outline.sections] == ["Starter", "Baking"]
    assert "Join our list" not in _all_text(outline) and "Blog Home" not in _all_text(outline)


def test_pages_without_headings_or_text_are_refused() -> None:
    with pytest.raises(ParseError, match="no career-guide sections found"):
        parse_html(_page("<h1>Only a title</h1><p>And a paragraph.</p>"))
    with pytest.raises(ParseError, match="no career-guide sections found"):
        parse_html(_page("<h1>Title</h1><h2>Empty</h2><h2>Also empty</h2>"))
    with pytest.raises(ParseError, match="no title"):
        parse_html("<html><body><p>no title anywhere</p></body></html>")


def test_external_entities_are_never_resolved() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.setblocking(False)
        port = server.getsockname()[1]
        page = (
            '<?xml version="1.0"?>\n'
            f'<!DOCTYPE html SYSTEM "http://127.0.0.1:{port}/evil.dtd" [\n'
            '  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
            f'  <!ENTITY net SYSTEM "http://127.0.0.1:{port}/net">\n'
            "]>\n<html><body><h1>Guide &xxe;</h1><h2>Section &net;</h2><p>Text &xxe; here.</p></body></html>"
        )
        text = _all_text(parse_html(page))
        with pytest.raises(BlockingIOError):
            server.accept()
    assert "root:" not in text and "/bin/" not in text
    assert "Text" in text


def test_pathological_nesting_is_refused_quickly() -> None:
    depth = 100_000
    page = "<html><body><h1>Deep</h1><h2>S</h2>" + "<div>" * depth + "x" + "</div>" * depth + "</body></html>"
    started = time.perf_counter()
    with pytest.raises(ParseError, match="HTML nested deeper than 200 levels"):
        parse_html(page)
    assert time.perf_counter() - started < 5


def test_nesting_limit_is_configurable_and_walk_is_iterative() -> None:
    depth = 5_000
    page = _page("<h1>Deep</h1><h2>S</h2>" + "<div>" * depth + "<p>bottom</p>" + "</div>" * depth)
    with pytest.raises(ParseError, match="HTML nested deeper than 1000 levels"):
        parse_html(page, max_depth=1000)
    # Far deeper than Python's recursion limit: the survey and the walk must not recurse.
    outline = parse_html(page, max_depth=depth + 10)
    assert outline.sections[0].blocks == [Paragraph("bottom")]
    shallow = _page("<h1>T</h1><h2>S</h2>" + "<div>" * 150 + "<p>ok</p>" + "</div>" * 150)
    assert parse_html(shallow).sections[0].blocks == [Paragraph("ok")]


_SOUP_PIECES = st.sampled_from(
    [
        "<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<b>", "</b>", "<ul>", "</ul>", "<li>", "</li>",
        "<dl>", "<dt>", "<dd>", "</dl>", "<h2>", "</h2>", "<h3>", "</h3>", "<br>", "<table><tr><td>", "</td></tr>",
        "<pre>", "</pre>", "<article>", "</article>", "<header>", "</header>", '<div class="title">',
        '<div class="item">', '<span class="list__item">', '<div class="ad">', '<div class="section-title">',
        '<img class="emoji" alt="📈">', "<script>var x = 1;</script>", "<!-- c -->", "<![CDATA[x]]>",
        "Foo", "Label: value", "• bullet", "Experience: 1-2 years", "&amp;", "&#8217;", "&bogus;", "\n", " ", "<", "&",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(_SOUP_PIECES, max_size=60), max_depth=st.sampled_from([3, 12, 200]))
def test_any_tag_soup_gives_an_outline_or_a_parse_error(pieces: list[str], max_depth: int) -> None:
    try:
        outline = parse_html("<body><h1>Title</h1>" + "".join(pieces), max_depth=max_depth)
    except ParseError:
        return
    assert outline.title == "Title" and outline.sections
    _assert_no_empty_blocks(outline)


def test_wiki_page_furniture_is_chrome() -> None:
    outline = parse_html(
        _page(
            "<h1>Pharmacist</h1><div id='siteSub'>From Wikipedia, the free encyclopedia</div>"
            "<div class='hatnote'>For other uses, see Pharmacist (disambiguation).</div>"
            "<table class='infobox'><tr><th>Occupation type</th><td>Profession</td></tr></table>"
            "<p>A pharmacist prepares and dispenses medicines.<sup id='cite_ref-1' class='reference'>[1]</sup></p>"
            "<div id='toc' class='toc'><div class='toctitle'><h2>Contents</h2></div><ul><li>1 History</li></ul></div>"
            "<h2>History<span class='mw-editsection'>[<a href='?action=edit'>edit</a>]</span></h2>"
            "<p>Apothecaries came first.</p><div class='navbox'>Health care occupations</div>"
            "<div id='catlinks'>Categories: Pharmacy</div>",
            "Pharmacist - Wikipedia",
        )
    )
    assert [s.heading for s in outline.sections] == ["History"]
    text = _all_text(outline)
    furniture = ("Wikipedia", "disambiguation", "Profession", "[1]", "edit", "Contents", "Categories", "Health care")
    for word in furniture:
        assert word not in text
    assert "A pharmacist prepares and dispenses medicines." in text


# -- citation and footnote markers ----------------------------------------------------------------

PROBE = Path(__file__).parent / "fixtures" / "html_probe"


@pytest.mark.parametrize(
    "marker",
    [
        "<sup class='reference'><a href='#cite_note-3'>[3]</a></sup>",  # MediaWiki without a cite_ref id
        "<sup>[4]</sup>",
        "<sup>[12][13]</sup>",
        "<sup>[3]: 12–14</sup>",  # with a page number
        "<sup>[a]</sup>",
        "<sup>[note 2]</sup>",
        "<sup>[citation needed]</sup>",
        "<sup>[<i><a href='/wiki/Citation_needed'>citation needed</a></i>]</sup>",
        "<sup class='noprint Inline-Template'>[<i>clarification needed</i>]</sup>",
        "<a href='#fn1'>[1]</a>",
        "<a href='https://www.bls.gov/ooh/'>[2]</a>",  # a blog's source link written as a marker
        "<sup id='fnref:2'><a href='#fn:2' class='footnote-ref'>2</a></sup>",  # Python-Markdown
        "<sup class='footnote-ref'><a href='#fn1' id='fnref1'>[1]</a></sup>",  # markdown-it
        "<a href='#fn1' class='footnote-ref' id='fnref1' role='doc-noteref'><sup>1</sup></a>",  # pandoc
        "<a href='#_ftn1' name='_ftnref1'>[1]</a>",  # Word's HTML export
        "<a href='/guide#footnote-4'><sup>4</sup></a>",
    ],
)
def test_citation_markers_are_dropped(marker: str) -> None:
    outline = parse_html(
        _page(
            f"<h1>Nurse</h1><p>Nurses earn $40{marker} an hour.</p>"
            f"<h2>Pay{marker}</h2><p>The median is $81,220.{marker}</p><ul><li>Night shifts{marker}</li></ul>"
        )
    )
    assert outline.preamble == [Paragraph("Nurses earn $40 an hour.")]
    assert [s.heading for s in outline.sections] == ["Pay"]
    assert outline.sections[0].blocks == [Paragraph("The median is $81,220."), Items(("Night shifts",))]


def test_brackets_and_superscripts_that_are_text_stay() -> None:
    outline = parse_html(
        _page(
            "<h1>Guide</h1><h2>Forms</h2>"
            "<p>Fill in the [Optional] fields. The fee was $40[3] in total.</p>"
            "<p>Offices need 10 m<sup>2</sup> per person; 10<sup>6</sup> records a year.</p>"
            "<p>See <a href='/forms'>[Optional] forms</a>, <a href='#section-2'>2</a> and <a href='#notes'>Notes</a>."
            "<sup>TM</sup></p>"
        )
    )
    assert outline.sections[0].blocks == [
        Paragraph("Fill in the [Optional] fields. The fee was $40[3] in total."),
        Paragraph("Offices need 10 m2 per person; 106 records a year."),
        Paragraph("See [Optional] forms, 2 and Notes.TM"),
    ]


@pytest.mark.parametrize(
    "notes",
    [
        pytest.param(
            "<section class='footnotes' role='doc-endnotes'><hr><ol><li id='fn1'><p>Source one. "
            "<a href='#fnref1' class='footnote-back'>↩︎</a></p></li></ol></section>",
            id="pandoc",
        ),
        pytest.param(
            "<hr class='footnotes-sep'><section class='footnotes'><ol class='footnotes-list'>"
            "<li id='fn1' class='footnote-item'><p>Source one. <a href='#fnref1' class='footnote-backref'>↩︎</a>"
            "</p></li></ol></section>",
            id="markdown-it",
        ),
        pytest.param(
            "<div class='footnote'><hr><ol><li id='fn:1'><p>Source one.&#160;<a class='footnote-backref' "
            "href='#fnref:1'>&#8617;</a></p></li></ol></div>",
            id="python-markdown",
        ),
        pytest.param(
            "<div class='footnotes' role='doc-endnotes'><ol><li id='fn:1'><p>Source one.</p></li></ol></div>",
            id="kramdown",
        ),
        pytest.param(
            "<div class='reflist'><ol class='references'><li id='cite_note-1'><b><a href='#cite_ref-1'>^</a></b> "
            "Source one.</li></ol></div>",
            id="mediawiki",
        ),
        pytest.param("<ol class='references'><li>Source one.</li></ol>", id="ol-references"),
    ],
)
def test_footnote_lists_are_chrome(notes: str) -> None:
    outline = parse_html(_page(f"<h1>Nurse</h1><h2>Pay</h2><p>The median is $81,220.</p>{notes}<p>Last line.</p>"))
    assert outline.sections[0].blocks == [Paragraph("The median is $81,220."), Paragraph("Last line.")]


def test_a_guide_sources_list_is_not_a_footnote_list() -> None:
    outline = parse_html(
        _page(
            "<h1>Nurse</h1><section class='sources' id='sources-references'><h2>Sources &amp; References</h2>"
            "<ol class='source-list'><li>U.S. Bureau of Labor Statistics</li></ol></section>"
            "<div class='references'><h2>References</h2><ul><li>O*NET</li></ul></div>"
        )
    )
    assert [(s.heading, s.blocks) for s in outline.sections] == [
        ("Sources & References", [Items(("U.S. Bureau of Labor Statistics",))]),
        ("References", [Items(("O*NET",))]),
    ]


def test_wiki_page_keeps_no_markers_and_no_reference_list() -> None:
    outline = _parse(PROBE / "wiki-pharmacist.html")
    text = _all_text(outline)
    assert "[" not in text and "^" not in text and "Merriam-Webster" not in text
    assert outline.preamble[1] == Paragraph("Pharmacists are the third-largest health professional group in the world.")
    us = _section(outline, "United States")
    assert us == [
        Paragraph(
            "As of 2023, the median annual wage for pharmacists in the United States was $136,030. "
            "Employment is projected to grow 3% from 2023 to 2033."
        )
    ]
    assert _section(outline, "References") == []
