"""Checklist deadlines, reminders and overdue alerts: pure functions of the
playbook, the declaration time, the completions and "now".

A one-off step is due ``due_after`` after the declaration. A recurring step
(``every``) is first due ``due_after`` (or ``every``) after the declaration,
then ``every`` after each completion. The playbook's status-update cadence
is a recurring step of its own, completed by posting a status update.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from cockpit.incidents.playbook import LocalText, Playbook, Step
from cockpit.incidents.playbook_checks import STATUS_STEP

CHECKLIST_OVERDUE = "checklist_overdue"

# The status-update cadence, as a step (its title is playbook-like data).
_STATUS_TITLE = LocalText(zh_CN="发布事件状态更新", en="Post a status update")


class StepStatus(StrEnum):
    DONE = "done"  # a one-off step that has been completed
    OPEN = "open"  # no deadline
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"  # within the playbook's remind_before
    OVERDUE = "overdue"
    CLOSED = "closed"  # a recurring step of a resolved incident


@dataclass(frozen=True, slots=True)
class StepState:
    step_id: str
    title: Mapping[str, str]
    owner: str | None
    every: timedelta | None
    due_at: datetime | None
    # The (last) completion.
    done_at: datetime | None
    completions: int
    status: StepStatus
    # Time left until due_at (negative once overdue); None without a deadline.
    remaining: timedelta | None

    @property
    def recurring(self) -> bool:
        return self.every is not None


class ReminderKind(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Reminder:
    incident_id: int
    step_id: str
    kind: ReminderKind
    due_at: datetime
    # 0 for the first overdue reminder, 1 after one remind_every, …
    repeat: int

    def key(self) -> tuple[str, str, str, int]:
        return (self.step_id, self.kind.value, self.due_at.isoformat(), self.repeat)

    def payload(self) -> dict[str, str | int]:
        """As logged; :func:`reminder_key` reads it back."""
        return {
            "step": self.step_id,
            "kind": self.kind.value,
            "due_at": self.due_at.isoformat(),
            "repeat": self.repeat,
        }


def reminder_key(payload: Mapping[str, Any]) -> tuple[str, str, str, int]:
    p = payload
    return (str(p.get("step")), str(p.get("kind")), str(p.get("due_at")), int(p.get("repeat", 0)))


@dataclass(frozen=True, slots=True)
class IncidentAlert:
    """An overdue checklist step, for the alert panel."""

    rule: str
    incident_id: int
    incident_kind: str
    severity: str
    step_id: str
    title: Mapping[str, str]
    due_at: datetime
    overdue_by: timedelta

    @property
    def key(self) -> str:
        return f"{self.rule}:{self.incident_id}:{self.step_id}"

    def details(self) -> dict[str, str | int | float | None]:
        """Flat details, in the shape the alert panel shows for floor alerts."""
        return {
            "incident": self.incident_id,
            "kind": self.incident_kind,
            "step": self.step_id,
            "title_zh_CN": self.title.get("zh_CN"),
            "title_en": self.title.get("en"),
            "due_at": self.due_at.isoformat(),
            "overdue_s": self.overdue_by.total_seconds(),
        }


def steps_of(playbook: Playbook) -> list[Step]:
    steps = list(playbook.checklist)
    if playbook.status_update_every is not None:
        steps.append(Step(id=STATUS_STEP, title=_STATUS_TITLE, every=playbook.status_update_every))
    return steps


def step_state(
    step: Step,
    *,
    declared_at: datetime,
    completions: Sequence[datetime],
    now: datetime,
    remind_before: timedelta,
    resolved_at: datetime | None = None,
) -> StepState:
    done = sorted(completions)
    last = done[-1] if done else None
    if step.every is None:
        due_at = None if step.due_after is None else declared_at + step.due_after
        done_at = done[0] if done else None
    else:
        due_at = last + step.every if last else declared_at + (step.due_after or step.every)
        done_at = last
    moment = now if resolved_at is None else min(now, resolved_at)
    if step.every is None and done_at is not None:
        status = StepStatus.DONE
    elif step.every is not None and resolved_at is not None:
        status = StepStatus.CLOSED
    elif due_at is None:
        status = StepStatus.OPEN
    elif moment >= due_at:
        status = StepStatus.OVERDUE
    elif moment >= due_at - remind_before:
        status = StepStatus.DUE_SOON
    else:
        status = StepStatus.UPCOMING
    return StepState(
        step_id=step.id,
        title={"zh_CN": step.title.zh_CN, "en": step.title.en},
        owner=step.owner,
        every=step.every,
        due_at=due_at,
        done_at=done_at,
        completions=len(done),
        status=status,
        remaining=None if due_at is None else due_at - moment,
    )


def checklist_state(
    playbook: Playbook,
    *,
    declared_at: datetime,
    completions: Mapping[str, Sequence[datetime]],
    now: datetime,
    resolved_at: datetime | None = None,
) -> tuple[StepState, ...]:
    return tuple(
        step_state(
            step,
            declared_at=declared_at,
            completions=completions.get(step.id, ()),
            now=now,
            remind_before=playbook.remind_before,
            resolved_at=resolved_at,
        )
        for step in steps_of(playbook)
    )


def reminders_due(
    incident_id: int,
    states: Iterable[StepState],
    *,
    now: datetime,
    remind_every: timedelta,
    already: set[tuple[str, str, str, int]],
) -> list[Reminder]:
    """The reminders to raise now: one "due soon" per deadline, then one
    "overdue" every ``remind_every`` until the step is done. Reminders
    missed while the cockpit was closed are not replayed: only the latest."""
    due: list[Reminder] = []
    for state in states:
        if state.due_at is None:
            continue
        if state.status is StepStatus.DUE_SOON:
            reminder = Reminder(incident_id, state.step_id, ReminderKind.DUE_SOON, state.due_at, 0)
        elif state.status is StepStatus.OVERDUE:
            repeat = int((now - state.due_at) / remind_every)
            reminder = Reminder(
                incident_id, state.step_id, ReminderKind.OVERDUE, state.due_at, repeat
            )
        else:
            continue
        if reminder.key() not in already:
            due.append(reminder)
    return due


def overdue_alerts(
    incident_id: int,
    kind: str,
    severity: str,
    states: Iterable[StepState],
    now: datetime,
) -> list[IncidentAlert]:
    return [
        IncidentAlert(
            rule=CHECKLIST_OVERDUE,
            incident_id=incident_id,
            incident_kind=kind,
            severity=severity,
            step_id=state.step_id,
            title=state.title,
            due_at=state.due_at,
            overdue_by=now - state.due_at,
        )
        for state in states
        if state.status is StepStatus.OVERDUE and state.due_at is not None
    ]
