"""A batch of validated guides as Arrow tables, built where the batch is parsed.

The worker process that parses a batch also lays its guides out as columns for every
per-career table, each with a ``doc`` column giving the document's index in the batch.
The single writer then only picks the rows of the documents it decides to load
(``pick``), adds what only it knows (version, run, timestamps) and bulk-inserts.
Building rows as Python dicts in the writer and converting them with
``Table.from_pylist`` cost ~3 ms per guide of serial time; columns built in the
workers cost a fraction of that and run on every core.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from pipeline.process import ProcessedDocument
from pipeline.rows import CHILD_TABLES, guide_columns

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_STRINGS = pa.list_(pa.string())
_T = pa.time64("us")
_TS = pa.timestamp("us", tz="UTC")

# Columns of each per-career table that the worker fills; ``doc`` is dropped before inserting.
SCHEMAS: dict[str, pa.Schema] = {
    "careers": pa.schema(
        [
            ("doc", pa.int32()),
            ("career_id", _S),
            ("title", _S),
            ("summary", _S),
            ("growth_rate_pct", _F),
            ("median_salary", _I),
            ("salary_min", _I),
            ("salary_max", _I),
            ("salary_entry", _I),
            ("salary_mid", _I),
            ("salary_senior", _I),
            ("salary_top10", _I),
            ("salary_currency", _S),
            ("salary_country", _S),
            ("salary_note", _S),
            ("remote_friendly", _B),
            ("market_demand", _S),
            ("market_demand_note", _S),
            ("stress_level", _S),
            ("balance_rating", _S),
            ("outlook_growth_pct", _F),
            ("outlook_status", _S),
            ("outlook_source", _S),
            ("completeness", _F),
            ("quality_flags", _STRINGS),
            ("record_sha256", _S),
            ("content_sha256", _S),
            ("source_uri", _S),
            ("format", _S),
            ("parser_version", _S),
        ]
    ),
    "career_items": pa.schema(
        [("doc", pa.int32()), ("career_id", _S), ("section", _S), ("position", pa.int32()), ("text", _S)]
    ),
    "career_paragraphs": pa.schema(
        [("doc", pa.int32()), ("career_id", _S), ("section", _S), ("position", pa.int32()), ("text", _S)]
    ),
    "career_tiers": pa.schema(
        [
            ("doc", pa.int32()),
            ("career_id", _S),
            ("position", pa.int32()),
            ("title", _S),
            ("experience_min_years", _I),
            ("experience_max_years", _I),
            ("description", _S),
        ]
    ),
    "career_day_blocks": pa.schema(
        [
            ("doc", pa.int32()),
            ("career_id", _S),
            ("position", pa.int32()),
            ("period", _S),
            ("start_time", _T),
            ("end_time", _T),
            ("focus", _S),
            ("tasks", _STRINGS),
        ]
    ),
    "career_skill_groups": pa.schema(
        [
            ("doc", pa.int32()),
            ("career_id", _S),
            ("position", pa.int32()),
            ("name", _S),
            ("description", _S),
            ("skills", _STRINGS),
        ]
    ),
    "career_case_studies": pa.schema(
        [
            ("doc", pa.int32()),
            ("career_id", _S),
            ("position", pa.int32()),
            ("title", _S),
            ("body", _S),
            ("key_takeaway", _S),
        ]
    ),
    "career_faqs": pa.schema(
        [("doc", pa.int32()), ("career_id", _S), ("position", pa.int32()), ("question", _S), ("answer", _S)]
    ),
    "career_versions": pa.schema(
        [
            ("doc", pa.int32()),
            ("career_id", _S),
            ("record_sha256", _S),
            ("content_sha256", _S),
            ("record", _S),
            ("parser_version", _S),
            ("source_uri", _S),
        ]
    ),
    "career_signatures": pa.schema(
        [("doc", pa.int32()), ("career_id", _S), ("record_sha256", _S), ("signature", pa.list_(pa.uint64()))]
    ),
}
PER_CAREER_TABLES = tuple(SCHEMAS)
assert set(CHILD_TABLES) <= set(SCHEMAS)


class _Columns:
    """Column lists of one table, appended to in row order."""

    __slots__ = ("lists",)

    def __init__(self, schema: pa.Schema) -> None:
        self.lists: dict[str, list[object]] = {name: [] for name in schema.names}

    def row(self, values: dict[str, object]) -> None:
        for name, column in self.lists.items():
            column.append(values[name])

    def repeat(self, doc: int, career_id: str, n: int) -> None:
        """The key columns (doc, career_id, 1-based position) of ``n`` child rows."""
        self.lists["doc"].extend([doc] * n)
        self.lists["career_id"].extend([career_id] * n)
        self.lists["position"].extend(range(1, n + 1))


def _child_rows(tables: dict[str, _Columns], doc: int, d: ProcessedDocument) -> None:
    guide, cid = d.guide, d.career_id
    for table, groups in (("career_items", guide.items), ("career_paragraphs", guide.paragraphs)):
        columns = tables[table]
        for section, texts in groups.items():
            columns.repeat(doc, cid, len(texts))
            columns.lists["section"].extend([section] * len(texts))
            columns.lists["text"].extend(texts)
    children: tuple[tuple[str, Sequence[object], tuple[str, ...]], ...] = (
        ("career_tiers", guide.tiers, ("title", "experience_min_years", "experience_max_years", "description")),
        ("career_day_blocks", guide.day_blocks, ("period", "start_time", "end_time", "focus", "tasks")),
        ("career_skill_groups", guide.skill_groups, ("name", "description", "skills")),
        ("career_case_studies", guide.case_studies, ("title", "body", "key_takeaway")),
        ("career_faqs", guide.faqs, ("question", "answer")),
    )
    for table, values, fields in children:
        if not values:
            continue
        columns = tables[table]
        columns.repeat(doc, cid, len(values))
        for name in fields:
            columns.lists[name].extend(getattr(value, name) for value in values)


def guide_tables(docs: Sequence[tuple[int, ProcessedDocument, str, str]]) -> dict[str, pa.Table]:
    """Every per-career table's rows for ``(doc index, document, content sha256, source uri)``."""
    tables = {name: _Columns(schema) for name, schema in SCHEMAS.items()}
    for doc, d, content_sha256, uri in docs:
        common = {"doc": doc, "career_id": d.career_id, "record_sha256": d.record_sha256}
        tables["careers"].row(
            {
                **common,
                **guide_columns(d.guide),
                "completeness": d.completeness,
                "quality_flags": list(d.guide.quality_flags),
                "content_sha256": content_sha256,
                "source_uri": uri,
                "format": d.format,
                "parser_version": d.parser_version,
            }
        )
        tables["career_versions"].row(
            {
                **common,
                "content_sha256": content_sha256,
                "record": d.record_json,
                "parser_version": d.parser_version,
                "source_uri": uri,
            }
        )
        tables["career_signatures"].row({**common, "signature": d.signature})
        _child_rows(tables, doc, d)
    return {
        name: pa.Table.from_arrays(
            [pa.array(columns.lists[f.name], type=f.type) for f in SCHEMAS[name]], schema=SCHEMAS[name]
        )
        for name, columns in tables.items()
    }


