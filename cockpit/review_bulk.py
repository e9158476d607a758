"""The mass replies of an incident, each with the floor's service level just
before and just after it, so a reader of the review sees what one reply to
many tickets did to the figure (a first response to hundreds of waiting
tickets at once can lift it on its own, without any customer being helped
sooner).

A mass reply is one run of consecutive ticket replies in the event log (as
the timeline collapses them). The level is the floor sample's
``service_level``: the last sample at or before the run's first reply, and
the first sample after its last reply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cockpit.incidents.model import Action
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
    # When the two samples were taken (None: no sample on that side).
    before_at: datetime | None
    after_at: datetime | None

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


def bulk_replies(events: Sequence[EventRecord], samples: Sequence[Sample]) -> list[BulkReplyImpact]:
    floor = sorted(
        (s for s in samples if s.queue == FLOOR and s.service_level is not None),
        key=lambda s: s.at,
    )
    found = []
    for run in _runs(events):
        intents = [e for e in run if e.phase is Phase.INTENT]
        outcomes = [e for e in run if e.phase is Phase.OUTCOME]
        if not intents:
            continue
        start, end = intents[0].at, max(e.at for e in run)
        before = next((s for s in reversed(floor) if s.at <= start), None)
        after = next((s for s in floor if s.at > end), None)
        replied = sum(1 for e in outcomes if e.outcome is Outcome.OK)
        found.append(
            BulkReplyImpact(
                started_at=start,
                ended_at=end,
                who=intents[0].who,
                script=str(intents[0].payload.get("script", "")),
                replied=replied,
                not_replied=len(intents) - replied,
                level_before=None if before is None else before.service_level,
                level_after=None if after is None else after.service_level,
                before_at=None if before is None else before.at,
                after_at=None if after is None else after.at,
            )
        )
    return found
