"""The pipeline's small exception hierarchy (after dlt's).

Every error a user can cause carries the fields its message is built from, so
the CLI can print one actionable line and tests can assert on the fields.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class of every error the pipeline raises on purpose."""


class DocumentError(PipelineError):
    """A single input cannot become a career record; it is quarantined.

    ``reason`` is the plain-words explanation stored in ``ingest_documents``. What was learnt
    about the document before it failed (how it was decoded, the parser that read it, the career
    it names) is set on the error by ``pipeline.process`` and stored beside the reason.
    """

    encoding: str | None = None
    format: str | None = None
    career_id: str | None = None

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SourceError(DocumentError):
    """The input could not be read (missing, unreadable, too large, not a file)."""


class DecodeError(DocumentError):
    """The bytes are not text in any encoding we accept (binary, NUL bytes, ...)."""


class ParseError(DocumentError):
    """The text is not a career guide (no title, no known sections, too deep)."""


class ValidationFailed(DocumentError):
    """The extracted record breaks the model's rules; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class WarehouseError(PipelineError):
    """The warehouse cannot be opened or written."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse's write lock."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"warehouse {path} is in use by another process (another `careers ingest`?); "
            "wait for it to finish and try again"
        )


class QueryError(PipelineError):
    """A `careers query` statement was refused or failed."""
