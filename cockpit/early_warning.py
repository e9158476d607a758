"""The early-warning service: the surge detector, the breach forecast and
the staffing what-ifs, fed by the poller on its worker thread.

``attach(poller)`` subscribes ``on_batch`` (count the new tickets) and
``on_view`` (forecast from the new figures). After each poll
:attr:`EarlyWarning.latest` holds an immutable :class:`EarlyWarningView`,
swapped whole, that any thread may read; listeners get it too (on the poll
worker). jieba's dictionary loads on the first poll, on that worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from cockpit.detect import DetectorSettings, Surge, SurgeDetector
from cockpit.detect_suggest import PlaybookMatcher
from cockpit.domain import Batch
from cockpit.floor import FloorState
from cockpit.forecast import Forecast, Forecaster, ForecastSettings
from cockpit.incidents.playbook import Playbook
from cockpit.metrics import FloorView

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EarlyWarningView:
    generated_at: datetime
    surges: tuple[Surge, ...] = ()
    forecast: Forecast = field(default_factory=Forecast)


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
    ) -> None:
        """``load_playbooks``, when given, runs on the first poll (on the
        worker, so reading the files never holds up the GUI thread)."""
        self._load_playbooks = load_playbooks
        self.detector = SurgeDetector(settings=detector, matcher=PlaybookMatcher(playbooks))
        self.forecaster = Forecaster(forecast)
        self.latest: EarlyWarningView | None = None
        self._state: FloorState | None = None
        self._listeners: list[EarlyWarningListener] = []

    def attach(self, poller: _Subscribable) -> None:
        poller.subscribe(on_batch=self.on_batch, on_view=self.on_view)

    def subscribe(self, listener: EarlyWarningListener) -> None:
        self._listeners.append(listener)

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
        )
        self.latest = result
        for listener in self._listeners:
            try:
                listener(result)
            except Exception:
                log.exception("an early-warning listener failed")
