"""Render a ``Guide`` as an HTML page in one of three styles, each with its own page chrome.

- ``semantic``: h1/h2/h3/h4, ul/ol, dl, details/summary FAQs; site header, cookie dialog,
  breadcrumbs, share widget, ad slot, sidebar, pricing section and footer around it.
- ``divsoup``: no h1 (the title comes from ``<title>``), ``div.section-title`` and
  ``<p><strong>`` headings, ``div.item`` / ``&bull;``-and-``<br>`` / ``span.list__item`` lists,
  tables and ``dl`` for figures; top bar, cookie notice, social share, sidebar and plans.
- ``cms``: a WordPress-like post: ``h1.entry-title``, emoji as ``<img class="emoji">``,
  ``<br>``-separated lines, ``<strong>Label:</strong> value`` paragraphs; masthead,
  sharing block, comments and widget area.
"""

from __future__ import annotations

import random
from html import escape

from bench.content import Block, Case, Faq, Group, Guide, Sec, Tier, money, salary_range_text, top10_line

STYLES = ("semantic", "divsoup", "cms")


def e(text: str) -> str:
    return escape(text, quote=False)


def _split_emoji(heading: str) -> tuple[str, str]:
    first, _, rest = heading.partition(" ")
    if rest and not any(ch.isalnum() for ch in first):
        return first, rest
    return "", heading


