"""A live Request Tracker 5 on 127.0.0.1 for this folder's tests, seeded
through its own REST2 API with a floor whose truth the tests know.

Skipped when Request Tracker is not installed, unless ``COCKPIT_REQUIRE_RT=1``
(``./dev test`` installs it and sets that), when the missing server fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tools.rt_lab import LabUnavailable, RtLab, installed


@dataclass(frozen=True)
class Seed:
    """One seeded ticket: queue, priority, what happens to it after creation."""

    queue: str
    subject: str
    priority: int
    due_in_h: float | None = None  # resolution due, hours from seeding (negative: past)
    answered: bool = False
    status: str | None = None  # "stalled", "resolved"


SEEDS = (
    Seed("refund", "退款申请一周没到账", 70, due_in_h=-2),
    Seed("refund", "退货寄回后没有处理", 70, due_in_h=-1, answered=True),
    Seed("refund", "换货尺码不合适", 40, due_in_h=6),
    Seed("refund", "退款金额不对", 20, answered=True),
    Seed("refund", "已退款，谢谢", 40, due_in_h=-3, answered=True, status="resolved"),
    Seed("presales", "这款有没有现货", 40, due_in_h=-0.5),
    Seed("presales", "尺码怎么选", 20, due_in_h=4, answered=True),
    Seed("presales", "等您确认型号", 40, due_in_h=8, answered=True, status="stalled"),
)


@dataclass(frozen=True)
class QueueTruth:
    open: int
    waiting: int
    resolution_breached: int


def truth() -> dict[str, QueueTruth]:
    """What the cockpit must show per queue, worked out from SEEDS by hand rules:
    open = not resolved; waiting = open and never answered; resolution breached =
    open, not stalled (a stalled ticket's clocks are paused) and due in the past."""
    result: dict[str, QueueTruth] = {}
    for queue in sorted({s.queue for s in SEEDS}):
        mine = [s for s in SEEDS if s.queue == queue and s.status != "resolved"]
        result[queue] = QueueTruth(
            open=len(mine),
            waiting=sum(1 for s in mine if not s.answered),
            resolution_breached=sum(
                1
                for s in mine
                if s.status != "stalled" and s.due_in_h is not None and s.due_in_h < 0
            ),
        )
    return result


@dataclass
class LiveRt:
    lab: RtLab
    seeded_at: datetime
    ids: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"rt+{self.lab.base_url}/"


def _check(answer: Any, *expected: int) -> Any:
    assert answer.status_code in expected, f"{answer.status_code}: {answer.text[:400]}"
    return answer.json() if answer.content else None


def seed(lab: RtLab) -> LiveRt:
    session = lab.session()
    for name in sorted({s.queue for s in SEEDS}):
        _check(session.post(f"{lab.api}/queue", json={"Name": name}, timeout=30), 201)
    now = datetime.now(UTC)
    live = LiveRt(lab, seeded_at=now)
    for spec in SEEDS:
        body: dict[str, Any] = {
            "Queue": spec.queue,
            "Subject": spec.subject,
            "Priority": spec.priority,
            "Requestor": "customer@example.invalid",
        }
        if spec.due_in_h is not None:
            due = now + timedelta(hours=spec.due_in_h)
            # REST2 reads this ISO form as UTC (TicketSQL would not).
            body["Due"] = due.strftime("%Y-%m-%dT%H:%M:%SZ")
        created = _check(session.post(f"{lab.api}/ticket", json=body, timeout=30), 201)
        ticket = str(created["id"])
        live.ids.append(ticket)
        if spec.answered:
            reply = {"Content": "您好，我们正在处理", "ContentType": "text/plain"}
            answer = session.post(f"{lab.api}/ticket/{ticket}/correspond", json=reply, timeout=30)
            _check(answer, 201)
        if spec.status is not None:
            change = {"Status": spec.status}
            update = session.put(f"{lab.api}/ticket/{ticket}", json=change, timeout=30)
            _check(update, 200)
    session.close()
    return live


@pytest.fixture(scope="session")
def live_rt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveRt]:
    if not installed():
        if os.environ.get("COCKPIT_REQUIRE_RT") == "1":
            pytest.fail("COCKPIT_REQUIRE_RT=1 but Request Tracker 5 is not installed")
        pytest.skip("Request Tracker 5 is not installed (./dev test installs it)")
    try:
        lab = RtLab(Path(tmp_path_factory.mktemp("rt")))
        lab.start()
    except LabUnavailable as exc:
        if os.environ.get("COCKPIT_REQUIRE_RT") == "1":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    try:
        yield seed(lab)
    finally:
        lab.stop()
