"""Outline -> the fields of a CareerGuide (a plain dict for ``validate_record``).

The extractor works from structure only: the heading vocabulary says what a
section is; containers (tiers, day in the life, skill map, case studies, FAQs)
take the headings below them as their records; a heading it does not know is
kept as generic paragraphs/items under its snake_case name.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.errors import ParseError
from pipeline.extract_salary import headline_median_flag, pay_period_flag, read_salary, read_wages_and_trends
from pipeline.outline import Block, Field, Items, Outline, Paragraph, Section
from pipeline.sections import KINDS, WIDGET, Kind, classify, path_steps, read_heading, step_number
from pipeline.values import is_money, parse_experience, parse_money, parse_percent, parse_times, snake_case

_PAGE_KIND = r"(?:career\s+(?:path\s+)?guide|career\s+profile|job\s+description)"
_TITLE_SUFFIX = re.compile(rf"\s*(?:[-–—|:]\s*)?{_PAGE_KIND}\s*$", re.IGNORECASE)
_TITLE_PREFIX = re.compile(rf"^\s*{_PAGE_KIND}\s*[-–—|:]\s*", re.IGNORECASE)
# The career inside a question or how-to title, which may go on after a separator ("? A Complete Guide",
# ": 5 steps") or name the year ("How to Become a Data Engineer in 2024").
_TITLE_TAIL = r"(?:\s+in\s+\d{4})?(?:\s*(?:[?:|–—]|\s-\s).*)?"
_TITLE_WRAPPER = re.compile(
    rf"what\s+does\s+an?\s+(.+?)\s+do\b{_TITLE_TAIL}"
    rf"|how\s+to\s+become\s+an?\s+(.+?){_TITLE_TAIL}"
    r"|summary\s+report\s+for:\s*(?:\d\d-\d{4}\.\d\d\s*[-–—]\s*)?(.+)",
    re.IGNORECASE,
)
# Social-post furniture after a post's last heading ("Like • Comment • Repost • Send", "87 reactions • 14
# comments", "Follow Jane for more posts about product."): a paragraph that is only this is not the guide's.
# Looked for under the last heading only, where it is, so no other paragraph pays for the check.
_ACTION = r"(?:like|comment|repost|share|send|save|reply)"
_COUNT = r"\d[\d,.]*[kK]?\s+(?:reactions?|comments?|reposts?|likes?|shares?)"
_SOCIAL = re.compile(
    rf"{_ACTION}(?:\s*[•·|]\s*{_ACTION})+|{_COUNT}(?:\s*[•·|]\s*{_COUNT})*|follow\s+\S+(?:\s+\S+)?\s+for\s+more\b.{{0,60}}",
    re.IGNORECASE,
)
_SCALE = frozenset({"low", "high", "min", "max"})
_PERIOD_WORDS = re.compile(r"\b(morning|afternoon|evening|midday|noon|night|lunch|day|shift)\b", re.IGNORECASE)
# The time range after a period name: "Morning (9 AM - 12 PM)", "Morning – 9:00 AM to 12:00 PM".
_PERIOD_TIMES = re.compile(r"\s*(?:\(.*|[-–—:|·,]\s*\d.*)$")
_YEARS = re.compile(r"\b(years?|yrs?)\b", re.IGNORECASE)
_PAY_WORDS = re.compile(r"salary|\bpay\b|wage|earnings|compensation")
_MONEY_FIRST = re.compile(r"[$€£₹¥]\s?\d")  # a line that starts with an amount
_REMOTE = re.compile(r"remote[- ]?(friendly|ok|possible)?", re.IGNORECASE)
_TAKEAWAY_LINE = re.compile(r"^(key )?(takeaway|lesson)", re.IGNORECASE)


def clean_title(title: str) -> str:
    """The career a page's title names: without its "Career Path Guide" label ("Nurse Career Path
    Guide", "Career Guide: Nurse" -> "Nurse") and out of a question or how-to ("What does a Dental
    Assistant do?", "How to become an Actuary: 5 steps", O*NET's "Summary Report for: 29-2072.00 -
    Medical Records Specialists")."""
    cleaned = _TITLE_PREFIX.sub("", _TITLE_SUFFIX.sub("", title)).strip()
    if (wrapped := _TITLE_WRAPPER.fullmatch(cleaned)) is not None:
        cleaned = next(group for group in wrapped.groups() if group is not None).strip()
    return cleaned or title.strip()


