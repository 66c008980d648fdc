"""Documented, configurable limits that keep one bad input from hurting a run."""

from __future__ import annotations

from pydantic import BaseModel, Field

MiB = 1024 * 1024


class Limits(BaseModel):
    """Per-run limits; every field has a safe default and a CLI/flow override."""

    max_document_bytes: int = Field(default=5 * MiB, gt=0, description="Larger files are quarantined unread.")
    max_line_chars: int = Field(default=200_000, gt=0, description="A longer line is treated as not a guide.")
    max_nesting_depth: int = Field(default=200, gt=0, description="Deeper HTML element nesting is quarantined.")
    max_html_elements: int = Field(
        default=50_000, gt=0, description="HTML with more tags is quarantined before parsing (bounds parse time)."
    )
    max_documents: int = Field(
        default=100_000,
        gt=0,
        description="Inputs past this count are quarantined unread, with the limit as the reason.",
    )
