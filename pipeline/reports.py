"""Run reports published to Prefect: a markdown summary and a table of every non-loaded input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from pipeline.outcomes import OUTCOMES

if TYPE_CHECKING:
    from pipeline.outcomes import RunSummary


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_markdown(summary: RunSummary) -> str:
    """The run summary as markdown (counts, careers changed, quarantined inputs with reasons)."""
    lines = [
        f"# Careers ingest run `{summary.run_id}`",
        "",
        f"{summary.documents_seen} document(s) in {summary.elapsed_seconds:.2f} s.",
        "",
        "| outcome | documents |",
        "| --- | ---: |",
        *(f"| {name} | {summary.counts[name]} |" for name in OUTCOMES),
    ]
    if summary.replayed:
        lines += ["", f"Replayed stored documents: {dict(summary.replayed)}"]
    if summary.changed:
        lines += ["", "## Careers added or changed", ""]
        lines += [f"- `{cid}` version {version}" for cid, version in summary.changed[:200]]
    if summary.near_duplicates:
        lines += ["", f"Near-duplicate career pairs flagged: {summary.near_duplicates}"]
    if summary.problems:
        lines += ["", "## Quarantined", "", "| input | reason |", "| --- | --- |"]
        lines += [f"| {_escape(uri)} | {_escape(reason)} |" for uri, reason in summary.problems[:500]]
    return "\n".join(lines) + "\n"


def publish_report(summary: RunSummary) -> None:
    """Attach the summary to the current flow run as Prefect artifacts."""
    create_markdown_artifact(
        markdown=summary_markdown(summary), key="careers-ingest-summary", description="Ingest run summary"
    )
    table = [{"outcome": name, "documents": summary.counts[name]} for name in OUTCOMES]
    table += [{"outcome": "quarantined", "input": uri, "reason": reason} for uri, reason in summary.problems[:500]]
    create_table_artifact(table=table, key="careers-ingest-outcomes", description="Outcomes per input")
