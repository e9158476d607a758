"""Plain-word texts for incident mode's codes: reasons, actions, outcomes,
severities, targets, and the countdown of a checklist step.

The core hands out codes (``"no_auto_reply_api"``, ``"webhook_not_configured"``
…); this module turns them into sentences in the UI language. Unknown codes
are shown as they are rather than hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any, cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QLocale

from cockpit.incidents.checklist import StepState, StepStatus
from cockpit.incidents.model import ActionResult, Change, Target, TargetKind
from cockpit.incidents.playbook import Playbook
from widgets.floor_text import countdown_text as floor_countdown

CONTEXT = "IncidentText"
# Marks a text for lupdate (by this name) and returns it; typed for mypy.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# Why something could not be done: capability reasons, engine reasons,
# backend error reasons.
_REASONS: Mapping[str, str] = {
    "not_supported": QT_TRANSLATE_NOOP("IncidentText", "this backend cannot do it"),
    "no_backend": QT_TRANSLATE_NOOP("IncidentText", "no ticket backend is connected"),
    "no_auto_reply_api": QT_TRANSLATE_NOOP(
        "IncidentText", "this backend has no way to switch the bot auto-reply"
    ),
    "no_trigger_configured": QT_TRANSLATE_NOOP(
        "IncidentText", "no auto-reply trigger is set up for this backend (see the settings)"
    ),
    "no_canned_reply_api": QT_TRANSLATE_NOOP(
        "IncidentText", "this backend cannot publish reply scripts to the agents"
    ),
    "reply_needs_channel": QT_TRANSLATE_NOOP(
        "IncidentText", "this backend needs a channel for each reply, so replies cannot be sent"
    ),
    "missing_variables": QT_TRANSLATE_NOOP("IncidentText", "some script variables have no value"),
    "channel_not_allowed": QT_TRANSLATE_NOOP(
        "IncidentText", "the playbook does not allow this script there"
    ),
    "webhook_not_configured": QT_TRANSLATE_NOOP(
        "IncidentText", "the team chat is not configured (no webhook address)"
    ),
    "unknown_channel": QT_TRANSLATE_NOOP("IncidentText", "the playbook has no such team chat"),
    "interrupted": QT_TRANSLATE_NOOP(
        "IncidentText", "the cockpit stopped while this was running; check the backend"
    ),
    "internal_error": QT_TRANSLATE_NOOP("IncidentText", "an internal error"),
    "already_resolved": QT_TRANSLATE_NOOP("IncidentText", "the incident is already resolved"),
    "unreachable": QT_TRANSLATE_NOOP("IncidentText", "the backend could not be reached"),
    "timeout": QT_TRANSLATE_NOOP("IncidentText", "the backend did not answer in time"),
    "tls": QT_TRANSLATE_NOOP("IncidentText", "the secure connection failed"),
    "auth": QT_TRANSLATE_NOOP("IncidentText", "sign-in was refused: check the credentials"),
    "permission": QT_TRANSLATE_NOOP("IncidentText", "the account is not allowed to do this"),
    "not_found": QT_TRANSLATE_NOOP("IncidentText", "the backend does not know this item"),
    "rate_limited": QT_TRANSLATE_NOOP("IncidentText", "the backend asked us to slow down"),
    "server_error": QT_TRANSLATE_NOOP("IncidentText", "the backend had a server error"),
    "payload": QT_TRANSLATE_NOOP("IncidentText", "the backend's answer could not be read"),
    "unknown_outcome": QT_TRANSLATE_NOOP(
        "IncidentText", "no answer after sending: it may or may not have happened"
    ),
    "unexpected_status": QT_TRANSLATE_NOOP("IncidentText", "the backend gave an unexpected answer"),
    "error": QT_TRANSLATE_NOOP("IncidentText", "an error in the backend connection"),
    "refused": QT_TRANSLATE_NOOP("IncidentText", "the backend refused it"),
}

_ACTIONS: Mapping[str, str] = {
    "declare": QT_TRANSLATE_NOOP("IncidentText", "Incident declared"),
    "join": QT_TRANSLATE_NOOP("IncidentText", "Declared again (joined)"),
    "note": QT_TRANSLATE_NOOP("IncidentText", "Note"),
    "status_update": QT_TRANSLATE_NOOP("IncidentText", "Status update"),
    "variables": QT_TRANSLATE_NOOP("IncidentText", "Variables set"),
    "step_done": QT_TRANSLATE_NOOP("IncidentText", "Checklist step done"),
    "reminder": QT_TRANSLATE_NOOP("IncidentText", "Reminder"),
    "bot_on": QT_TRANSLATE_NOOP("IncidentText", "Bot auto-reply on"),
    "bot_restore": QT_TRANSLATE_NOOP("IncidentText", "Bot auto-reply restored"),
    "script_publish": QT_TRANSLATE_NOOP("IncidentText", "Script published to agents"),
    "script_withdraw": QT_TRANSLATE_NOOP("IncidentText", "Script withdrawn"),
    "webhook": QT_TRANSLATE_NOOP("IncidentText", "Team chat message"),
    "ticket_reply": QT_TRANSLATE_NOOP("IncidentText", "Reply to ticket"),
    "resolve": QT_TRANSLATE_NOOP("IncidentText", "Incident resolved"),
}

_OUTCOMES: Mapping[str, str] = {
    "pending": QT_TRANSLATE_NOOP("IncidentText", "in progress…"),
    "ok": QT_TRANSLATE_NOOP("IncidentText", "done"),
    "failed": QT_TRANSLATE_NOOP("IncidentText", "failed"),
    "unknown": QT_TRANSLATE_NOOP("IncidentText", "unknown outcome"),
    "not_supported": QT_TRANSLATE_NOOP("IncidentText", "not done"),
}

_SEVERITIES: Mapping[str, str] = {
    "critical": QT_TRANSLATE_NOOP("IncidentText", "Critical"),
    "major": QT_TRANSLATE_NOOP("IncidentText", "Major"),
    "minor": QT_TRANSLATE_NOOP("IncidentText", "Minor"),
}

_OPS: Mapping[str, str] = {
    "bot": QT_TRANSLATE_NOOP("IncidentText", "Switching the bot is not available: {reason}."),
    "publish_scripts": QT_TRANSLATE_NOOP(
        "IncidentText", "Publishing scripts to agents is not available: {reason}."
    ),
    "bulk_reply": QT_TRANSLATE_NOOP(
        "IncidentText", "Replying to tickets is not available: {reason}."
    ),
}

LANGUAGE_LABELS: Mapping[str, str] = {"zh_CN": "中文", "en": "English"}


def _lookup(table: Mapping[str, str], code: str | None) -> str:
    if code is None:
        return ""
    source = table.get(code)
    return tr(source) if source is not None else code


def reason_text(code: str | None) -> str:
    return _lookup(_REASONS, code)


def action_text(code: str) -> str:
    return _lookup(_ACTIONS, code)


def outcome_text(code: str) -> str:
    return _lookup(_OUTCOMES, code)


def severity_text(code: str) -> str:
    return _lookup(_SEVERITIES, code)


def unavailable_text(op: str, reason: str) -> str:
    """The tooltip of a disabled button: what is not available, and why."""
    template = _OPS.get(op)
    if template is None:
        return reason_text(reason)
    return tr(template).format(reason=reason_text(reason))


_SERVICES: Mapping[str, str] = {
    "wecom": QT_TRANSLATE_NOOP("IncidentText", "WeCom"),
    "dingtalk": QT_TRANSLATE_NOOP("IncidentText", "DingTalk"),
    "feishu": QT_TRANSLATE_NOOP("IncidentText", "Feishu"),
    "slack": QT_TRANSLATE_NOOP("IncidentText", "Slack"),
}


def service_text(code: str) -> str:
    """A team-chat service by its product name (企业微信, not ``wecom``)."""
    return _lookup(_SERVICES, code)


def _language() -> str:
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def chat_titles(playbook: Mapping[str, Any] | None) -> dict[str, str]:
    """Team-chat name → the playbook's label of it in the UI language, read
    from the playbook kept with an incident (``IncidentRecord.playbook``)."""
    team = (playbook or {}).get("team") or {}
    language, titles = _language(), {}
    for channel in team.get("channels") or []:
        label = channel.get("label") or {}
        titles[str(channel.get("name"))] = str(label.get(language) or channel.get("name"))
    return titles


def placeholder_words(playbook: Playbook, language: str) -> dict[str, tuple[str, str]]:
    """Each variable an agent fills in (see
    :func:`cockpit.incidents.context.placeholders`) → (the playbook's label
    of it, a sample value) in ``language``."""
    found: dict[str, tuple[str, str]] = {}
    for name, spec in playbook.variables.items():
        if spec.per_ticket:
            found[name] = (spec.label.get(language), spec.default_for(language) or "…")
    # The ticket built-ins: labelled in the UI language.
    found["ticket_id"] = (tr(QT_TRANSLATE_NOOP("IncidentText", "ticket number")), "T0012345")
    sample = tr(QT_TRANSLATE_NOOP("IncidentText", "Payment keeps spinning"))
    found["subject"] = (tr(QT_TRANSLATE_NOOP("IncidentText", "ticket subject")), sample)
    return found


def target_text(target: Target | str, chats: Mapping[str, str] | None = None) -> str:
    """``chats`` names the team chats (see :func:`chat_titles`)."""
    if isinstance(target, str):
        try:
            parsed = Target.parse(target)
        except ValueError:
            return target
    else:
        parsed = target
    if parsed.kind is TargetKind.AGENTS:
        return tr(QT_TRANSLATE_NOOP("IncidentText", "Agents (reply scripts)"))
    if parsed.kind is TargetKind.BOT:
        return tr(QT_TRANSLATE_NOOP("IncidentText", "Bot auto-reply"))
    channel = str(parsed.channel)
    name = (chats or {}).get(channel, channel)
    return tr(QT_TRANSLATE_NOOP("IncidentText", "Team chat: {name}")).format(name=name)


def span_text(span: timedelta) -> str:
    """The one duration format: ``0:06:05``, ``6:05:00``, ``2 d 4 h`` (never negative)."""
    return floor_countdown(span.total_seconds())


def clock_text(when: datetime, zone: tzinfo | None) -> str:
    return f"{when.astimezone(zone):%H:%M:%S}"


def countdown_text(
    state: StepState,
    status: StepStatus,
    now: datetime,
    *,
    zone: tzinfo | None = None,
    who: str | None = None,
) -> str:
    """What the checklist's "due" column says about one step at ``now``."""
    if status is StepStatus.DONE:
        when = "" if state.done_at is None else f"{state.done_at.astimezone(zone):%H:%M}"
        text = QT_TRANSLATE_NOOP("IncidentText", "✓ done {time} · {who}")
        return tr(text).format(time=when, who=who or "—")
    if status is StepStatus.CLOSED:
        return tr(QT_TRANSLATE_NOOP("IncidentText", "closed"))
    if status is StepStatus.OPEN or state.due_at is None:
        return tr(QT_TRANSLATE_NOOP("IncidentText", "no deadline"))
    left = state.due_at - now
    if status is StepStatus.OVERDUE or left <= timedelta(0):
        text = QT_TRANSLATE_NOOP("IncidentText", "overdue by {span}")
        return tr(text).format(span=span_text(-left))
    if state.recurring and state.completions:
        text = QT_TRANSLATE_NOOP("IncidentText", "next due in {span}")
    else:
        text = QT_TRANSLATE_NOOP("IncidentText", "due in {span}")
    return tr(text).format(span=span_text(left))


