"""The vocabulary of the cockpit: tickets, agents, queues and the batches a
backend hands over on each poll.

Everything here is a frozen, slotted value object or an enum. Backends build
these from their own payloads; the rest of the core only ever sees these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import NewType

TicketId = NewType("TicketId", str)
QueueId = NewType("QueueId", str)
AgentId = NewType("AgentId", str)


class Priority(StrEnum):
    """Ticket priority, most pressing first (see the SLA policy for targets)."""

    URGENT = "urgent"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for urgent … 3 for low; sorts the most pressing first."""
        return _PRIORITY_RANK[self]


_PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.MEDIUM: 2, Priority.LOW: 3}


class Status(StrEnum):
    """Where a ticket is in its life.

    OPEN covers new, assigned and in-progress work; PENDING waits on the
    customer; WAITING_OTHER waits on another department (a collaboration
    ticket). RESOLVED and CLOSED are both finished.
    """

    OPEN = "open"
    PENDING = "pending"
    WAITING_OTHER = "waiting_other"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        return self in (Status.OPEN, Status.PENDING, Status.WAITING_OTHER)


class Kind(StrEnum):
    """What the customer wants: the four kinds of the service handbook."""

    ENQUIRY = "enquiry"
    COMPLAINT = "complaint"
    TECH_SUPPORT = "tech_support"
    SUGGESTION = "suggestion"


class Topic(StrEnum):
    """The topics the floor triages by. Backends may report others as plain strings."""

    LOGISTICS = "logistics"
    REFUND = "refund"
    PAYMENT = "payment"
    LOGIN = "login"
    MEMBERSHIP = "membership"
    COUPON = "coupon"
    PRODUCT = "product"
    APP_CRASH = "app_crash"
    OTHER = "other"


class Channel(StrEnum):
    """How the customer reached us."""

    CHAT = "chat"
    PHONE = "phone"
    EMAIL = "email"
    APP = "app"
    SOCIAL = "social"
    WEB = "web"


class EscalationLevel(IntEnum):
    """The three-level escalation, plus PR/legal for major complaints."""

    AGENT = 0
    LEAD = 1
    SUPERVISOR = 2
    PR_LEGAL = 3


class AgentState(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    AWAY = "away"
    OFFLINE = "offline"


class Role(StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True, slots=True)
class Ticket:
    """One customer ticket as last reported by the backend.

    Times are timezone-aware UTC. ``first_response_due`` and
    ``resolution_due`` are due times the backend itself computed; when set
    they win over the local SLA policy.
    """

    id: TicketId
    queue: QueueId
    priority: Priority
    status: Status
    created_at: datetime
    updated_at: datetime
    kind: Kind = Kind.ENQUIRY
    topic: str = Topic.OTHER
    channel: Channel = Channel.CHAT
    subject: str = ""
    assignee: AgentId | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    escalation: EscalationLevel = EscalationLevel.AGENT
    escalated_at: datetime | None = None
    waiting_on: str | None = None
    waiting_since: datetime | None = None
    pending_since: datetime | None = None
    last_customer_update_at: datetime | None = None
    first_response_due: datetime | None = None
    resolution_due: datetime | None = None
    bot_deflected: bool = False
    url: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status.is_open


@dataclass(frozen=True, slots=True)
class Agent:
    id: AgentId
    name: str
    state: AgentState
    skills: tuple[QueueId, ...] = ()
    role: Role = Role.AGENT
    shift: str = ""
    current_ticket: TicketId | None = None


@dataclass(frozen=True, slots=True)
class Queue:
    """A queue or skill group. ``names`` holds translations keyed by locale
    (``"zh_CN"``, ``"en"``); ``name`` is what the backend calls it."""

    id: QueueId
    name: str
    names: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    service_level_target: float = 0.8

    def display_name(self, language: str) -> str:
        return self.names.get(language) or self.name


@dataclass(frozen=True, slots=True)
class Batch:
    """What one fetch returned.

    ``tickets`` are the tickets that changed since the cursor (all of them on
    a full load, when ``full`` is true). ``agents`` and ``queues`` are full
    lists when the backend sent them, ``None`` when unchanged or unknown.
    ``complete_to``: when the backend's change list is complete only up to an
    earlier time than ``server_time`` (a relay: its last poll of the help
    desk), that time; events after it may still come in later batches.
    """

    tickets: tuple[Ticket, ...]
    cursor: str | None
    server_time: datetime
    agents: tuple[Agent, ...] | None = None
    queues: tuple[Queue, ...] | None = None
    full: bool = False
    complete_to: datetime | None = None
