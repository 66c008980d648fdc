"""The site's furniture after a guide in a text dump: share widgets, upsells, "Related Jobs".

The text parser stops at the footer (``FOOTER``); a widget that may also sit mid-page
(``SOFT``, "Related Jobs" over a list of roles) ends the guide only when no guide section
follows it. A question is never furniture ("Do I need a subscription to ...?" is a FAQ).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.sections import classify

# The site's share widgets and upsells after the guide: the page never goes back to the guide after
# one ("Share career guide", "Sign up for job alerts"). Widgets that may sit mid-page too ("Related
# Jobs" over a list of roles) are the footer only when no guide section follows them (``soft``).
BOILERPLATE = re.compile(
    r"share (?:this|career guide|the guide|on\b)|subscribe\b|sign up\b"
    r"|(?P<soft>related jobs\b|similar jobs\b|you may also like\b|cookie)",
    re.IGNORECASE,
)
# An upsell is the whole heading: "Jobicy+ Subscription", "Premium Subscription", "Newsletter", "Join
# our newsletter"; "Newsletter Editor" and "Head of Subscriptions" are job titles.
_UPSELL_WORDS = r"(?:get|choose|buy|start|join|your|our|the|an?|premium|pro|plus|paid|free|annual|monthly|yearly)"
_NEWS_WORDS = r"(?:get|join|our|the|an?|free|email|daily|weekly|monthly)"
_UPSELL = re.compile(
    # A brand may lead ("Jobicy+ Subscription", "Jobicy Subscription"); "VP Subscriptions" is a title.
    rf"(?:\S+ (?=(?:{_UPSELL_WORDS} ){{0,3}}subscription\b))?(?:{_UPSELL_WORDS} ){{0,3}}subscriptions?"
    r"(?: (?:plans?|options?|pricing|prices))?"
    rf"|(?:\S+\+ )?(?:{_NEWS_WORDS} ){{0,3}}newsletters?(?: (?:sign[- ]?up|signup|subscription))?",
    re.IGNORECASE,
)
# BOILERPLATE's phrases begin with s (or "ſ", a long s, which IGNORECASE takes for s), c, r or y;
# an upsell holds "subscription" ("pt") or "newsletter" ("lett") in some case (no other character
# folds to e, l, p or t). Most headings fail both and skip the patterns.
_FOOTER_FIRST = frozenset("sSſcCrRyY")
NO_FOOTER, FOOTER, SOFT = 0, 1, 2


def is_footer(heading: str) -> bool:
    """The heading is a share/subscription footer, or a widget that may be one ("Related Jobs"): for a
    caller that cannot look ahead (``markdown.py``), a soft footer ends the guide as a footer does."""
    return footer_kind(heading) != NO_FOOTER


def footer_kind(heading: str) -> int:
    """``FOOTER``, ``SOFT`` (a footer unless guide sections follow) or ``NO_FOOTER``.

    The patterns only for headings that could match them; a question never is a footer ("Do I need
    a subscription to coding update services?" is a FAQ).
    """
    if heading[:1] in _FOOTER_FIRST and (match := BOILERPLATE.match(heading)) is not None:
        kind = FOOTER if match.group("soft") is None else SOFT
    else:
        lowered = heading.lower()
        if ("pt" not in lowered and "lett" not in lowered) or _UPSELL.fullmatch(heading) is None:
            return NO_FOOTER
        kind = FOOTER
    return NO_FOOTER if heading.endswith("?") else kind


def guide_goes_on(headings: Iterable[str], title: str) -> bool:
    """A known guide section comes among ``headings`` (those after a soft footer, in order) before
    the site's footer or a second copy of the guide (its title again): the soft footer was a section."""
    for heading in headings:
        if heading == title or footer_kind(heading) == FOOTER:
            return False
        if classify(heading) is not None:
            return True
    return False
