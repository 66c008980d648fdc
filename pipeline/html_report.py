"""`careers report`: one self-contained static HTML page of charts over the warehouse.

plotly.js is embedded inline (no CDN: the page opens from disk, offline) and a Content-Security-
Policy forbids the page any network access. Every text placed in the page comes from the guides,
so it is escaped: ``html.escape`` for HTML, the same for chart labels (plotly renders a subset of
HTML tags in labels, entities come out as the characters), and figure JSON has ``<``, ``>`` and
``&`` as ``\\u003c``-style escapes so no value can close its ``<script>`` element.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.warehouse import run_query

OUTCOME_COLOURS = {"loaded": "#2e7d32", "unchanged": "#9e9e9e", "duplicate": "#f9a825", "quarantined": "#c62828"}
LEVEL_MARKERS = (  # column, legend label, marker symbol, colour
    ("salary_entry", "entry", "circle", "#1565c0"),
    ("salary_mid", "mid", "diamond", "#6a1b9a"),
    ("median_salary", "median", "line-ns-open", "#000000"),
    ("salary_senior", "senior", "square", "#ef6c00"),
)
MAX_CAREERS_CHARTED = 60
MAX_CAREERS_LISTED = 1000
TOP_N = 20

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:"
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1100px;
       padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } .meta { color: #555; margin-top: 0; }
section { margin: 2rem 0; } .chart { width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } .empty { color: #777; font-style: italic; }
"""
# Draws every figure from its JSON data element once plotly.js has loaded (inline, above).
BOOT = """
for (const spec of document.querySelectorAll('script[type="application/json"][data-chart]')) {
  const fig = JSON.parse(spec.textContent);
  Plotly.newPlot(spec.dataset.chart, fig.data, fig.layout, {displaylogo: false, responsive: true});
}
"""


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    heading: str
    note: str
    figure: Any | None  # a plotly Figure, or None when there is nothing to draw yet


def _label(value: Any) -> str:
    """Text for a chart label: escaped, because plotly reads a subset of HTML in labels."""
    return html.escape("" if value is None else str(value))