class _Parts:
    """A section's blocks sorted by kind (built once per section, so kept lean: slots, no dataclass)."""

    __slots__ = ("blocks", "fields", "items", "lines", "paragraphs")

    def __init__(
        self, paragraphs: list[str], items: list[str], fields: dict[str, str], lines: list[str], blocks: list[Block]
    ) -> None:
        self.paragraphs = paragraphs
        self.items = items
        self.fields = fields
        self.lines = lines  # paragraphs in order, fields as "Label: value"
        self.blocks = blocks

    @property
    def text(self) -> list[str]:
        """``lines`` with each list as one "• item" line per item, in order: a child record's whole body."""
        if not self.items:
            return self.lines
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Items):
                out.append("\n".join(f"• {item}" for item in block.items))
            elif isinstance(block, Field):
                out.append(f"{block.label}: {block.value}")
        return out


def _parts(blocks: list[Block]) -> _Parts:
    paragraphs: list[str] = []
    items: list[str] = []
    fields: dict[str, str] = {}
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(block.text)
            lines.append(block.text)
        elif isinstance(block, Items):
            items.extend(block.items)
        elif isinstance(block, Field):
            fields.setdefault(block.label.lower(), block.value)
            lines.append(f"{block.label}: {block.value}")
    return _Parts(paragraphs, items, fields, lines, blocks)


def _without_social(blocks: list[Block]) -> list[Block]:
    """The blocks but lines of social-post furniture, which follow a post's last heading."""
    return [b for b in blocks if not (isinstance(b, Paragraph) and len(b.text) < 120 and _SOCIAL.fullmatch(b.text))]


def _joined(texts: list[str]) -> str | None:
    return "\n\n".join(texts) if texts else None


class _Record:
    """Accumulates the fields of one guide while sections are walked."""

    def __init__(self, title: str) -> None:
        self.data: dict[str, Any] = {"title": clean_title(title), "headline": {}, "salary": {}, "outlook": {}}
        self.paragraphs: dict[str, list[str]] = {}
        self.items: dict[str, list[str]] = {}
        self.children: dict[str, list[dict[str, Any]]] = {
            "tiers": [],
            "day_blocks": [],
            "skill_groups": [],
            "case_studies": [],
            "faqs": [],
        }
        self.flags: list[str] = []

    def add_prose(self, key: str, texts: list[str]) -> None:
        if texts:
            self.paragraphs.setdefault(key, []).extend(texts)

    def add_items(self, key: str, items: list[str]) -> None:
        # A heading with no list under it ("Sources & References" and nothing more) adds no key:
        # an empty list and an absent one are the same record, so a copy of the guide that leaves
        # the empty heading out (many HTML pages do) hashes the same.
        if not items:
            return
        bucket = self.items.setdefault(key, [])
        if not bucket and len(set(items)) == len(items):
            bucket.extend(items)  # the usual list: new and without repeats, so nothing to flag
            return
        for item in items:
            if item in bucket:
                self.flags.append(f"repeated item in {key}: {item[:80]}")
            else:
                bucket.append(item)

    def finish(self) -> dict[str, Any]:
        data = self.data
        data["paragraphs"] = {key: tuple(value) for key, value in self.paragraphs.items()}
        data["items"] = {key: tuple(value) for key, value in self.items.items()}
        data.update({key: tuple(value) for key, value in self.children.items()})
        data["quality_flags"] = tuple(self.flags)
        return data


