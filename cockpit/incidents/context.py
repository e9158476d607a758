"""What every incident op works with, in one object, and the rendering of
playbook texts for one incident (variables filled safely, per language)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache

import orjson

from cockpit.backends.base import TicketBackend
from cockpit.clock import Clock
from cockpit.domain import Ticket
from cockpit.incidents.journal import Journal
from cockpit.incidents.playbook import Playbook
from cockpit.incidents.playbook_checks import TICKET_BUILTINS
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentRecord, IncidentStore


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Waits before the 2nd, 3rd, … attempt of a failed team-chat delivery."""

    delays: tuple[timedelta, ...] = (
        timedelta(seconds=10),
        timedelta(seconds=30),
        timedelta(seconds=90),
    )

    @property
    def max_attempts(self) -> int:
        return len(self.delays) + 1

    def next_delay(self, attempt: int) -> timedelta | None:
        """The wait after failed attempt number ``attempt`` (1-based), or None
        when that was the last one."""
        return self.delays[attempt - 1] if attempt <= len(self.delays) else None


@dataclass(frozen=True)
class Context:
    store: IncidentStore
    backend: TicketBackend
    clock: Clock
    webhooks: WebhookSender
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    # The zone times are written in inside messages ({declared_at}).
    zone: tzinfo = UTC
    journal: Journal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "journal", Journal(self.store, self.clock))

    def playbook(self, incident: IncidentRecord) -> Playbook:
        """The playbook as it was when the incident was declared."""
        return _playbook_from(orjson.dumps(dict(incident.playbook)))


@lru_cache(maxsize=32)
def _playbook_from(data: bytes) -> Playbook:
    return Playbook.from_json(orjson.loads(data))


def format_local(when: datetime, zone: tzinfo) -> str:
    local = when.astimezone(zone)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def values_for(
    ctx: Context,
    incident: IncidentRecord,
    playbook: Playbook,
    language: str,
    extra: Mapping[str, str] | None = None,
    *,
    ticket: Ticket | None = None,
    for_agents: bool = False,
) -> dict[str, str]:
    """Variables for one text: playbook defaults < incident values < ``extra``
    < built-ins. For agents, per-ticket variables stay placeholders. Within
    the incident values and within ``extra``, a value for this language
    (``eta.en``) beats the one for every language (``eta``)."""
    values: dict[str, str] = {}
    for name, spec in playbook.variables.items():
        default = spec.default_for(language)
        if default is not None and not (for_agents and spec.per_ticket):
            values[name] = default
    values.update(for_language(incident.variables, language))
    values.update(for_language(extra or {}, language))
    values["incident_id"] = str(incident.id)
    values["playbook"] = playbook.names.get(language)
    values["declared_at"] = format_local(incident.declared_at, ctx.zone)
    if ticket is not None:
        values["ticket_id"] = str(ticket.id)
        values["subject"] = ticket.subject
    return values


def split_language(name: str) -> tuple[str, str | None]:
    """``"eta.en"`` → ``("eta", "en")``; ``"eta"`` → ``("eta", None)``."""
    base, dot, language = name.partition(".")
    return (base, language) if dot else (name, None)


def for_language(values: Mapping[str, str], language: str) -> dict[str, str]:
    """The values one language's text uses: plain names, then this
    language's ``name.<language>`` values over them; other languages' dropped."""
    plain = {k: v for k, v in values.items() if split_language(k)[1] is None}
    for key, value in values.items():
        base, lang = split_language(key)
        if lang == language:
            plain[base] = value
    return plain


def placeholders(playbook: Playbook) -> frozenset[str]:
    """Variables an agent fills in: per-ticket ones and the ticket built-ins."""
    return frozenset(n for n, v in playbook.variables.items() if v.per_ticket) | TICKET_BUILTINS
