"""Text inside an element, and the shapes of small elements: what the walk asks about markup.

Strings are an element's ``text`` and its children's ``tail``\\ s; comments and processing
instructions only separate them; strings inside rt/rp (and script/style/template) are not text,
as BeautifulSoup typed them apart. Attributes come from the survey's caches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from pipeline.outline import as_field, normalize_space
from pipeline.parse.html_chrome import ChromeJudge
from pipeline.parse.html_tree import STRING_CONTAINERS, Element, in_string_container

__all__ = [
    "BULLET",
    "BULLET_START",
    "INLINE",
    "NO_SPLIT",
    "bold_heading",
    "clean",
    "emoji_alt",
    "inline_only",
    "inline_text",
    "spans_only",
]

INLINE: Final = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
        "var", "wbr", "label", "br",
    }
)  # fmt: skip
# Sibling spans in a div are separate lines (hero stats, gauge labels, salary tiers).
_SPLIT_INLINE: Final = frozenset({"span", "strong", "b", "small", "time", "mark", "label"})
NO_SPLIT: Final = frozenset({"p", "li", "dt", "dd", "pre", "td", "th", "a", "summary", "caption"})
BULLET = re.compile(r"^[•·◦▪▫‣∙●○■□►▸✓✔]\s*|^[-*–]\s+")
BULLET_START: Final = frozenset("•·◦▪▫‣∙●○■□►▸✓✔-*–")  # BULLET matches nothing else
_MAX_BOLD_HEADING: Final = 150


def inline_only(children: list[Element]) -> bool:
    """True when the child elements are inline elements only (text, comments aside)."""
    for child in children:
        name = child.tag
        if isinstance(name, str) and name not in INLINE:
            return False
    return True


def _has_text(tag: Element, children: list[Element]) -> bool:
    """Whether a string directly inside ``tag`` (its text, a child's tail) is not whitespace."""
    text = tag.text
    if text and not text.isspace():
        return True
    return any(child.tail and not child.tail.isspace() for child in children)


def spans_only(tag: Element, children: list[Element], plain: bool) -> bool:
    """Two or more inline children and nothing else but whitespace: each child is its own line.

    ``plain`` is False inside rt/rp, whose strings do not count.
    """
    count = 0
    for child in children:
        name = child.tag
        if isinstance(name, str):
            if name not in _SPLIT_INLINE:
                return False
            count += 1
    return count >= 2 and not (plain and _has_text(tag, children))


def clean(text: str) -> str:
    # str.split() covers newlines and the Unicode spaces; ZERO WIDTH SPACE is not one of them.
    text = " ".join(text.split())
    return normalize_space(text) if "\u200b" in text else text


def inline_text(tag: Element, judge: ChromeJudge, hidden: bool | None = None) -> str:
    """The whitespace-normalised text of ``tag``, skipping chrome, ``br`` as a space.

    ``hidden`` is ``in_string_container(tag)`` when the caller knows it already.
    """
    if hidden is None:
        hidden = in_string_container(tag)
    chrome = judge.chrome
    parts: list[str] = [tag.text] if tag.text and not hidden else []
    # (element, its children, whether strings directly inside it are hidden)
    stack: list[tuple[Element, Iterator[Element], bool]] = [(tag, iter(tag), hidden)]
    while stack:
        element, children, hidden = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if stack and element.tail and not stack[-1][2]:
                parts.append(element.tail)
            continue
        name = node.tag
        if not isinstance(name, str) or node in chrome:
            if node.tail and not hidden:
                parts.append(node.tail)
            continue
        if name == "img":
            parts.append(emoji_alt(judge, node))
        elif name == "br" or name not in INLINE:
            parts.append(" ")
        inner = hidden or name in STRING_CONTAINERS
        if node.text and not inner:
            parts.append(node.text)
        stack.append((node, iter(node), inner))
    return clean("".join(parts))


def emoji_alt(judge: ChromeJudge, img: Element) -> str:
    """WordPress turns emoji into ``<img class="emoji" alt="📈">``; keep the character."""
    attributes = judge.survey.attributes(img)
    alt = None if attributes is None else attributes.get("alt")
    return alt if alt is not None and "emoji" in judge.survey.classes(img) else ""


def bold_heading(tag: Element, children: list[Element], judge: ChromeJudge, plain: bool, hidden: bool) -> str | None:
    """``<p><strong>X</strong></p>`` / ``<div><b>X</b></div>`` -> ``X`` when it reads as a heading.

    ``hidden`` tells whether ``tag`` (a p or div, so an ancestor of it) is in a string container.
    """
    bold: Element | None = None
    for child in children:
        name = child.tag
        if not isinstance(name, str) or name == "br":  # editors leave "<p><b>X</b><br></p>"
            continue
        if bold is not None or name not in ("b", "strong"):
            return None
        bold = child
    if bold is None or (plain and _has_text(tag, children)):
        return None
    text = inline_text(bold, judge, hidden)  # b/strong is no string container itself
    if not text or len(text) > _MAX_BOLD_HEADING or text[-1] in ".:;," or BULLET.match(text) or as_field(text):
        return None
    return text
