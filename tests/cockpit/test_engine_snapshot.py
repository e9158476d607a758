"""``snapshot --json`` gains the open incident with its checklist and the
backend's auto-reply."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cockpit.backends.base import AutoReplyState, Capabilities
from cockpit.clock import ManualClock, format_time
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.playbook import load_library
from cockpit.incidents.snapshot import incident_json
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentStore
from tests.cockpit.factories import T0
from tests.cockpit.fakes import FakeBackend


def test_snapshot_without_and_with_an_incident(tmp_path: Path) -> None:
    store = IncidentStore.open(f"sqlite:///{tmp_path / 'c.db'}")
    backend = FakeBackend()
    backend.auto_reply = AutoReplyState(enabled=False, message="")
    clock = ManualClock(T0)
    webhooks = WebhookSender(secrets=lambda name: None)
    engine = IncidentEngine(store, backend, library=load_library(), clock=clock, webhooks=webhooks)
    try:
        assert incident_json(store, backend, now=T0) == {
            "incident": None,
            "incidents": [],
            "auto_reply": {"enabled": False, "message": "", "topics": []},
        }
        incident_id = engine.declare("public_opinion", summary="微博发酵", who="li").incident.id
        clock.advance(timedelta(minutes=20))
        engine.complete_step(incident_id, "report_supervisor", who="li")
        document = incident_json(store, backend, now=clock.now())
        incident = document["incident"]
        assert (incident["id"], incident["kind"], incident["severity"]) == (
            incident_id,
            "public_opinion",
            "critical",
        )
        assert incident["declared_at"] == format_time(T0)
        steps = {s["step"]: s for s in incident["checklist"]}
        assert steps["report_supervisor"]["due_at"] == format_time(T0 + timedelta(hours=1))
        assert steps["report_supervisor"]["done_at"] == format_time(clock.now())
        assert steps["report_supervisor"]["status"] == "done"
        assert steps["agree_message"]["done_at"] is None
        assert steps["customer_update"]["every_s"] == 7200
        assert document["incidents"] == [incident]
        assert document["auto_reply"]["enabled"] is False  # this playbook leaves the bot alone
        backend.capabilities = Capabilities(frozenset())  # type: ignore[misc]
        assert incident_json(store, backend)["auto_reply"] is None
    finally:
        webhooks.close()
        store.close()
