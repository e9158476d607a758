"""A review as one self-contained HTML page (inline CSS, charts as inline
SVG), and the same page with image slots for the charts, which the PDF
renderer (``widgets/review_pdf.py``) fills with pyqtgraph drawings.

The markup stays within what both browsers and Qt's rich-text engine
(``QTextDocument``) lay out well: headings, paragraphs, tables with
attributes, class selectors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import tzinfo
from html import escape

from cockpit.backlog import review_section
from cockpit.durations import export_duration
from cockpit.review import Review
from cockpit.review_impact import PhaseImpact, PhaseName
from cockpit.review_labels import Labels
from cockpit.review_log import Compliance, Occurrence
from cockpit.review_svg import chart_svg
from cockpit.review_text import entry_detail, entry_outcome, latency_about, script_name

ChartSlot = Callable[[str, str], str]
CHARTS = (
    ("arrivals", "chart_arrivals"),
    ("waiting", "chart_waiting"),
    ("breached", "chart_breached"),
)

CSS = """
body { font-family: "DejaVu Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
       color: #111827; font-size: 10pt; margin: 24px; }
h1 { font-size: 18pt; margin: 0 0 4px 0; color: #0f172a; }
h2 { font-size: 13pt; margin: 18px 0 6px 0; color: #1e3a8a; border-bottom: 1px solid #cbd2dc; }
p { margin: 4px 0; }
.muted { color: #4b5563; }
.lead { font-size: 11pt; }
table.grid { border-collapse: collapse; margin: 4px 0 8px 0; }
table.grid th { background-color: #dfe4ec; text-align: left; font-weight: bold; }
table.grid td, table.grid th { border: 1px solid #cbd2dc; padding: 3px 6px; }
td.num { text-align: right; }
td.bad { color: #b91c1c; font-weight: bold; }
td.good { color: #166534; }
tr.incident td { background-color: #fdeceb; }
.chart-title { font-size: 11px; font-weight: bold; fill: #111827; }
.tick { font-size: 9px; fill: #4b5563; }
.grid { stroke: #e5e7eb; stroke-width: 1; }
.marker { stroke: #374151; stroke-dasharray: 3 2; stroke-width: 1; }
.marker-label { font-size: 8px; fill: #374151; }
.legend span { padding: 1px 6px; margin-right: 6px; }
"""

PHASE_COLOURS = {
    PhaseName.BASELINE: "#e5e7eb",
    PhaseName.INCIDENT: "#fcd5d3",
    PhaseName.RECOVERY: "#d3f2dc",
}


def _e(value: object) -> str:
    return escape(str(value))


def table(head: Sequence[str] | None, rows: Iterable[Sequence[str]], *, raw: bool = False) -> str:
    """A grid table; cells are escaped unless ``raw`` (then they are HTML)."""
    cells = "".join(f"<th>{_e(h)}</th>" for h in head or ())
    body = []
    for row in rows:
        tds = "".join(
            c if raw and c.startswith("<td") else f"<td>{c if raw else _e(c)}</td>" for c in row
        )
        body.append(f"<tr>{tds}</tr>")
    return (
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4" border="1">'
        f"{f'<tr>{cells}</tr>' if cells else ''}{''.join(body)}</table>"
    )


def _num(text: str, css: str = "num") -> str:
    return f'<td class="{css}" align="right">{_e(text)}</td>'


class _Page:
    def __init__(self, review: Review, labels: Labels, zone: tzinfo) -> None:
        self.r, self.t, self.zone = review, labels, zone

    def phase_title(self, impact: PhaseImpact) -> str:
        t = self.t
        title = t(impact.phase.value) if impact.phase is not PhaseName.INCIDENT else t("incident")
        return f"{title}<br/><span class='muted'>{_e(self._span(impact))}</span>"

    def _span(self, impact: PhaseImpact) -> str:
        start = self.t.time(impact.start, self.zone)
        end = self.t.clock(impact.end, self.zone)
        return f"{start}–{end}"

    def header(self) -> str:
        r, t, z = self.r, self.t, self.zone
        i = r.incident
        name = t.local(i.names) if i.names else i.kind
        resolved = (
            f"{t.time(i.resolved_at, z)} ({t('by')} {i.resolved_by})"
            if i.resolved_at
            else t("still_open")
        )
        rows = [
            (t("severity"), t.severity(i.severity)),
            (t("declared"), f"{t.time(i.declared_at, z)} ({t('by')} {i.declared_by})"),
            (t("resolved"), resolved),
            (t("duration"), export_duration(i.duration, language=t.language)),
            (t("owner"), r.written.owner or t("to_write")),
            (t("generated"), t.time(r.generated_at, z)),
        ]
        return (
            f"<h1>{_e(t('review_title'))} · #{i.id} {_e(name)}</h1>"
            f"<p class='lead'>{_e(i.summary)}</p>" + table(None, rows)
        )

    def impact(self) -> str:
        t, phases = self.t, self.r.impact
        head = [t("phase"), *[self.phase_title(p) for p in phases]]
        rows: list[list[str]] = []

        def row(label: str, cells: Iterable[str]) -> None:
            rows.append([f"<td>{_e(label)}</td>", *(_num(c) for c in cells)])

        row(t("created"), (f"{p.created}" for p in phases))
        row(f"{t('created')} ({t('per_hour')})", (_rate(p.created_per_hour) for p in phases))
        row(t("complaints"), (f"{p.complaints}" for p in phases))
        row(t("bot_deflected"), (f"{p.bot_deflected}" for p in phases))
        row(t("late_responses"), (f"{p.late_responses} / {p.responses}" for p in phases))
        row(t("service_level"), (t.percent(p.service_level) for p in phases))
        row(t("mean_wait"), (export_duration(p.mean_wait_s, language=t.language) for p in phases))
        row(t("peak_wait"), (export_duration(p.peak_wait_s, language=t.language) for p in phases))
        row(t("waiting_peak"), (f"{p.waiting_peak}" for p in phases))
        row(t("breached_peak"), (f"{p.breached_peak}" for p in phases))
        row(t("agents"), (_agents(p) for p in phases))
        mode = t(f"baseline_{self.r.baseline_mode.value}")
        heads = "".join(f"<th>{h}</th>" for h in head)
        body = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
        return (
            f"<h2>{_e(t('impact'))}</h2><p class='muted'>{_e(t('baseline'))}: {_e(mode)}</p>"
            f"{self.unrecorded()}"
            '<table class="grid" width="100%" cellspacing="0" cellpadding="4" border="1">'
            f"<tr>{heads}</tr>{body}</table>"
        )

    def unrecorded(self) -> str:
        """Say so when a window has no samples: its figures are missing, not zero."""
        missing = self.r.unrecorded
        if not missing:
            return ""
        phases = ", ".join(self.t(p.value) for p in missing)
        return f"<p class='warn'><b>{_e(self.t('unrecorded', phases=phases))}</b></p>"

    def breakdown(self) -> str:
        t, phases = self.t, self.r.impact
        out = []
        for key, attr, name in (("by_topic", "by_topic", t.topic), ("by_kind", "by_kind", t.kind)):
            keys: list[str] = []
            for p in phases:
                keys.extend(k for k in getattr(p, attr) if k not in keys)
            if not keys:
                continue
            head = [
                t("topic" if attr == "by_topic" else "kind"),
                *[t(p.phase.value) for p in phases],
            ]
            rows = [
                [
                    f"<td>{_e(name(k))}</td>",
                    *(_num(str(getattr(p, attr).get(k, 0))) for p in phases),
                ]
                for k in keys
            ]
            out.append(f"<p><b>{_e(t(key))}</b></p>" + table(head, rows, raw=True))
        return "".join(out)

    def charts(self, slot: ChartSlot) -> str:
        t = self.t
        legend = "".join(
            f"<span style='background-color:{PHASE_COLOURS[w.phase]}'>"
            f"&nbsp;{_e(t(w.phase.value))}&nbsp;</span>&nbsp;&nbsp;"
            for w in self.r.windows
        )
        parts = [slot(name, t(key)) for name, key in CHARTS]
        title = f"<h2 style='page-break-before: always'>{_e(t('charts'))}</h2>"
        return f"{title}<p class='legend'>{legend}</p>" + "".join(parts)

    def latencies(self) -> str:
        t = self.t
        rows = []
        for latency in self.r.latencies:
            took = (
                export_duration(latency.seconds, language=t.language)
                if latency.seconds is not None
                else t("not_happened")
            )
            about = latency_about(t, self.r.incident, latency)
            rows.append((t(latency.name.value), took, about))
        head = (t("latency"), t("took"), t("about"))
        return f"<h2>{_e(t('latencies'))}</h2>" + table(head, rows)

    def bulk(self) -> str:
        t, z = self.t, self.zone
        rows = [
            (
                f"{t.time(b.started_at, z)}–{t.clock(b.ended_at, z)}",
                script_name(t, self.r.incident, b.script),
                str(b.replied),
                str(b.not_replied),
                t.percent(b.level_before),
                t.percent(b.level_after),
            )
            for b in self.r.bulk_replies
        ]
        head = (t("when"), t("script"), t("replied"), t("not_replied"),
                t("level_before"), t("level_after"))  # fmt: skip
        if not rows:
            return f"<h2>{_e(t('bulk_replies'))}</h2><p>{_e(t('none'))}</p>"
        span = self.r.bulk_replies[0].span_s
        around = export_duration(span, language=t.language)
        how = t("bulk_around", d=around) if span else t("bulk_live")
        body = f"<p class='muted'>{_e(t('bulk_note'))} {_e(how)}</p>" + table(head, rows)
        return f"<h2>{_e(t('bulk_replies'))}</h2>" + body

    def checklist(self) -> str:
        t = self.t
        rows = []
        for step in self.r.checklist:
            for n, occ in enumerate(
                step.occurrences or (Occurrence(None, None, None, Compliance.NOT_DONE),)
            ):
                title = t.local(step.title) + (f" #{n + 1}" if step.recurring else "")
                css = "bad" if occ.status in (Compliance.LATE, Compliance.MISSED) else "good"
                rows.append([
                    f"<td>{_e(title)}</td>",
                    f"<td>{_e(t.role(step.owner))}</td>",
                    f"<td>{_e(t.time(occ.due_at, self.zone))}</td>",
                    f"<td>{_e(t.time(occ.done_at, self.zone))}</td>",
                    f'<td class="{css}">{_e(self.compliance(occ))}</td>',
                ])  # fmt: skip
        head = (t("step"), t("step_owner"), t("due"), t("done"), t("result"))
        body = table(head, rows, raw=True) if rows else f"<p>{_e(t('none'))}</p>"
        return f"<h2>{_e(t('checklist'))}</h2>" + body

    def compliance(self, occ: Occurrence) -> str:
        t, late = self.t, occ.late_by_s
        if occ.status is Compliance.LATE and late is not None:
            return t("late_by", d=export_duration(late, language=t.language))
        if occ.status is Compliance.MISSED and late:
            return t("missed_by", d=export_duration(late, language=t.language))
        if occ.status is Compliance.ON_TIME and late is not None and late < 0:
            return (
                f"{t('on_time')} ({t('early_by', d=export_duration(-late, language=t.language))})"
            )
        return t(occ.status.value)

    def written(self, key: str) -> str:
        t = self.t
        text = str(getattr(self.r.written, key))
        body = "".join(f"<p>{_e(line)}</p>" for line in text.splitlines() if line.strip())
        return f"<h2>{_e(t(key))}</h2>" + (body or f"<p class='muted'>{_e(t('to_write'))}</p>")

    def people(self) -> str:
        t, z = self.t, self.zone
        rows = [
            (p.who, str(p.actions), t.time(p.first_at, z), t.time(p.last_at, z))
            for p in self.r.responders
        ]
        head = (t("who"), t("actions"), t("first_action"), t("last_action"))
        items = [
            (
                a.title,
                a.owner,
                a.due.isoformat() if a.due else "—",
                t("closed" if a.done else "open"),
            )
            for a in self.r.action_items
        ]
        items_head = (t("item"), t("item_owner"), t("due_date"), t("status"))
        return (
            f"<h2>{_e(t('responders'))}</h2>"
            + (table(head, rows) if rows else f"<p>{_e(t('none'))}</p>")
            + f"<h2>{_e(t('action_items'))}</h2>"
            + (table(items_head, items) if items else f"<p class='muted'>{_e(t('to_write'))}</p>")
        )

    def notes(self) -> str:
        t, z = self.t, self.zone
        notes = [(t.time(n.at, z), n.who, t.action(n.action), n.detail or "") for n in self.r.notes]
        head = (t("time"), t("who"), t("entry_kind"), t("text"))
        return f"<h2>{_e(t('notes'))}</h2>" + (
            table(head, notes) if notes else f"<p>{_e(t('none'))}</p>"
        )

    def timeline(self) -> str:
        t, z = self.t, self.zone
        rows = []
        for e in self.r.timeline:
            what = t.action(e.action) + (f" ×{e.count}" if e.count > 1 else "")
            when = t.time(e.at, z, seconds=True)
            if e.wall_at is not None:  # floor time first; the wall clock where it differs
                when += f" ({t('wall_clock')} {t.time(e.wall_at, z, seconds=True)})"
            detail = entry_detail(t, self.r.incident, e)
            rows.append((when, e.who, what, entry_outcome(t, e), detail))
        head = (t("time"), t("who"), t("what"), t("outcome"), t("details"))
        return f"<h2 style='page-break-before: always'>{_e(t('timeline'))}</h2>" + table(head, rows)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _agents(p: PhaseImpact) -> str:
    if p.agents_on_duty_mean is None:
        return "—"
    return f"{p.agents_on_duty_mean:.1f} / {p.agents_on_duty_peak}"


def review_body(review: Review, *, language: str, zone: tzinfo, chart: ChartSlot) -> str:
    """The page's body; ``chart(name, title)`` gives each chart's markup."""
    page = _Page(review, Labels(language), zone)
    return "".join(
        (
            page.header(),
            page.written("summary"),
            page.impact(),
            page.charts(chart),
            page.breakdown(),
            review_section(review, language=language, zone=zone),
            page.latencies(),
            page.bulk(),
            page.checklist(),
            page.written("causes"),
            page.written("resolution"),
            page.notes(),
            page.people(),
            page.timeline(),
        )
    )


def review_html(review: Review, *, language: str, zone: tzinfo) -> str:
    """The self-contained page: inline CSS, charts as inline SVG."""
    labels = Labels(language)

    def svg(name: str, title: str) -> str:
        drawn = chart_svg(review, name, labels=labels, zone=zone, title=title)
        return f"<div class='chart'>{drawn}</div>"

    title = f"{labels('review_title')} #{review.incident.id}"
    return document(title, review_body(review, language=language, zone=zone, chart=svg), language)


def document(title: str, body: str, language: str) -> str:
    lang = "zh-CN" if language == "zh_CN" else "en"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>{body}</body></html>"
    )
