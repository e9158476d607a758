"""Switching the bot auto-reply for an incident, and putting it back.

The first switch of an incident saves the backend's state as it was (in the
same transaction as the intent, so a crash cannot lose it); restoring puts
back exactly that state and forgets it only once the backend confirmed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from cockpit.backends.base import AutoReplyState, BackendError, Capability
from cockpit.incidents.context import Context, values_for
from cockpit.incidents.model import Action, ActionResult, ChangeBuilder, Reason
from cockpit.incidents.playbook import Playbook
from cockpit.incidents.templating import MissingVariables, render
from cockpit.store.incidents import EventRecord, IncidentRecord, Outcome

log = logging.getLogger(__name__)
BOT_TARGET = "bot"
_SWITCHES = (Action.BOT_ON.value, Action.BOT_RESTORE.value)


def state_to_json(state: AutoReplyState) -> dict[str, Any]:
    return {"enabled": state.enabled, "message": state.message, "topics": list(state.topics)}


def state_from_json(data: Mapping[str, Any]) -> AutoReplyState:
    return AutoReplyState(
        enabled=bool(data.get("enabled")),
        message=str(data.get("message") or ""),
        topics=tuple(str(t) for t in data.get("topics") or ()),
    )


def bot_text(
    ctx: Context,
    incident: IncidentRecord,
    playbook: Playbook,
    languages: Sequence[str],
    extra: Mapping[str, str] | None = None,
) -> str:
    """The playbook's bot text in ``languages``, one paragraph each."""
    return "\n\n".join(
        render(
            playbook.bot.text.get(language),
            values_for(ctx, incident, playbook, language, extra),
        )
        for language in languages
    )


def _unsupported(ctx: Context, change: ChangeBuilder, action: Action, who: str) -> bool:
    reason = ctx.backend.capabilities.why_not(Capability.AUTO_REPLY)
    if reason is None:
        return False
    result, event = ctx.journal.refuse(change.incident.id, action, who, reason, target=BOT_TARGET)
    change.add(result, (event,))
    return True


def switch_on(
    ctx: Context, change: ChangeBuilder, *, message: str, topics: Sequence[str], who: str
) -> None:
    """Set the auto-reply to ``message`` (on), saving the previous state once."""
    if _unsupported(ctx, change, Action.BOT_ON, who):
        return
    incident = change.incident
    try:
        previous = ctx.backend.get_auto_reply()
    except BackendError as exc:
        result, event = ctx.journal.refuse(
            incident.id, Action.BOT_ON, who, exc.reason, target=BOT_TARGET, outcome=Outcome.FAILED
        )
        change.add(result, (event,))
        return
    wanted = AutoReplyState(enabled=True, message=message, topics=tuple(topics))
    intent = ctx.journal.intent(
        Action.BOT_ON, who, {"set": state_to_json(wanted), "previous": state_to_json(previous)}
    )
    change.incident, written = ctx.store.update(
        incident.id, event=intent, save_auto_reply_once=state_to_json(previous)
    )
    assert written is not None
    done = ctx.journal.finish(
        written,
        lambda: ctx.backend.set_auto_reply(wanted),
        target=BOT_TARGET,
        describe=lambda state: {"state": state_to_json(state)},
    )
    change.add(done.result, (written, *done.events))


def restore(ctx: Context, change: ChangeBuilder, *, who: str) -> None:
    """Put back the state saved by :func:`switch_on`; nothing when none is saved."""
    saved = change.incident.saved_auto_reply
    if saved is None:
        return
    if _unsupported(ctx, change, Action.BOT_RESTORE, who):
        return
    state = state_from_json(saved)
    done = ctx.journal.perform(
        change.incident.id,
        Action.BOT_RESTORE,
        who,
        {"set": state_to_json(state)},
        lambda: ctx.backend.set_auto_reply(state),
        target=BOT_TARGET,
        describe=lambda answer: {"state": state_to_json(answer)},
    )
    change.add(done.result, done.events)
    if done.result.ok:
        change.incident, _ = ctx.store.update(change.incident.id, saved_auto_reply=None)


def observer(ctx: Context) -> Callable[[EventRecord], Mapping[str, Any]]:
    """For the start after a crash: what the backend's auto-reply is now, for
    each interrupted switch (read once, and only when one is interrupted).
    ``took_effect`` says whether the backend shows what the switch set."""
    seen: list[dict[str, Any] | None] = []

    def observe(intent: EventRecord) -> Mapping[str, Any]:
        wanted = intent.payload.get("set")
        if intent.action not in _SWITCHES or not isinstance(wanted, Mapping):
            return {}
        if ctx.backend.capabilities.why_not(Capability.AUTO_REPLY) is not None:
            return {}
        if not seen:
            try:
                seen.append(state_to_json(ctx.backend.get_auto_reply()))
            except BackendError as exc:
                log.warning("cannot read the auto-reply to reconcile: %s", exc.reason)
                seen.append(None)
        now = seen[0]
        if now is None:
            return {"observed": None}
        return {"observed": now, "took_effect": now == state_to_json(state_from_json(wanted))}

    return observe


def reconcile(ctx: Context, settled: Iterable[EventRecord]) -> None:
    """After a crash: an interrupted restore the backend shows done is done,
    so the saved state is forgotten (resolve does not restore it again)."""
    for event in settled:
        if event.action != Action.BOT_RESTORE.value or event.payload.get("took_effect") is not True:
            continue
        incident = ctx.store.get(event.incident_id)
        if incident.saved_auto_reply is not None:
            ctx.store.update(incident.id, saved_auto_reply=None)
            log.info("incident %s: the interrupted bot restore had taken effect", incident.id)


def missing_result(action: Action, exc: MissingVariables, target: str) -> ActionResult:
    return ActionResult(
        action, Outcome.FAILED, target, Reason.MISSING_VARIABLES.value, ", ".join(exc.names)
    )