class HtmlRenderer:
    def __init__(self, rng: random.Random, guide: Guide, style: str) -> None:
        self.rng, self.guide, self.style = rng, guide, style
        self.out: list[str] = []
        self.space = "&nbsp;" if rng.random() < 0.2 else " "  # between a label and its value
        self.anchors = style != "divsoup" and rng.random() < 0.3  # <h2><a href="#id">Heading</a></h2>

    # -- building blocks ----------------------------------------------------------------
    def w(self, *parts: str) -> None:
        self.out.extend(parts)

    def heading(self, text: str, level: int) -> None:
        emoji, rest = _split_emoji(text)
        if self.style == "divsoup":
            if level <= 2:
                self.w(f'<div class="section-title">{e(text)}</div>')
            else:
                self.w(f"<p><strong>{e(text)}</strong></p>")
            return
        if emoji and self.style == "cms":
            label = f'<img draggable="false" role="img" class="emoji" alt="{escape(emoji)}" src="/e.svg"> {e(rest)}'
        elif emoji:
            label = f'<span class="emoji" aria-hidden="true">{e(emoji)}</span> {e(rest)}'
        else:
            label = e(text)
        if self.anchors:
            anchor = "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
            self.w(f'<h{level} id="{anchor}"><a href="#{anchor}">{label}</a></h{level}>')
        else:
            self.w(f"<h{level}>{label}</h{level}>")

    def para(self, text: str) -> None:
        cls = ' class="txt"' if self.style == "divsoup" else ""
        tag = "div" if self.style == "divsoup" else "p"
        self.w(f"<{tag}{cls}>{e(text)}</{tag}>")

    def paras(self, texts: list[str]) -> None:
        for text in texts:
            self.para(text)

    def field(self, label: str, value: str) -> None:
        space = self.space
        if self.style == "divsoup":
            self.w(f"<div>{e(label)}:{space}<span>{e(value)}</span></div>")
        else:
            self.w(f"<p><strong>{e(label)}:</strong>{space}{e(value)}</p>")

    def items(self, items: list[str]) -> None:
        if not items:
            return
        rng = self.rng
        kind = rng.choice(("ul", "ul", "ol", "item", "bullets", "spans")) if self.style == "divsoup" else "ul"
        if kind == "ul" and rng.random() < 0.1:
            kind = "ol"
        if kind in ("ul", "ol"):
            self.w(f"<{kind}>", *(f"  <li>{e(item)}</li>" for item in items), f"</{kind}>")
        elif kind == "item":
            self.w('<div class="list">', *(f'  <div class="item">{e(i)}</div>' for i in items), "</div>")
        elif kind == "bullets":
            self.w('<div class="bullets">', *(f"&bull; {e(item)}<br>" for item in items), "</div>")
        else:
            self.w('<div class="pc">' + "".join(f'<span class="list__item">{e(i)}</span>' for i in items) + "</div>")

    # -- page ---------------------------------------------------------------------------
    def render(self, charset: str) -> str:
        g = self.guide
        site = self.rng.choice(("Jobicy", "CareerHub", "WorkWise"))
        sep = {"semantic": " | ", "divsoup": " - ", "cms": " – "}[self.style]
        head = (
            f'<meta charset="{charset}">'
            if self.style != "divsoup"
            else (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
        )
        self.w(
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            head,
            f"<title>{e(g.title_line)}{sep}{site}</title>",
            "<script>window.dataLayer=window.dataLayer||[];</script>",
            "</head>",
        )
        getattr(self, f"_open_{self.style}")(site)
        self.summary_and_stats()
        for unit in g.units:
            for index, sec in enumerate(unit):
                self.heading(sec.heading, 2 if index == 0 else 3)
                self.section(sec)
        getattr(self, f"_close_{self.style}")(site)
        return "\n".join(self.out) + "\n"

    def _open_semantic(self, site: str) -> None:
        self.w(
            '<body class="career-guide single has-sidebar">',
            f'<header class="site-header" role="banner"><a class="site-logo" href="/">{site}</a>',
            '<nav class="main-menu"><ul class="menu"><li><a href="/jobs">Remote Jobs</a></li>'
            '<li><a href="/career-guides">Career Guides</a></li></ul></nav></header>',
            '<div id="cookie-consent" class="cookie-banner" role="dialog"><p>We use cookies to personalise content.'
            "</p><button>Accept all cookies</button></div>",
            '<main id="content" class="site-main">',
            '<article class="career-guide-article">',
            '<header class="guide-header">',
            '<nav class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/career-guides">Career Guides</a></nav>',
            f'<h1 class="guide-title">{e(self.guide.title_line)}</h1>',
        )

    def _close_semantic(self, site: str) -> None:
        self.w(
            '<div class="share-box"><span class="share-title">Share career guide</span>'
            '<a href="#" class="share-btn">LinkedIn</a></div>',
            "</article>",
            '<aside class="sidebar" role="complementary"><h3 class="widget-title">Latest Remote Jobs</h3>'
            '<div class="job-card"><div class="title">Senior Data Analyst</div>'
            '<span class="salary">$62,000 &ndash; $75,000</span></div></aside>',
            "</main>",
            f'<section class="pricing subscription-plans"><h2>{site}+ Subscription</h2>'
            '<div class="plan"><h3>Plus</h3><div class="plan-price">USD $8/month</div>'
            "<ul><li>Ad-free experience</li><li>Daily job alerts</li></ul></div></section>",
            f'<footer class="site-footer" role="contentinfo"><p>&copy; 2025 {site}. All rights reserved.</p></footer>',
            "</body>",
            "</html>",
        )

    def _open_divsoup(self, site: str) -> None:
        self.w(
            "<body>",
            f'<div class="topbar"><div class="logo-text">{site}</div>'
            '<div class="menu-wrap"><a href="/jobs">Remote Jobs</a> | <a href="/post">Post a Job</a></div></div>',
            '<div id="cookie-notice" class="cc-window">This website uses cookies. <span class="cc-btn">Got it!</span>'
            "</div>",
            '<div class="container has-sidebar">',
            '<div class="col-main">',
            f'<div class="page-title">{e(self.guide.title_line)}</div>',
        )

    def _close_divsoup(self, site: str) -> None:
        self.w(
            '<div class="share-buttons"><div class="share-title">Share career guide</div><a href="#">Email</a></div>',
            "</div>",
            '<div class="sidebar"><div class="title">Similar remote jobs</div>'
            '<div class="newsletter">Join 40,000 subscribers <input type="email"></div></div>',
            "</div>",
            f'<div id="subscription" class="plans"><div class="plans-head">{site}+ Subscription</div>'
            "<div>USD $8/month</div><div>&bull; Ad-free experience<br>&bull; Weekly job alerts</div></div>",
            f'<div class="site-bottom" role="contentinfo">&copy; 2025 {site}</div>',
            "</body>",
            "</html>",
        )

    def _open_cms(self, site: str) -> None:
        self.w(
            '<body class="post-template-default single">',
            '<div id="page" class="site">',
            f'<header id="masthead" class="site-header"><div class="site-branding">{site}</div>'
            '<nav class="main-navigation"><ul><li><a href="/">Home</a></li></ul></nav></header>',
            '<div id="content" class="site-content"><div id="primary" class="content-area">',
            '<main id="main" class="site-main">',
            '<article class="post type-post status-publish">',
            f'<header class="entry-header"><h1 class="entry-title">{e(self.guide.title_line)}</h1></header>',
            '<div class="entry-content">',
        )

    def _close_cms(self, site: str) -> None:
        self.w(
            '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>'
            '<ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>',
            "</div>",
            "</article>",
            '<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on this guide</h2>'
            '<ol class="comment-list"><li>Great overview, thanks!</li></ol></div>',
            "</main></div>",
            '<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts'
            '</h2><ul><li><a href="/x">Another guide</a></li></ul></section></aside>',
            "</div>",
            f'<footer id="colophon" class="site-footer"><p>Proudly powered by {site}</p></footer>',
            "</div>",
            "</body>",
            "</html>",
        )

    def summary_and_stats(self) -> None:
        g, style = self.guide, self.style
        lead = {"semantic": '<p class="guide-lead">', "divsoup": '<div class="intro">', "cms": "<p>"}[style]
        close = "</div>" if style == "divsoup" else "</p>"
        for text in g.summary:
            self.w(f"{lead}{e(text)}{close}")
        figure = money(g.median, g.symbol, g.money_style) if g.median is not None else None
        stats: list[tuple[str, str]] = []
        if g.stats_style == "lines":
            if g.growth is not None:
                stats.append((g.growth_text, g.stat_labels[0]))
            if figure is not None:
                stats.append((figure, g.stat_labels[1]))
            if style == "semantic":
                self.w('<div class="guide-stats">')
                for value, label in stats:
                    self.w(
                        f'<div class="stat"><span class="stat-value">{e(value)}</span>'
                        f'<span class="stat-label">{label}</span></div>'
                    )
                if g.remote:
                    self.w('<div class="stat"><span class="badge">remote-friendly</span></div>')
                self.w("</div>")
            elif style == "divsoup":
                self.w('<div class="hero-stats">')
                self.w(*(f'<div class="num">{e(v)}</div><div class="lbl">{label}</div>' for v, label in stats))
                if g.remote:
                    self.w('<div class="remote">remote-friendly</div>')
                self.w("</div>")
            else:
                lines = [f"<strong>{e(v)}</strong><br>{label}" for v, label in stats]
                if g.remote:
                    lines.append("remote-friendly")
                if lines:
                    self.w("<p>" + "<br>".join(lines) + "</p>")
        else:
            if g.growth is not None:
                self.field(g.stat_labels[0].capitalize(), g.growth_text)
            if figure is not None:
                self.field(g.stat_labels[1].capitalize(), figure)
            if g.remote is not None:
                self.field("Remote-friendly", "Yes" if g.remote else "No")
        if style == "semantic":
            self.w(
                '<div class="share-widget"><span>Share this guide:</span> <a href="#">LinkedIn</a></div>', "</header>"
            )
        elif style == "divsoup":
            self.w('<div class="social-share">Share: <a href="#">Facebook</a> <a href="#">Twitter</a></div>')

    def section(self, sec: Sec) -> None:
        kind, style = sec.kind, self.style
        v = sec.values
        if kind == "demand":
            if v["style"] == "gauge" and style == "cms":
                self.w(f"<p>Low<br>High<br>{e(v['value'])}</p>")
            elif v["style"] == "gauge":
                self.w(
                    '<div class="gauge"><div class="gauge-scale"><span>Low</span><span>High</span></div>'
                    f'<div class="gauge-value">{e(v["value"])}</div></div>'
                )
            else:
                self.field("Demand", v["value"])
            self.paras(sec.paras)
        elif kind == "salary":
            self.salary(sec)
        elif kind == "balance":
            for key in ("stress", "balance"):
                if v[key] is not None:
                    self.w(
                        f'<div class="meter"><span class="meter-label">{e(v[key + "_label"])}:</span> '
                        f'<span class="meter-value">{e(v[key])}</span></div>'
                    )
            self.paras(sec.paras)
        elif kind == "outlook":
            rows = [("Growth Rate", v["growth_text"] if v["growth_rate_pct"] is not None else None)]
            rows += [("Status", v["status"]), ("Source", v["source"])]
            if style == "semantic":
                self.w('<dl class="outlook">', *(f"<dt>{k}</dt><dd>{e(x)}</dd>" for k, x in rows if x), "</dl>")
            else:
                for label, value in rows:
                    if value:
                        self.field(label, value)
        else:
            self.paras(sec.paras)
            self.items(sec.items)
            if kind == "faqs" and style == "semantic":
                self.faqs(sec)
                return
            for child in sec.children:
                self.child(child, 4 if kind == "day" and style == "semantic" else 3)

    def salary(self, sec: Sec) -> None:
        s, g = sec.salary, self.guide
        assert s is not None
        ms = g.money_style
        levels = [
            (label, amount)
            for label, amount in zip(s.level_labels, (s.entry, s.mid, s.senior), strict=True)
            if amount is not None
        ]
        if s.style == "fields":
            if s.minimum is not None:
                self.field("Salary range", salary_range_text(s, ms))
            if s.median is not None:
                self.field("Median", money(s.median, s.symbol, ms))
            for label, amount in levels:
                self.field(label, money(amount, s.symbol, ms))
            if s.top10 is not None:
                self.field("Top 10%", money(s.top10, s.symbol, ms) + "+")
        else:
            if s.minimum is not None:
                self.w(f'<div class="salary-range">{e(salary_range_text(s, ms))}</div>')
            if s.median is not None:
                colon = "" if s.median_on_own_line else ":"
                self.w(
                    f'<div class="salary-median"><span class="label">Median{colon}</span> '
                    f'<span class="value">{e(money(s.median, s.symbol, ms))}</span></div>'
                )
            if levels and self.style == "semantic":
                self.w('<div class="salary-tiers">')
                for label, amount in levels:
                    self.w(
                        f'<div class="salary-tier"><span>{e(label)}</span>'
                        f"<span>{e(money(amount, s.symbol, ms))}</span></div>"
                    )
                self.w("</div>")
            elif levels:
                rows = (f"<tr><td>{e(label)}</td><td>{e(money(a, s.symbol, ms))}</td></tr>" for label, a in levels)
                self.w('<table class="tiers">', *rows, "</table>")
            if s.top10 is not None:
                self.para(top10_line(s.top10, s.symbol, ms))
        self.paras(s.notes)

    def faqs(self, sec: Sec) -> None:
        for faq in sec.children:
            answer = "".join(f"<p>{e(p)}</p>" for p in faq.paras)
            self.w(
                f'<details class="faq-entry"><summary><h3>{e(faq.question)}</h3></summary>'
                f'<div class="faq-answer">{answer}</div></details>'
            )

    def child(self, child: object, level: int) -> None:
        style = self.style
        if isinstance(child, Tier):
            if style == "divsoup":
                self.w(f'<div class="title">{e(child.title)}</div>')
                if child.exp_label is not None:
                    self.w(f'<dl class="tier-meta"><dt>{e(child.exp_label)}</dt><dd>{e(child.exp_text)}</dd></dl>')
            else:
                self.heading(child.title, level)
                if child.exp_label is not None:
                    self.field(child.exp_label, child.exp_text)
            self.paras(child.paras)
        elif isinstance(child, Block):
            sep = f" – {child.times_text}" if child.dash_heading else f" ({child.times_text})"
            if style == "divsoup":
                self.w(f"<div><b>{e(child.period + sep)}</b></div>")
            else:
                self.heading(child.period + sep, level)
            if child.focus is not None:
                self.field(child.focus_label, child.focus)
            self.items(child.tasks)
        elif isinstance(child, Group):
            self.heading(child.name, level)
            self.paras(child.paras)
            self.items(child.skills)
        elif isinstance(child, Case):
            self.heading(child.title, level)
            self.paras(child.paras)
            if child.takeaway is not None:
                self.field(child.takeaway_label, child.takeaway)
        elif isinstance(child, Faq):
            if style == "divsoup":
                answer = "".join(f'<div class="a">{e(p)}</div>' for p in child.paras)
                self.w(f'<div class="faq-item"><div class="q"><strong>{e(child.question)}</strong></div>{answer}</div>')
            else:
                self.heading(child.question, level)
                self.paras(child.paras)


def render_html(guide: Guide, rng: random.Random, style: str, charset: str = "utf-8") -> str:
    return HtmlRenderer(rng, guide, style).render(charset)