def _script_json(data: str) -> str:
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _records(warehouse: str | Path, sql: str) -> list[dict[str, Any]]:
    result = run_query(warehouse, sql)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def _salary_chart(warehouse: str | Path) -> Chart:
    import plotly.graph_objects as go

    rows = _records(
        warehouse,
        "SELECT title, salary_currency, salary_min, salary_entry, salary_mid, median_salary, salary_senior, "
        "salary_max FROM v_career_profile WHERE coalesce(salary_min, salary_entry, salary_mid, median_salary, "
        f"salary_senior, salary_max) IS NOT NULL ORDER BY median_salary DESC NULLS LAST, title "
        f"LIMIT {MAX_CAREERS_CHARTED}",
    )
    rows.reverse()  # plotly draws the first category at the bottom; the best paid go on top
    note = "Bar: salary range (min to max); markers: entry, mid, median and senior salary."
    if len(rows) == MAX_CAREERS_CHARTED:
        note += f" The {MAX_CAREERS_CHARTED} careers with the highest median salary."
    if not rows:
        return Chart("salary", "Salary ranges by career", note, None)
    titles = [_label(r["title"]) for r in rows]
    currencies = [_label(r["salary_currency"] or "?") for r in rows]
    fig = go.Figure()
    widths = [
        r["salary_max"] - r["salary_min"] if r["salary_min"] is not None and r["salary_max"] is not None else None
        for r in rows
    ]
    fig.add_trace(
        go.Bar(
            name="range",
            orientation="h",
            y=titles,
            x=widths,
            base=[r["salary_min"] for r in rows],
            marker={"color": "rgba(21, 101, 192, 0.18)", "line": {"color": "rgba(21, 101, 192, 0.6)", "width": 1}},
            customdata=[[r["salary_min"], r["salary_max"], c] for r, c in zip(rows, currencies, strict=True)],
            hovertemplate="%{y}<br>range %{customdata[0]:,} - %{customdata[1]:,} %{customdata[2]}<extra></extra>",
        )
    )
    for column, label, symbol, colour in LEVEL_MARKERS:
        fig.add_trace(
            go.Scatter(
                name=label,
                mode="markers",
                y=titles,
                x=[r[column] for r in rows],
                marker={"symbol": symbol, "size": 11, "color": colour, "line": {"width": 2, "color": colour}},
                customdata=currencies,
                hovertemplate=f"%{{y}}<br>{label} %{{x:,}} %{{customdata}}<extra></extra>",
            )
        )
    single = {r["salary_currency"] for r in rows}
    unit = f"annual salary ({_label(single.pop())})" if len(single) == 1 else "annual salary (currency per career)"
    fig.update_layout(
        template="plotly_white",
        height=160 + 28 * len(rows),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        xaxis={"title": {"text": unit}, "tickformat": ",d"},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return Chart("salary", "Salary ranges by career", note, fig)


def _growth_chart(warehouse: str | Path) -> Chart:
    import plotly.graph_objects as go

    rows = _records(
        warehouse,
        "SELECT title, median_salary, growth_rate_pct, coalesce(salary_currency, '?') AS currency "
        "FROM v_career_profile WHERE median_salary IS NOT NULL AND growth_rate_pct IS NOT NULL "
        "ORDER BY currency, title",
    )
    note = "Each point is a career; one colour per salary currency (amounts in different currencies do not compare)."
    if not rows:
        return Chart("growth", "Growth against median salary", note, None)
    fig = go.Figure()
    for currency in sorted({r["currency"] for r in rows}):
        group = [r for r in rows if r["currency"] == currency]
        fig.add_trace(
            go.Scatter(
                name=_label(currency),
                mode="markers+text" if len(rows) <= 15 else "markers",
                x=[r["median_salary"] for r in group],
                y=[r["growth_rate_pct"] for r in group],
                text=[_label(r["title"]) for r in group],
                textposition="top center",
                cliponaxis=False,  # labels of points near an edge stay whole
                marker={"size": 12},
                hovertemplate="%{text}<br>median %{x:,} " + _label(currency) + "<br>growth %{y}%<extra></extra>",
            )
        )
    fig.update_layout(
        template="plotly_white",
        height=460,
        margin={"l": 80, "r": 80, "t": 30, "b": 40},
        xaxis={"title": {"text": "median annual salary"}, "tickformat": ",d"},
        yaxis={"title": {"text": "growth rate (%)"}, "automargin": True},
    )
    return Chart("growth", "Growth against median salary", note, fig)


def _frequency_chart(warehouse: str | Path, view: str, key: str, heading: str, what: str) -> Chart:
    import plotly.graph_objects as go

    rows = _records(
        warehouse,
        f"SELECT display_name, careers, mentions FROM {view} ORDER BY careers DESC, mentions DESC, display_name "
        f"LIMIT {TOP_N}",
    )
    note = f"The {TOP_N} {what} named by the most careers ({view})."
    if not rows:
        return Chart(key, heading, note, None)
    rows.reverse()
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=[_label(r["display_name"]) for r in rows],
            x=[r["careers"] for r in rows],
            marker={"color": "#00897b"},
            hovertemplate="%{y}<br>%{x} career(s)<extra></extra>",
        )
    )
    fig.update_layout(
        template="plotly_white",
        height=140 + 24 * len(rows),
        margin={"l": 10, "r": 10, "t": 20, "b": 40},
        xaxis={"title": {"text": "careers naming it"}, "dtick": 1 if rows[-1]["careers"] <= 10 else None},
        yaxis={"automargin": True},
    )
    return Chart(key, heading, note, fig)