def _preamble(record: _Record, blocks: list[Block]) -> None:
    parts = _parts(blocks)
    headline = record.data["headline"]
    prose = [p for p in parts.paragraphs if len(p.split()) >= 8]
    record.data["summary"] = _joined(prose)
    short = [p for p in parts.paragraphs if len(p.split()) < 8]
    for value, label in zip(short, [*short[1:], ""], strict=False):
        name = label.lower()
        if "growth" in name and parse_percent(value) is not None:
            headline["growth_rate_pct"] = parse_percent(value)
        elif _PAY_WORDS.search(name) and is_money(value):
            headline["median_salary"] = parse_money(value)
            _note_pay_period(record, value)
    for line in short:  # "9% growth rate" or "$47,500 median salary" on one line (<b>9%</b> growth rate)
        name = line.lower()
        if "growth" in name and headline.get("growth_rate_pct") is None and (pct := parse_percent(line)) is not None:
            headline["growth_rate_pct"] = pct
        elif _PAY_WORDS.search(name) and headline.get("median_salary") is None and _MONEY_FIRST.match(line):
            headline["median_salary"] = parse_money(line)
            _note_pay_period(record, line)
    if any(_REMOTE.fullmatch(p) for p in short):
        headline["remote_friendly"] = True
    for label, value in parts.fields.items():
        if "growth" in label and parse_percent(value) is not None:
            headline["growth_rate_pct"] = parse_percent(value)
        elif _PAY_WORDS.search(label) and parse_money(value) is not None:
            headline["median_salary"] = parse_money(value)
            _note_pay_period(record, value)
        elif "remote" in label:
            headline["remote_friendly"] = value.strip().lower() in {"yes", "true", "friendly", "remote-friendly"}


def _market_demand(record: _Record, parts: _Parts) -> None:
    headline = record.data["headline"]
    gauge = [p for p in parts.paragraphs if len(p.split()) <= 3 and not p.endswith(".")]
    scale_labels = len(gauge) >= 3 and all(g.lower() in _SCALE for g in gauge[:2])
    value = gauge[2] if scale_labels else gauge[-1] if gauge else None
    for label, field_value in parts.fields.items():
        if "demand" in label or label in {"level", "value"}:
            value = field_value
    headline["market_demand"] = value
    headline["market_demand_note"] = _joined([p for p in parts.paragraphs if p not in gauge])


def _salary(record: _Record, heading: str, parts: _Parts) -> None:
    for text in read_salary(record.data["salary"], heading, parts.blocks, parts.fields):
        _note_pay_period(record, text)


def _wages_and_trends(record: _Record, heading: str, parts: _Parts) -> None:
    data = record.data
    stored, lines = read_wages_and_trends(data["salary"], data["outlook"], heading, parts.blocks, parts.fields)
    for text in stored:
        _note_pay_period(record, text)
    record.add_prose("job_outlook", lines)


def _note_pay_period(record: _Record, text: str) -> None:
    """Flag pay quoted per hour, week or month: the salary columns hold it as a yearly figure."""
    if (flag := pay_period_flag(text)) is not None and flag not in record.flags:
        record.flags.append(flag)


def _balance(record: _Record, parts: _Parts) -> None:
    for label, value in parts.fields.items():
        if "stress" in label:
            record.data["stress_level"] = value
        elif "balance" in label:
            record.data["balance_rating"] = value
    record.add_prose("work_life_balance", parts.paragraphs)


def _outlook(record: _Record, parts: _Parts) -> None:
    outlook = record.data["outlook"]
    for label, value in parts.fields.items():
        if "growth" in label:
            outlook["growth_rate_pct"] = parse_percent(value)
        elif "status" in label or "outlook" in label:
            outlook["status"] = value
        elif "source" in label:
            outlook["source"] = value
    record.add_prose("job_outlook", parts.paragraphs)
    record.add_items("related_roles", parts.items)