def pick(tables: dict[str, pa.Table], versions: dict[int, int]) -> dict[str, pa.Table]:
    """The rows of the documents in ``versions`` (doc index -> version), ``doc`` replaced by ``version``.

    Usually every parsed document of a batch is loaded: its tables are then used as they are
    (no copy) and only the version column is new.
    """
    tops = [int(t.column("doc").to_numpy().max(initial=-1)) for t in tables.values()]
    lookup = np.zeros(max([*tops, *versions, -1]) + 1, dtype=np.int32)  # 0: not chosen (versions start at 1)
    for doc, version in versions.items():
        lookup[doc] = version
    out: dict[str, pa.Table] = {}
    for name, table in tables.items():
        chosen = lookup[table.column("doc").to_numpy()]
        keep = chosen > 0
        if not keep.all():
            table, chosen = table.filter(pa.array(keep)), chosen[keep]
        out[name] = table.append_column("version", pa.array(chosen, type=pa.int32())).drop_columns(["doc"])
    return out


def constant(value: object, n: int, type_: pa.DataType) -> pa.Array:
    """A column of ``n`` copies of ``value``."""
    return pa.array([value] * n, type=type_)


def with_run(name: str, table: pa.Table, run_id: str, now: dt.datetime) -> pa.Table:
    """Add the columns the writer knows: run id and load time (and an open validity for versions)."""
    n = table.num_rows
    if name == "careers":
        return table.append_column("run_id", constant(run_id, n, _S)).append_column("loaded_at", constant(now, n, _TS))
    if name == "career_versions":
        return (
            table.append_column("run_id", constant(run_id, n, _S))
            .append_column("valid_from", constant(now, n, _TS))
            .append_column("valid_to", pa.nulls(n, type=_TS))
        )
    return table
