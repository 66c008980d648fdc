"""Where the guide is on an HTML page, and which elements are chrome (menus, ads, pricing).

The judgement is made per element from its tag name, its ARIA role and its ``id``/``class``
tokens, and is memoised, so the walker can ask about every element it enters and skip the
whole subtree of a chrome element without a separate removal pass over the tree.

Class and id tokens are matched by their parts (split at ``-``, ``_`` and camelCase humps),
never by substring: ``ad`` matches ``ad-slot`` and ``inline_ad`` but not ``header``,
``shadow`` or ``download``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from bs4 import BeautifulSoup, Tag

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
    }
)  # fmt: skip
# Single parts of a class/id token that mark chrome.
_CHROME_PARTS: Final = frozenset(
    {
        "cookie", "cookies", "consent", "gdpr", "share", "sharing", "sharethis", "social", "pricing",
        "subscription", "subscribe", "newsletter", "advert", "advertisement", "ad", "ads", "adsbygoogle",
        "sponsor", "sponsored", "sidebar", "breadcrumb", "breadcrumbs", "menu", "navbar", "nav",
        "paywall", "popup", "modal", "promo", "comments", "comment", "masthead",
    }
)  # fmt: skip
# Multi-part terms: they match when the token's parts contain them consecutively.
_CHROME_PHRASES: Final = (
    "related-jobs", "related-posts", "related-articles", "more-stories", "skip-link", "screen-reader-text",
)  # fmt: skip
_MAIN_ROLE: Final = "main"
HEADING_LEVELS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HEADING_CLASSES: Final = frozenset({"title", "heading", "section-title", "section-heading", "subheading"})
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATOR = re.compile(r"[-_]+")


@lru_cache(maxsize=4096)
def token_parts(token: str) -> tuple[str, ...]:
    """``shareButtons`` -> ``("share", "buttons")``; ``list__item`` -> ``("list", "item")``."""
    return tuple(part for part in _SEPARATOR.split(_HUMP.sub("-", token).lower()) if part)


@lru_cache(maxsize=4096)
def _chrome_token(token: str) -> bool:
    parts = token_parts(token)
    if not _CHROME_PARTS.isdisjoint(parts):
        return True
    joined = "-" + "-".join(parts) + "-"
    return any(f"-{phrase}-" in joined for phrase in _CHROME_PHRASES)


def class_tokens(tag: Tag) -> list[str]:
    """The ``class`` tokens of ``tag`` (lxml gives a list; a hand-built tree may give a str)."""
    value = tag.attrs.get("class")
    if not value:
        return []
    if isinstance(value, str):
        return value.split()
    return [str(token) for token in value]


def has_chrome_token(tag: Tag) -> bool:
    """True when an ``id`` or ``class`` token names page chrome (cookie, share, ad, ...)."""
    if any(_chrome_token(token) for token in class_tokens(tag)):
        return True
    ident = tag.attrs.get("id")
    return isinstance(ident, str) and bool(ident) and _chrome_token(ident) and not _is_text_anchor(tag, ident)


_WORD = re.compile(r"[^\W_]+")


def _is_text_anchor(tag: Tag, ident: str) -> bool:
    """A heading's id made from its own words is an anchor, not a role.

    CMSs slug every heading into its id: ``<h3 id="social-media-manager">Social Media
    Manager</h3>`` names a career, not a social widget ("-2" style suffixes allowed).
    """
    if tag.name not in HEADING_LEVELS:
        return False
    parts = [part for part in token_parts(ident) if not part.isdigit()]
    words = _WORD.findall(tag.get_text(" ").lower())
    return bool(parts) and parts == words[: len(parts)] and len(parts) * 2 >= len(words)


def is_main_landmark(tag: Tag) -> bool:
    """``main``, ``article`` or an element with ``role="main"``."""
    if tag.name in ("main", "article"):
        return True
    role = tag.attrs.get("role")
    return isinstance(role, str) and role.strip().lower() == _MAIN_ROLE


def is_heading_class(tag: Tag) -> bool:
    """``<div class="title">``-style headings: whole class tokens only (not ``card-title``)."""
    return not _HEADING_CLASSES.isdisjoint(class_tokens(tag))


def _is_heading(tag: Tag) -> bool:
    return tag.name in HEADING_LEVELS or is_heading_class(tag)


class ChromeJudge:
    """Memoised chrome verdicts for one document.

    ``protected`` holds ids of elements that contain the guide (ancestors of ``main``,
    ``article`` and ``h1``, or of most headings): a class such as ``has-sidebar`` on a page
    wrapper must not remove the whole page. Tag names and roles are never overridden.
    """

    def __init__(self, protected: set[int]) -> None:
        self._protected = protected
        self._verdicts: dict[int, bool] = {}

    def is_chrome(self, tag: Tag) -> bool:
        """Whether ``tag`` itself (not its ancestors) is page chrome."""
        key = id(tag)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._judge(tag)
            self._verdicts[key] = verdict
        return verdict

    def inside_chrome(self, tag: Tag) -> bool:
        """Whether ``tag`` or any of its ancestors is chrome."""
        node: Tag | None = tag
        while node is not None and node.name != "[document]":
            if self.is_chrome(node):
                return True
            node = node.parent
        return False

    def _judge(self, tag: Tag) -> bool:
        name = tag.name
        if name in CHROME_TAGS:
            return True
        attrs = tag.attrs
        if name == "header" and self._site_header(tag):
            return True
        if not attrs:
            return False
        role = attrs.get("role")
        if isinstance(role, str) and role.strip().lower() in CHROME_ROLES:
            return True
        if "hidden" in attrs:
            return True
        style = attrs.get("style")
        if isinstance(style, str) and "display:none" in style.replace(" ", "").lower():
            return True
        return id(tag) not in self._protected and has_chrome_token(tag)

    def _site_header(self, tag: Tag) -> bool:
        """A ``header`` is site chrome unless it sits inside the main content or holds the h1."""
        if id(tag) in self._protected:
            return False
        return not any(is_main_landmark(parent) for parent in tag.parents)


class Survey:
    """One pass over the tree: landmarks, h1s, headings and the ``<title>``."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.body: Tag = soup.body or soup
        self.title_tag: Tag | None = None
        self.h1s: list[Tag] = []
        self.headings: list[Tag] = []
        self.landmarks: list[Tag] = []
        for node in soup.descendants:
            if not isinstance(node, Tag):
                continue
            name = node.name
            if name == "h1":
                self.h1s.append(node)
            elif name in HEADING_LEVELS or is_heading_class(node):
                self.headings.append(node)
            if is_main_landmark(node):
                self.landmarks.append(node)
            elif name == "title" and self.title_tag is None and node.parent is not None and node.parent.name == "head":
                self.title_tag = node

    def protected(self) -> set[int]:
        """Ids of elements that hold the guide: no class token may make them chrome."""
        keep: set[int] = set()
        for anchor in (*self.landmarks, *self.h1s):
            keep.add(id(anchor))
            keep.update(id(parent) for parent in anchor.parents)
        counts = _ancestor_counts(self.headings)
        keep.update(key for key, count in counts.items() if count * 2 > len(self.headings) >= 2)
        return keep

    def content_root(self, judge: ChromeJudge, text_of: Callable[[Tag], str]) -> tuple[Tag, Tag | None]:
        """The element to walk and the h1 that holds the title (if any).

        ``main``/``article``/``[role=main]`` holding at least half of the headings wins (the
        deepest on a tie), else the lowest element holding all headings, else ``body``; the
        root then grows to include the title h1 if that sits outside it (a page hero).
        """
        headings = [h for h in self.headings if not judge.inside_chrome(h)]
        h1s = [h for h in self.h1s if not judge.inside_chrome(h) and text_of(h)]
        counts = _ancestor_counts(headings)
        root: Tag | None = None
        best = -1
        for landmark in self.landmarks:
            count = counts.get(id(landmark), 0)
            if count >= best and not judge.inside_chrome(landmark):
                root, best = landmark, count
        if root is None or best * 2 < len(headings):
            root = _common_ancestor([*headings, *h1s]) if len(headings) >= 2 else self.body
        while root is not self.body and root.parent is not None and _is_heading(root):
            root = root.parent  # a lone heading is no content root
        title_el = next((h for h in h1s if _is_inside(h, root)), h1s[0] if h1s else None)
        if title_el is not None and not _is_inside(title_el, root):
            root = _common_ancestor([root, title_el])
        return root, title_el


def _ancestor_counts(tags: list[Tag]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for tag in tags:
        for parent in tag.parents:
            counts[id(parent)] = counts.get(id(parent), 0) + 1
    return counts


def _is_inside(tag: Tag, root: Tag) -> bool:
    return any(parent is root for parent in tag.parents)


def _common_ancestor(tags: list[Tag]) -> Tag:
    chain = [tags[0], *tags[0].parents]
    position = {id(node): index for index, node in enumerate(chain)}
    lowest = 0
    for tag in tags[1:]:
        node: Tag | None = tag
        while node is not None and id(node) not in position:
            node = node.parent
        if node is not None:
            lowest = max(lowest, position[id(node)])
    return chain[lowest]


# Greedy title: the last separator wins ("A - B | Site" -> "A - B").
_SITE_SUFFIX = re.compile(r"^(?P<title>.+)\s+(?:\||-|–|—|·|::|»)\s+(?P<site>[^|–—·»()]{1,40})$")


def strip_site_suffix(title: str) -> str:
    """``Guide | Jobicy`` -> ``Guide``; a long right-hand part is kept (it is not a site name)."""
    match = _SITE_SUFFIX.match(title)
    if match is None or len(match.group("site").split()) > 4:
        return title
    return match.group("title").strip()