def _child(container: str, section: Section, parts: _Parts) -> tuple[str, dict[str, Any]] | None:
    """The record a heading makes inside ``container``, or None if it does not fit there."""
    heading = section.heading
    if container == "tiers":
        label = next((k for k in parts.fields if "experience" in k or "years" in k), None)
        low, high = parse_experience(parts.fields[label]) if label else (None, None)
        # The line the years came from ("Years of experience: 2-4") is not description.
        description = [line for line in parts.text if label is None or not line.lower().startswith(label + ":")]
        return "tiers", {
            "title": heading,
            "experience_min_years": low,
            "experience_max_years": high,
            "description": _joined(description),
        }
    if container == "day_in_life":
        start, end = parse_times(heading)
        if start is None and not _PERIOD_WORDS.search(heading):
            return None
        period = _PERIOD_TIMES.sub("", heading).strip() or heading
        focus = next((v for k, v in parts.fields.items() if "focus" in k), None)
        return "day_blocks", {
            "period": period,
            "start_time": start,
            "end_time": end,
            "focus": focus,
            "tasks": tuple(parts.items),
        }
    if container == "skill_map":
        if not parts.items:
            return None
        return "skill_groups", {"name": heading, "description": _joined(parts.paragraphs), "skills": tuple(parts.items)}
    if container == "case_studies":
        takeaway = next((v for k, v in parts.fields.items() if "takeaway" in k or "lesson" in k), None)
        body = [line for line in parts.text if not _TAKEAWAY_LINE.match(line)]
        return "case_studies", {"title": heading, "body": _joined(body), "key_takeaway": takeaway}
    if container == "faqs":
        if not heading.rstrip().endswith("?"):
            return None
        return "faqs", {"question": heading, "answer": _joined(parts.text)}
    return None


def _child_shaped(container: str, section: Section, parts: _Parts) -> bool:
    """Content only a child of ``container`` has, so a heading such as "Compensation Analyst"
    over "Experience: 2-4 years" is a tier even though its words name a guide section."""
    if container == "tiers":  # years of experience, not a salary level such as "Experienced: $90,000"
        return any(
            ("experience" in label or "years" in label) and _YEARS.search(value)
            for label, value in parts.fields.items()
        )
    if container == "day_in_life":
        return parse_times(section.heading)[0] is not None
    if container == "case_studies":
        return any("takeaway" in label or "lesson" in label for label in parts.fields)
    return container == "faqs" and section.heading.rstrip().endswith("?")


def _known(record: _Record, key: str, section: Section, parts: _Parts) -> None:
    if key == "market_demand":
        _market_demand(record, parts)
    elif key == "salary":
        _salary(record, section.heading, parts)
    elif key == "wages_and_trends":
        _wages_and_trends(record, section.heading, parts)
    elif key == "work_life_balance":
        _balance(record, parts)
    elif key == "job_outlook":
        _outlook(record, parts)
    else:  # lists, prose, containers' intros and groups' own text
        record.add_prose(key, parts.lines)
        record.add_items(key, parts.items)


# Sections any article can have (a recipe has FAQs, a wiki page references): alone they do not
# make a page a career guide.
GENERAL_SECTIONS = frozenset(
    {"faqs", "sources", "advice", "case_studies", "pros", "cons", "pros_and_cons", "common_mistakes", "portfolio_tips"}
)


