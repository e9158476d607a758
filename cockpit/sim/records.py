"""The simulator's own mutable records and the time arithmetic it runs on.

Inside the engine times are whole microseconds since the Unix epoch (UTC),
so that windows and targets compare exactly; they become timezone-aware
datetimes only when a record is turned into a domain object.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.domain import (
    Agent,
    AgentId,
    AgentState,
    Channel,
    EscalationLevel,
    Kind,
    Priority,
    QueueId,
    Role,
    Status,
    Ticket,
    TicketId,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
US = 1_000_000
_ONE_US = timedelta(microseconds=1)

Key = tuple[str, int]
"""Where a ticket waits: (queue id, tier); tier 0 agents, 1 leads, 2 supervisors."""


def to_us(when: datetime) -> int:
    """Microseconds since the epoch for an aware datetime."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"naive datetime {when!r}: times must carry a time zone")
    return (when - EPOCH) // _ONE_US


class TimeCache:
    """Turns engine times into datetimes, remembering recent ones: most
    timestamps sit on the tick grid, so the same values come up again and again."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[int, datetime] = {}

    def __call__(self, us: int) -> datetime:
        found = self._cache.get(us)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            found = EPOCH + timedelta(microseconds=us)
            self._cache[us] = found
        return found

    def opt(self, us: int | None) -> datetime | None:
        return None if us is None else self(us)


class TicketRec:
    """One ticket as the engine works on it (mutable; see :meth:`to_ticket`)."""

    __slots__ = (
        "assignee",
        "bot",
        "cached",
        "chain",
        "channel",
        "created",
        "escalated",
        "escalation",
        "finish_seq",
        "first_response",
        "id",
        "kind",
        "last_update",
        "pending_since",
        "priority",
        "queue",
        "resolved",
        "seq",
        "sessions",
        "status",
        "subject",
        "tags",
        "token",
        "topic",
        "updated",
        "waiting_on",
        "waiting_since",
    )

    def __init__(
        self,
        ticket_id: str,
        queue: str,
        *,
        priority: Priority,
        kind: Kind,
        topic: str,
        channel: Channel,
        subject: str,
        created: int,
        tags: tuple[str, ...] = (),
    ) -> None:
        self.id = ticket_id
        self.queue = queue
        self.priority = priority
        self.kind = kind
        self.topic = topic
        self.channel = channel
        self.subject = subject
        self.created = created
        self.updated = created
        self.tags = tags
        self.status = Status.OPEN
        self.assignee: str | None = None
        self.first_response: int | None = None
        self.resolved: int | None = None
        self.escalation = EscalationLevel.AGENT
        self.escalated: int | None = None
        self.waiting_on: str | None = None
        self.waiting_since: int | None = None
        self.pending_since: int | None = None
        self.last_update: int | None = None
        self.bot = False
        self.seq = 0
        self.finish_seq = 0
        # Bumped on every lifecycle step, so that events scheduled for an
        # earlier step (a customer coming back, a finished session) are ignored.
        self.token = 0
        self.sessions = 0
        # Identifies the running chain of customer updates on escalated work.
        self.chain = 0
        self.cached: Ticket | None = None

    @property
    def tier(self) -> int:
        return min(int(self.escalation), 2)

    @property
    def key(self) -> Key:
        return (self.queue, self.tier)

    def to_ticket(self, dt: TimeCache) -> Ticket:
        """The frozen domain object; cached until the record changes."""
        if self.cached is None:
            self.cached = Ticket(
                id=TicketId(self.id),
                queue=QueueId(self.queue),
                priority=self.priority,
                status=self.status,
                created_at=dt(self.created),
                updated_at=dt(self.updated),
                kind=self.kind,
                topic=self.topic,
                channel=self.channel,
                subject=self.subject,
                assignee=None if self.assignee is None else AgentId(self.assignee),
                first_response_at=dt.opt(self.first_response),
                resolved_at=dt.opt(self.resolved),
                escalation=self.escalation,
                escalated_at=dt.opt(self.escalated),
                waiting_on=self.waiting_on,
                waiting_since=dt.opt(self.waiting_since),
                pending_since=dt.opt(self.pending_since),
                last_customer_update_at=dt.opt(self.last_update),
                bot_deflected=self.bot,
                tags=self.tags,
            )
        return self.cached


class AgentRec:
    """One person on the floor as the engine works on them."""

    __slots__ = (
        "activity",
        "break_owed_s",
        "current",
        "id",
        "name",
        "off_due",
        "role",
        "serves",
        "shift",
        "shift_token",
        "skills",
        "state",
    )

    def __init__(
        self,
        agent_id: str,
        name: str,
        *,
        role: Role,
        skills: tuple[str, ...],
        shift: str,
        serves: tuple[tuple[Key, ...], ...],
    ) -> None:
        self.id = agent_id
        self.name = name
        self.role = role
        self.skills = skills
        self.shift = shift
        # Groups of waiting lines in order of preference (escalations first).
        self.serves = serves
        self.state = AgentState.OFFLINE
        self.current: str | None = None
        self.break_owed_s = 0.0
        self.off_due = False
        # Invalidate events of an earlier shift / an earlier piece of work.
        self.shift_token = 0
        self.activity = 0

    def to_agent(self) -> Agent:
        return Agent(
            id=AgentId(self.id),
            name=self.name,
            state=self.state,
            skills=tuple(QueueId(s) for s in self.skills),
            role=self.role,
            shift=self.shift,
            current_ticket=None if self.current is None else TicketId(self.current),
        )
