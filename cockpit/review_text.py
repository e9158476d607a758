"""Reader's words for what the review's log entries point at: a step id
becomes the step's title, ``team:floor_leads`` the chat's name, a backend
script id the script's title and language, a reason code a phrase. The
JSON export keeps the codes; the HTML and PDF use these."""

from __future__ import annotations

from collections.abc import Mapping

from cockpit.incidents.model import Action
from cockpit.review import IncidentInfo
from cockpit.review_labels import Labels
from cockpit.review_log import Latency, LatencyName, TimelineEntry

NOT_CONFIGURED = "webhook_not_configured"


def chat_name(labels: Labels, info: IncidentInfo, channel: str) -> str:
    channel = channel.removeprefix("team:")
    names = info.chats.get(channel)
    return labels.local(names) if names else channel


def script_name(labels: Labels, info: IncidentInfo, script: str) -> str:
    names = info.scripts.get(script)
    return labels.local(names) if names else script


def _backend_script(labels: Labels, info: IncidentInfo, backend_id: str) -> str:
    """``inc1-outage_ack-zh_CN`` → "Outage: apology (Chinese)"."""
    for language in ("zh_CN", "en"):
        head = backend_id.removesuffix(f"-{language}")
        if head != backend_id:
            script = head.partition("-")[2]
            title = script_name(labels, info, script)
            return labels("script_lang", title=title, language=labels.language_name(language))
    return backend_id


def _value(labels: Labels, info: IncidentInfo, key: str, value: str) -> str:
    if key in ("target", "channel"):
        return chat_name(labels, info, value)
    if key == "step":
        names = info.steps.get(value)
        return labels.local(names) if names else value
    if key == "language":
        return labels.language_name(value)
    if key == "backend_id":
        return _backend_script(labels, info, value)
    if key == "script":
        return script_name(labels, info, value)
    if key == "kind":
        return labels.reminder(value)
    return value


def entry_detail(labels: Labels, info: IncidentInfo, entry: TimelineEntry) -> str:
    fields: Mapping[str, str] = entry.fields
    if entry.action == Action.WEBHOOK and "target" in fields and "channel" in fields:
        fields = {"channel": fields["channel"]}  # the same chat, once
    parts = [_value(labels, info, k, v) for k, v in fields.items()]
    if entry.reason:
        parts.append(labels.reason(entry.reason))
    if not fields and not entry.reason:
        return entry.detail or ""  # an export made before the fields were kept
    return " · ".join(parts)


def entry_outcome(labels: Labels, entry: TimelineEntry) -> str:
    """The outcome; a chat without a webhook was "not sent", not "failed"."""
    if entry.reason == NOT_CONFIGURED:
        return labels("not_sent")
    return labels.outcome(entry.outcome)


def latency_about(labels: Labels, info: IncidentInfo, latency: Latency) -> str:
    """Which alert started it, or which message was the first out."""
    if latency.cause is None:
        return ""
    if latency.name is LatencyName.DETECTION:
        return labels("detected_by", cause=labels.alert(latency.cause))
    if latency.name is not LatencyName.FIRST_BROADCAST:
        return ""
    what = labels.action(latency.cause)
    target = latency.target or ""
    if latency.cause == Action.WEBHOOK:
        target = chat_name(labels, info, target)
    elif latency.cause == Action.SCRIPT_PUBLISH:
        target = script_name(labels, info, target)
    elif latency.cause == Action.TICKET_REPLY and target:
        target = labels("ticket_n", id=target)
    return labels("first_was", what=f"{what} · {target}" if target else what)
