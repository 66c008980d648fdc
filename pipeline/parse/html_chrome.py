"""Where the guide is on an HTML page, and which elements are chrome (menus, ads, pricing).

The judgement is made per element from its tag name, its ARIA role and its ``id``/``class``
tokens, for the whole page at once after the survey, so the walker can ask about every element
it enters (a set lookup) and skip the whole subtree of a chrome element without a separate
removal pass over the tree.

Class and id tokens are matched by their parts (split at ``-``, ``_`` and camelCase humps),
never by substring: ``ad`` matches ``ad-slot`` and ``inline_ad`` but not ``header``,
``shadow`` or ``download``.

Elements are lxml's (see ``html_tree``); ``DOCUMENT`` stands for the document node above
``<html>`` (BeautifulSoup's soup object), the content root of a page without a body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import chain
from typing import Final, NamedTuple

from lxml import etree

from pipeline.parse.html_tree import DOCUMENT, Document, Element, Node, ancestors, parent_of, plain_text

CHROME_TAGS: Final = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "object", "embed",
        "nav", "aside", "footer", "form", "button", "input", "select", "textarea", "dialog", "head",
        "link", "meta",
    }
)  # fmt: skip
CHROME_ROLES: Final = frozenset(
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
        "menu", "menubar", "toolbar",
        # DPUB-ARIA footnote apparatus (pandoc, kramdown, Hugo): the marker, the list, the way back.
        "doc-noteref", "doc-endnotes", "doc-footnote", "doc-backlink",
    }
)  # fmt: skip
# Single parts of a class/id token that mark chrome.
_CHROME_PARTS: Final = frozenset(
    {
        "cookie", "cookies", "consent", "gdpr", "share", "sharing", "sharethis", "social", "pricing",
        "subscription", "subscribe", "newsletter", "advert", "advertisement", "ad", "ads", "adsbygoogle",
        "sponsor", "sponsored", "sidebar", "breadcrumb", "breadcrumbs", "menu", "navbar", "nav",
        "paywall", "popup", "modal", "promo", "comments", "comment", "masthead",
        # Wiki page furniture: edit links, contents box, infobox, hatnotes, navboxes, categories.
        "editsection", "toc", "toctitle", "infobox", "hatnote", "navbox", "catlinks", "noprint",
        # Footnote and reference lists: section.footnotes, ol.footnotes-list, div.reflist.
        "footnotes", "reflist",
    }
)  # fmt: skip
# Multi-part terms: they match when the token's parts contain them consecutively.
_CHROME_PHRASES: Final = (
    "related-jobs", "related-posts", "related-articles", "more-stories", "skip-link", "screen-reader-text",
    "cite-ref", "site-sub", "footnote-ref", "footnote-backref", "references-wrap",
)  # fmt: skip
_DASHED_PHRASES: Final = tuple(f"-{phrase}-" for phrase in _CHROME_PHRASES)
_MAIN_ROLE: Final = "main"
HEADING_LEVELS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
HEADING_CLASSES: Final = frozenset({"title", "heading", "section-title", "section-heading", "subheading"})
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATOR = re.compile(r"[-_]+")


@lru_cache(maxsize=4096)
def token_parts(token: str) -> tuple[str, ...]:
    """``shareButtons`` -> ``("share", "buttons")``; ``list__item`` -> ``("list", "item")``."""
    return tuple(filter(None, _SEPARATOR.split(_HUMP.sub("-", token).lower())))


@lru_cache(maxsize=4096)
def _chrome_token(token: str) -> bool:
    parts = token_parts(token)
    if not _CHROME_PARTS.isdisjoint(parts):
        return True
    joined = "-" + "-".join(parts) + "-"
    return any(map(joined.__contains__, _DASHED_PHRASES))


_TOP_HEADING_CLASSES: Final = frozenset({"section-title", "section-heading"})
_ITEM_PARTS: Final = frozenset({"item", "bullet"})


class ClassProfile(NamedTuple):
    """What the parser asks about a ``class`` attribute, answered once per distinct value."""

    tokens: tuple[str, ...]
    chrome: bool  # a token names page chrome (cookie, share, ad, ...)
    heading: bool  # a whole token names a heading: <div class="title">, not "card-title"
    top_heading: bool  # "section-title" / "section-heading": a level-2 heading
    item: bool  # a token ends in "item" or "bullet" (list__item, faqItem): a list item


@lru_cache(maxsize=4096)
def class_profile(value: str) -> ClassProfile:
    """The profile of a ``class`` value; pages repeat the same few values on many elements."""
    # HTML separates class tokens by whitespace (BeautifulSoup split them the same way).
    tokens = tuple(value.split())
    return ClassProfile(
        tokens=tokens,
        chrome=any(map(_chrome_token, tokens)) or "footnote" in tokens,  # Python-Markdown's div.footnote
        heading=not HEADING_CLASSES.isdisjoint(tokens),
        top_heading=not _TOP_HEADING_CLASSES.isdisjoint(tokens),
        item=any(not _ITEM_PARTS.isdisjoint(token_parts(token)[-1:]) for token in tokens),
    )


_NO_CLASS: Final = class_profile("")
_WORD = re.compile(r"[^\W_]+")
_LANDMARK_TAGS: Final = frozenset({"main", "article"})


def _is_text_anchor(tag: Element, ident: str) -> bool:
    """A heading's id made from its own words is an anchor, not a role.

    CMSs slug every heading into its id: ``<h3 id="social-media-manager">Social Media
    Manager</h3>`` names a career, not a social widget ("-2" style suffixes allowed).
    """
    if tag.tag not in HEADING_LEVELS:
        return False
    parts = [part for part in token_parts(ident) if not part.isdigit()]
    words = _WORD.findall(plain_text(tag, " ").lower())
    return bool(parts) and parts == words[: len(parts)] and len(parts) * 2 >= len(words)


# The elements the survey can care about for their name alone.
_NOTABLE_TAGS: Final = frozenset({*HEADING_LEVELS, *_LANDMARK_TAGS, "title", "body"})
# What a tag name alone tells the survey, one dict lookup per element: chrome, notable,
# a header to judge, or a possible citation marker or reference list (_NOTE).
_CHROME, _NOTABLE, _HEADER, _NOTE = 1, 2, 3, 4
_NAME_KINDS: Final = {
    **dict.fromkeys(CHROME_TAGS, _CHROME),
    **dict.fromkeys(_NOTABLE_TAGS, _NOTABLE),
    "header": _HEADER,
    "a": _NOTE,
    "sup": _NOTE,
    "ol": _NOTE,
}

# Citation and footnote markers: the whole text of a <sup> or <a> is a bracketed short marker
# ("[3]", "[12][13]", "[a]", "[note 1]", "[citation needed]", "[3]: 12-14" with a page), or an
# <a> links to a footnote anchor (#cite_note-3, #fn:2, #_ftn1) with a number or sign as text.
# A <sup>2</sup> alone is an exponent as often as a footnote, so it stays.
_MARKER_BODY = (
    r"\d{1,4}|[a-z]{1,2}|[A-Z]|[ivx]{1,6}|(?:[Nn]ote|NB|nb|[Ff]n)\.?\s?[0-9A-Za-z]{1,4}"
    r"|(?:[a-z]+ ){1,3}needed|dubious|discuss|sic|vague|dead link|failed verification"
    r"|(?:by |according to )?whom\?|when\?|who\?|which\?|where\?|why\?"
)
_MARKER = re.compile(rf"(?:\[\s?(?:{_MARKER_BODY})\s?\](?::\s?[\d–-]{{1,12}})?[\s,]*)+")
# What a footnote anchor's fragment starts with (MediaWiki, markdown-it, pandoc, Word, LibreOffice).
_FOOTNOTE_FRAGMENTS: Final = (
    "cite_note", "cite-note", "fn", "footnote", "endnote", "note", "ref", "_ftn", "_edn", "ftn", "edn", "sdfootnote",
)  # fmt: skip
_NOTE_TEXT = re.compile(r"[\[(]?(?:\d{1,4}|[A-Za-z]|[ivx]{1,6}|[*†‡§¶↩↑^]{1,3}\ufe0e?)[\])]?")
_MAX_MARKER: Final = 40
_MAX_NOTE_TEXT: Final = 12  # the longest text (spaces around it included) of an unbracketed marker


def _note_marker(tag: Element, footnote: bool) -> bool:
    """Whether a <sup> or <a> (``footnote``: linking to a footnote) is a marker, not text."""
    text = plain_text(tag, "") if len(tag) else tag.text
    if not text or len(text) > _MAX_MARKER:
        return False
    text = text.strip()
    if text[:1] == "[" and _MARKER.fullmatch(text) is not None:
        return True
    return footnote and _NOTE_TEXT.fullmatch(text) is not None


class Survey:
    """One pass over the tree: landmarks, h1s, headings, the ``<title>``, attributes, chrome candidates.

    Most elements have no attributes and a name the survey ignores, so the pass looks at a
    name and an attribute list per element and no more. The attributes and class tokens of
    every element that has any are read here, once: an element missing from those dicts has
    no attributes (the tree does not change after the survey). The judge and the walk ask
    about the same few attributes of the same elements again and again.
    """

    def __init__(self, top: list[Element]) -> None:
        self.body: Node = DOCUMENT
        self.title_tag: Element | None = None
        self.h1s: list[Element] = []
        self.headings: list[Element] = []
        self.landmarks: list[Element] = []
        # Chrome for their tag name alone, and the elements whose verdict needs a closer look
        # (with their name and attributes, None for a ``header`` without any).
        self.named_chrome: list[Element] = []
        self.to_judge: list[tuple[Element, str, dict[str, str] | None]] = []
        # Links, superscripts and ordered lists: citation markers and reference lists are among them.
        self.notes: list[tuple[Element, str, dict[str, str] | None]] = []
        self._attributes: dict[Element, dict[str, str]] = {}
        self._profiles: dict[Element, ClassProfile] = {}
        self._heading_counts: dict[Element, int] | None = None
        self._found_body = False
        named_chrome, to_judge, notes = self.named_chrome, self.to_judge, self.notes
        kinds = _NAME_KINDS
        for root in top:
            for node in root.iter(etree.Element):
                name = node.tag
                items = node.items()
                if name not in kinds:  # most elements: a div, a span, a p ...
                    if items:
                        to_judge.append((node, name, self._read(node, name, items)))
                    continue
                kind = kinds[name]
                attributes = self._read(node, name, items) if items else None
                if kind == _CHROME:
                    named_chrome.append(node)
                    continue
                if attributes is not None or kind == _HEADER:
                    to_judge.append((node, name, attributes))
                elif kind == _NOTABLE:
                    self._note(node, name, False, None)
                if kind == _NOTE and (attributes is not None or name == "sup"):
                    notes.append((node, name, attributes))  # a bare <a> or <ol> names no footnote
        self.landmark_set = set(self.landmarks)

    def _read(self, node: Element, name: str, items: list[tuple[str, str]]) -> dict[str, str]:
        attributes = self._attributes[node] = dict(items)
        value = attributes.get("class")
        heading = False
        if value:
            profile = self._profiles[node] = class_profile(value)
            heading = profile.heading
        role = attributes.get("role")
        if heading or role is not None or name in _NOTABLE_TAGS:
            self._note(node, name, heading, role)
        return attributes

    def _note(self, node: Element, name: str, heading_class: bool, role: str | None) -> None:
        if name == "h1":
            self.h1s.append(node)
        elif heading_class or name in HEADING_LEVELS:
            self.headings.append(node)
        if name in _LANDMARK_TAGS or (role is not None and role.strip().lower() == _MAIN_ROLE):
            self.landmarks.append(node)
        elif name == "title" and self.title_tag is None:
            parent = node.getparent()
            if parent is not None and parent.tag == "head":
                self.title_tag = node
        if name == "body" and not self._found_body:
            self.body, self._found_body = node, True

    def attributes(self, tag: Element) -> dict[str, str] | None:
        """All attributes of ``tag``, None when it has none."""
        return self._attributes.get(tag)

    def classes(self, tag: Element) -> tuple[str, ...]:
        """The ``class`` tokens of ``tag``."""
        return self._profiles.get(tag, _NO_CLASS).tokens

    @property
    def profiles(self) -> dict[Element, ClassProfile]:
        """The class profile of every element with a non-empty ``class``, for hot loops."""
        return self._profiles

    def is_heading_class(self, tag: Element) -> bool:
        """``<div class="title">``-style headings: whole class tokens only (not ``card-title``)."""
        return self._profiles.get(tag, _NO_CLASS).heading

    def is_heading(self, tag: Node) -> bool:
        return not isinstance(tag, Document) and (tag.tag in HEADING_LEVELS or self.is_heading_class(tag))

    def protected(self) -> set[Element]:
        """Elements that hold the guide: no class token may make them chrome."""
        keep: set[Element] = set()
        for anchor in (*self.landmarks, *self.h1s):
            keep.add(anchor)
            keep.update(ancestors(anchor))
        counts = self._all_heading_counts()
        if len(self.headings) >= 2:
            keep.update(key for key, count in counts.items() if count * 2 > len(self.headings))
        return keep

    def _all_heading_counts(self) -> dict[Element, int]:
        """How many headings each element holds, counted once for ``protected`` and ``content_root``."""
        if self._heading_counts is None:
            self._heading_counts = _ancestor_counts(self.headings)
        return self._heading_counts

    def content_root(self, judge: ChromeJudge, text_of: Callable[[Element], str]) -> tuple[Node, Element | None]:
        """The element to walk and the h1 that holds the title (if any).

        ``main``/``article``/``[role=main]`` holding at least half of the headings wins (the
        deepest on a tie), else the lowest element holding all headings, else ``body``; the
        root then grows to include the title h1 if that sits outside it (a page hero).
        """
        headings: list[Element] = []
        hidden: list[Element] = []
        for heading in self.headings:
            (hidden if judge.inside_chrome(heading) else headings).append(heading)
        h1s = [h for h in self.h1s if not judge.inside_chrome(h) and text_of(h)]
        counts = _without(self._all_heading_counts(), hidden)  # the few inside chrome taken out
        root: Node | None = None
        best = -1
        for landmark in self.landmarks:
            count = counts.get(landmark, 0)
            if count >= best and not judge.inside_chrome(landmark):
                root, best = landmark, count
        if root is None or best * 2 < len(headings):
            root = _common_ancestor([*headings, *h1s]) if len(headings) >= 2 else self.body
        while root is not self.body and (parent := parent_of(root)) is not None and self.is_heading(root):
            root = parent  # a lone heading is no content root
        title_el = next((h for h in h1s if _is_inside(h, root)), h1s[0] if h1s else None)
        if title_el is not None and not _is_inside(title_el, root):
            root = _common_ancestor([root, title_el])
        return root, title_el


class ChromeJudge:
    """Chrome verdicts for one document, all made up front from the survey.

    Elements that contain the guide (ancestors of ``main``, ``article`` and ``h1``, or of most
    headings) are protected: a class such as ``has-sidebar`` on a page wrapper must not remove
    the whole page. Tag names and roles are never overridden.

    Only elements with a chrome tag name, with attributes, or named ``header`` can be chrome,
    and the survey listed them all, so ``chrome`` is every chrome element of the page.
    """

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self._protected = survey.protected()
        self._profiles = survey.profiles
        self.chrome: set[Element] = set(survey.named_chrome)
        self.chrome.update(tag for tag, name, attributes in survey.to_judge if self._judge(tag, name, attributes))
        self.chrome.update(self._notes(survey.notes))

    def is_chrome(self, tag: Element) -> bool:
        """Whether ``tag`` itself (not its ancestors) is page chrome."""
        return tag in self.chrome

    def inside_chrome(self, tag: Element) -> bool:
        """Whether ``tag`` or any of its ancestors is chrome."""
        return tag in self.chrome or not self.chrome.isdisjoint(ancestors(tag))

    def _judge(self, tag: Element, name: str, attributes: dict[str, str] | None) -> bool:
        """The verdict for an element whose tag name alone does not make it chrome."""
        if name == "header" and self._site_header(tag):
            return True
        if attributes is None:
            return False
        role = attributes.get("role")
        if role is not None and role.strip().lower() in CHROME_ROLES:
            return True
        if "hidden" in attributes:
            return True
        style = attributes.get("style")
        if style is not None and "display:none" in style.replace(" ", "").lower():
            return True
        if tag in self._protected:
            return False
        # A class or id token that names page chrome (cookie, share, ad, ...).
        profile = self._profiles.get(tag)
        if profile is not None and profile.chrome:
            return True
        ident = attributes.get("id")
        return ident is not None and ident != "" and _chrome_token(ident) and not _is_text_anchor(tag, ident)

    def _notes(self, notes: list[tuple[Element, str, dict[str, str] | None]]) -> list[Element]:
        """Citation and footnote markers, and MediaWiki's ol.references, among links, superscripts
        and ordered lists ("references" alone on a div or section may be a guide's sources)."""
        found = []
        for tag, name, attributes in notes:
            if name == "a":
                text = tag.text
                if text is not None and len(text) > _MAX_NOTE_TEXT and "[" not in text:
                    continue  # most links: words, and no marker is that long without brackets
                href = None if attributes is None else attributes.get("href")
                at = -1 if href is None else href.find("#")
                footnote = at >= 0 and href is not None and href.startswith(_FOOTNOTE_FRAGMENTS, at + 1)
                if not ((footnote or (text is not None and "[" in text)) and _note_marker(tag, footnote)):
                    continue
            elif name == "sup":
                if not _note_marker(tag, False):
                    continue
            elif (profile := self._profiles.get(tag)) is None or "references" not in profile.tokens:
                continue
            if tag not in self._protected:
                found.append(tag)
        return found

    def _site_header(self, tag: Element) -> bool:
        """A ``header`` is site chrome unless it sits inside the main content or holds the h1."""
        if tag in self._protected:
            return False
        return self.survey.landmark_set.isdisjoint(ancestors(tag))


def _ancestor_counts(tags: list[Element]) -> dict[Element, int]:
    """How many of ``tags`` each element holds (``Counter`` counts in C)."""
    return Counter(chain.from_iterable(map(ancestors, tags)))


def _without(counts: dict[Element, int], removed: list[Element]) -> dict[Element, int]:
    """``counts`` less the ancestors of ``removed`` (an element may be left with 0)."""
    if not removed:
        return counts
    fewer = dict(counts)
    for parent, count in _ancestor_counts(removed).items():
        fewer[parent] -= count
    return fewer


def _is_inside(tag: Element, root: Node) -> bool:
    return root is DOCUMENT or any(parent is root for parent in ancestors(tag))


def _common_ancestor(tags: list[Node]) -> Node:
    if any(tag is DOCUMENT for tag in tags):
        return DOCUMENT
    chain: list[Node] = [tags[0], *ancestors(tags[0]), DOCUMENT]
    position = {node: index for index, node in enumerate(chain)}
    lowest = 0
    for tag in tags[1:]:
        node: Node | None = tag
        while node is not None and node not in position:
            node = parent_of(node)
        if node is not None:
            lowest = max(lowest, position[node])
    return chain[lowest]


# Greedy title: the last separator wins ("A - B | Site" -> "A - B").
_SITE_SUFFIX = re.compile(r"^(?P<title>.+)\s+(?:\||-|–|—|·|::|»)\s+(?P<site>[^|–—·»()]{1,40})$")


def strip_site_suffix(title: str) -> str:
    """``Guide | Jobicy`` -> ``Guide``; a long right-hand part is kept (it is not a site name)."""
    match = _SITE_SUFFIX.match(title)
    if match is None or len(match.group("site").split()) > 4:
        return title
    return match.group("title").strip()
