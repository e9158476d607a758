"""Incident mode in ``snapshot --json``: the open incident with its checklist,
and the backend's bot auto-reply."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cockpit.backends.base import BackendError, Capability, TicketBackend
from cockpit.clock import SystemClock, format_time
from cockpit.incidents.checklist import StepState
from cockpit.incidents.model import Action
from cockpit.incidents.playbook import Playbook
from cockpit.incidents.queries import incident_checklist
from cockpit.store.incidents import IncidentRecord, IncidentStore


def _time(value: datetime | None) -> str | None:
    return None if value is None else format_time(value)


def step_json(state: StepState) -> dict[str, Any]:
    return {
        "step": state.step_id,
        "title": dict(state.title),
        "owner": state.owner,
        "every_s": None if state.every is None else state.every.total_seconds(),
        "due_at": _time(state.due_at),
        "done_at": _time(state.done_at),
        "status": state.status.value,
    }


def incident_record_json(
    store: IncidentStore, incident: IncidentRecord, now: datetime
) -> dict[str, Any]:
    playbook = Playbook.from_json(incident.playbook)
    events = store.events(incident.id, actions=[Action.STEP_DONE.value, Action.STATUS_UPDATE.value])
    return {
        "id": incident.id,
        "kind": incident.kind,
        "playbook": incident.playbook_id,
        "severity": incident.severity,
        "summary": incident.summary,
        "declared_at": _time(incident.declared_at),
        "declared_by": incident.declared_by,
        "resolved_at": _time(incident.resolved_at),
        "checklist": [step_json(s) for s in incident_checklist(playbook, incident, events, now)],
    }


def auto_reply_json(backend: TicketBackend) -> dict[str, Any] | None:
    """The bot auto-reply, or None when the backend cannot tell."""
    if Capability.AUTO_REPLY not in backend.capabilities:
        return None
    try:
        state = backend.get_auto_reply()
    except BackendError:
        return None
    return {"enabled": state.enabled, "message": state.message, "topics": list(state.topics)}


def incident_json(
    store: IncidentStore, backend: TicketBackend, *, now: datetime | None = None
) -> dict[str, Any]:
    """``{"incident": …, "incidents": […], "auto_reply": …}``: ``incident``
    is the most recently declared open incident (null when none), and
    ``incidents`` lists every open one (one per kind)."""
    now = now or SystemClock().now()
    active = [incident_record_json(store, i, now) for i in store.active()]
    return {
        "incident": active[-1] if active else None,
        "incidents": active,
        "auto_reply": auto_reply_json(backend),
    }
