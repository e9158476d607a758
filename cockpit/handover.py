"""The shift handover: a short summary for the next shift of what happened,
what is still open (escalations, incidents) and where the SLA was missed.

The shift ends at the configured time (``handover.time``, 02:00 by default:
after the 0–2 am peak) in ``handover.timezone`` and lasts
``handover.shift_hours``. :func:`build_handover` reads the metric samples
(the figures, as in a review phase, for the floor and per queue) and the
incident store; the open escalations come from the latest floor view, when
there is one. :func:`handover_html` renders it; the PDF uses the same HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from html import escape
from zoneinfo import ZoneInfo

from cockpit.acted_on import ActedOnRow, ActedOnTracker, acted_on_html
from cockpit.durations import export_duration
from cockpit.escalations import level_name
from cockpit.metrics import FloorView
from cockpit.review_html import document, table
from cockpit.review_impact import PhaseImpact, PhaseName, Window, phase_impact
from cockpit.review_labels import Labels
from cockpit.settings import HandoverSettings
from cockpit.store.bundle import Stores
from cockpit.store.incidents import IncidentRecord
from cockpit.store.samples import FLOOR, Sample


@dataclass(frozen=True, slots=True)
class QueueShift:
    queue: str
    name: str
    created: int
    responses: int
    late_responses: int
    service_level: float | None
    breached_peak: int
    breached_now: int


@dataclass(frozen=True, slots=True)
class IncidentLine:
    id: int
    kind: str
    severity: str
    summary: str
    declared_at: datetime
    resolved_at: datetime | None
    # The playbook's names of the incident, per language.
    names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EscalationLine:
    ticket: str
    queue: str
    level: str
    since: datetime
    flags: tuple[str, ...]
    subject: str
    # The backend's name of the queue ("" when unknown).
    queue_name: str = ""


@dataclass(frozen=True, slots=True)
class Handover:
    generated_at: datetime
    start: datetime
    end: datetime
    floor: PhaseImpact
    queues: tuple[QueueShift, ...]
    incidents: tuple[IncidentLine, ...]  # declared or still open during the shift
    open_incidents: tuple[IncidentLine, ...]
    # None when the floor was not polled for this summary.
    escalations: tuple[EscalationLine, ...] | None
    # Timeout warnings acted on, per queue (None: not tracked).
    acted_on: tuple[ActedOnRow, ...] | None = None


def shift_end(now: datetime, settings: HandoverSettings) -> datetime:
    """The latest shift end at or before ``now``."""
    zone = ZoneInfo(settings.timezone)
    local = now.astimezone(zone)
    hour, minute = (int(part) for part in settings.time.split(":"))
    end = datetime.combine(local.date(), time(hour, minute), tzinfo=zone)
    if end > local:
        end -= timedelta(days=1)
    return end


def _line(incident: IncidentRecord) -> IncidentLine:
    names = incident.playbook.get("names")
    return IncidentLine(
        incident.id,
        incident.kind,
        incident.severity,
        incident.summary,
        incident.declared_at,
        incident.resolved_at,
        {str(k): str(v) for k, v in names.items()} if isinstance(names, Mapping) else {},
    )


def _queues(samples: list[Sample], window: Window, names: dict[str, str]) -> list[QueueShift]:
    by_queue: dict[str, list[Sample]] = {}
    for s in samples:
        if s.queue != FLOOR:
            by_queue.setdefault(s.queue, []).append(s)
    rows = []
    for queue, own in by_queue.items():
        figures = phase_impact(window, own)
        latest = max(own, key=lambda s: s.at)
        rows.append(
            QueueShift(
                queue=queue,
                name=names.get(queue, queue),
                created=figures.created,
                responses=figures.responses,
                late_responses=figures.late_responses,
                service_level=figures.service_level,
                breached_peak=figures.breached_peak,
                breached_now=latest.breached,
            )
        )
    return sorted(rows, key=lambda r: (-r.late_responses, -r.breached_now, r.queue))


def build_handover(
    stores: Stores,
    *,
    end: datetime,
    shift: timedelta,
    now: datetime,
    view: FloorView | None = None,
    language: str = "en",
    acted_on: ActedOnTracker | None = None,
) -> Handover:
    start = end - shift
    window = Window(PhaseName.INCIDENT, start, end)
    samples = stores.metrics.samples(start, end, queue=None)
    floor = phase_impact(window, [s for s in samples if s.queue == FLOOR])
    names: dict[str, str] = {}
    if view is not None:
        names = {str(q.queue): q.display_name(language) for q in view.queues}
    recent = stores.incidents.recent(200)
    during = [
        i
        for i in recent
        if i.declared_at <= end and (i.resolved_at is None or i.resolved_at > start)
    ]
    escalations = None
    if view is not None:
        escalations = tuple(
            EscalationLine(
                r.ticket,
                r.queue,
                level_name(r.level),
                r.since,
                tuple(f.value for f in r.flags),
                r.subject,
                names.get(str(r.queue), ""),
            )
            for r in view.escalations
        )
    return Handover(
        generated_at=now,
        start=start,
        end=end,
        floor=floor,
        queues=tuple(_queues(samples, window, names)),
        incidents=tuple(_line(i) for i in sorted(during, key=lambda i: i.declared_at)),
        open_incidents=tuple(_line(i) for i in stores.incidents.active()),
        escalations=escalations,
        acted_on=None if acted_on is None else acted_on.rates(start, end),
    )


def _e(value: object) -> str:
    return escape(str(value))


def handover_body(handover: Handover, *, language: str, zone: tzinfo) -> str:
    t, f = Labels(language), handover.floor
    span = f"{t.time(handover.start, zone)} – {t.time(handover.end, zone)}"
    facts = [
        (t("created"), str(f.created)),
        (t("complaints"), str(f.complaints)),
        (t("bot_deflected"), str(f.bot_deflected)),
        (t("late_responses"), f"{f.late_responses} / {f.responses}"),
        (t("service_level"), t.percent(f.service_level)),
        (t("mean_wait"), export_duration(f.mean_wait_s, language=t.language)),
        (t("peak_wait"), export_duration(f.peak_wait_s, language=t.language)),
        (t("breached_peak"), str(f.breached_peak)),
    ]
    parts = [
        f"<h1>{_e(t('handover_title'))}</h1><p class='lead'>{_e(t('shift'))}: {_e(span)}</p>",
        f"<h2>{_e(t('what_happened'))}</h2>" + table(None, facts),
        f"<h2>{_e(t('breaches_by_queue'))}</h2>",
    ]
    queue_rows = [
        (q.name if q.name != q.queue else t.queue(q.queue), str(q.created),
         f"{q.late_responses} / {q.responses}", t.percent(q.service_level), str(q.breached_now))
        for q in handover.queues
    ]  # fmt: skip
    head = (
        t("queue"), t("created"), t("late_responses"), t("service_level"), t("breached_at_end")
    )  # fmt: skip
    parts.append(table(head, queue_rows) if queue_rows else f"<p>{_e(t('no_samples'))}</p>")
    for key, lines in (
        ("open_incidents", handover.open_incidents),
        ("incidents_in_shift", handover.incidents),
    ):
        rows = [
            (f"#{i.id} {t.local(i.names) if i.names else i.kind}", t.severity(i.severity),
             i.summary, t.time(i.declared_at, zone),
             t.time(i.resolved_at, zone) if i.resolved_at else t("still_open"))
            for i in lines
        ]  # fmt: skip
        head = (t("incident"), t("severity"), t("summary"), t("declared"), t("resolved"))
        parts.append(f"<h2>{_e(t(key))}</h2>")
        parts.append(table(head, rows) if rows else f"<p>{_e(t('none'))}</p>")
    parts.append(acted_on_html(handover.acted_on, language=language))
    parts.append(f"<h2>{_e(t('open_escalations'))}</h2>")
    if handover.escalations is None:
        parts.append(f"<p class='muted'>{_e(t('floor_unknown'))}</p>")
    elif not handover.escalations:
        parts.append(f"<p>{_e(t('none'))}</p>")
    else:
        comma = "、" if t.language == "zh_CN" else ", "
        escalated = [
            (e.ticket, e.queue_name or t.queue(e.queue), t.role(e.level), t.time(e.since, zone),
             comma.join(t.flag(f) for f in e.flags), e.subject)
            for e in handover.escalations
        ]  # fmt: skip
        escalated_head = (
            t("ticket"), t("queue"), t("level"), t("since"), t("flags"), t("subject")
        )  # fmt: skip
        parts.append(table(escalated_head, escalated))
    return "".join(parts)


def handover_html(handover: Handover, *, language: str, zone: tzinfo) -> str:
    title = Labels(language)("handover_title")
    return document(title, handover_body(handover, language=language, zone=zone), language)
