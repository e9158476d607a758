"""A floor with the long values real desks have: long English queue names,
long subjects, agents known by their full names, several flags on one
ticket, tickets a day old. For the layout tests of the floor tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.at_risk import ClockState, SlaRow
from cockpit.domain import AgentId, EscalationLevel, Kind, Priority, QueueId, Status, TicketId
from cockpit.escalation_index import EscalationSummary
from cockpit.escalations import EscalationFlag, EscalationRow
from cockpit.metrics import ClockFigures, FloorView, QueueFigures
from cockpit.sla import ClockKind, SlaState

NOW = datetime(2026, 11, 23, 17, 23, 41, tzinfo=UTC)

# id, zh_CN, en: the longest names a desk is likely to give its queues.
LONG_QUEUES = [
    ("presale", "售前咨询", "Pre-sales enquiries"),
    ("logistics", "物流配送", "Delivery tracking & couriers"),
    ("refund", "退款退换", "Refunds & returns"),
    ("orders", "订单售后", "Orders & after-sales escalations"),
    ("payment", "支付问题", "Payments & invoicing"),
    ("account", "账号登录", "Account, login & security"),
    ("technical", "技术故障", "Technical faults (app & web)"),
    ("membership", "会员积分", "Membership & loyalty points"),
    ("complaints", "投诉处理", "Complaints & PR escalations"),
]
AGENTS = [
    "Alexandra Konstantinopoulou",
    "Bartholomew Fitzgerald-Smythe",
    "欧阳娜娜",
    "Maximilian Oberhauser",
    None,
]
SUBJECTS = [
    "Parcel shows as delivered but the customer never received it and wants a refund today",
    "Double charge on the credit card after the promotion checkout timed out twice",
    "快递显示已签收但本人没有收到，要求今天处理退款并补偿运费",
    "Cannot log in after the password reset email link expired; locked out of the account",
    "Coupon from the 11.11 campaign not applied to the order total",
]


def _queues() -> tuple[QueueFigures, ...]:
    return tuple(
        QueueFigures(
            queue=QueueId(qid),
            name=en,
            names={"zh_CN": zh, "en": en},
            open=1240,
            waiting=137,
            oldest_wait_s=7 * 3600 + 13 * 60 + 41,
            agents_available=0 if n == 1 else 12,
            agents_busy=48,
            agents_away=3,
            arrivals_15m=128,
            resolutions_15m=77,
            service_level=0.57 if n == 1 else 0.9 - n / 50,
            service_level_target=0.8,
            breached=12 if n == 1 else n % 3,
            at_risk=7,
            waiting_past_target=9 if n == 1 else 0,
            first_response=ClockFigures(breached=12 if n == 1 else 0),
        )
        for n, (qid, zh, en) in enumerate(LONG_QUEUES)
    )


def _sla_row(n: int, seconds: float) -> SlaRow:
    queue = QueueId(LONG_QUEUES[n % len(LONG_QUEUES)][0])
    due = NOW + timedelta(seconds=seconds)
    other = ClockState(
        kind=ClockKind.RESOLUTION,
        state=SlaState.BREACHED if n % 2 else SlaState.OK,
        due_at=NOW + timedelta(hours=-2 if n % 2 else 20),
        seconds_to_breach=-7200 if n % 2 else 72_000,
    )
    own = ClockState(
        kind=ClockKind.FIRST_RESPONSE,
        state=SlaState.BREACHED if seconds < 0 else SlaState.AT_RISK,
        due_at=due,
        seconds_to_breach=seconds,
    )
    agent = AGENTS[n % len(AGENTS)]
    return SlaRow(
        ticket=TicketId(f"ZD-{4_810_000 + n}"),
        queue=queue,
        priority=list(Priority)[n % 4],
        kind=list(Kind)[n % 4],
        clock=ClockKind.FIRST_RESPONSE,
        state=own.state,
        created_at=NOW - timedelta(hours=26 + n),
        age_s=(26 + n) * 3600,
        assignee=None if agent is None else AgentId(agent),
        due_at=due,
        seconds_to_breach=seconds,
        subject=SUBJECTS[n % len(SUBJECTS)],
        clocks=(own, other),
    )


def _escalation(n: int, level: EscalationLevel) -> EscalationRow:
    agent = AGENTS[n % len(AGENTS)]
    flags = tuple(EscalationFlag)[: 1 + n % 3] if n % 2 == 0 else ()
    return EscalationRow(
        ticket=TicketId(f"ZD-{4_820_000 + n}"),
        queue=QueueId(LONG_QUEUES[(n * 2) % len(LONG_QUEUES)][0]),
        priority=list(Priority)[n % 4],
        kind=Kind.COMPLAINT,
        status=Status.OPEN,
        level=level,
        since=NOW - timedelta(hours=30 + n),
        age_at_level_s=(30 + n) * 3600 + 1234,
        owner=None if agent is None else AgentId(agent),
        flags=flags
        or (() if level is not EscalationLevel.AGENT else (EscalationFlag.URGENT_NOT_REPORTED,)),
        subject=SUBJECTS[n % len(SUBJECTS)],
    )


def long_floor() -> FloorView:
    """Nine queues with long names, 12 at-risk and 6 breached tickets, and
    escalations at every level, all with long names and subjects."""
    levels = [EscalationLevel.PR_LEGAL, EscalationLevel.SUPERVISOR, EscalationLevel.LEAD]
    escalations = tuple(_escalation(n, levels[n % 3]) for n in range(9)) + tuple(
        _escalation(n, EscalationLevel.AGENT) for n in range(9, 12)
    )
    return FloorView(
        generated_at=NOW,
        backend="sim://127.0.0.1:8765",
        queues=_queues(),
        changed=frozenset(QueueId(q[0]) for q in LONG_QUEUES),
        at_risk=tuple(_sla_row(n, 60.0 * (n + 1)) for n in range(12)),
        breached=tuple(_sla_row(n, -(86_400 + 3600 * n)) for n in range(12, 18)),
        escalations=escalations,
        escalation_summary=EscalationSummary(
            lead=3,
            supervisor=3,
            pr_legal=3,
            collab_no_answer=2,
            customer_not_updated=2,
            urgent_not_reported=4,
        ),
    )
