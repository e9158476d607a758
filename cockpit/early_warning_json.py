"""The early warning as JSON-ready data: the ``surges``, ``forecast`` and
``staffing`` keys of the snapshot (``main.py snapshot --json``)."""

from __future__ import annotations

from typing import Any

from cockpit.clock import format_time
from cockpit.detect import Surge
from cockpit.early_warning import EarlyWarningView
from cockpit.forecast import Move, QueueForecast, StaffingRow


def surge_json(s: Surge) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "key": s.key,
        "label": s.label,
        "started_at": format_time(s.started_at),
        "ratio": s.ratio,
        "window_s": s.window_s,
        "count_15m": s.count_15m,
        "expected_15m": s.expected_15m,
        "baseline": s.baseline,
        "public_opinion": s.public_opinion,
        "playbook": s.playbook_id,
        "queues": [{"queue": q, "tickets": n} for q, n in s.queues],
        "topics": list(s.topics),
        "keywords": list(s.keywords),
        "ticket_ids": list(s.ticket_ids),
    }


def forecast_json(q: QueueForecast) -> dict[str, Any]:
    return {
        "queue": q.queue,
        "arrivals_per_min": q.arrivals_per_min,
        "forecast_arrivals_per_min": q.forecast_arrivals_per_min,
        "answers_per_min": q.answers_per_min,
        "capacity_per_min": q.capacity_per_min,
        "handle_s": q.handle_s,
        "agents_online": q.agents_online,
        "waiting": q.waiting,
        "breached": q.breached,
        "horizons": [
            {
                "minutes": h.minutes,
                "breaches": h.breaches,
                "due": h.due,
                "service_level": h.service_level,
                "backlog": h.backlog,
            }
            for h in q.horizons
        ],
    }


def _move_json(m: Move | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "from": m.source,
        "to": m.target,
        "agents": m.agents,
        "service_level_from": m.source_service_level,
        "service_level_to": m.target_service_level,
    }


def staffing_json(r: StaffingRow) -> dict[str, Any]:
    return {
        "queue": r.queue,
        "agents_online": r.agents_online,
        "needed_now": r.needed_now,
        "needed_forecast": r.needed_forecast,
        "service_level_now": r.service_level_now,
        "service_level_forecast": r.service_level_forecast,
        "target": r.target,
        "within_s": r.within_s,
        "handle_s": r.handle_s,
        "move": _move_json(r.move),
    }


def early_warning_json(view: EarlyWarningView | None) -> dict[str, Any]:
    """The three top-level keys; empty lists when nothing was computed."""
    if view is None:
        return {"surges": [], "forecast": [], "staffing": []}
    return {
        "surges": [surge_json(s) for s in view.surges],
        "forecast": [forecast_json(q) for q in view.forecast.queues],
        "staffing": [staffing_json(r) for r in view.forecast.staffing],
    }