def result_text(
    result: ActionResult, zone: tzinfo | None = None, chats: Mapping[str, str] | None = None
) -> str:
    """One side effect's result: what, where, how it went, and why."""
    what = action_text(result.action.value)
    where = ""
    if result.target:
        where = (
            target_text(result.target, chats)
            if result.target in ("agents", "bot") or result.target.startswith("team:")
            else result.target
        )
    outcome = outcome_text(result.outcome.value)
    if result.skipped:
        outcome = tr(QT_TRANSLATE_NOOP("IncidentText", "not sent"))
    parts = [f"{what} → {where}" if where else what, outcome]
    if not result.ok and result.reason:
        parts.append(reason_text(result.reason))
    text = " · ".join(parts)
    if result.retry_at is not None:
        retry = tr(QT_TRANSLATE_NOOP("IncidentText", "retrying at {time}"))
        text += " · " + retry.format(time=clock_text(result.retry_at, zone))
    return text


def change_summary(change: Change, zone: tzinfo | None = None, *, limit: int = 4) -> str:
    """A few lines on what an op did: all well, or what did not work."""
    bad, skipped = change.failures, change.skipped
    done = len(change.results) - len(bad) - len(skipped)
    chats = chat_titles(change.incident.playbook)
    notes = ["• " + result_text(r, zone, chats) for r in skipped[:limit]]
    if not bad:
        if not change.results:
            return tr(QT_TRANSLATE_NOOP("IncidentText", "Done."))
        text = tr(QT_TRANSLATE_NOOP("IncidentText", "Done: {n} action(s) succeeded."))
        return "\n".join([text.format(n=done), *_skipped_lines(notes)])
    head = tr(QT_TRANSLATE_NOOP("IncidentText", "{ok} done, {bad} not done:"))
    lines = [head.format(ok=done, bad=len(bad))]
    lines += ["• " + result_text(r, zone, chats) for r in bad[:limit]]
    if len(bad) > limit:
        more = tr(QT_TRANSLATE_NOOP("IncidentText", "… and {n} more (see the timeline)"))
        lines.append(more.format(n=len(bad) - limit))
    return "\n".join([*lines, *_skipped_lines(notes)])


