"""Incident records as JSON-ready data (for the command line)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from cockpit.clock import format_time
from cockpit.incidents.broadcast import BroadcastPreview
from cockpit.incidents.delivery import DeliveryState
from cockpit.incidents.matching import MatchPreview
from cockpit.incidents.model import ActionResult, Change
from cockpit.store.incidents import EventRecord, IncidentRecord


def _time(value: datetime | None) -> str | None:
    return None if value is None else format_time(value)


def incident_json(incident: IncidentRecord) -> dict[str, Any]:
    return {
        "id": incident.id,
        "kind": incident.kind,
        "playbook": incident.playbook_id,
        "severity": incident.severity,
        "summary": incident.summary,
        "declared_at": _time(incident.declared_at),
        "declared_by": incident.declared_by,
        "active": incident.active,
        "variables": dict(incident.variables),
        "resolved_at": _time(incident.resolved_at),
        "resolved_by": incident.resolved_by,
        "resolution": incident.resolution,
    }


def event_json(event: EventRecord) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": _time(event.at),
        "who": event.who,
        "action": event.action,
        "phase": event.phase.value,
        "outcome": event.outcome.value,
        "related_id": event.related_id,
        "payload": dict(event.payload),
        # ``at`` is floor time (the backend's); the wall clock beside it.
        "wall_at": _time(event.wall_at),
        "time_base": event.time_base,
    }


def result_json(result: ActionResult) -> dict[str, Any]:
    return {
        "action": result.action.value,
        "outcome": result.outcome.value,
        "target": result.target,
        "reason": result.reason,
        "detail": result.detail,
        "event_id": result.event_id,
        "retry_at": _time(result.retry_at),
        "skipped": result.skipped,
    }


def change_json(change: Change) -> dict[str, Any]:
    return {
        "incident": incident_json(change.incident),
        "joined": change.joined,
        "ok": change.ok,
        "results": [result_json(r) for r in change.results],
        "events": [event_json(e) for e in change.events],
    }


def preview_json(preview: BroadcastPreview) -> dict[str, Any]:
    return {
        "incident": preview.incident_id,
        "script": preview.script_id,
        "messages": [
            {
                "target": str(m.target),
                "languages": list(m.languages),
                "title": m.title,
                "text": m.text,
            }
            for m in preview.messages
        ],
        "problems": [
            {
                "target": str(p.target),
                "reason": p.reason,
                "detail": p.detail,
                "not_supported": p.not_supported,
            }
            for p in preview.problems
        ],
    }


def match_json(preview: MatchPreview) -> dict[str, Any]:
    return {
        "count": preview.count,
        "ticket_ids": list(preview.ticket_ids),
        "already_answered": preview.already_answered,
    }


def delivery_json(state: DeliveryState) -> dict[str, Any]:
    data = asdict(state)
    data["outcome"] = state.outcome.value
    for key in ("first_at", "last_at", "next_attempt_at"):
        data[key] = _time(data[key])
    return data
