"""The mass replies of an incident, each with the floor's service level just
before and just after it, so a reader of the review sees what one reply to
many tickets did to the figure (a first response to hundreds of waiting
tickets at once can lift it on its own, without any customer being helped
sooner).

A mass reply is one run of consecutive ticket replies in the event log (as
the timeline collapses them). The level is the floor sample's
``service_level`` when the samples carry one (the last sample at or before
the run's first reply, the first sample after its last reply); otherwise it
is the review's own figure (on-time share of the first responses, see
:mod:`cockpit.review_impact`) over ``AROUND`` before the first reply and
``AROUND`` after the last one, which holds the mass reply's responses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.incidents.model import Action
from cockpit.review_impact import PhaseName, Window, phase_impact
from cockpit.store.incidents import EventRecord, Outcome, Phase
from cockpit.store.samples import FLOOR, Sample


@dataclass(frozen=True, slots=True)
class BulkReplyImpact:
    started_at: datetime
    ended_at: datetime
    who: str
    script: str
    # Replies that got through, and the ones that did not (failed, unknown).
    replied: int
    not_replied: int
    level_before: float | None
    level_after: float | None
    # The figures are as of these times (None: no sample on that side) and
    # cover this long before/after them (0: one sample's live figure).
    before_at: datetime | None
    after_at: datetime | None
    span_s: float = 0.0

    @property
    def change(self) -> float | None:
        if self.level_before is None or self.level_after is None:
            return None
        return self.level_after - self.level_before


def _runs(events: Iterable[EventRecord]) -> list[list[EventRecord]]:
    """Runs of consecutive ticket-reply events (intents and outcomes)."""
    runs: list[list[EventRecord]] = []
    current: list[EventRecord] = []
    for event in events:
        if event.action == Action.TICKET_REPLY and event.phase is not Phase.RECORD:
            current.append(event)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


AROUND = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class _Levels:
    before: float | None
    after: float | None
    before_at: datetime | None
    after_at: datetime | None
    span_s: float


def _levels(
    floor: Sequence[Sample], live: Sequence[Sample], start: datetime, end: datetime
) -> _Levels:
    """The service level before ``start`` and after ``end`` (see the module doc)."""
    if live:
        before = next((s for s in reversed(live) if s.at <= start), None)
        after = next((s for s in live if s.at > end), None)
        return _Levels(
            None if before is None else before.service_level,
            None if after is None else after.service_level,
            None if before is None else before.at,
            None if after is None else after.at,
            0.0,
        )
    ahead = phase_impact(Window(PhaseName.INCIDENT, start - AROUND, start), floor)
    behind = phase_impact(Window(PhaseName.INCIDENT, end, end + AROUND), floor)
    return _Levels(ahead.service_level, behind.service_level, start, end, AROUND.total_seconds())


def bulk_replies(events: Sequence[EventRecord], samples: Sequence[Sample]) -> list[BulkReplyImpact]:
    floor = sorted((s for s in samples if s.queue == FLOOR), key=lambda s: s.at)
    live = [s for s in floor if s.service_level is not None]
    found = []
    for run in _runs(events):
        intents = [e for e in run if e.phase is Phase.INTENT]
        if not intents:
            continue
        start, end = intents[0].at, max(e.at for e in run)
        replied = sum(1 for e in run if e.phase is Phase.OUTCOME and e.outcome is Outcome.OK)
        levels = _levels(floor, live, start, end)
        found.append(
            BulkReplyImpact(
                started_at=start,
                ended_at=end,
                who=intents[0].who,
                script=str(intents[0].payload.get("script", "")),
                replied=replied,
                not_replied=len(intents) - replied,
                level_before=levels.before,
                level_after=levels.after,
                before_at=levels.before_at,
                after_at=levels.after_at,
                span_s=levels.span_s,
            )
        )
    return found
