"""Broadcasts: one playbook script, its variables filled and in the chosen
languages, sent to chosen targets: the agents (published through the backend
as a reply script, withdrawn on resolve), the bot auto-reply, and team chats
by webhook. ``preview`` renders without sending; ``send`` logs every delivery.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from cockpit.backends.base import Capability, NotFound, ReplyScript
from cockpit.incidents import bot
from cockpit.incidents.context import Context, placeholders, values_for
from cockpit.incidents.delivery import deliver
from cockpit.incidents.model import Action, ChangeBuilder, Reason, Target, TargetKind
from cockpit.incidents.playbook import Playbook, Script
from cockpit.incidents.templating import MissingVariables, render
from cockpit.incidents.webhooks import Service
from cockpit.store.incidents import IncidentRecord, Outcome, Phase


class UnknownScript(LookupError):
    def __init__(self, script_id: str) -> None:
        super().__init__(f"the playbook has no script {script_id!r}")
        self.script_id = script_id


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    """Exactly what one target would receive."""

    target: Target
    languages: tuple[str, ...]
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class TargetProblem:
    """Why a target cannot receive the script (a Reason or a capability reason)."""

    target: Target
    reason: str
    # Missing variable names, comma-separated, for MISSING_VARIABLES.
    detail: str | None = None
    # True when the backend lacks the capability (the button is disabled).
    not_supported: bool = False


@dataclass(frozen=True, slots=True)
class BroadcastPreview:
    incident_id: int
    script_id: str
    messages: tuple[RenderedMessage, ...]
    problems: tuple[TargetProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def script_of(playbook: Playbook, script_id: str) -> Script:
    try:
        return playbook.script(script_id)
    except KeyError:
        raise UnknownScript(script_id) from None


def backend_script_id(incident_id: int, script_id: str, language: str) -> str:
    """Stable, so publishing again replaces rather than duplicates."""
    return f"inc{incident_id}-{script_id}-{language}"


def preview(
    ctx: Context,
    incident: IncidentRecord,
    script_id: str,
    targets: Sequence[Target],
    *,
    languages: Sequence[str],
    variables: Mapping[str, str] | None = None,
) -> BroadcastPreview:
    playbook = ctx.playbook(incident)
    script = script_of(playbook, script_id)
    messages: list[RenderedMessage] = []
    problems: list[TargetProblem] = []
    for target in targets:
        problem = _problem(ctx, playbook, script, target)
        if problem is not None:
            problems.append(problem)
            continue
        try:
            messages.extend(_render(ctx, incident, playbook, script, target, languages, variables))
        except MissingVariables as exc:
            problems.append(
                TargetProblem(target, Reason.MISSING_VARIABLES.value, ", ".join(exc.names))
            )
    return BroadcastPreview(incident.id, script_id, tuple(messages), tuple(problems))


def _problem(
    ctx: Context, playbook: Playbook, script: Script, target: Target
) -> TargetProblem | None:
    if target.kind.value not in script.channels:
        return TargetProblem(target, Reason.CHANNEL_NOT_ALLOWED.value)
    capability = {
        TargetKind.AGENTS: Capability.REPLY_SCRIPTS,
        TargetKind.BOT: Capability.AUTO_REPLY,
    }.get(target.kind)
    if capability is not None:
        why = ctx.backend.capabilities.why_not(capability)
        return None if why is None else TargetProblem(target, why, not_supported=True)
    names = {c.name for c in playbook.team.channels} if playbook.team else set()
    if target.channel not in names:
        return TargetProblem(target, Reason.UNKNOWN_CHANNEL.value)
    if not ctx.webhooks.configured(str(target.channel)):
        return TargetProblem(target, Reason.WEBHOOK_NOT_CONFIGURED.value)
    return None


def _render(
    ctx: Context,
    incident: IncidentRecord,
    playbook: Playbook,
    script: Script,
    target: Target,
    languages: Sequence[str],
    variables: Mapping[str, str] | None,
) -> list[RenderedMessage]:
    if target.kind is TargetKind.AGENTS:
        keep = placeholders(playbook)
        return [
            RenderedMessage(
                target,
                (lang,),
                script.title.get(lang),
                render(
                    script.text(lang).joined(),
                    values_for(ctx, incident, playbook, lang, variables, for_agents=True),
                    keep=keep,
                ),
            )
            for lang in languages
        ]
    texts = [
        render(script.text(lang).joined(), values_for(ctx, incident, playbook, lang, variables))
        for lang in languages
    ]
    title = " / ".join(script.title.get(lang) for lang in languages)
    return [RenderedMessage(target, tuple(languages), title, "\n\n".join(texts))]


def send(ctx: Context, change: ChangeBuilder, ready: BroadcastPreview, *, who: str) -> None:
    """Deliver a preview: refusals are logged, every delivery is logged."""
    playbook = ctx.playbook(change.incident)
    for problem in ready.problems:
        result, event = ctx.journal.refuse(
            change.incident.id,
            _ACTIONS[problem.target.kind],
            who,
            problem.reason,
            target=str(problem.target),
            outcome=Outcome.NOT_SUPPORTED if problem.not_supported else Outcome.FAILED,
            payload={"script": ready.script_id, "detail": problem.detail},
        )
        change.add(result, (event,))
    for message in ready.messages:
        if message.target.kind is TargetKind.AGENTS:
            publish(ctx, change, ready.script_id, message, who=who)
        elif message.target.kind is TargetKind.BOT:
            bot.switch_on(ctx, change, message=message.text, topics=playbook.bot.topics, who=who)
        else:
            channel = str(message.target.channel)
            service = _service_of(playbook, channel)
            deliver(
                ctx,
                change,
                channel=channel,
                service=service,
                title=message.title,
                text=message.text,
                who=who,
            )


def _service_of(playbook: Playbook, channel: str) -> Service:
    channels = playbook.team.channels if playbook.team else []
    return next(Service(c.service) for c in channels if c.name == channel)


_ACTIONS = {
    TargetKind.AGENTS: Action.SCRIPT_PUBLISH,
    TargetKind.BOT: Action.BOT_ON,
    TargetKind.TEAM: Action.WEBHOOK,
}


def publish(
    ctx: Context, change: ChangeBuilder, script_id: str, message: RenderedMessage, *, who: str
) -> None:
    incident = change.incident
    language = message.languages[0]
    script = ReplyScript(
        id=backend_script_id(incident.id, script_id, language),
        title=message.title,
        body=message.text,
        language=language,
        tags=("incident", f"incident-{incident.id}", incident.kind),
    )
    done = ctx.journal.perform(
        incident.id,
        Action.SCRIPT_PUBLISH,
        who,
        {
            "script": script_id,
            "backend_id": script.id,
            "language": language,
            "title": script.title,
            "text": script.body,
        },
        lambda: ctx.backend.publish_script(script),
        target=script.id,
        describe=lambda answer: {"backend_id": answer.id},
    )
    change.add(done.result, done.events)


def published_ids(ctx: Context, incident_id: int) -> list[str]:
    """Backend script ids published for the incident and not withdrawn since
    (an unknown outcome counts as published: withdrawing is harmless)."""
    events = ctx.store.events(
        incident_id, actions=[Action.SCRIPT_PUBLISH.value, Action.SCRIPT_WITHDRAW.value]
    )
    outcomes = {e.related_id: e.outcome for e in events if e.phase is Phase.OUTCOME}
    live: dict[str, bool] = {}
    for event in events:
        if event.phase is not Phase.INTENT:
            continue
        outcome = outcomes.get(event.id, Outcome.UNKNOWN)
        backend_id = str(event.payload.get("backend_id"))
        if event.action == Action.SCRIPT_PUBLISH and outcome in (Outcome.OK, Outcome.UNKNOWN):
            live[backend_id] = True
        elif event.action == Action.SCRIPT_WITHDRAW and outcome is Outcome.OK:
            live[backend_id] = False
    return [backend_id for backend_id, is_live in live.items() if is_live]


def withdraw_all(ctx: Context, change: ChangeBuilder, *, who: str) -> None:
    ids = published_ids(ctx, change.incident.id)
    if not ids:
        return
    why = ctx.backend.capabilities.why_not(Capability.REPLY_SCRIPTS)
    for backend_id in ids:
        if why is not None:
            result, event = ctx.journal.refuse(
                change.incident.id,
                Action.SCRIPT_WITHDRAW,
                who,
                why,
                target=backend_id,
                payload={"backend_id": backend_id},
            )
            change.add(result, (event,))
            continue
        done = ctx.journal.perform(
            change.incident.id,
            Action.SCRIPT_WITHDRAW,
            who,
            {"backend_id": backend_id},
            _withdrawer(ctx, backend_id),
            target=backend_id,
            describe=lambda state: {"state": state},
        )
        change.add(done.result, done.events)


def _withdrawer(ctx: Context, backend_id: str) -> Callable[[], str]:
    def withdraw() -> str:
        try:
            ctx.backend.withdraw_script(backend_id)
        except NotFound:
            return "absent"  # already gone: the goal is reached
        return "withdrawn"

    return withdraw
