"""Make the content of one synthetic guide from the word lists, with a seeded ``random.Random``.

Sections are drawn in the sample's order, then some are dropped, some units swapped, and
sections the pipeline does not know are inserted. Every figure is kept consistent (salary
levels increase, tier years increase, day blocks run forwards) so a well-formed guide always
validates; the corpus module breaks rules on purpose where it wants a broken file.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench import words as W
from bench.content import Case, Faq, Group, Guide, Sec
from bench.figures import make_blocks, make_salary, make_tiers, pct_text

CONTAINERS = ("tiers", "day", "skill_map", "cases", "faqs")
_SUBJECTS, _VERBS, _OBJECTS, _CONTEXTS = W.SUBJECTS, W.VERBS, W.OBJECTS, W.CONTEXTS
_TOOLS_A, _TOOLS_B = W.TOOLS[: len(W.TOOLS) // 2], W.TOOLS[len(W.TOOLS) // 2 :]


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _lower(phrase: str) -> str:
    return " ".join(w if w.isupper() else w.lower() for w in phrase.split())


class Writer:
    """Sentences, paragraphs and list items about one career."""

    def __init__(self, rng: random.Random, title: str, spec: str, role: str) -> None:
        self.rng = rng
        self.random = rng.random
        self.title, self.spec, self.role = title, _lower(spec), role
        self.plural = plural(title)

    def pick(self, seq: tuple[str, ...]) -> str:
        # ~3x cheaper than rng.choice, and just as deterministic.
        return seq[int(self.random() * len(seq))]

    def __getitem__(self, key: str) -> str:
        """Placeholder values for ``str.format_map``: drawn only when a template uses them."""
        if key == "tool":
            return self.pick(W.TOOLS)
        if key == "topic":
            return self.pick(W.TOPICS)
        if key in ("a", "b"):
            return self.pick(_TOOLS_A if key == "a" else _TOOLS_B)  # two different tools
        return {"plural": self.plural, "title": self.title, "spec": self.spec, "role": self.role.lower()}[key]

    def fill(self, template: str) -> str:
        return template.format_map(self) if "{" in template else template

    def sentence(self) -> str:
        r = self.random  # inlined picks: this is the generator's hot loop
        text = (
            f"{_SUBJECTS[int(r() * len(_SUBJECTS))]} {_VERBS[int(r() * len(_VERBS))]} "
            f"{_OBJECTS[int(r() * len(_OBJECTS))]} {_CONTEXTS[int(r() * len(_CONTEXTS))]}."
        )
        return text.format_map(self) if "{" in text else text

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        sentences = [self.sentence() for _ in range(low + int(self.random() * (high - low + 1)))]
        if self.random() < 0.4:
            sentences.append(self.pick(W.CLOSERS))
        return " ".join(sentences)

    def paragraphs(self, low: int, high: int) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.randint(low, high))]

    def unique(self, make: Callable[[], str], count: int) -> list[str]:
        out: list[str] = []
        for _ in range(count * 6):
            if len(out) == count:
                break
            item = make()
            if item not in out:
                out.append(item)
        return out

    def duty(self) -> str:
        p = self.pick
        return self.fill(f"{p(W.ITEM_VERBS)} {p(W.ITEM_OBJECTS)} {p(W.ITEM_PURPOSES)}.")

    def tool(self) -> str:
        return self.fill("{tool}" + self.pick(W.TOOL_SUFFIXES))

    def forms(self, forms: tuple[str, ...]) -> Callable[[], str]:
        return lambda: self.fill(self.pick(forms))


def make_title(rng: random.Random) -> tuple[str, str, str]:
    """(title, specialty, role) from seniority x specialty x role words."""
    seniority = rng.choice(W.SENIORITY)
    spec = rng.choice(W.SPECIALTIES)
    role = rng.choice(W.ROLES)
    if seniority == role:
        seniority = ""
    return " ".join(part for part in (seniority, spec, role) if part), spec, role


def title_line(rng: random.Random, title: str) -> str:
    if rng.random() < 0.05:
        return rng.choice(("Career Guide: ", "Career Profile – ", "Career Path Guide | ")) + title
    suffix = rng.choice(
        (" Career Path Guide", " Career Path Guide", " Career Path Guide", " Career Guide", " - Career Guide")
    )
    return title + suffix


def _cases(rng: random.Random, w: Writer, spec: str) -> list[Case]:
    label = rng.choice(("Key Takeaway", "Key Takeaway", "Takeaway", "Lesson learned"))
    things = ("Operations", "Reporting", "Workflows", "Training", "Systems")
    titles = w.unique(
        lambda: f"{rng.choice(W.CASE_OPENERS)} {spec} {rng.choice(things)} at {rng.choice(W.CASE_PLACES)}",
        rng.randint(1, 4),
    )
    return [Case(t, w.paragraphs(1, 2), label, w.sentence() if rng.random() < 0.9 else None) for t in titles]


def _list(w: Writer, key: str, heading: str, items: list[str]) -> Sec:
    rng = w.rng
    paras = [w.paragraph(1, 2)] if rng.random() < 0.08 else []
    if items and rng.random() < 0.03:
        items = [*items, items[rng.randrange(len(items))]]  # a repeated bullet: kept once and flagged
    return Sec("list", key, heading, paras=paras, items=items)


def _prose(w: Writer, key: str, heading: str, low: int = 1, high: int = 5) -> Sec:
    items = w.unique(w.duty, w.rng.randint(2, 5)) if w.rng.random() < 0.08 else []
    return Sec("prose", key, heading, paras=w.paragraphs(low, high), items=items)


def _emoji(rng: random.Random, emoji: str, heading: str) -> str:
    return f"{emoji} {heading}" if rng.random() < 0.6 else heading


def make_units(
    rng: random.Random, w: Writer, spec: str, role: str, growth: float | None, median: int, money_style: str
) -> list[list[Sec]]:
    """The page's sections in the sample's order, grouped into movable units."""
    t, c = w.title, rng.choice
    n = rng.randint
    demand = Sec("demand", "market_demand", _emoji(rng, "📈", "Market Demand"), paras=[w.paragraph()])
    demand.values = {"value": c(W.DEMAND_VALUES), "style": c(("gauge", "gauge", "field"))}
    salary = make_salary(rng, median, money_style)
    flag = W.FLAGS[salary.country]
    name = c(("Annual Salary", "Annual Salary", "Salary", "Average Salary", "Compensation"))
    heading = f"{name} ({salary.country}, {salary.currency})" if salary.show_codes else name
    balance = Sec(
        "balance", "work_life_balance", c(("Work-Life Balance & Stress", "Work Life Balance")), paras=w.paragraphs(1, 2)
    )
    balance.values = {
        "stress": c(W.STRESS_VALUES) if rng.random() < 0.9 else None,
        "balance": c(W.BALANCE_VALUES) if rng.random() < 0.9 else None,
        "stress_label": c(("Stress Level", "Stress")),
        "balance_label": c(("Balance Rating", "Work-Life Balance")),
    }
    outlook = Sec("outlook", "job_outlook", c(("Job Outlook & Related Roles", "Job Outlook")))
    outlook.values = {
        "growth_rate_pct": growth if rng.random() < 0.85 else None,
        "status": c(W.OUTLOOK_STATUS) if rng.random() < 0.85 else None,
        "source": c(W.SOURCES[:2]) if rng.random() < 0.85 else None,
    }
    outlook.values["growth_text"] = pct_text(growth, rng) if growth is not None else ""
    groups = w.unique(lambda: c(W.SKILL_GROUPS), n(2, 5))
    skill_map = Sec("skill_map", "skill_map", c(("Skill Map", "Skills Map")), paras=w.paragraphs(0, 1))
    skill_map.children = [
        Group(g, [w.paragraph(1, 2)] if rng.random() < 0.8 else [], w.unique(w.forms(W.TECH_SKILL_FORMS), n(3, 10)))
        for g in groups
    ]
    faqs = w.unique(lambda: w.fill(c(W.FAQ_FORMS)), n(2, 12))
    related = w.unique(lambda: make_title(rng)[0], n(0, 6))
    units: list[list[Sec]] = [
        [demand],
        [Sec("salary", "salary", _emoji(rng, flag, heading), salary=salary)],
        [_prose(w, "core_functions", c((f"Core Functions of the {t} Role", "Role Overview")), 1, 4)],
        [
            _list(
                w,
                "responsibilities",
                c(("Key Responsibilities", "Main Duties", "Responsibilities")),
                w.unique(w.duty, n(3, 20)),
            )
        ],
        [_prose(w, "work_setting", c(("Work Setting", "Work Environment")), 1, 2)],
        [
            _list(
                w,
                "tech_stack",
                c(("Tech Stack", "Technology Stack", "Tools and Technologies")),
                w.unique(w.tool, n(3, 20)),
            )
        ],
        [
            Sec("group", "skills_and_qualifications", "Skills and Qualifications"),
            _prose(w, "education_level", "Education Level", 1, 3),
            _list(
                w,
                "tech_skills",
                c(("Tech Skills", "Technical Skills", "Hard Skills")),
                w.unique(w.forms(W.TECH_SKILL_FORMS), n(3, 20)),
            ),
            _list(w, "soft_skills", c(("Soft Abilities", "Soft Skills")), w.unique(lambda: c(W.SOFT_SKILLS), n(3, 12))),
        ],
        [_prose(w, "path", c((f"Path to {t}", f"How to Become a {t}")), 2, 6)],
        [_prose(w, "required_education", c(("Required Education", "Education and Training")), 1, 6)],
        [
            Sec(
                "tiers",
                "tiers",
                c(("Career Path Tiers", "Career Levels", "Career Progression")),
                children=make_tiers(rng, w, spec, role),
            )
        ],
        [_prose(w, "global_outlook", "Global Outlook", 1, 4)],
        [
            Sec("group", "job_market", "Job Market Today"),
            _prose(w, "role_challenges", c(("Role Challenges", "Challenges")), 1, 1),
            _prose(w, "growth_paths", c(("Growth Paths", "Growth Opportunities")), 1, 1),
            _prose(w, "industry_trends", "Industry Trends", 1, 1),
        ],
        [
            Sec(
                "day",
                "day_in_life",
                c(("A Day in the Life", "A Typical Day in the Life")),
                children=make_blocks(rng, w),
            )
        ],
        [balance],
        [skill_map],
        [
            Sec("group", "pros_and_cons", c((f"Pros & Cons for {t}", "Pros and Cons"))),
            _list(w, "pros", _emoji(rng, "✅", c(("Pros", "Advantages"))), w.unique(w.forms(W.PRO_FORMS), n(3, 8))),
            _list(
                w,
                "cons",
                _emoji(rng, "❌", c(("Cons", "Disadvantages", "Drawbacks"))),
                w.unique(w.forms(W.CON_FORMS), n(3, 8)),
            ),
        ],
        [
            _list(
                w,
                "common_mistakes",
                c(("Common Mistakes of Beginners", "Common Mistakes")),
                w.unique(w.forms(W.MISTAKE_FORMS), n(3, 10)),
            )
        ],
        [
            _list(
                w,
                "advice",
                c(("Contextual Advice", "Advice", "Tips for Success")),
                w.unique(w.forms(W.ADVICE_FORMS), n(3, 10)),
            )
        ],
        [Sec("cases", "case_studies", c(("Examples and Case Studies", "Case Studies")), children=_cases(rng, w, spec))],
        [_prose(w, "portfolio_tips", "Portfolio Tips", 1, 4)],
        [outlook, _list(w, "related_roles", c(("Related Roles", "Related Careers")), related)],
        [
            Sec(
                "faqs",
                "faqs",
                c(("Frequently Asked Questions", "FAQ", "FAQs")),
                children=[Faq(q, w.paragraphs(1, 2)) for q in faqs],
            )
        ],
        [
            _list(
                w,
                "sources",
                c(("Sources & References", "Sources", "References")),
                w.unique(lambda: c(W.SOURCES), n(0, 4)),
            )
        ],
    ]
    if rng.random() < 0.08:  # some pages set every section heading in capitals
        for unit in units:
            for sec in unit:
                sec.heading = sec.heading.upper()
    return _vary(rng, w, units)


def _vary(rng: random.Random, w: Writer, units: list[list[Sec]]) -> list[list[Sec]]:
    """Drop sections, swap units, add unknown sections (never right after a container)."""
    kept: list[list[Sec]] = []
    for unit in units:
        if rng.random() < 0.1:
            continue
        head, *rest = unit
        rest = [sec for sec in rest if rng.random() > 0.1]
        if head.kind == "group" and (not rest or rng.random() < 0.1):
            kept.extend([sec] for sec in rest)  # children without their group heading
        else:
            kept.append([head, *rest])
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 3)):
            i, j = rng.randrange(len(kept)), rng.randrange(len(kept))
            kept[i], kept[j] = kept[j], kept[i]
    for heading in rng.sample(W.UNKNOWN_HEADINGS, rng.choice((0, 0, 0, 1, 1, 2))):
        allowed = [i for i in range(len(kept) + 1) if i == 0 or kept[i - 1][-1].kind not in CONTAINERS]
        items = w.unique(w.duty, rng.randint(2, 5)) if rng.random() < 0.5 else []
        kept.insert(rng.choice(allowed), [Sec("prose", _snake(heading), heading, w.paragraphs(1, 2), items)])
    return kept


def _snake(text: str) -> str:
    return "_".join("".join(ch if ch.isalnum() else " " for ch in text.replace("&", " and ").lower()).split())


def make_guide(rng: random.Random, title: str, spec: str, role: str) -> Guide:
    w = Writer(rng, title, spec, role)
    money_style = rng.choice(("k", "K")) if rng.random() < 0.15 else "full"
    step = 100 if money_style == "full" else 1000
    median = round(rng.uniform(28_000, 180_000) / step) * step
    growth = round(rng.uniform(-5, 35) * 2) / 2 if rng.random() < 0.3 else float(rng.randint(-4, 30))
    units = make_units(rng, w, spec, role, growth, median, money_style)
    salary = next((sec.salary for unit in units for sec in unit if sec.salary is not None), None)
    shows = rng.random()
    return Guide(
        title=title,
        title_line=title_line(rng, title),
        summary=[w.paragraph(2, 4) for _ in range(1 if rng.random() < 0.85 else 2)],
        growth=growth if shows < 0.9 else None,
        growth_text=pct_text(growth, rng),
        median=median if shows > 0.05 else None,
        remote=True if rng.random() < 0.4 else (False if rng.random() < 0.2 else None),
        stats_style="lines" if rng.random() < 0.75 else "fields",
        stat_labels=(
            rng.choice(("growth rate", "growth rate", "projected growth", "job growth")),
            rng.choice(("median salary", "median salary", "median pay", "average salary")),
        ),
        symbol=salary.symbol if salary is not None else "$",
        money_style=money_style,
        units=units,
        spec=spec,
        role=role,
    )
