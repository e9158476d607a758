"""The SLA part of the snapshot JSON (``main.py snapshot --json``):
per-queue counts, the at-risk and breached lists (queue, priority, kind,
clock, age, assignee), escalations (level, age at the level, owner, flags)
with the floor's exact counts, and the heatmap (breaches, clocks due and
warnings per queue and bucket).

:mod:`cockpit.snapshot` merges these into its output; plain data only
(strings, numbers, ISO 8601 UTC times, lists).
"""

from __future__ import annotations

from typing import Any

from cockpit.at_risk import ClockState, SlaRow
from cockpit.clock import format_time
from cockpit.escalation_index import EscalationSummary
from cockpit.escalations import EscalationRow, level_name
from cockpit.heatmap import HeatmapGrid, empty_grid
from cockpit.metrics import ClockFigures, FloorView, QueueFigures


def queue_sla_json(figures: QueueFigures) -> dict[str, Any]:
    """``breached`` / ``at_risk`` count tickets (by their pressing clock);
    ``first_response`` / ``resolution`` count each clock on its own, and
    the service level's parts sit beside ``service_level``."""
    return {
        "breached": figures.breached,
        "at_risk": figures.at_risk,
        "service_level_target": figures.service_level_target,
        "answered_in_target": figures.answered_in_target,
        "answered_late": figures.answered_late,
        "waiting_past_target": figures.waiting_past_target,
        "abandoned_past_target": figures.abandoned_past_target,
        "first_response": clock_figures_json(figures.first_response),
        "resolution": clock_figures_json(figures.resolution),
    }


def clock_figures_json(clock: ClockFigures) -> dict[str, int]:
    return {
        "breached": clock.breached,
        "at_risk": clock.at_risk,
        "met": clock.met,
        "missed": clock.missed,
    }


def sla_json(view: FloorView | None) -> dict[str, Any]:
    """Top-level ``at_risk``, ``breached``, ``escalations`` and ``heatmap``."""
    if view is None:
        return {
            "at_risk": [],
            "breached": [],
            "escalations": [],
            "escalation_summary": escalation_summary_json(EscalationSummary()),
            "heatmap": heatmap_json(empty_grid()),
        }
    return {
        "at_risk": [sla_row_json(r) for r in view.at_risk],
        "breached": [sla_row_json(r) for r in view.breached],
        "escalations": [escalation_json(r) for r in view.escalations],
        "escalation_summary": escalation_summary_json(view.escalation_summary),
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
        "state": row.state.value,
        "kind": row.kind.value,
        "age_s": row.age_s,
        "assignee": row.assignee,
        "subject": row.subject,
        "clocks": [clock_state_json(c) for c in row.clocks],
    }


def clock_state_json(clock: ClockState) -> dict[str, Any]:
    return {
        "clock": clock.kind.value,
        "state": clock.state.value,
        "due_at": format_time(clock.due_at),
        "seconds_to_breach": clock.seconds_to_breach,
        "paused": clock.paused,
        "stopped": clock.stopped,
    }


def escalation_json(row: EscalationRow) -> dict[str, Any]:
    return {
        "id": row.ticket,
        "queue": row.queue,
        "level": level_name(row.level),
        "since": format_time(row.since),
        "flags": [flag.value for flag in row.flags],
        "priority": row.priority.value,
        "status": row.status.value,
        "age_at_level_s": row.age_at_level_s,
        "owner": row.owner,
        "subject": row.subject,
    }


def escalation_summary_json(summary: EscalationSummary) -> dict[str, int]:
    return {
        "lead": summary.lead,
        "supervisor": summary.supervisor,
        "pr_legal": summary.pr_legal,
        "collab_no_answer": summary.collab_no_answer,
        "customer_not_updated": summary.customer_not_updated,
        "urgent_not_reported": summary.urgent_not_reported,
    }


def heatmap_json(grid: HeatmapGrid) -> dict[str, Any]:
    return {
        "buckets": [format_time(start) for start in grid.starts],
        "bucket_s": grid.bucket.total_seconds(),
        "queues": list(grid.queues),
        "breaches": grid.breaches.tolist(),
        "due": grid.due.tolist(),
        "at_risk": grid.at_risk.tolist(),
    }
