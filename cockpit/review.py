"""The post-incident review: what the incident did to the floor, how fast
the team responded, what was done when, and what is to follow.

:func:`build_review` reads the incident, its event log, the metric samples
and the alert log, and returns a :class:`Review` (structured data only;
exports live in :mod:`cockpit.review_export` and :mod:`cockpit.review_html`).

Windows (all half-open, ``(start, end]``):
- **incident**: declaration → resolution (or now, while still open);
- **baseline**: before the declaration, either the same length right before
  it (``same_length``) or the same hours of the previous day
  (``previous_day``);
- **recovery**: the same length again after the resolution (cut at now).
Figures per phase: :mod:`cockpit.review_impact`. Latencies, checklist,
timeline and responders: :mod:`cockpit.review_log`. Mass replies and the
service level around each: :mod:`cockpit.review_bulk`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from cockpit.incidents.checklist import steps_of
from cockpit.incidents.model import Action
from cockpit.incidents.playbook import LocalText, Playbook
from cockpit.review_bulk import BulkReplyImpact, bulk_replies
from cockpit.review_impact import PhaseImpact, PhaseName, SeriesPoint, Window, phase_impact, series
from cockpit.review_log import (
    DETECTION_LOOKBACK,
    Latency,
    Responder,
    StepCompliance,
    TimelineEntry,
    checklist,
    latencies,
    notes,
    responders,
    timeline,
)
from cockpit.store.bundle import Stores
from cockpit.store.incidents import EventRecord, IncidentRecord
from cockpit.store.reviews import ActionItem, WrittenParts
from cockpit.store.samples import FLOOR, Sample

REVIEW_VERSION = 1
MARKED_ACTIONS = frozenset(
    {
        Action.DECLARE,
        Action.BOT_ON,
        Action.SCRIPT_PUBLISH,
        Action.WEBHOOK,
        Action.STATUS_UPDATE,
        Action.BOT_RESTORE,
        Action.RESOLVE,
    }
)


class BaselineMode(StrEnum):
    SAME_LENGTH = "same_length"
    PREVIOUS_DAY = "previous_day"


@dataclass(frozen=True, slots=True)
class IncidentInfo:
    id: int
    kind: str
    playbook_id: str
    names: Mapping[str, str]
    severity: str
    summary: str
    declared_at: datetime
    declared_by: str
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    # The playbook's words for its ids, per language: team chats, checklist
    # steps and scripts (``{"floor_leads": {"zh_CN": "现场组长群", "en": …}}``).
    chats: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    steps: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    scripts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def duration(self) -> timedelta | None:
        return None if self.resolved_at is None else self.resolved_at - self.declared_at


@dataclass(frozen=True, slots=True)
class Marker:
    """An event to mark on the charts' time axis."""

    at: datetime
    action: str


@dataclass(frozen=True, slots=True)
class Review:
    incident: IncidentInfo
    generated_at: datetime
    baseline_mode: BaselineMode
    windows: tuple[Window, ...]
    impact: tuple[PhaseImpact, ...]
    latencies: tuple[Latency, ...]
    checklist: tuple[StepCompliance, ...]
    timeline: tuple[TimelineEntry, ...]
    notes: tuple[TimelineEntry, ...]
    responders: tuple[Responder, ...]
    written: WrittenParts
    action_items: tuple[ActionItem, ...]
    series: tuple[SeriesPoint, ...]
    markers: tuple[Marker, ...]
    # Each mass reply with the service level just before and after it.
    bulk_replies: tuple[BulkReplyImpact, ...] = ()
    # The raw material, for the JSON and CSV exports: every sample (all
    # queues and the floor) over the windows, and the whole event log.
    samples: tuple[Sample, ...] = field(default=(), repr=False)
    events: tuple[EventRecord, ...] = field(default=(), repr=False)

    def phase(self, name: PhaseName) -> PhaseImpact | None:
        return next((p for p in self.impact if p.phase is name), None)

    @property
    def unrecorded(self) -> tuple[PhaseName, ...]:
        """The windows with no floor samples: nothing was recording then
        (neither the window nor ``cockpit record``), so their figures are
        missing, not zero."""
        return tuple(p.phase for p in self.impact if p.samples == 0)

    @property
    def span(self) -> tuple[datetime, datetime]:
        return self.windows[0].start, self.windows[-1].end


def review_windows(
    incident: IncidentRecord,
    now: datetime,
    *,
    baseline: BaselineMode = BaselineMode.SAME_LENGTH,
    recovery: timedelta | None = None,
) -> tuple[Window, ...]:
    """The baseline, incident and (once resolved) recovery windows."""
    declared = incident.declared_at
    end = incident.resolved_at or max(now, declared)
    length = max(end - declared, timedelta(minutes=1))
    if baseline is BaselineMode.PREVIOUS_DAY:
        day = timedelta(days=1)
        before = Window(PhaseName.BASELINE, declared - day, declared - day + length)
    else:
        before = Window(PhaseName.BASELINE, declared - length, declared)
    windows = [before, Window(PhaseName.INCIDENT, declared, end)]
    if incident.resolved_at is not None:
        after_end = min(end + (recovery or length), max(now, end))
        if after_end > end:
            windows.append(Window(PhaseName.RECOVERY, end, after_end))
    return tuple(windows)


