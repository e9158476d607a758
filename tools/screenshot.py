"""Render the real cockpit window to a PNG (docs, and eyeballing the look).

By default the window shows a hand-made 1 am promotion-night floor of nine
queues; ``--live`` runs the real runtime on the built-in simulator instead
and waits for its first view. ``--incident`` (with ``--live``) then runs an
outage drill: declares the service-outage playbook (bot on, scripts
published), ticks a checklist step, adds a note and a status update, and
waits for the red banner and the incident panel. Window state and the
incident log go to throw-away folders.

    xvfb-run -a -s "-screen 0 1920x1080x24" \
        .venv/bin/python tools/screenshot.py docs/img/queue-panel.png
    xvfb-run -a -s "-screen 0 1920x1080x24" \
        .venv/bin/python tools/screenshot.py docs/img/incident-mode.png --live --incident
    .venv/bin/python tools/screenshot.py /tmp/small.png --size 1280x800 --night --language en
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("COCKPIT_CONFIG_DIR", tempfile.mkdtemp(prefix="cockpit-shot-"))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cockpit.at_risk import SlaRow  # noqa: E402
from cockpit.domain import Kind, Priority, QueueId, TicketId  # noqa: E402
from cockpit.heatmap import BUCKETS, DEFAULT_BUCKET, HeatmapGrid, grid_starts  # noqa: E402
from cockpit.metrics import ClockFigures, FloorView, QueueFigures  # noqa: E402
from cockpit.runtime.health import Health, HealthState  # noqa: E402
from cockpit.settings import Settings  # noqa: E402
from cockpit.sla import ClockKind, SlaState  # noqa: E402
from widgets.app import (  # noqa: E402
    NIGHT_KEY,
    CockpitSession,
    Runtime,
    Translations,
    apply_app_font,
    create_application,
    window_state,
)

NOW = datetime(2026, 11, 23, 17, 23, 41, tzinfo=UTC)  # 01:23:41 in Shanghai

# id, zh_CN, en, open, waiting, oldest wait s, available, busy, away,
# arrivals 15 min, resolved 15 min, service level, target
_Row = tuple[str, str, str, int, int, int, int, int, int, int, int, float | None, float]
_FLOOR: list[_Row] = [
    ("presale", "售前咨询", "Pre-sales", 86, 6, 95, 4, 18, 1, 64, 58, 0.93, 0.8),
    ("aftersale", "售后服务", "After-sales", 142, 23, 412, 1, 22, 2, 71, 49, 0.78, 0.8),
    ("logistics", "物流查询", "Delivery tracking", 231, 47, 1092, 0, 26, 3, 128, 77, 0.54, 0.8),
    ("refund", "退款退货", "Refunds & returns", 97, 12, 288, 2, 14, 1, 45, 39, 0.82, 0.8),
    ("payment", "支付问题", "Payments", 38, 3, 61, 3, 7, 0, 22, 24, 0.96, 0.9),
    ("account", "账号登录", "Account & login", 25, 0, 0, 5, 4, 1, 9, 11, 1.0, 0.8),
    ("membership", "会员权益", "Membership", 19, 2, 150, 2, 3, 2, 8, 7, 0.88, 0.8),
    ("coupon", "优惠券活动", "Coupons & promotions", 164, 31, 905, 1, 19, 0, 96, 61, 0.61, 0.8),
    ("vip", "VIP 专线", "VIP line", 11, 1, 40, 2, 3, 0, 6, 6, None, 0.95),
]


# id: first-response breached, resolution breached, at risk, waiting past target,
# answered late, closed unanswered past target (the service level's other parts).
_SLA: dict[str, tuple[int, int, int, int, int, int]] = {
    "aftersale": (2, 1, 6, 3, 9, 1),
    "logistics": (9, 3, 14, 12, 41, 6),
    "refund": (0, 2, 3, 0, 6, 0),
    "coupon": (5, 0, 11, 8, 29, 4),
    "membership": (0, 0, 1, 0, 1, 0),
}


def _figures(row: _Row) -> QueueFigures:
    qid, zh, en, open_, waiting, oldest, available, busy, away, arrivals, resolved, sl, target = row
    first, resolution, at_risk, past, late, gone = _SLA.get(qid, (0, 0, 0, 0, 0, 0))
    answered = max(0, resolved + arrivals // 2)
    in_target = round((answered + past + gone + late) * sl) if sl is not None else 0
    return QueueFigures(
        queue=QueueId(qid),
        name=en,
        names={"zh_CN": zh, "en": en},
        open=open_,
        waiting=waiting,
        oldest_wait_s=oldest,
        agents_available=available,
        agents_busy=busy,
        agents_away=away,
        arrivals_15m=arrivals,
        resolutions_15m=resolved,
        service_level=sl,
        service_level_target=target,
        answered_in_target=in_target,
        answered_late=late,
        waiting_past_target=past,
        abandoned_past_target=gone,
        breached=max(first, resolution),
        at_risk=at_risk,
        first_response=ClockFigures(breached=first, at_risk=at_risk),
        resolution=ClockFigures(breached=resolution),
    )


# queue, seconds to breach, priority, clock, subject
_AT_RISK = [
    ("logistics", 74, "urgent", "first_response", "物流三天没更新"),
    ("coupon", 131, "high", "first_response", "优惠券无法使用"),
    ("logistics", 205, "high", "first_response", "快递显示已签收但没收到"),
    ("aftersale", 262, "medium", "resolution", "退换货进度"),
    ("refund", 318, "high", "resolution", "退款三天未到账"),
    ("coupon", 407, "medium", "first_response", "满减没有生效"),
    ("logistics", 512, "medium", "first_response", "改地址"),
    ("membership", 590, "low", "first_response", "积分没到账"),
]


def _at_risk() -> tuple[SlaRow, ...]:
    return tuple(
        SlaRow(
            ticket=TicketId(f"T{9000 + i}"),
            queue=QueueId(queue),
            priority=Priority(priority),
            kind=Kind.ENQUIRY,
            clock=ClockKind(clock),
            state=SlaState.AT_RISK,
            created_at=NOW - timedelta(minutes=20),
            age_s=1200,
            assignee=None,
            due_at=NOW + timedelta(seconds=seconds),
            seconds_to_breach=seconds,
            subject=subject,
        )
        for i, (queue, seconds, priority, clock, subject) in enumerate(_AT_RISK)
    )


def _heatmap(bucket: timedelta) -> HeatmapGrid:
    """A promotion night: breaches build up in delivery tracking and coupons
    from midnight, a few elsewhere, quiet hours with nothing due before dawn."""
    starts = grid_starts(NOW, bucket, timedelta(hours=24))
    rows, columns = len(_FLOOR), len(starts)
    hours = np.array([(s.hour + 8) % 24 + s.minute / 60 for s in starts])  # Shanghai
    busy = np.where((hours >= 9) | (hours < 2), 1.0, 0.0)
    night = np.where(hours < 2, 1.0, 0.0)
    scale = bucket / timedelta(minutes=30)
    due = np.zeros((rows, columns), dtype=np.int64)
    breaches = np.zeros((rows, columns), dtype=np.int64)
    for row, (qid, *_rest) in enumerate(_FLOOR):
        load = 3 + row % 4
        due[row] = np.round(busy * load * 4 * scale).astype(np.int64)
        hot = {"logistics": 9, "coupon": 6, "aftersale": 2, "refund": 1}.get(qid, 0)
        breaches[row] = np.minimum(due[row], np.round(night * hot * scale).astype(np.int64))
    breaches[6, columns * 3 // 8] = 1  # membership: one breach in the afternoon
    due[6, columns * 3 // 8] = max(due[6, columns * 3 // 8], 1)
    at_risk = np.minimum(due, breaches + 1) * busy.astype(np.int64)
    for array in (due, breaches, at_risk):
        array.flags.writeable = False
    return HeatmapGrid(
        queues=tuple(QueueId(r[0]) for r in _FLOOR),
        starts=starts,
        bucket=bucket,
        breaches=breaches,
        due=due,
        at_risk=at_risk,
    )


def sample_view() -> FloorView:
    queues = tuple(_figures(row) for row in _FLOOR)
    grids = {bucket: _heatmap(bucket) for bucket in BUCKETS}
    return FloorView(
        heatmap=grids[DEFAULT_BUCKET],
        heatmaps=grids,
        generated_at=NOW,
        backend="sim://127.0.0.1:8765",
        queues=queues,
        changed=frozenset(q.queue for q in queues),
        at_risk=_at_risk(),
    )


class StaticRuntime:
    """A runtime that hands over one fixed view on start; no threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.backend_url = "sim://127.0.0.1:8765"
        self._listeners: tuple[Callable[[FloorView], None], Callable[[Health], None]] | None = None

    def subscribe(
        self, *, on_view: Callable[[FloorView], None], on_health: Callable[[Health], None]
    ) -> None:
        self._listeners = (on_view, on_health)

    def start(self) -> None:
        assert self._listeners is not None
        on_view, on_health = self._listeners
        on_health(Health(HealthState.LIVE, last_success=NOW, last_attempt=NOW))
        on_view(sample_view())

    def poll_now(self) -> None:
        pass

    def shutdown(self) -> None:
        pass