def _skipped_lines(notes: list[str]) -> list[str]:
    if not notes:
        return []
    return [tr(QT_TRANSLATE_NOOP("IncidentText", "Skipped (not configured):")), *notes]


_TOPICS: Mapping[str, str] = {
    "logistics": QT_TRANSLATE_NOOP("IncidentText", "logistics"),
    "refund": QT_TRANSLATE_NOOP("IncidentText", "refunds"),
    "payment": QT_TRANSLATE_NOOP("IncidentText", "payment"),
    "login": QT_TRANSLATE_NOOP("IncidentText", "login"),
    "membership": QT_TRANSLATE_NOOP("IncidentText", "membership"),
    "coupon": QT_TRANSLATE_NOOP("IncidentText", "coupons"),
    "product": QT_TRANSLATE_NOOP("IncidentText", "product questions"),
    "app_crash": QT_TRANSLATE_NOOP("IncidentText", "app crashes"),
    "other": QT_TRANSLATE_NOOP("IncidentText", "other"),
}


def topic_text(code: str) -> str:
    return _lookup(_TOPICS, code)


def topics_text(codes: Iterable[str]) -> str:
    chinese = QLocale().language() == QLocale.Language.Chinese
    return ("、" if chinese else ", ").join(topic_text(c) for c in codes)
