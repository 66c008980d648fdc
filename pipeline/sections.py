"""The heading vocabulary: which guide section a heading names.

Headings vary between guides ("Core Functions of the Nurse Role", "✅ Pros",
"Soft Abilities" vs "Soft Skills"), so each known section is a pattern over a
normalised heading, not an exact string. Unknown headings are kept by the
extractor under their own snake_case name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache


class Kind(Enum):
    """How the extractor treats a section's content."""

    PROSE = "prose"  # paragraphs (and any items) kept in order
    LIST = "list"  # items kept in order
    CONTAINER = "container"  # children are structured records (tiers, FAQs, ...)
    GROUP = "group"  # only groups known sections (e.g. "Job Market Today")
    SPECIAL = "special"  # salary, market demand, outlook, balance
    WIDGET = "widget"  # page furniture under a heading of its own (see ``read_heading``)


# (section key, kind, pattern on the normalised heading); first match wins.
VOCABULARY: tuple[tuple[str, Kind, str], ...] = (
    ("market_demand", Kind.SPECIAL, r"^market demand"),
    # O*NET's "Wages & Employment Trends": pay, then employment and projected growth.
    ("wages_and_trends", Kind.SPECIAL, r"^wages and employment (trends|outlook)$"),
    (
        "salary",
        Kind.SPECIAL,
        r"^(annual |yearly |monthly |weekly |hourly |average |median |typical )?"
        r"(salary|salaries|pay|compensation|wages?)\b"
        r"|^(how much|what) (do|does|can) [\w ]+ (make|earn)$",
    ),
    ("core_functions", Kind.PROSE, r"^core functions\b|^role overview\b"),
    (
        "responsibilities",
        Kind.LIST,
        r"^(key |main |core )?(responsibilities|duties)\b|^what ([\w ]+ )?(do|does)$|^tasks$"
        r"|^(\w+ ){1,4}duties( and responsibilities)?$",
    ),
    ("work_setting", Kind.PROSE, r"^work (setting|environment|context)\b"),
    ("tech_stack", Kind.LIST, r"^tech(nology)? stack\b|^tools( and technologies)?$"),
    ("skills_and_qualifications", Kind.GROUP, r"^skills and qualifications\b"),
    ("education_level", Kind.PROSE, r"^education level\b"),
    ("tech_skills", Kind.LIST, r"^(tech|technical|technology|hard) skills\b"),
    ("soft_skills", Kind.LIST, r"^soft (skills|abilities)\b|^work styles$"),
    ("path", Kind.PROSE, r"^path to\b|^how (to|do i|do you|can i) become\b|^career path$"),
    ("required_education", Kind.PROSE, r"^required education\b|^education and training\b|^education$"),
    ("tiers", Kind.CONTAINER, r"^career (path )?(tiers|levels|progression|ladder)\b"),
    ("global_outlook", Kind.PROSE, r"^global outlook\b"),
    ("job_market", Kind.GROUP, r"^job market\b"),
    ("role_challenges", Kind.PROSE, r"^(role )?challenges\b"),
    ("growth_paths", Kind.PROSE, r"^growth (paths|opportunities)\b"),
    ("industry_trends", Kind.PROSE, r"^industry trends\b"),
    ("day_in_life", Kind.CONTAINER, r"^(a )?(typical )?day in the life\b"),
    ("work_life_balance", Kind.SPECIAL, r"^work ?life balance\b"),
    ("skill_map", Kind.CONTAINER, r"^skill(s)? map\b"),
    ("pros_and_cons", Kind.GROUP, r"^pros and cons\b"),
    ("pros", Kind.LIST, r"^(pros|advantages|benefits)$"),
    ("cons", Kind.LIST, r"^(cons|disadvantages|drawbacks)$"),
    ("common_mistakes", Kind.LIST, r"^common mistakes\b"),
    ("advice", Kind.LIST, r"^(contextual )?advice\b|^tips for success\b"),
    ("case_studies", Kind.CONTAINER, r"^(examples and )?case studies\b|^examples\b"),
    ("portfolio_tips", Kind.PROSE, r"^portfolio tips\b"),
    ("job_outlook", Kind.SPECIAL, r"^job outlook\b"),
    ("related_roles", Kind.LIST, r"^(related|similar) (roles|careers|jobs|occupations)\b"),
    ("faqs", Kind.CONTAINER, r"^(frequently asked questions|faqs?)\b"),
    ("sources", Kind.LIST, r"^(sources|references)\b"),
)


