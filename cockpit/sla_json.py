"""The SLA part of the snapshot JSON (``main.py snapshot --json``):
per-queue counts, the at-risk and breached lists, escalations, the heatmap.

:mod:`cockpit.snapshot` merges these into its output; plain data only
(strings, numbers, ISO 8601 UTC times, lists).
"""

from __future__ import annotations

from typing import Any

from cockpit.at_risk import SlaRow
from cockpit.clock import format_time
from cockpit.escalations import EscalationRow, level_name
from cockpit.heatmap import HeatmapGrid
from cockpit.metrics import FloorView, QueueFigures


def queue_sla_json(figures: QueueFigures) -> dict[str, Any]:
    return {
        "breached": figures.breached,
        "at_risk": figures.at_risk,
        "service_level_target": figures.service_level_target,
    }


def sla_json(view: FloorView | None) -> dict[str, Any]:
    """Top-level ``at_risk``, ``breached``, ``escalations`` and ``heatmap``."""
    if view is None:
        return {
            "at_risk": [],
            "breached": [],
            "escalations": [],
            "heatmap": {"buckets": [], "queues": [], "breaches": []},
        }
    return {
        "at_risk": [sla_row_json(r) for r in view.at_risk],
        "breached": [sla_row_json(r) for r in view.breached],
        "escalations": [escalation_json(r) for r in view.escalations],
        "heatmap": heatmap_json(view.heatmap),
    }


def sla_row_json(row: SlaRow) -> dict[str, Any]:
    return {
        "id": row.ticket,
        "queue": row.queue,
        "priority": row.priority.value,
        "clock": row.clock.value,
        "due_at": format_time(row.due_at),
        "seconds_to_breach": row.seconds_to_breach,
    }


def escalation_json(row: EscalationRow) -> dict[str, Any]:
    return {
        "id": row.ticket,
        "queue": row.queue,
        "level": level_name(row.level),
        "since": format_time(row.since),
        "flags": [flag.value for flag in row.flags],
    }


def heatmap_json(grid: HeatmapGrid) -> dict[str, Any]:
    return {
        "buckets": [format_time(start) for start in grid.starts],
        "queues": list(grid.queues),
        "breaches": grid.breaches.tolist(),
    }
