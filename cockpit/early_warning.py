"""The early-warning service: the surge detector, the breach forecast and
the staffing what-ifs, fed by the poller on its worker thread.

``attach(poller)`` subscribes ``on_batch`` (count the new tickets) and
``on_view`` (forecast from the new figures). After each poll
:attr:`EarlyWarning.latest` holds an immutable :class:`EarlyWarningView`,
swapped whole, that any thread may read; listeners get it too (on the poll
worker). The word dictionary (rjieba) loads on the first poll, on that worker.
"""

from __future__ import annotations

import logging
import statistics
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from cockpit.backlog import BacklogRecovery, RecoveryStatus
from cockpit.detect import DetectorSettings, Surge, SurgeDetector
from cockpit.detect_suggest import PlaybookMatcher
from cockpit.detect_text import SubjectClusters
from cockpit.domain import Batch
from cockpit.floor import FloorState
from cockpit.forecast import Forecast, Forecaster, ForecastSettings
from cockpit.incidents.playbook import Playbook
from cockpit.metrics import FloorView, QueueFigures

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EarlyWarningView:
    generated_at: datetime
    surges: tuple[Surge, ...] = ()
    forecast: Forecast = field(default_factory=Forecast)
    # Backlog-recovery mode after an incident was resolved (None: not in it).
    recovery: RecoveryStatus | None = None


EarlyWarningListener = Callable[[EarlyWarningView], None]


class _Subscribable(Protocol):
    def subscribe(
        self,
        *,
        on_view: Callable[[FloorView], None] | None = None,
        on_batch: Callable[[Batch, FloorState], None] | None = None,
    ) -> None: ...


class EarlyWarning:
    """See the module docstring."""

    def __init__(
        self,
        *,
        playbooks: Sequence[Playbook] = (),
        load_playbooks: Callable[[], Sequence[Playbook]] | None = None,
        detector: DetectorSettings | None = None,
        forecast: ForecastSettings | None = None,
        background_words: bool = False,
    ) -> None:
        """``load_playbooks``, when given, runs on the first poll (on the
        worker, so reading the files never holds up the GUI thread).
        ``background_words``: load the word dictionary on a thread of its own
        (the app): subject clusters start once it is loaded, and the polls
        never wait for it."""
        self._load_playbooks = load_playbooks
        if background_words:
            clusters = SubjectClusters()
            clusters.segmenter.warm_in_background()
        else:
            clusters = None
        self.detector = SurgeDetector(
            settings=detector, matcher=PlaybookMatcher(playbooks), clusters=clusters
        )
        self.forecaster = Forecaster(forecast)
        self.latest: EarlyWarningView | None = None
        self._state: FloorState | None = None
        self._listeners: list[EarlyWarningListener] = []
        # (time, floor backlog) once a minute: the baseline of a recovery.
        self._backlog: deque[tuple[datetime, int]] = deque()
        self._recovery: BacklogRecovery | None = None
        self._resolved: tuple[datetime, datetime] | None = None
        self._known_resolved: set[int] | None = None

    def attach(self, poller: _Subscribable) -> None:
        poller.subscribe(on_batch=self.on_batch, on_view=self.on_view)

    def subscribe(self, listener: EarlyWarningListener) -> None:
        self._listeners.append(listener)

    def playbook_name(self, playbook_id: str, language: str) -> str:
        """What the screen calls a suggested playbook: its name in
        ``language`` (its id only for a playbook no longer loaded)."""
        return self.detector.matcher.playbook_name(playbook_id, language) or playbook_id

    def agents_needed(self, figures: QueueFigures) -> int | None:
        """Agents the queue needs to hold its service-level target at its
        current arrival rate (Erlang C), from the latest forecast; None
        before the first one or for a queue it has not seen. Any thread:
        it reads :attr:`latest`, which is swapped whole. The ranking's
        staffing hook (:func:`cockpit.ranking.rank_queues`); the views rank a
        poll's figures before or after its forecast, so it may be a poll old."""
        latest = self.latest
        if latest is None:
            return None
        return latest.forecast.needed_now.get(figures.queue)

    def on_batch(self, batch: Batch, state: FloorState) -> None:
        load, self._load_playbooks = self._load_playbooks, None
        if load is not None:
            try:
                self.detector.set_matcher(PlaybookMatcher(load()))
            except Exception:
                log.exception("the early warning could not load the playbooks")
        self.detector.observe(batch, state)
        self.forecaster.observe(self.detector.new_tickets)
        self._state = state

    def on_view(self, view: FloorView) -> None:
        state = self._state
        if state is None or state.server_time != view.generated_at:
            return  # a view without its batch (not from this poller)
        result = EarlyWarningView(
            generated_at=view.generated_at,
            surges=self.detector.surges,
            forecast=self.forecaster.forecast(view, state),
            recovery=self._follow_recovery(view, state),
        )
        self.latest = result
        for listener in self._listeners:
            try:
                listener(result)
            except Exception:
                log.exception("an early-warning listener failed")

    # --- backlog recovery ----------------------------------------------------------

    def resolved(self, *, declared_at: datetime, resolved_at: datetime) -> None:
        """An incident was resolved: recovery mode starts on the next poll."""
        self._resolved = (declared_at, resolved_at)

    def watch_incidents(self, incidents: Iterable[_Resolvable]) -> None:
        """Given the recent incidents (any thread), start recovery mode for
        one resolved since the last call; the first call only learns them."""
        records = list(incidents)
        done = {i.id for i in records if i.resolved_at is not None}
        known, self._known_resolved = self._known_resolved, done
        if known is None:
            return
        fresh = [i for i in records if i.resolved_at is not None and i.id not in known]
        if fresh:
            latest = max(fresh, key=lambda i: i.resolved_at or i.declared_at)
            assert latest.resolved_at is not None
            self.resolved(declared_at=latest.declared_at, resolved_at=latest.resolved_at)

    def _follow_recovery(self, view: FloorView, state: FloorState) -> RecoveryStatus | None:
        now = view.generated_at
        backlog = sum(q.waiting for q in view.queues)
        if not self._backlog or now - self._backlog[-1][0] >= timedelta(minutes=1):
            self._backlog.append((now, backlog))
            while self._backlog and self._backlog[0][0] < now - timedelta(hours=3):
                self._backlog.popleft()
        start, self._resolved = self._resolved, None
        if start is not None:
            declared, resolved = start
            before = [b for t, b in self._backlog if declared - timedelta(hours=1) <= t < declared]
            if before:
                baseline = round(statistics.median(before))
            else:  # not watching before the incident: the lowest backlog seen
                baseline = min(b for _, b in self._backlog)
            self._recovery = BacklogRecovery(since=resolved, baseline=baseline)
        recovery = self._recovery
        if recovery is None:
            return None
        status = recovery.observe(state)
        if status.done and status.cleared_at and now - status.cleared_at > timedelta(minutes=10):
            self._recovery = None  # shown a while after it ended, then gone
        return status


class _Resolvable(Protocol):
    id: int
    declared_at: datetime
    resolved_at: datetime | None
