"""What the running cockpit records besides incidents: a metric sample of
every poll, the alert log (for the reviews' detection latency), the
retention roll-ups, and the shift handover at the end of each shift.

Jobs run on one BackgroundScheduler of their own: retention on an
interval trigger, the handover on a cron trigger at ``handover.time`` in
``handover.timezone``. Both only *queue* their work on the database
executor (the one writer); the GUI thread never waits on any of it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import SQLAlchemyError

from cockpit.acted_on import ActedOnTracker
from cockpit.alerts import AlertEngine, AlertEvent, MemoryAlertLog
from cockpit.clock import Clock, SystemClock
from cockpit.handover import build_handover, handover_html, shift_end
from cockpit.metrics import FloorView
from cockpit.pdf_hook import PdfFactory
from cockpit.recording import MetricsRecorder
from cockpit.runtime.executors import Executors
from cockpit.settings import Settings, data_dir
from cockpit.store.alert_log import DbAlertLog
from cockpit.store.bundle import Stores
from cockpit.store.samples import RetentionResult

log = logging.getLogger(__name__)

RETENTION_JOB = "metric_retention"
HANDOVER_JOB = "shift_handover"


class Housekeeping:
    """Recording, retention and handovers for one runtime."""

    def __init__(
        self,
        settings: Settings,
        stores: Stores,
        executors: Executors,
        *,
        clock: Clock | None = None,
        pdf: PdfFactory | None = None,
        alerts: AlertEngine | None = None,
    ) -> None:
        self.settings = settings
        self.stores = stores
        self._executors = executors
        self._clock = clock or SystemClock()
        self.pdf = pdf
        self.recorder = MetricsRecorder(stores.metrics, executors.db)
        self.acted_on = ActedOnTracker()  # timeout warnings acted on, for the handover
        # The runtime hands in its engine (it evaluates every view and takes
        # the GUI's acknowledgements): its events are stored here as they are
        # logged. Without one, this evaluates an engine of its own.
        self._evaluates = alerts is None
        if alerts is None:
            alerts = AlertEngine(
                thresholds=settings.thresholds,
                sla=settings.sla,
                settings=settings.alerts,
                log=DbAlertLog(stores.alerts, executors.db),
                clock=self._clock,
            )
        elif isinstance(alerts.log, MemoryAlertLog):
            _record_into(alerts.log, DbAlertLog(stores.alerts, executors.db))
        self.alerts = alerts
        self._view: FloorView | None = None
        self._scheduler: BackgroundScheduler | None = None

    @classmethod
    def open(
        cls,
        settings: Settings,
        executors: Executors,
        *,
        pdf: PdfFactory | None = None,
        alerts: AlertEngine | None = None,
        clock: Clock | None = None,
    ) -> Housekeeping | None:
        """Open the stores; None (logged) when the database cannot be opened."""
        try:
            stores = Stores.open(settings.database_url)
        except (SQLAlchemyError, OSError) as exc:
            log.error("metric recording is off: cannot open the database: %s", exc)
            return None
        return cls(settings, stores, executors, clock=clock, pdf=pdf, alerts=alerts)

    def attach(self, poller: Any) -> None:
        """Listen to the poller (``subscribe(on_view=…, on_batch=…)``)."""
        if self.settings.recording.enabled:
            self.recorder.attach(poller)
        poller.subscribe(on_view=self._on_view)
        self.acted_on.attach(poller)

    def _on_view(self, view: FloorView) -> None:
        self._view = view
        if self._evaluates:
            self.alerts.evaluate(view)

    # --- scheduling --------------------------------------------------------------

    def start(self) -> None:
        if self._scheduler is not None:
            return
        scheduler = BackgroundScheduler(timezone=UTC, job_defaults={"misfire_grace_time": 300})
        step = self.settings.recording.rollup_step_s
        scheduler.add_job(
            self._queue(self.apply_retention),
            "interval",
            seconds=step,
            id=RETENTION_JOB,
            coalesce=True,
            max_instances=1,
        )
        handover = self.settings.handover
        if handover.enabled:
            hour, minute = (int(part) for part in handover.time.split(":"))
            trigger = CronTrigger(hour=hour, minute=minute, timezone=ZoneInfo(handover.timezone))
            scheduler.add_job(
                self._queue(self.write_handover),
                trigger,
                id=HANDOVER_JOB,
                coalesce=True,
                max_instances=1,
            )
        scheduler.start()
        self._scheduler = scheduler

    def _queue(self, work: Callable[[], object]) -> Callable[[], Future[object] | None]:
        def submit() -> Future[object] | None:
            try:
                return self._executors.db.submit(self._safely, work)
            except RuntimeError:  # shutting down
                return None

        return submit

    @staticmethod
    def _safely(work: Callable[[], object]) -> object:
        try:
            return work()
        except Exception:
            log.exception("housekeeping job failed")
            return None

    def stop(self) -> None:
        """Stop the jobs (before the executors shut down)."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.shutdown(wait=True)

    def close(self) -> None:
        """After the executors have finished: flush nothing more, close the stores."""
        self.stores.close()

    # --- the work (on the database writer) -----------------------------------------

    def apply_retention(self) -> RetentionResult:
        recording = self.settings.recording
        return self.stores.metrics.apply_retention(
            self._clock.now(),
            step=timedelta(seconds=recording.rollup_step_s),
            raw_keep=timedelta(days=recording.raw_days),
            rollup_keep=timedelta(days=recording.rollup_days),
        )

    def output_dir(self) -> Path:
        configured = self.settings.handover.output_dir
        return Path(configured).expanduser() if configured else data_dir() / "handover"

    def write_handover(self) -> list[Path]:
        """The summary of the shift that just ended, as HTML (and PDF when a
        renderer was handed in), named after the shift's end."""
        settings = self.settings.handover
        now = self._clock.now()
        end = shift_end(now, settings)
        zone = ZoneInfo(settings.timezone)
        summary = build_handover(
            self.stores,
            end=end,
            shift=timedelta(hours=settings.shift_hours),
            now=now,
            view=self._view,
            language=settings.language,
            acted_on=self.acted_on,
        )
        folder = self.output_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"handover-{end.astimezone(zone):%Y%m%d-%H%M}"
        html = folder / f"{stem}.html"
        html.write_text(
            handover_html(summary, language=settings.language, zone=zone), encoding="utf-8"
        )
        written = [html]
        if self.pdf is not None:
            pdf = folder / f"{stem}.pdf"
            written.append(
                self.pdf().handover_pdf(summary, pdf, language=settings.language, zone=zone)
            )
        log.info("shift handover written: %s", ", ".join(str(p) for p in written))
        return written


def _record_into(source: MemoryAlertLog, target: DbAlertLog) -> None:
    """Store every event ``source`` logs from now on, and those it logged
    before (the first poll may beat the database), each once."""
    written: set[int] = set()
    lock = threading.Lock()

    def record(event: AlertEvent) -> None:
        with lock:
            if event.seq in written:
                return
            written.add(event.seq)
        target.append(event)

    source.subscribe(record)
    for event in source.events():
        record(event)