def extract(outline: Outline) -> dict[str, Any]:
    """Read every section of ``outline`` into the fields of a CareerGuide."""
    record = _Record(outline.title)
    _preamble(record, outline.preamble)
    sections = outline.sections
    if (once := _read_once(outline)) < len(sections):
        sections = sections[:once]
        record.flags.append("the guide's text appears twice; read once")
    container: tuple[str, int | None] | None = None
    seen: set[str] = set()
    headings: dict[str, str] = {}  # known section -> its first heading as written
    recognised = 0
    steps = 0  # how many of the next sections are steps of the career path
    after_path = False  # the previous section was the career path or one of its steps
    last = len(sections) - 1
    for index, section in enumerate(sections):
        parts = _parts(section.blocks if index < last else _without_social(section.blocks))
        known = read_heading(section.heading)
        if known is WIDGET:
            if _widget_only(parts):  # "Was this page helpful?" over "Yes" / "No": not the guide's
                continue
            known = None
        inside = container is not None and (
            container[1] is None or section.level is None or section.level > container[1]
        )
        if (
            container is not None
            and inside
            and (
                known is None
                or known[0] in seen
                or section.level is not None
                or _child_shaped(container[0], section, parts)
                or (container[0] == "faqs" and section.heading.rstrip().endswith("?"))  # "What does X do?"
            )
        ):
            child = _child(container[0], section, parts)
            if child is not None:
                record.children[child[0]].append(child[1])
                after_path = False
                continue
        if known is None:
            container = None
            if not steps and step_number(section.heading) is not None:
                steps = path_steps((s.heading for s in sections[index:]), outline.title, after_path=after_path)
            after_path = steps > 0
            if steps:  # the heading says what the step is: it stays in the path's text
                steps -= 1
                record.add_prose("path", [section.heading, *parts.lines])
                record.add_items("path", parts.items)
                continue
            name = snake_case(section.heading)
            record.add_prose(name, parts.lines)
            record.add_items(name, parts.items)
            continue
        key, kind = known
        after_path = key == "path"
        recognised += 1
        seen.add(key)
        if key not in headings:
            headings[key] = section.heading
        container = (key, section.level) if kind is Kind.CONTAINER else None
        _known(record, key, section, parts)
    if recognised == 0:
        raise ParseError(
            "no career-guide sections found (no heading such as 'Key Responsibilities', "
            "'Salary' or 'Frequently Asked Questions'); is this a career guide?"
        )
    headline = record.data["headline"]
    if (
        not seen - GENERAL_SECTIONS
        and headline.get("median_salary") is None
        and headline.get("growth_rate_pct") is None
    ):
        found = ", ".join(repr(headings[key].strip()) for key in sorted(seen))
        raise ParseError(
            f"only general sections found ({found}) and nothing about a career: no salary, growth rate, "
            "responsibilities, skills, career path or outlook; is this a career guide?"
        )
    if (flag := headline_median_flag(record.data["headline"], record.data["salary"])) is not None:
        record.flags.append(flag)
    data = record.finish()
    if not has_guide_content(data):
        raise ParseError(
            "no career-guide content found: headings look like a guide's but there are no salary "
            "figures, lists, tiers, FAQs or section text under them; is this a career guide?"
        )
    return data


def _read_once(outline: Outline) -> int:
    """How many sections to read: all of them, or those before a second copy of the whole guide (a
    page pasted twice). The copy starts halfway, with the first heading again or with the copy's own
    title line (a section holding the preamble again), and from there the sections are the first
    ones again, heading and content, naming a known section. Only whole copies: looking halfway
    costs nothing for the usual guide."""
    sections = outline.sections
    count = len(sections)
    half = count // 2
    if count < 4:
        return count
    middle = sections[half]
    if count % 2:  # guide, title line, guide
        if middle.heading.strip() != outline.title.strip() or middle.blocks != outline.preamble:
            return count
        start, copy = half, sections[half + 1 :]
    elif middle.heading == sections[0].heading:  # guide, guide
        start, copy = half, sections[half:]
    else:
        return count
    if copy == sections[:half] and any(classify(section.heading) for section in copy):
        return start
    return count


def _widget_only(parts: _Parts) -> bool:
    """Nothing under a widget's heading but its buttons ("Yes", "No", "Thanks for your feedback")."""
    return not parts.fields and not parts.items and max(map(len, parts.paragraphs), default=0) <= 32


def has_guide_content(data: dict[str, Any]) -> bool:
    """A guide says something under its known sections: figures, lists, records or prose."""
    known_prose = {key for key in data["paragraphs"] if KINDS.get(key) is not None}
    figures = [v for k, v in data["salary"].items() if k not in ("note", "currency", "country")]
    figures += [data["headline"].get(k) for k in ("growth_rate_pct", "median_salary", "market_demand")]
    return bool(
        known_prose
        or any(items for key, items in data["items"].items() if KINDS.get(key) is not None)
        or any(data[key] for key in ("tiers", "day_blocks", "skill_groups", "case_studies", "faqs"))
        or any(value is not None for value in figures)
        or data.get("stress_level")
        or any(data["outlook"].values())
    )
