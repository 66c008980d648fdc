"""Career-guide ingestion pipeline: raw guides -> validated records -> DuckDB."""

__version__ = "0.1.0"

# Bump whenever extracted output changes, so stored raw documents get re-derived.
PARSER_VERSION = "6"