def _live_runtime(settings: Settings, start: datetime | None = None) -> Runtime:
    from cockpit.runtime.runtime import build_runtime

    runtime: Runtime = build_runtime(settings, sim_start=start)
    return runtime


def _declare_drill(app: QApplication, session: CockpitSession, runtime: Runtime) -> None:
    """An outage drill through the real engine, on the runtime's database worker."""
    from cockpit.incidents.engine import IncidentEngine
    from cockpit.runtime.runtime import Runtime as RealRuntime

    assert isinstance(runtime, RealRuntime)
    _wait(app, lambda: runtime.engine is not None, timeout=30)

    def drill(engine: IncidentEngine) -> None:
        change = engine.declare(
            "service_outage",
            summary="登录与支付大面积失败，支付网关超时",
            who="lead-li",
            variables={"eta": "01:30"},
        )
        incident_id = change.incident.id
        engine.complete_step(incident_id, "inform_supervisor", who="lead-li")
        engine.note(incident_id, "技术组已定位到支付网关超时，正在回滚", who="lead-li")
        engine.status_update(incident_id, "回滚进行中，预计 01:30 恢复", who="lead-li")

    done = runtime.run_op(lambda: drill(runtime.require_engine()))
    _wait(app, done.done, timeout=30)
    done.result()
    incidents = session.incidents
    assert incidents is not None
    incidents.refresh()
    _wait(app, lambda: not incidents.banner.isHidden() and incidents.panel.isVisible(), timeout=30)


