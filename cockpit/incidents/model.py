"""The vocabulary of incident mode: actions, targets, and the "what changed"
records the engine's op functions return. Structured data only: the UI
turns codes into sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from cockpit.store.incidents import EventRecord, IncidentRecord, Outcome


class Severity(StrEnum):
    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


class Action(StrEnum):
    """What an event in the incident log is about."""

    DECLARE = "declare"
    JOIN = "join"  # a second declaration of a kind that is already open
    NOTE = "note"
    STATUS_UPDATE = "status_update"
    VARIABLES = "variables"
    STEP_DONE = "step_done"
    REMINDER = "reminder"
    BOT_ON = "bot_on"
    BOT_RESTORE = "bot_restore"
    SCRIPT_PUBLISH = "script_publish"
    SCRIPT_WITHDRAW = "script_withdraw"
    WEBHOOK = "webhook"
    TICKET_REPLY = "ticket_reply"
    RESOLVE = "resolve"


class TargetKind(StrEnum):
    AGENTS = "agents"  # published to the agents as a reply script
    BOT = "bot"  # the bot auto-reply
    TEAM = "team"  # a team chat, by webhook


@dataclass(frozen=True, slots=True)
class Target:
    """Where a broadcast goes: ``agents``, ``bot`` or ``team:<channel>``."""

    kind: TargetKind
    channel: str | None = None

    def __str__(self) -> str:
        return self.kind.value if self.channel is None else f"{self.kind.value}:{self.channel}"

    @classmethod
    def parse(cls, text: str) -> Target:
        kind, _, channel = text.partition(":")
        try:
            target_kind = TargetKind(kind)
        except ValueError:
            raise ValueError(
                f"unknown broadcast target {text!r}: expected agents, bot or team:<channel>"
            ) from None
        if (target_kind is TargetKind.TEAM) != bool(channel):
            raise ValueError(f"broadcast target {text!r}: only team targets name a channel")
        return cls(target_kind, channel or None)


AGENTS = Target(TargetKind.AGENTS)
BOT = Target(TargetKind.BOT)


def team(channel: str) -> Target:
    return Target(TargetKind.TEAM, channel)


class Reason(StrEnum):
    """Why an action did not succeed (besides a backend's own reason codes)."""

    NOT_SUPPORTED = "not_supported"
    MISSING_VARIABLES = "missing_variables"
    CHANNEL_NOT_ALLOWED = "channel_not_allowed"  # the script is not meant for this target
    WEBHOOK_NOT_CONFIGURED = "webhook_not_configured"
    UNKNOWN_CHANNEL = "unknown_channel"
    INTERRUPTED = "interrupted"  # the cockpit stopped between intent and outcome
    INTERNAL_ERROR = "internal_error"
    ALREADY_RESOLVED = "already_resolved"


@dataclass(frozen=True, slots=True)
class ActionResult:
    """The outcome of one side effect (or of one refusal to try)."""

    action: Action
    outcome: Outcome
    # What it was aimed at: "bot", "team:floor_leads", a script or ticket id.
    target: str | None = None
    # A code: a Reason, a backend reason ("unreachable", "auth" …) or a
    # webhook service's error code.
    reason: str | None = None
    # Technical detail for the log view; secrets already removed.
    detail: str | None = None
    event_id: int | None = None
    # For a failed delivery that will be retried by ``tick``.
    retry_at: datetime | None = None
    # An optional part that is simply not set up (a playbook's team chat
    # without a webhook, notified automatically): reported, not a failure.
    optional: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    @property
    def skipped(self) -> bool:
        """Not done because an optional part is not configured."""
        return self.optional and not self.ok


@dataclass(frozen=True, slots=True)
class Change:
    """What an op changed: the incident after it, the events it appended
    (for the timeline) and the result of each side effect it attempted."""

    incident: IncidentRecord
    events: tuple[EventRecord, ...] = ()
    results: tuple[ActionResult, ...] = ()
    # True when a declaration joined an incident that was already open.
    joined: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing failed (skipped optional parts do not count)."""
        return not self.failures

    @property
    def failures(self) -> tuple[ActionResult, ...]:
        return tuple(r for r in self.results if not r.ok and not r.skipped)

    @property
    def skipped(self) -> tuple[ActionResult, ...]:
        """Optional parts not configured (see :attr:`ActionResult.optional`)."""
        return tuple(r for r in self.results if r.skipped)


@dataclass
class ChangeBuilder:
    """Collects what an op did, step by step, into a :class:`Change`."""

    incident: IncidentRecord
    events: list[EventRecord] = field(default_factory=list)
    results: list[ActionResult] = field(default_factory=list)
    joined: bool = False

    def add(self, result: ActionResult | None = None, events: tuple[EventRecord, ...] = ()) -> None:
        if result is not None:
            self.results.append(result)
        self.events.extend(events)

    def build(self) -> Change:
        return Change(self.incident, tuple(self.events), tuple(self.results), self.joined)
