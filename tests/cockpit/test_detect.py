"""The surge detector on hand-built floors: a steady stream stays quiet, a
topic that triples is flagged with its tickets and playbook, a floor-wide
rise is one floor surge, public-opinion phrases raise their own surge."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from cockpit.detect import FLOOR_KEY, PUBLIC_OPINION_KEY, DetectorSettings, Surge, SurgeDetector
from cockpit.detect_series import SeriesBook, poisson_sf
from cockpit.detect_suggest import PlaybookMatcher
from cockpit.detect_text import SubjectClusters, label_of, public_opinion_hits
from cockpit.domain import Batch, Channel, Ticket
from cockpit.floor import FloorState
from cockpit.incidents.playbook import load_library
from cockpit.settings import SlaSettings
from tests.cockpit.factories import at, ticket

SUBJECTS = {
    "payment": ("银行卡付款总是失败", "同一笔订单被扣了两次钱", "付了款订单却显示未支付"),
    "logistics": ("物流信息好几天没更新", "快递显示签收了但我没拿到", "什么时候能发货"),
    "refund": ("退款申请提交后迟迟没到账", "退款金额比实付少了", "售后申请被驳回"),
}
_ids = itertools.count()


def arrivals(
    topic: str, per_min: float, start: float, end: float, **fields: object
) -> list[Ticket]:
    """Evenly spaced tickets on ``topic`` from minute ``start`` to ``end``."""
    out = []
    step = 1 / per_min
    minute = start
    subjects = itertools.cycle(SUBJECTS[topic])
    while minute < end:
        n = next(_ids)
        values = {"topic": topic, "subject": next(subjects), **fields}
        out.append(ticket(f"T{n}", queue=topic, created=minute, **values))  # type: ignore[arg-type]
        minute += step
    return out


class Floor:
    """Feeds a detector one batch per simulated minute."""

    def __init__(self, detector: SurgeDetector, history: list[Ticket], now: float) -> None:
        self.detector = detector
        self.state = FloorState(SlaSettings(), history=timedelta(days=2))
        self.now = now
        self.cursor = itertools.count(2)
        self.push(history, full=True)

    def push(self, tickets: list[Ticket], *, full: bool = False) -> tuple[Surge, ...]:
        batch = Batch(tuple(tickets), str(next(self.cursor)), at(self.now), full=full)
        self.state.apply(batch)
        return self.detector.observe(batch, self.state)

    def run(self, minutes: int, streams: list[list[Ticket]]) -> list[tuple[Surge, ...]]:
        pending = sorted((t for s in streams for t in s), key=lambda t: t.created_at)
        seen = []
        for _ in range(minutes):
            self.now += 1
            due = [t for t in pending if t.created_at <= at(self.now)]
            pending = pending[len(due) :]
            seen.append(self.push(due))
        return seen


def steady(start: float, end: float) -> list[list[Ticket]]:
    return [
        arrivals("payment", 0.5, start, end),
        arrivals("logistics", 1.0, start, end),
        arrivals("refund", 1.0, start, end),
    ]


def detector() -> SurgeDetector:
    return SurgeDetector(matcher=PlaybookMatcher(load_library().listing()))


def history(hours: float = 2) -> list[Ticket]:
    return [t for s in steady(-hours * 60, 0) for t in s]


def test_a_steady_floor_raises_nothing() -> None:
    floor = Floor(detector(), history(), now=0)
    assert all(not surges for surges in floor.run(60, steady(0, 60)))


def test_a_topic_that_quadruples_is_flagged_with_its_tickets_and_playbook() -> None:
    floor = Floor(detector(), history(), now=0)
    streams = [*steady(0, 30), arrivals("payment", 1.5, 0, 30)]  # payment x4
    seen = floor.run(30, streams)
    first = next(i for i, surges in enumerate(seen) if surges)
    assert first < 15  # well before the 15-minute window fills
    surge = next(s for s in seen[-1] if s.kind == "topic")
    assert surge.key == "payment"
    assert surge.ratio >= 3
    assert surge.playbook_id == "service_outage"
    assert surge.baseline == "recent"
    assert len(surge.ticket_ids) >= surge.count_15m
    assert all(floor.state.tickets[t].topic == "payment" for t in surge.ticket_ids)  # type: ignore[index]
    assert dict(surge.queues)["payment"] == len(surge.ticket_ids)
    assert {s.kind for s in seen[-1]} <= {"topic"}  # its clusters fold into it
    assert surge.keywords  # …and show as its keywords


def test_a_surge_ends_when_the_topic_calms_down() -> None:
    floor = Floor(detector(), history(), now=0)
    seen = floor.run(60, [*steady(0, 60), arrivals("payment", 1.5, 0, 20)])
    assert any(seen[15])
    assert not any(seen[-1])


def test_a_floor_wide_rise_is_one_floor_surge_not_a_surge_per_topic() -> None:
    floor = Floor(detector(), history(), now=0)
    streams = steady(0, 30) + steady(0, 30) + steady(0, 30) + steady(0, 30)  # everything x4
    surges = floor.run(30, streams)[-1]
    assert [s.kind for s in surges] == [FLOOR_KEY]


def test_public_opinion_phrases_raise_the_public_opinion_playbook() -> None:
    floor = Floor(detector(), history(), now=0)
    loud = [
        ticket(f"P{i}", "refund", created=i, subject=f"再不退款就发微博曝光 {i}",
               channel=Channel.SOCIAL, topic="refund")
        for i in range(1, 5)
    ]  # fmt: skip
    surges = floor.run(6, [*steady(0, 6), loud])[-1]
    public = next(s for s in surges if s.kind == PUBLIC_OPINION_KEY)
    assert public.public_opinion
    assert public.playbook_id == "public_opinion"
    assert set(public.ticket_ids) == {"P1", "P2", "P3", "P4"}


def test_the_same_hour_yesterday_is_the_baseline_once_recorded() -> None:
    # 26 hours of history: yesterday at this hour payment ran at 2/min, so 2/min now is normal.
    busy_yesterday = arrivals("payment", 1.5, -24 * 60 - 60, -24 * 60 + 60)
    past = history(26) + busy_yesterday
    settings = DetectorSettings(backfill=timedelta(hours=26))
    floor = Floor(SurgeDetector(settings=settings), past, now=0)
    surges = floor.run(20, [*steady(0, 20), arrivals("payment", 1.5, 0, 20)])
    assert not any(s.kind == "topic" for step in surges for s in step)


def test_tickets_seen_again_count_once() -> None:
    floor = Floor(detector(), history(), now=0)
    again = [t for s in steady(-30, 0) for t in s]
    for _ in range(5):
        floor.now += 1
        assert not floor.push(again)


def test_no_baseline_no_alarm_on_the_first_incremental_poll() -> None:
    det = detector()
    state = FloorState(SlaSettings())
    tickets = tuple(arrivals("payment", 5, -10, 0))
    batch = Batch(tickets, "1", at(0), full=False)
    state.apply(batch)
    assert det.observe(batch, state) == ()


# --- the parts --------------------------------------------------------------------


def test_near_duplicate_subjects_share_a_cluster() -> None:
    clusters = SubjectClusters()
    a = clusters.assign("银行卡付款总是失败")
    b = clusters.assign("投诉：银行卡付款总是失败")
    c = clusters.assign("强烈不满：银行卡付款总是失败！！")
    d = clusters.assign("物流信息好几天没更新")
    e = clusters.assign("Payment failed again")
    f = clusters.assign("payment failed again!")
    assert a is b is c
    assert d is not a
    assert e is f
    assert e is not a
    assert clusters.assign("   ") is None
    assert "付款" in a.label  # type: ignore[union-attr]


def test_labels_join_chinese_words_without_spaces() -> None:
    assert label_of(["付款", "失败"]) == "付款失败"
    assert label_of(["payment", "failed"]) == "payment failed"


@pytest.mark.parametrize(
    ("text", "hit"),
    [("再不处理就发微博曝光", True), ("已投诉到12315", True), ("Going viral on social media", True),
     ("快递显示签收了", False)],
)  # fmt: skip
def test_public_opinion_keywords(text: str, hit: bool) -> None:
    assert public_opinion_hits(text) is hit


def test_poisson_tail_against_known_values() -> None:
    # P(X >= 10 | lambda = 3) = 0.001102 (tables of the Poisson distribution).
    assert poisson_sf(10, 3.0) == pytest.approx(0.0011025, rel=1e-3)
    assert poisson_sf(0, 3.0) == 1.0
    assert poisson_sf(1, 2.0) == pytest.approx(1 - 0.1353353, rel=1e-6)


def test_series_buckets_forget_what_the_ring_reuses() -> None:
    book = SeriesBook()
    book.add("k", 0.0, "a", 0.0)
    assert book.bucket_sum("k", 0.0, 600.0) == 1
    book.add("k", 9 * 86_400.0, "b", 9 * 86_400.0)  # beyond eight days: the old slot is cleared
    assert book.bucket_sum("k", 9 * 86_400.0, 9 * 86_400.0 + 600) == 1
    assert book.bucket_sum("k", 0.0, 600.0) == 0
