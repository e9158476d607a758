"""What a reader of an exported review or handover sees: the first message
out is one that got through (and is named), steps open at resolution are not
"not yet due", each mass reply shows the service level around it, every
table has a header per column, and no internal code is left on the page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cockpit.clock import ManualClock
from cockpit.handover import EscalationLine, Handover, IncidentLine, handover_body
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.journal import EffectFailed
from cockpit.incidents.model import AGENTS, Action
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.review import Review, build_review
from cockpit.review_html import review_html
from cockpit.review_impact import PhaseImpact, PhaseName
from cockpit.review_log import Compliance, LatencyName
from cockpit.store.bundle import Stores
from cockpit.store.samples import FLOOR, Sample
from tests.cockpit.factories import T0, ticket
from tests.cockpit.fakes import FakeBackend

RAW_CODES = (
    "service_outage", "webhook_not_configured", "switch_scripts", "inform_supervisor",
    "inc1-", "zh_CN", "team:", "floor_leads", "outage_ack", "not_due", ">lead<",
)  # fmt: skip


@dataclass
class Desk:
    stores: Stores
    engine: IncidentEngine
    clock: ManualClock
    backend: FakeBackend

    def review(self, incident_id: int, minutes: float) -> Review:
        return build_review(self.stores, incident_id, now=T0 + timedelta(minutes=minutes))


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    stores = Stores.open(f"sqlite:///{tmp_path / 'c.db'}")
    clock, backend = ManualClock(T0), FakeBackend()
    webhooks = WebhookSender(secrets=lambda name: None)
    engine = IncidentEngine(
        stores.incidents, backend, library=load_library(), clock=clock, webhooks=webhooks
    )
    yield Desk(stores, engine, clock, backend)
    webhooks.close()
    stores.close()


def _failed_chat_message(desk: Desk, incident_id: int) -> None:
    def refuse() -> None:
        raise EffectFailed("wecom_error_93000", "invalid webhook url")

    payload = {"channel": "floor_leads", "service": "wecom", "title": "t", "text": "x"}
    desk.engine.ctx.journal.perform(incident_id, Action.WEBHOOK, "li", payload, refuse)


def test_the_first_message_out_is_the_first_that_got_through(desk: Desk) -> None:
    incident = desk.engine.declare("service_outage", summary="x", who="li", auto=False).incident
    desk.clock.advance(timedelta(seconds=30))
    _failed_chat_message(desk, incident.id)
    assert _first_out(desk.review(incident.id, 1)).seconds is None  # only a failure so far
    desk.clock.advance(timedelta(seconds=90))
    desk.engine.broadcast(incident.id, "outage_ack", targets=[AGENTS], who="li", languages=["en"])
    first = _first_out(desk.review(incident.id, 5))
    assert (first.seconds, first.cause, first.target) == (120.0, "script_publish", "outage_ack")
    html = review_html(desk.review(incident.id, 5), language="en", zone=UTC)
    assert "0:02:00" in html  # the one duration format
    assert "first: Script published · Outage: apology and explanation" in html


def _first_out(review: Review):  # type: ignore[no-untyped-def]
    return next(lat for lat in review.latencies if lat.name is LatencyName.FIRST_BROADCAST)


def test_a_step_still_open_at_resolution_is_not_not_yet_due(desk: Desk) -> None:
    incident = desk.engine.declare("service_outage", summary="x", who="li", auto=False).incident
    open_review = desk.review(incident.id, 10)
    step = "customer_update"
    assert _status(open_review, step) is Compliance.NOT_DUE  # while open, it is not due yet
    desk.clock.advance(timedelta(minutes=20))
    desk.engine.resolve(incident.id, summary="ok", who="li")
    resolved = desk.review(incident.id, 30)
    assert _status(resolved, step) is Compliance.OPEN_AT_RESOLVE
    en = review_html(resolved, language="en", zone=UTC)
    assert "still open at resolution" in en
    assert "not yet due" not in en
    assert "解除时仍未完成" in review_html(resolved, language="zh_CN", zone=UTC)


def _status(review: Review, step_id: str) -> Compliance:
    return next(s for s in review.checklist if s.step_id == step_id).status


def test_each_mass_reply_shows_the_service_level_before_and_after(desk: Desk) -> None:
    incident = desk.engine.declare("service_outage", summary="x", who="li", auto=False).incident
    levels = {1: 0.60, 2: 0.62, 4: 0.95}
    desk.stores.metrics.add(
        Sample(at=T0 + timedelta(minutes=m), queue=FLOOR, service_level=sl)
        for m, sl in levels.items()
    )
    desk.clock.advance(timedelta(minutes=3))
    floor = [ticket(f"T{n}", "account", topic="login", created=-n) for n in range(1, 4)]
    desk.engine.bulk_reply(incident.id, "outage_ack", tickets=floor, who="li")
    review = desk.review(incident.id, 10)
    (bulk,) = review.bulk_replies
    assert (bulk.replied, bulk.not_replied, bulk.script) == (3, 0, "outage_ack")
    assert (bulk.level_before, bulk.level_after) == (0.62, 0.95)
    assert bulk.before_at == T0 + timedelta(minutes=2)
    html = review_html(review, language="en", zone=UTC)
    section = html[html.index("Mass replies") :]
    assert "62.0%" in section
    assert "95.0%" in section
    assert "Outage: apology and explanation" in section


class _Tables(HTMLParser):
    """Each table's header cells and the cell count of each body row."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[list[str], list[int]]] = []
        self._cell: list[str] | None = None
        self._row: list[str] = []
        self._is_head = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "tr":
            self._row, self._is_head = [], False
        elif tag in ("td", "th"):
            self._cell, self._is_head = [], self._is_head or tag == "th"

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self.tables:
            head, rows = self.tables[-1]
            if self._is_head:
                head.extend(self._row)
            else:
                rows.append(len(self._row))


