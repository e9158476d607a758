"""A real incident engine on a temporary SQLite file, a fake backend, a
manual clock and an immediate executor: incident widgets run their ops
inline, so tests are deterministic and need no waiting."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from cockpit.backends.base import AutoReplyState, Capabilities, Capability
from cockpit.clock import ManualClock
from cockpit.domain import Ticket
from cockpit.incidents.engine import IncidentEngine, TickResult
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.runtime.executors import ImmediateExecutor
from cockpit.store.incidents import IncidentStore
from tests.cockpit.factories import T0
from tests.cockpit.fakes import FakeBackend

BEFORE = AutoReplyState(enabled=True, message="夜间值班中，请稍候", topics=("refund",))


class FakeHost:
    """Stands in for the runtime: ``require_engine``, ``open_tickets``, ``run_op``."""

    def __init__(
        self,
        tmp_path: Path,
        *,
        backend: FakeBackend | None = None,
        secrets: dict[str, str] | None = None,
    ) -> None:
        self.store = IncidentStore.open(f"sqlite:///{tmp_path / 'incidents.db'}")
        self.clock = ManualClock(T0)
        self.backend = backend or FakeBackend()
        self.backend.auto_reply = BEFORE
        self.webhooks = WebhookSender(secrets=(secrets or {}).get)
        self.engine = IncidentEngine(
            self.store,
            self.backend,
            library=load_library(),
            clock=self.clock,
            webhooks=self.webhooks,
        )
        self.tickets: list[Ticket] = []
        self.tick_listeners: list[Callable[[TickResult], None]] = []
        self._executor = ImmediateExecutor()

    def subscribe_incidents(self, *, on_tick: Callable[[TickResult], None]) -> None:
        self.tick_listeners.append(on_tick)

    def require_engine(self) -> IncidentEngine:
        return self.engine

    def open_tickets(self) -> list[Ticket]:
        return [t for t in self.tickets if t.is_open]

    def run_op(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._executor.submit(fn, *args, **kwargs)

    def declare(self, playbook: str = "service_outage", **kw: Any) -> int:
        kw.setdefault("summary", "登录失败激增")
        kw.setdefault("who", "lead-li")
        return self.engine.declare(playbook, **kw).incident.id

    def close(self) -> None:
        self.webhooks.close()
        self.store.close()


def backend_without(*missing: Capability) -> FakeBackend:
    """A fake backend that lacks ``missing``, with the helpdesk's reason codes."""
    reasons = {
        Capability.AUTO_REPLY: "no_auto_reply_api",
        Capability.REPLY_SCRIPTS: "no_canned_reply_api",
        Capability.TICKET_REPLY: "reply_needs_channel",
    }
    backend = FakeBackend()
    backend.capabilities = Capabilities(
        frozenset(Capability) - set(missing), {c: reasons[c] for c in missing}
    )
    return backend


class Answers:
    """Answers confirmations and records what was asked."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget | None, _title: str, text: str, _action: str) -> bool:
        self.asked.append(text)
        return self.answer