def _anchored(pattern: str) -> bool:
    """Every top-level alternative of ``pattern`` starts with ``^``."""
    depth, start, branches = 0, 0, []
    escaped = False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":  # a class never holds "|" here; "[" is counted like "(" to be safe
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
    branches.append(pattern[start:])
    return all(branch.startswith("^") for branch in branches)


# Every pattern is anchored at the start, so "the first pattern that matches" is the first
# alternative of one combined pattern that matches at position 0: one regex call, not up to 32.
if not all(_anchored(pattern) for _, _, pattern in VOCABULARY):
    raise ValueError("every VOCABULARY pattern must start each alternative with ^")
_VOCABULARY_PATTERN = re.compile(
    "|".join(f"(?P<v{index}>{pattern})" for index, (_, _, pattern) in enumerate(VOCABULARY))
)
_BY_GROUP = {f"v{index}": (key, kind) for index, (key, kind, _) in enumerate(VOCABULARY)}
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
KINDS = {key: kind for key, kind, _ in VOCABULARY}

ITEM_SECTIONS = tuple(key for key, kind, _ in VOCABULARY if kind is Kind.LIST)
PROSE_SECTIONS = (*(key for key, kind, _ in VOCABULARY if kind is Kind.PROSE), "work_life_balance", "skill_map")


def normalise_heading(heading: str) -> str:
    """Lower-case words only: "✅ Pros" -> "pros", "Work-Life Balance & Stress" -> "work life balance and stress"."""
    text = heading.replace("&", " and ").lower()
    return " ".join(_WORDS.findall(text))


# Guides repeat the same headings ("Key Responsibilities", "Pros"): a cache hit skips the regexes.
@lru_cache(maxsize=8192)
def classify(heading: str) -> tuple[str, Kind] | None:
    """The known section a heading names, or None."""
    match = _VOCABULARY_PATTERN.match(normalise_heading(heading))
    # The outermost group of the alternative that matched closes last, so it is ``lastgroup``.
    return None if match is None or match.lastgroup is None else _BY_GROUP[match.lastgroup]


# Page furniture under a heading of its own, not a guide section: a feedback poll ("Was this page
# helpful?" over "Yes" / "No"). Kept out of VOCABULARY: classify() answers "which guide section".
_WIDGET = re.compile(r"(was|is|did) (this|the) (page|article|post|answer|information|content) (helpful|useful)\b")
WIDGET = ("widget", Kind.WIDGET)


@lru_cache(maxsize=8192)
def read_heading(heading: str) -> tuple[str, Kind] | None:
    """What a heading opens for the extractor: the known section ``classify`` names, else ``WIDGET``
    for page furniture ("Was this page helpful?"), else None. One cached call per heading, as the
    extractor asks for every section."""
    known = classify(heading)
    if known is None and _WIDGET.match(normalise_heading(heading)) is not None:
        return WIDGET
    return known


# A step of a how-to: "Step 1: Learn SQL", "STEP 3 – Build a portfolio", "Step two. Apply"; or a
# numbered heading, "2. Get a degree", "3) Apply". Read from the heading as written: normalising
# drops the "." that tells "2. Get a degree" from "2024 Salary Trends".
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_STEP = re.compile(rf"^[\W_]*step\s*#?\s*(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^[\W_]*(\d{1,2})[.)]\s+(\S.*)")


@lru_cache(maxsize=4096)
def step_number(heading: str) -> tuple[int, bool] | None:
    """The number of a step heading and whether it says "Step": "Step 1: Learn SQL" -> (1, True),
    "2. Get a degree" -> (2, False); None for any other heading.

    A numbered heading that names a known section ("2. Key Responsibilities") is that section
    in a numbered outline, not a step.
    """
    if (match := _STEP.match(heading)) is not None:
        number = match.group(1).lower()
        return (int(number) if number.isdecimal() else _NUMBER_WORDS.index(number) + 1), True
    if (match := _NUMBERED.match(heading)) is not None and classify(match.group(2)) is None:
        return int(match.group(1)), False
    return None


def path_steps(headings: Iterable[str], title: str, *, after_path: bool) -> int:
    """How many of ``headings`` (from the first) are steps of the career path; 0 if none.

    Steps are consecutive headings numbered one after the other: "Step 1: Learn SQL", "Step 2: ...",
    or "1. Get a degree", "2. ...". They go on with the career path right after its own section
    (``after_path``: "How to Become a Nurse" over "Step 1", "Step 2"), or as a run of two or more
    "Step N" headings, or of two or more numbered headings in a guide titled "How to become ...".
    Anything less (one "Step 1: ..." among known sections, a numbered outline elsewhere) stays a
    section of its own. Steps name no known section: they never make a page a career guide.
    """
    says_step: list[bool] = []
    following: int | None = None
    for heading in headings:
        step = step_number(heading) if classify(heading) is None else None
        if step is None or (following is not None and step[0] != following):
            break
        says_step.append(step[1])
        following = step[0] + 1
    if after_path or (len(says_step) >= 2 and (all(says_step) or _names_path(title))):
        return len(says_step)
    return 0


def _names_path(heading: str) -> bool:
    known = classify(heading)
    return known is not None and known[0] == "path"