def _check_tables(html: str) -> None:
    parser = _Tables()
    parser.feed(html)
    for head, rows in parser.tables:
        if not head:
            continue  # a two-column fact table (label, value)
        assert all(head), f"a column without a header: {head}"
        assert all(n == len(head) for n in rows), (head, rows)
    for code in RAW_CODES:
        assert code not in html, code


def test_review_tables_have_a_header_per_column_and_no_raw_codes(desk: Desk) -> None:
    incident = desk.engine.declare("service_outage", summary="支付失败", who="li").incident
    desk.clock.advance(timedelta(minutes=5))
    desk.engine.complete_step(incident.id, "switch_scripts", who="li")
    desk.engine.complete_step(incident.id, "inform_supervisor", who="li")
    desk.engine.note(incident.id, "网关回滚中", who="li")
    desk.clock.advance(timedelta(minutes=5))
    desk.engine.resolve(incident.id, summary="ok", who="li")
    review = desk.review(incident.id, 12)
    for language in ("en", "zh_CN"):
        body = review_html(review, language=language, zone=UTC)
        _check_tables(body[body.index("</style>") :])
    en = review_html(review, language="en", zone=UTC)
    assert "Floor leads · no webhook configured" in en
    assert "not sent" in en
    assert "现场组长群" in review_html(review, language="zh_CN", zone=UTC)


def test_handover_tables_name_queues_levels_flags_and_incidents() -> None:
    floor = PhaseImpact(PhaseName.INCIDENT, T0, T0 + timedelta(hours=8))
    names = {"zh_CN": "服务故障", "en": "Service outage"}
    handover = Handover(
        generated_at=T0,
        start=T0 - timedelta(hours=8),
        end=T0,
        floor=floor,
        queues=(),
        incidents=(IncidentLine(1, "service_outage", "critical", "x", T0, None, names),),
        open_incidents=(),
        escalations=(
            EscalationLine("T9", "presales", "lead", T0, ("customer_not_updated",), "太慢了"),
            EscalationLine("T8", "vip", "pr_legal", T0, (), "要曝光", queue_name="VIP desk"),
        ),
    )
    en = handover_body(handover, language="en", zone=UTC)
    _check_tables(en)
    for words in ("#1 Service outage", "Pre-sales", "Team lead", "Customer not updated",
                  "VIP desk", "PR / legal"):  # fmt: skip
        assert words in en, words
    zh = handover_body(handover, language="zh_CN", zone=UTC)
    _check_tables(zh)
    assert "售前咨询" in zh
    assert "客户未获进展更新" in zh
    assert "组长" in zh
