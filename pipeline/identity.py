"""Career identity and record fingerprints.

``career_id`` is a stable slug of the cleaned title, so the same career from
any file, format or encoding lands on the same row. ``record_sha256`` hashes
the canonical JSON of the extracted record (sorted keys, no provenance), so two
inputs that say the same thing have the same hash whatever their bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from pipeline.models import CareerGuide

_ABBREVIATIONS = {"sr": "senior", "jr": "junior", "mgr": "manager", "asst": "assistant", "tech": "technician"}


def career_id(title: str) -> str:
    """Slug of a title: lower-case ASCII words joined by hyphens, common abbreviations spelled out."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_title.replace("&", " and ").lower())
    words = [_ABBREVIATIONS.get(word, word) for word in words]
    return "-".join(words)[:120] or "untitled"


def canonical_json(guide: CareerGuide) -> str:
    """The record as deterministic JSON: what ``record_sha256`` is computed over."""
    return json.dumps(guide.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def record_sha256(guide: CareerGuide) -> str:
    return hashlib.sha256(canonical_json(guide).encode("utf-8")).hexdigest()
