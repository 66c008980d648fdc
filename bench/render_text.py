"""Render a ``Guide`` as a plain-text dump in the sample's layout, with layout variations.

Variations: bullet characters (•, -, *, ●, ▪, numbers) and indentation, one or two blank
lines between blocks, hard-wrapped paragraphs, trailing whitespace, headline figures as
value/label lines or as ``Label: value`` lines, Focus lines joined to their task bullets or
not, and the site's share/subscription footer after the guide.
"""

from __future__ import annotations

import random

from bench.content import Block, Case, Faq, Group, Guide, Sec, Tier, money, salary_range_text, top10_line

FOOTER = """Share career guide

Jobicy+ Subscription

Jobicy

578 professionals pay to access exclusive and experimental features on Jobicy

Free

USD $0/month

For people just getting started

  • • Unlimited applies and searches
  • • Access on web and mobile apps

Plus

USD $8/month

Everything in Free, and:

  • • Ad-free experience
  • • Daily job alerts
Go to account ›"""
FOOTER_SHORT = "Share this guide\n\nLinkedIn\nFacebook\nCopy link"
BULLETS = ("•", "•", "•", "-", "*", "●", "▪", "–", "·")


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap (textwrap is slower and this text has no long words)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


class TextRenderer:
    def __init__(self, rng: random.Random, guide: Guide) -> None:
        self.rng = rng
        self.guide = guide
        self.blocks: list[list[str]] = []
        self.last_heading: list[str] = []
        self.bullet = rng.choice(BULLETS)
        self.indent = rng.choice(("  ", "  ", "", "    ", "\t"))
        self.gap = rng.choice((" ", " ", " ", "  "))
        self.width = rng.choice((72, 80, 96)) if rng.random() < 0.2 else 0
        # Like `lynx -dump`: every long line wrapped, bullets with a hanging indent.
        self.wrap_all = rng.random() < 0.1
        if self.wrap_all:
            self.width, self.indent = rng.choice((72, 76, 78)), rng.choice(("  ", "   ", "    "))
        self.mixed = rng.random() < 0.1  # a different bullet character here and there
        self.trailing = rng.random() < 0.15
        self.blank = "\n\n\n" if rng.random() < 0.15 else "\n\n"
        self.focus_joined = rng.random() < 0.7
        self.compact = rng.random() < 0.1  # no blank line between a heading and the list under it

    # -- blocks -----------------------------------------------------------------------
    def block(self, *lines: str) -> None:
        if lines:
            self.blocks.append([wrapped for line in lines for wrapped in self.long_line(line)])

    def heading(self, text: str) -> None:
        self.last_heading = [text]  # never wrapped: a heading is one line
        self.blocks.append(self.last_heading)

    def long_line(self, line: str) -> list[str]:
        """Wrap a long line (wrap-all mode only): bullets with a hanging indent, others flush left."""
        if not self.wrap_all or len(line) <= self.width:
            return [line]
        stripped = line.lstrip()
        marker = stripped.split(" ", 1)[0]
        if marker in BULLETS or marker.rstrip(".)").isdigit():
            prefix = line[: len(line) - len(stripped)] + marker + " "
            text = stripped[len(marker) :].strip()
            lines = wrap(text, self.width - len(prefix))
            return [prefix + lines[0], *(" " * len(prefix) + rest for rest in lines[1:])]
        return wrap(line, self.width)

    def para(self, text: str) -> None:
        self.blocks.append(wrap(text, self.width) if self.width else [text])

    def paras(self, texts: list[str]) -> None:
        for text in texts:
            self.para(text)

    def bullets(self, items: list[str]) -> list[str]:
        rng = self.rng
        if items and rng.random() < 0.1:
            delimiter = rng.choice((".", ")"))
            marks = [f"{i}{delimiter}" for i in range(1, len(items) + 1)]
            return [f"{self.indent}{mark} {item}" for mark, item in zip(marks, items, strict=True)]
        bullet = self.bullet if rng.random() < 0.8 else rng.choice(BULLETS)
        if self.mixed:
            return [
                f"{self.indent}{rng.choice(BULLETS) if rng.random() < 0.2 else bullet}{self.gap}{item}"
                for item in items
            ]
        return [f"{self.indent}{bullet}{self.gap}{item}" for item in items]

    def items(self, items: list[str]) -> None:
        if not items:
            return
        if self.compact and self.blocks[-1] is self.last_heading:
            self.blocks[-1] += [w for line in self.bullets(items) for w in self.long_line(line)]
        else:
            self.block(*self.bullets(items))

    # -- page -------------------------------------------------------------------------
    def render(self) -> str:
        g = self.guide
        self.heading(g.title_line)
        self.paras(g.summary)
        self.stats()
        for sec in g.sections():
            self.heading(sec.heading)
            self.section(sec)
        rng = self.rng
        if rng.random() < 0.7:
            self.blocks.append((FOOTER if rng.random() < 0.7 else FOOTER_SHORT).split("\n"))
        out: list[str] = []
        for lines in self.blocks:
            if self.trailing:
                lines = [line + rng.choice(("", "", " ", "  ", "\t")) for line in lines]
            out.append("\n".join(lines))
        return self.blank.join(out) + "\n"

    def stats(self) -> None:
        g = self.guide
        figure = money(g.median, g.symbol, g.money_style) if g.median is not None else None
        if g.stats_style == "lines":
            if g.growth is not None:
                self.block(g.growth_text)
                self.block(g.stat_labels[0])
            if figure is not None:
                self.block(figure)
                self.block(g.stat_labels[1])
            if g.remote:
                self.block("remote-friendly")
            return
        lines = []
        if g.growth is not None:
            lines.append(f"{g.stat_labels[0].capitalize()}: {g.growth_text}")
        if figure is not None:
            lines.append(f"{g.stat_labels[1].capitalize()}: {figure}")
        if g.remote is not None:
            lines.append(f"Remote-friendly: {'Yes' if g.remote else 'No'}")
        self.block(*lines)

    def section(self, sec: Sec) -> None:
        kind = sec.kind
        if kind == "demand":
            value = sec.values["value"]
            if sec.values["style"] == "gauge":
                self.block("Low", "High", value)
            else:
                self.block(f"Demand: {value}")
            self.paras(sec.paras)
        elif kind == "salary":
            self.salary(sec)
        elif kind == "balance":
            v = sec.values
            if v["stress"] is not None:
                self.block(f"{v['stress_label']}: {v['stress']}")
            if v["balance"] is not None:
                self.block(f"{v['balance_label']}: {v['balance']}")
            self.paras(sec.paras)
        elif kind == "outlook":
            v = sec.values
            lines = []
            if v["growth_rate_pct"] is not None:
                lines.append(f"Growth Rate: {v['growth_text']}")
            if v["status"] is not None:
                lines.append(f"Status: {v['status']}")
            if v["source"] is not None:
                lines.append(f"Source: {v['source']}")
            self.block(*lines)
        else:
            self.paras(sec.paras)
            self.items(sec.items)
            for child in sec.children:
                self.child(child)

    def salary(self, sec: Sec) -> None:
        s, g = sec.salary, self.guide
        assert s is not None
        style = g.money_style
        lines: list[str] = []
        entry, mid, senior = s.level_labels
        levels = [(entry, s.entry), (mid, s.mid), (senior, s.senior)]
        if s.style == "lines":
            if s.minimum is not None:
                lines.append(salary_range_text(s, style))
            if s.median is not None and s.median_on_own_line:
                lines += ["Median", money(s.median, s.symbol, style)]
            elif s.median is not None:
                lines.append(f"Median: {money(s.median, s.symbol, style)}")
            for label, amount in levels:
                if amount is not None:
                    lines += [label, money(amount, s.symbol, style)]
            self.block(*lines)
            if s.top10 is not None:
                self.para(top10_line(s.top10, s.symbol, style))
        else:
            if s.minimum is not None:
                lines.append(f"Salary range: {salary_range_text(s, style)}")
            if s.median is not None:
                lines.append(f"Median: {money(s.median, s.symbol, style)}")
            lines += [f"{label}: {money(amount, s.symbol, style)}" for label, amount in levels if amount is not None]
            if s.top10 is not None:
                lines.append(f"Top 10%: {money(s.top10, s.symbol, style)}+")
            self.block(*lines)
        self.paras(s.notes)

    def child(self, child: object) -> None:
        if isinstance(child, Tier):
            self.heading(child.title)
            if child.exp_label is not None:
                self.block(f"{child.exp_label}: {child.exp_text}")
            self.paras(child.paras)
        elif isinstance(child, Block):
            if child.dash_heading:
                self.heading(f"{child.period} – {child.times_text}")
            else:
                self.heading(f"{child.period} ({child.times_text})")
            focus = [f"{child.focus_label}: {child.focus}"] if child.focus is not None else []
            if self.focus_joined:
                self.block(*focus, *self.bullets(child.tasks))
            else:
                self.block(*focus)
                self.items(child.tasks)
        elif isinstance(child, Group):
            self.heading(child.name)
            self.paras(child.paras)
            self.items(child.skills)
        elif isinstance(child, Case):
            self.heading(child.title)
            self.paras(child.paras)
            if child.takeaway is not None:
                self.block(f"{child.takeaway_label}: {child.takeaway}")
        elif isinstance(child, Faq):
            self.heading(child.question)
            self.paras(child.paras)


def render_text(guide: Guide, rng: random.Random) -> tuple[str, dict[str, object]]:
    """The text and the layout choices made (for the manifest)."""
    renderer = TextRenderer(rng, guide)
    text = renderer.render()
    layout = "wrap-all" if renderer.wrap_all else "wrap-prose" if renderer.width else "long-lines"
    return text, {"layout": layout, "bullet": renderer.bullet, "mixed_bullets": renderer.mixed}
