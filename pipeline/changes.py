"""What changed between two versions of a career: the rows of ``career_changes``.

Scalar fields are compared by their ``careers`` column name (``median_salary
47500 -> 49900``); lists are compared as ordered sets, so an added bullet is
``+ item`` (``new_value`` set) and a removed one ``- item`` (``old_value`` set);
structured children (tiers, FAQs, ...) are keyed by their title or question and
reported as added, removed or changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pipeline.models import CareerGuide
from pipeline.rows import guide_columns

_CHILD_KEYS = {
    "tiers": "title",
    "day_blocks": "period",
    "skill_groups": "name",
    "case_studies": "title",
    "faqs": "question",
}


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    change: str  # changed | added | removed
    old_value: str | None
    new_value: str | None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict | list) else str(value)


def _list_changes(field: str, old: tuple[str, ...], new: tuple[str, ...]) -> list[Change]:
    old_set, new_set = set(old), set(new)
    removed = [Change(field, "removed", item, None) for item in old if item not in new_set]
    added = [Change(field, "added", None, item) for item in new if item not in old_set]
    return removed + added


def diff(old: CareerGuide, new: CareerGuide) -> list[Change]:
    """Every difference between two records, scalar columns first, then lists, then children."""
    changes: list[Change] = []
    old_cols, new_cols = guide_columns(old), guide_columns(new)
    for column, new_value in new_cols.items():
        if old_cols[column] != new_value:
            changes.append(Change(column, "changed", _text(old_cols[column]), _text(new_value)))
    for section in sorted(set(old.items) | set(new.items)):
        changes += _list_changes(section, old.items.get(section, ()), new.items.get(section, ()))
    for section in sorted(set(old.paragraphs) | set(new.paragraphs)):
        changes += _list_changes(
            f"{section} (paragraphs)", old.paragraphs.get(section, ()), new.paragraphs.get(section, ())
        )
    for name, key in _CHILD_KEYS.items():
        olds = {getattr(c, key): c for c in getattr(old, name)}
        news = {getattr(c, key): c for c in getattr(new, name)}
        for label, child in olds.items():
            if label not in news:
                changes.append(Change(name, "removed", label, None))
            elif news[label] != child:
                changes.append(
                    Change(
                        name,
                        "changed",
                        _text(child.model_dump(mode="json")),
                        _text(news[label].model_dump(mode="json")),
                    )
                )
        changes += [Change(name, "added", None, label) for label in news if label not in olds]
    return changes