def _both(text: LocalText) -> dict[str, str]:
    return {"zh_CN": text.zh_CN, "en": text.en}


def _info(incident: IncidentRecord, playbook: Playbook | None) -> IncidentInfo:
    names: dict[str, str] = {}
    chats: dict[str, dict[str, str]] = {}
    steps: dict[str, dict[str, str]] = {}
    scripts: dict[str, dict[str, str]] = {}
    if playbook is not None:
        names = _both(playbook.names)
        for chat in playbook.team.channels if playbook.team else []:
            chats[chat.name] = {lang: chat.title(lang) for lang in ("zh_CN", "en")}
        steps = {step.id: _both(step.title) for step in steps_of(playbook)}
        scripts = {script.id: _both(script.title) for script in playbook.scripts}
    return IncidentInfo(
        id=incident.id,
        kind=incident.kind,
        playbook_id=incident.playbook_id,
        names=names,
        severity=incident.severity,
        summary=incident.summary,
        declared_at=incident.declared_at,
        declared_by=incident.declared_by,
        resolved_at=incident.resolved_at,
        resolved_by=incident.resolved_by,
        resolution=incident.resolution,
        chats=chats,
        steps=steps,
        scripts=scripts,
    )


def _playbook(incident: IncidentRecord) -> Playbook | None:
    try:
        return Playbook.from_json(incident.playbook)
    except (ValueError, TypeError):  # an old or hand-made record
        return None


def build_review(
    stores: Stores,
    incident_id: int,
    *,
    now: datetime,
    baseline: BaselineMode = BaselineMode.SAME_LENGTH,
    recovery: timedelta | None = None,
    lookback: timedelta = DETECTION_LOOKBACK,
) -> Review:
    """The review of ``incident_id`` as of ``now``; raises
    :class:`~cockpit.store.incidents.UnknownIncident`."""
    incident = stores.incidents.get(incident_id)
    playbook = _playbook(incident)
    events = stores.incidents.events(incident_id)
    windows = review_windows(incident, now, baseline=baseline, recovery=recovery)
    first, last = windows[0].start, windows[-1].end
    every = stores.metrics.samples(min(first, windows[1].start), last, queue=None)
    floor = [s for s in every if s.queue == FLOOR]
    alerts = stores.alerts.events(incident.declared_at - lookback, incident.declared_at)
    watching = stores.metrics.samples(
        incident.declared_at - 2 * lookback, incident.declared_at, queue=FLOOR
    )
    written = stores.reviews.written(incident_id)
    if not written.resolution and incident.resolution:
        written = _with_resolution(written, incident.resolution)
    chart_from = min(w.start for w in windows)
    return Review(
        incident=_info(incident, playbook),
        generated_at=now,
        baseline_mode=baseline,
        windows=windows,
        impact=tuple(phase_impact(w, floor) for w in windows),
        latencies=tuple(
            latencies(
                incident,
                events,
                alerts,
                lookback=lookback,
                watching_since=watching[0].at if watching else None,
            )
        ),
        checklist=tuple(checklist(playbook, incident, events, now)) if playbook else (),
        timeline=tuple(timeline(events)),
        notes=tuple(notes(events)),
        responders=tuple(responders(events)),
        written=written,
        action_items=tuple(stores.reviews.action_items(incident_id)),
        series=tuple(_chart_series(floor, windows, chart_from, last)),
        markers=tuple(_markers(events)),
        bulk_replies=tuple(bulk_replies(events, floor)),
        samples=tuple(every),
        events=tuple(events),
    )


def _with_resolution(written: WrittenParts, resolution: str) -> WrittenParts:
    return WrittenParts(
        written.owner,
        written.summary,
        written.causes,
        resolution,
        written.updated_at,
        written.updated_by,
    )


def _chart_series(
    floor: list[Sample], windows: tuple[Window, ...], start: datetime, end: datetime
) -> list[SeriesPoint]:
    """One series over the incident and recovery and, for a same-length
    baseline, the time right before; a previous-day baseline is not charted
    (it lies a day away)."""
    if windows[0].end != windows[1].start:
        start = windows[1].start
    return series(floor, start, end)


def _markers(events: list[EventRecord]) -> list[Marker]:
    """The first successful (or recorded) event of each marked action."""
    seen: set[str] = set()
    markers: list[Marker] = []
    for event in events:
        if event.action not in MARKED_ACTIONS or event.phase.value == "intent":
            continue
        if event.outcome.value != "ok":
            continue
        key = event.action if event.action != Action.STATUS_UPDATE else f"{event.id}"
        if key in seen:
            continue
        seen.add(key)
        markers.append(Marker(event.at, event.action))
    return markers
