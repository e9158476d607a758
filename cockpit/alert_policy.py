"""When an alert tells the supervisor again (``settings.alerts``), apart
from the engine's bookkeeping (:mod:`cockpit.alerts`).

- **Repeats.** An active alert nobody has acknowledged or snoozed notifies
  again every ``repeat_critical_s`` / ``repeat_warning_s`` of floor time
  since it last notified (None: never; a notice never does).
- **Worsening.** A group notifies again when it is a step worse than when
  it last notified: its count grown by ``worsen_count_step`` (urgent
  breaches, customers past target, flagged tickets) or its service level
  ``worsen_level_step`` further below target. Other rules (the oldest wait,
  overdue checklist steps) worsen only by rising in severity.
"""

from __future__ import annotations

from datetime import timedelta

from cockpit.alert_rules import AlertRule, Severity
from cockpit.settings import AlertSettings

# Rules whose measure is a count of tickets (a group that grows).
COUNT_RULES = frozenset(
    {
        AlertRule.URGENT_BREACHED,
        AlertRule.WAITING_PAST_TARGET,
        AlertRule.RESOLUTION_BREACHED,
        AlertRule.COLLAB_NO_ANSWER,
        AlertRule.CUSTOMER_NOT_UPDATED,
        AlertRule.URGENT_NOT_REPORTED,
    }
)


def repeat_interval(severity: Severity, settings: AlertSettings) -> timedelta | None:
    """How long an untaken alert of ``severity`` stays quiet; None: for good."""
    seconds = {
        Severity.CRITICAL: settings.repeat_critical_s,
        Severity.WARNING: settings.repeat_warning_s,
    }.get(severity)
    return None if seconds is None else timedelta(seconds=seconds)


def worsened(
    rule: AlertRule,
    measure: float | None,
    notified_measure: float | None,
    settings: AlertSettings,
) -> bool:
    """Whether ``measure`` is a step worse than it was when the alert last notified."""
    if measure is None or notified_measure is None:
        return False
    if rule is AlertRule.SERVICE_LEVEL_LOW:
        step: float = settings.worsen_level_step
    elif rule in COUNT_RULES:
        step = settings.worsen_count_step
    else:
        return False
    return measure - notified_measure >= step - 1e-9
