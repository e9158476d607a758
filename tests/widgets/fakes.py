"""Hand-made floor views and a fake runtime for the Qt tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from cockpit.domain import QueueId
from cockpit.metrics import FloorView, QueueFigures
from cockpit.runtime.health import Health, HealthState
from cockpit.settings import Settings

T0 = datetime(2026, 11, 23, 17, 0, 0, tzinfo=UTC)  # 01:00 in Shanghai

NAMES = {
    "presale": ("售前咨询", "Pre-sales"),
    "aftersale": ("售后服务", "After-sales"),
    "logistics": ("物流查询", "Logistics"),
    "refund": ("退款退货", "Refunds & returns"),
}


def figures(queue: str, **values: Any) -> QueueFigures:
    zh, en = NAMES.get(queue, (queue, queue))
    return QueueFigures(queue=QueueId(queue), name=en, names={"zh_CN": zh, "en": en}, **values)


def view(
    queues: Iterable[QueueFigures],
    *,
    at: datetime = T0,
    changed: Iterable[str] | None = None,
) -> FloorView:
    rows = tuple(queues)
    keys = frozenset(QueueId(q) for q in changed) if changed is not None else None
    return FloorView(
        generated_at=at,
        backend="sim://127.0.0.1:8765",
        queues=rows,
        changed=keys if keys is not None else frozenset(q.queue for q in rows),
    )


class FakeRuntime:
    """Runs a worker thread like the real runtime: callbacks come from it.

    ``start()`` sends a LIVE health and the first view; each ``poll_now()``
    sends the next view of ``views`` (the last one repeats).
    """

    def __init__(
        self,
        views: Iterable[FloorView] = (),
        *,
        settings: Settings | None = None,
        backend_url: str = "sim://127.0.0.1:8765",
    ) -> None:
        self.settings = settings or Settings()
        self.backend_url = backend_url
        self.calls: list[str] = []
        self.on_shutdown: Callable[[], None] | None = None
        self._views = list(views) or [view([figures("presale", open=3, waiting=1)])]
        self._on_view: Callable[[FloorView], None] | None = None
        self._on_health: Callable[[Health], None] | None = None
        self._stop = threading.Event()
        self._poll = threading.Event()
        self.thread: threading.Thread | None = None

    def subscribe(
        self, *, on_view: Callable[[FloorView], None], on_health: Callable[[Health], None]
    ) -> None:
        self.calls.append("subscribe")
        self._on_view, self._on_health = on_view, on_health

    def start(self) -> None:
        self.calls.append("start")
        self.thread = threading.Thread(target=self._run, name="fake-poller")
        self.thread.start()

    def poll_now(self) -> None:
        self.calls.append("poll_now")
        self._poll.set()

    def shutdown(self) -> None:
        self.calls.append("shutdown")
        if self.on_shutdown is not None:
            self.on_shutdown()
        self._stop.set()
        self._poll.set()
        if self.thread is not None:
            self.thread.join(5.0)

    def _run(self) -> None:
        assert self._on_view is not None
        assert self._on_health is not None
        self._on_health(Health(HealthState.LIVE, last_success=T0, last_attempt=T0))
        index = 0
        self._on_view(self._views[index])
        while not self._stop.is_set():
            self._poll.wait()
            self._poll.clear()
            if self._stop.is_set():
                break
            index = min(index + 1, len(self._views) - 1)
            self._on_view(self._views[index])