def _wait(app: QApplication, done: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def _settle(
    app: QApplication, window: QWidget, *, quiet_s: float = 0.4, limit_s: float = 9
) -> None:
    """Wait until no widget of the window has moved or resized for
    ``quiet_s`` (splitters share out the height over a few event-loop
    turns, more on a busy machine), at most ``limit_s``."""

    def layout() -> tuple[tuple[int, int, int, int], ...]:
        return tuple(w.geometry().getRect() for w in window.findChildren(QWidget) if w.isVisible())

    deadline = time.monotonic() + limit_s
    last, quiet_since = layout(), time.monotonic()
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
        now = layout()
        if now != last:
            last, quiet_since = now, time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_s:
            return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("--size", default="1920x1080", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--language", default="zh_CN", choices=["zh_CN", "en", "system"])
    parser.add_argument("--night", action="store_true", help="night theme")
    parser.add_argument("--live", action="store_true", help="use the built-in simulator")
    parser.add_argument(
        "--incident", action="store_true", help="with --live: run an outage drill first"
    )
    parser.add_argument(
        "--at",
        type=datetime.fromisoformat,
        help="with --live: the simulator's start, ISO 8601 with a zone "
        "(e.g. 2026-11-24T01:20+08:00 for the promotion-night peak)",
    )
    parser.add_argument(
        "--wallboard", action="store_true", help="the wall board (View → Wall board)"
    )
    parser.add_argument(
        "--board-layout", default="fixed", choices=["fixed", "rotate"], help="wall board layout"
    )
    args = parser.parse_args(argv)
    if args.incident and not args.live:
        parser.error("--incident needs --live")
    width, height = (int(part) for part in args.size.lower().split("x"))

    app = create_application()
    apply_app_font(app)
    translations = Translations(app)
    translations.apply(args.language)
    state: QSettings = window_state()
    state.setValue(NIGHT_KEY, args.night)
    scratch = Path(tempfile.mkdtemp(prefix="cockpit-shot-data-"))
    settings = Settings(
        display_timezone="Asia/Shanghai", database_url=f"sqlite:///{scratch / 'incidents.db'}"
    )
    runtime: Runtime = _live_runtime(settings, args.at) if args.live else StaticRuntime(settings)
    session = CockpitSession(
        app, runtime, translations=translations, state=state, language_choice=args.language
    )
    try:
        session.window.resize(width, height)
        session.start()
        bridge = session.bridge
        _wait(app, lambda: bridge.last_view is not None, timeout=60 if args.live else 2)
        if args.incident:
            _declare_drill(app, session, runtime)
        if args.wallboard:
            session.view_modes.set_layout(args.board_layout)
            session.view_modes.set_wallboard(True)
        _settle(app, session.window)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        if not session.window.grab().save(str(args.output)):
            print(f"could not write {args.output}", file=sys.stderr)
            return 1
        print(f"wrote {args.output} ({width}x{height}, {args.language})")
        return 0
    finally:
        session.shutdown()
        translations.clear()


if __name__ == "__main__":
    sys.exit(main())