def _runs_chart(warehouse: str | Path) -> Chart:
    import plotly.graph_objects as go

    rows = _records(
        warehouse,
        "SELECT * FROM (SELECT run_id, started_at, loaded, unchanged, duplicate, quarantined FROM ingest_runs "
        "ORDER BY started_at DESC LIMIT 50) ORDER BY started_at",
    )
    note = "Outcome of every input, per ingest run (the last 50 runs)."
    if not rows:
        return Chart("runs", "Data quality per run", note, None)
    labels = [_label(f"{r['started_at']:%Y-%m-%d %H:%M:%S} ({r['run_id'][-8:]})") for r in rows]
    fig = go.Figure(
        [
            go.Bar(name=outcome, x=labels, y=[r[outcome] for r in rows], marker={"color": colour})
            for outcome, colour in OUTCOME_COLOURS.items()
        ]
    )
    fig.update_layout(
        template="plotly_white",
        barmode="stack",
        height=420,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        xaxis={"type": "category", "automargin": True},
        yaxis={"title": {"text": "documents"}},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return Chart("runs", "Data quality per run", note, fig)


def _gaps_table(warehouse: str | Path) -> str:
    rows = _records(
        warehouse,
        "SELECT title, completeness, missing_sections, quality_flags, source_uri FROM v_data_quality "
        "WHERE missing_count > 0 OR quality_flags_count > 0 ORDER BY completeness, title LIMIT 200",
    )
    if not rows:
        return '<p class="empty">Every guide has all the usual parts and no quality flags.</p>'
    body = "".join(
        "<tr>"
        f"<td>{html.escape(r['title'])}</td><td>{r['completeness']:.0%}</td>"
        f"<td>{html.escape(', '.join(r['missing_sections']))}</td>"
        f"<td>{html.escape('; '.join(r['quality_flags']))}</td><td>{html.escape(r['source_uri'])}</td>"
        "</tr>"
        for r in rows
    )
    head = "<tr><th>career</th><th>complete</th><th>missing parts</th><th>quality flags</th><th>source</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def _careers_table(warehouse: str | Path) -> str:
    rows = _records(
        warehouse,
        "SELECT title, salary_currency, median_salary, growth_rate_pct, market_demand, completeness "
        f"FROM v_career_profile ORDER BY title LIMIT {MAX_CAREERS_LISTED}",
    )
    if not rows:
        return '<p class="empty">No careers yet: run careers ingest.</p>'

    def cell(value: Any) -> str:
        return "" if value is None else html.escape(f"{value:,}" if isinstance(value, int) else str(value))

    body = "".join(
        f"<tr><td>{cell(r['title'])}</td><td>{cell(r['median_salary'])} {cell(r['salary_currency'])}</td>"
        f"<td>{cell(r['growth_rate_pct'])}</td><td>{cell(r['market_demand'])}</td>"
        f"<td>{r['completeness']:.0%}</td></tr>"
        for r in rows
    )
    head = "<tr><th>career</th><th>median salary</th><th>growth %</th><th>demand</th><th>complete</th></tr>"
    more = f'<p class="note">The first {len(rows)} careers by title.</p>' if len(rows) == MAX_CAREERS_LISTED else ""
    return f"{more}<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def charts(warehouse: str | Path) -> list[Chart]:
    return [
        _salary_chart(warehouse),
        _growth_chart(warehouse),
        _frequency_chart(warehouse, "v_skill_frequency", "skills", "Most common skills", "skills"),
        _frequency_chart(warehouse, "v_tech_frequency", "tools", "Most common tools", "tools"),
        _runs_chart(warehouse),
    ]


def build_report(warehouse: str | Path, *, now: dt.datetime | None = None) -> tuple[str, int]:
    """The report page as HTML, and the number of charts drawn in it."""
    from plotly.offline import get_plotlyjs

    counts = run_query(
        warehouse,
        "SELECT (SELECT count(*) FROM careers), (SELECT count(*) FROM ingest_runs), "
        "(SELECT count(*) FROM ingest_documents)",
    ).rows[0]
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    sections, specs = [], []
    drawn = 0
    for chart in charts(warehouse):
        div_id = f"chart-{chart.key}"
        if chart.figure is None:
            body = '<p class="empty">No data yet.</p>'
        else:
            drawn += 1
            body = f'<div id="{div_id}" class="chart"></div>'
            spec = _script_json(chart.figure.to_json(validate=False))
            specs.append(f'<script type="application/json" data-chart="{div_id}">{spec}</script>')
        sections.append(
            f"<section><h2>{html.escape(chart.heading)}</h2>"
            f'<p class="note">{html.escape(chart.note)}</p>{body}</section>'
        )
    sections.append(f"<section><h2>Guides with gaps</h2>{_gaps_table(warehouse)}</section>")
    sections.append(f"<section><h2>All careers</h2>{_careers_table(warehouse)}</section>")
    plotly_js = get_plotlyjs().replace("</script", "<\\/script")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Careers warehouse report</title>
<style>{STYLE}</style>
<script>{plotly_js}</script>
</head>
<body>
<h1>Careers warehouse report</h1>
<p class="meta">{html.escape(Path(warehouse).name)}: {counts[0]} career(s), {counts[1]} ingest run(s),
{counts[2]} input(s) seen. Generated {html.escape(stamp)}.</p>
{"".join(sections)}
{"".join(specs)}
<script>{BOOT}</script>
</body>
</html>
"""
    return page, drawn


def write_report(warehouse: str | Path, output: str | Path) -> tuple[Path, int]:
    """Write the report page to ``output``; returns the path and the number of charts drawn."""
    page, drawn = build_report(warehouse)
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target, drawn
