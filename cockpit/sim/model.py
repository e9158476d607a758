"""The configuration of a simulated floor: queues and what arrives in them,
who works when, how long work takes, and the arrival curve over the day.

:meth:`SimConfig.default` is the demo floor (nine queues, ~140 people,
~11k tickets a day, a promotion night with its 0–2 am peak and a refunds
queue that is a little short of staff). :meth:`SimConfig.large` builds big
synthetic floors for benchmarks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta

from cockpit.domain import Channel, Kind, Priority, QueueId, Topic

HOURS = 24


@dataclass(frozen=True, slots=True)
class QueueSpec:
    """One queue (skill group) and the mix of tickets that arrive in it."""

    id: QueueId
    names: Mapping[str, str]
    # Share of the floor's arrivals that land here (shares are normalised).
    share: float
    topics: Mapping[str, float]
    kinds: Mapping[Kind, float]
    channels: Mapping[Channel, float]
    service_level_target: float = 0.8
    # Queues that agents of this queue may also be skilled for.
    related: tuple[QueueId, ...] = ()
    # Headcount relative to the queue's share of the work (< 1: understaffed).
    staffing: float = 1.0

    @property
    def name(self) -> str:
        return self.names.get("en") or self.id


@dataclass(frozen=True, slots=True)
class ShiftPlan:
    """How many people of each role work one shift ("HH:MM-HH:MM", local)."""

    shift: str
    agents: int = 0
    leads: int = 0
    supervisors: int = 0
    # Only staffed on a promotion night (the lead on duty at the peak).
    promotion_only: bool = False


def _norm(weights: tuple[float, ...]) -> tuple[float, ...]:
    mean = sum(weights) / len(weights)
    return tuple(w / mean for w in weights)


# Relative arrivals per local hour on an ordinary day: quiet 3–8 am, a
# working-day plateau and the evening rise towards midnight.
ORDINARY_DAY = _norm(
    (
        *(0.9, 0.55, 0.35, 0.2, 0.15, 0.15, 0.25, 0.5, 0.9, 1.25, 1.4, 1.4),
        *(1.15, 1.25, 1.35, 1.3, 1.2, 1.15, 1.2, 1.4, 1.6, 1.75, 1.7, 1.35),
    )
)
# On a promotion night the sale opens at midnight: these hours are replaced
# (values relative to the ordinary day's mean).
PROMOTION_HOURS: Mapping[int, float] = {22: 1.9, 23: 2.1, 0: 3.2, 1: 2.5, 2: 0.9}


@dataclass(frozen=True, slots=True)
class ArrivalCurve:
    """Relative arrival rate by local time of day (mean 1 on an ordinary day).

    Hourly values sit at the middle of each hour and are joined by straight
    lines, so the rate moves smoothly instead of jumping on the hour.
    """

    hourly: tuple[float, ...]

    @classmethod
    def for_night(cls, base: tuple[float, ...], promotion_night: bool) -> ArrivalCurve:
        hourly = list(base)
        if promotion_night:
            for hour, value in PROMOTION_HOURS.items():
                hourly[hour] = value
        return cls(tuple(hourly))

    def weight(self, local_hour: float) -> float:
        """The relative rate at ``local_hour`` (0 ≤ h < 24, fractions allowed)."""
        pos = (local_hour - 0.5) % HOURS
        low = int(pos)
        frac = pos - low
        return self.hourly[low] * (1 - frac) + self.hourly[(low + 1) % HOURS] * frac

    def per_minute(self) -> tuple[float, ...]:
        """The weight for each minute of the day (a lookup table for the engine)."""
        return tuple(self.weight((m + 0.5) / 60) for m in range(HOURS * 60))


def _q(
    qid: str,
    zh: str,
    en: str,
    share: float,
    topics: Mapping[str, float],
    kinds: Mapping[Kind, float],
    channels: Mapping[Channel, float],
    **extra: object,
) -> QueueSpec:
    return QueueSpec(
        id=QueueId(qid),
        names={"zh_CN": zh, "en": en},
        share=share,
        topics=topics,
        kinds=kinds,
        channels=channels,
        **extra,  # type: ignore[arg-type]
    )


E, C, T, S = Kind.ENQUIRY, Kind.COMPLAINT, Kind.TECH_SUPPORT, Kind.SUGGESTION
CHAT, PHONE, EMAIL, APP, SOCIAL, WEB = (
    Channel.CHAT,
    Channel.PHONE,
    Channel.EMAIL,
    Channel.APP,
    Channel.SOCIAL,
    Channel.WEB,
)
_MIXED = {CHAT: 0.45, PHONE: 0.2, APP: 0.2, EMAIL: 0.08, WEB: 0.05, SOCIAL: 0.02}


def default_queues() -> tuple[QueueSpec, ...]:
    """The nine skill groups of the demo floor."""
    q = QueueId
    return (
        _q("presales", "售前咨询", "Pre-sales", 0.17,
           {Topic.PRODUCT: 0.65, Topic.COUPON: 0.3, Topic.OTHER: 0.05},
           {E: 0.9, C: 0.03, S: 0.07}, {CHAT: 0.6, APP: 0.25, WEB: 0.1, PHONE: 0.05},
           service_level_target=0.9, related=(q("membership"),)),
        _q("logistics", "物流配送", "Logistics", 0.17, {Topic.LOGISTICS: 1.0},
           {E: 0.68, C: 0.27, S: 0.05}, _MIXED, related=(q("aftersales"),)),
        # Deliberately short of staff: its breaches show in the evening.
        _q("refund", "退款退换", "Refunds & returns", 0.15, {Topic.REFUND: 1.0},
           {E: 0.55, C: 0.4, S: 0.05}, _MIXED, staffing=0.8),
        _q("aftersales", "订单售后", "Orders & after-sales", 0.08,
           {Topic.PRODUCT: 0.6, Topic.LOGISTICS: 0.2, Topic.REFUND: 0.2},
           {E: 0.7, C: 0.2, T: 0.05, S: 0.05}, _MIXED, related=(q("logistics"),)),
        _q("payment", "支付问题", "Payment", 0.09, {Topic.PAYMENT: 0.85, Topic.COUPON: 0.15},
           {E: 0.6, C: 0.2, T: 0.2}, _MIXED, related=(q("account"),)),
        _q("account", "账号登录", "Account & login", 0.08, {Topic.LOGIN: 1.0},
           {E: 0.4, T: 0.55, C: 0.05}, {CHAT: 0.4, APP: 0.35, PHONE: 0.15, EMAIL: 0.1},
           related=(q("tech"), q("payment"))),
        _q("tech", "技术故障", "Technical fault", 0.07,
           {Topic.APP_CRASH: 0.8, Topic.LOGIN: 0.1, Topic.OTHER: 0.1},
           {T: 0.8, C: 0.1, S: 0.1}, {APP: 0.5, CHAT: 0.3, EMAIL: 0.1, WEB: 0.1},
           related=(q("account"),)),
        _q("membership", "会员积分", "Membership & points", 0.1,
           {Topic.MEMBERSHIP: 0.7, Topic.COUPON: 0.3}, {E: 0.75, C: 0.15, S: 0.1}, _MIXED,
           related=(q("presales"),)),
        _q("complaints", "投诉处理", "Complaints", 0.09,
           {Topic.OTHER: 0.3, Topic.LOGISTICS: 0.2, Topic.REFUND: 0.2, Topic.PRODUCT: 0.15,
            Topic.MEMBERSHIP: 0.15},
           {C: 0.9, S: 0.1}, {PHONE: 0.35, CHAT: 0.3, SOCIAL: 0.15, EMAIL: 0.2},
           service_level_target=0.85),
    )  # fmt: skip


def default_staffing() -> tuple[ShiftPlan, ...]:
    """Shifts of the demo floor, sized against :data:`ORDINARY_DAY` plus the
    promotion night (the 0–2 am peak still outruns the people on shift)."""
    return (
        ShiftPlan("00:00-08:00", agents=4, leads=3),
        ShiftPlan("07:00-15:00", agents=10),
        ShiftPlan("08:00-16:00", leads=4),
        ShiftPlan("08:30-17:30", agents=22, supervisors=1),
        ShiftPlan("10:00-19:00", agents=12),
        ShiftPlan("13:00-22:00", agents=6),
        ShiftPlan("16:00-00:00", leads=5),
        ShiftPlan("17:00-01:00", agents=14),
        ShiftPlan("17:30-02:30", supervisors=1),
        ShiftPlan("18:00-02:00", agents=22),
        ShiftPlan("20:00-04:00", agents=16),
        ShiftPlan("23:00-07:00", agents=8),
        ShiftPlan("01:00-09:00", supervisors=1),
        ShiftPlan("23:30-02:30", leads=1, promotion_only=True),
    )


def _handling() -> dict[Kind, float]:
    # Effective minutes per handling session: chat agents run several
    # conversations at once, so this is well below a conversation's length.
    return {E: 1.8, T: 3.5, C: 4.2, S: 1.2}


@dataclass(frozen=True, slots=True)
class SimConfig:
    """Everything that shapes a simulated floor (the seed is given apart)."""

    queues: tuple[QueueSpec, ...] = field(default_factory=default_queues)
    staffing: tuple[ShiftPlan, ...] = field(default_factory=default_staffing)
    tickets_per_day: float = 9_000.0
    ordinary_day: tuple[float, ...] = ORDINARY_DAY
    promotion_night: bool = True
    timezone: str = "Asia/Shanghai"
    # Fixed step of the engine, in whole seconds.
    tick_s: int = 5
    # Simulated before ``start`` so the floor has history and a backlog.
    warmup: timedelta = timedelta(hours=30)
    # Finished tickets are kept (and served on a full load) this long.
    retention: timedelta = timedelta(hours=24)
    # With the auto-reply on: the share of matching enquiries the bot settles.
    bot_deflection_share: float = 0.42
    # Median minutes per handling session, by kind (lognormal around it).
    handling_median_min: Mapping[Kind, float] = field(default_factory=_handling)
    handling_sigma: float = 0.6
    # Share of agents with a second skill (taken from the queue's ``related``).
    cross_skill_share: float = 0.3
    # Open tickets created directly at start (big benchmark floors).
    open_backlog: int = 0
    roster_seed: int = 20261111

    def __post_init__(self) -> None:
        if not self.queues:
            raise ValueError("a floor needs at least one queue")
        if len(self.ordinary_day) != HOURS:
            raise ValueError("ordinary_day needs 24 hourly values")
        if self.tick_s < 1:
            raise ValueError("tick_s must be at least one second")

    @classmethod
    def default(cls, **changes: object) -> SimConfig:
        """The demo floor, with any field replaced by keyword."""
        return replace(cls(), **changes)  # type: ignore[arg-type]

    @classmethod
    def large(
        cls, *, queues: int = 40, agents: int = 1000, open_backlog: int = 100_000
    ) -> SimConfig:
        """A big synthetic floor for benchmarks: generated queues, ``agents``
        people spread over shifts, and ``open_backlog`` open tickets created
        directly instead of by a warm-up."""
        from cockpit.sim.large import large_queues, large_staffing

        return cls(
            queues=large_queues(queues),
            staffing=large_staffing(agents),
            tickets_per_day=agents * 80.0,
            warmup=timedelta(minutes=10),
            open_backlog=open_backlog,
        )

    def curve(self) -> ArrivalCurve:
        return ArrivalCurve.for_night(self.ordinary_day, self.promotion_night)

    def queue(self, queue_id: str) -> QueueSpec:
        for spec in self.queues:
            if spec.id == queue_id:
                return spec
        raise KeyError(queue_id)


PRIORITY_BY_KIND: Mapping[Kind, Mapping[Priority, float]] = {
    Kind.ENQUIRY: {Priority.URGENT: 0.02, Priority.HIGH: 0.15, Priority.MEDIUM: 0.68,
                   Priority.LOW: 0.15},
    Kind.TECH_SUPPORT: {Priority.URGENT: 0.06, Priority.HIGH: 0.25, Priority.MEDIUM: 0.6,
                        Priority.LOW: 0.09},
    Kind.COMPLAINT: {Priority.URGENT: 0.05, Priority.HIGH: 0.55, Priority.MEDIUM: 0.35,
                     Priority.LOW: 0.05},
    Kind.SUGGESTION: {Priority.URGENT: 0.0, Priority.HIGH: 0.02, Priority.MEDIUM: 0.18,
                      Priority.LOW: 0.8},
}  # fmt: skip
# Money lost makes urgent likelier; membership rights make high likelier.
PRIORITY_TOPIC_BOOST: Mapping[str, Mapping[Priority, float]] = {
    Topic.PAYMENT: {Priority.URGENT: 2.5},
    Topic.REFUND: {Priority.URGENT: 1.8},
    Topic.MEMBERSHIP: {Priority.HIGH: 1.6},
    Topic.APP_CRASH: {Priority.URGENT: 1.5},
}
