"""The FloorView as plain JSON-ready data (``main.py snapshot --json``)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cockpit.alert_rules import Severity
from cockpit.alerts import AlertEngine
from cockpit.clock import format_time
from cockpit.early_warning import EarlyWarningView
from cockpit.early_warning_json import early_warning_json
from cockpit.metrics import FloorView, QueueFigures
from cockpit.runtime.health import Health
from cockpit.settings import Settings
from cockpit.sla_json import queue_sla_json, sla_json


def queue_to_json(figures: QueueFigures) -> dict[str, Any]:
    return {
        "queue": figures.queue,
        "name": figures.name,
        "names": dict(figures.names),
        "open": figures.open,
        "waiting": figures.waiting,
        "oldest_wait_s": figures.oldest_wait_s,
        "agents_available": figures.agents_available,
        "agents_busy": figures.agents_busy,
        "agents_away": figures.agents_away,
        "arrivals_15m": figures.arrivals_15m,
        "resolutions_15m": figures.resolutions_15m,
        "service_level": figures.service_level,
        **queue_sla_json(figures),
    }


def view_to_json(
    view: FloorView | None,
    health: Health,
    *,
    backend: str,
    early: EarlyWarningView | None = None,
) -> dict[str, Any]:
    """Everything the cockpit knows after a poll; ``view`` is None when it failed.
    ``early``: the early warning after the same poll (surges, forecast, staffing)."""
    result: dict[str, Any] = {
        "generated_at": None if view is None else format_time(view.generated_at),
        "backend": backend,
        "health": health.describe(),
        "queues": [] if view is None else [queue_to_json(q) for q in view.queues],
    }
    result.update(sla_json(view))
    result.update(early_warning_json(early))
    if health.detail:
        result["error"] = health.detail
    return result


def alerts_to_json(view: FloorView | None, settings: Settings) -> dict[str, Any]:
    """The alerts the view raises at once (as at the cockpit's start-up), by
    severity, with the rule, queue and details of each."""
    if view is None:
        return {"alerts": [], "alert_counts": {}}
    engine = AlertEngine(thresholds=settings.thresholds, sla=settings.sla, settings=settings.alerts)
    active = engine.evaluate(view).active
    counts = Counter(a.severity.value for a in active)
    return {
        "alerts": [
            {
                "rule": a.rule.value,
                "severity": a.severity.value,
                "queue": a.queue,
                "details": dict(a.details),
            }
            for a in active
        ],
        "alert_counts": {s.value: counts.get(s.value, 0) for s in reversed(Severity)},
    }
