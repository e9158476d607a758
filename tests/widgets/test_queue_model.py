"""QueueTableModel: values, severity at the threshold boundaries, and the
update protocol (dataChanged when the queue set is unchanged, reset otherwise)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from pytestqt.qtbot import QtBot

from cockpit.metrics import ClockFigures, QueueFigures
from cockpit.settings import Band, Thresholds
from tests.widgets.fakes import figures
from widgets.models.queue_model import (
    Column,
    QueueRole,
    QueueTableModel,
    Severity,
    format_duration,
    severity,
)
from widgets.theme import DAY, NIGHT, Palette

DISPLAY = Qt.ItemDataRole.DisplayRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole


def _model(*rows: QueueFigures, language: str = "en") -> QueueTableModel:
    model = QueueTableModel(Thresholds(), palette=DAY, language=language)
    model.set_queues(rows)
    return model


def _cell(model: QueueTableModel, row: int, column: Column, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def test_one_row_per_queue_with_values() -> None:
    model = _model(
        figures(
            "presale",
            open=42,
            waiting=7,
            oldest_wait_s=125,
            agents_available=3,
            agents_busy=12,
            agents_away=2,
            arrivals_15m=31,
            resolutions_15m=28,
            service_level=0.912,
            service_level_target=0.8,
            at_risk=1,
            waiting_past_target=2,
            first_response=ClockFigures(breached=0),
            resolution=ClockFigures(breached=0),
        ),
        figures("refund", open=5),
    )
    assert model.rowCount() == 2
    assert model.columnCount() == len(Column)
    row = [_cell(model, 0, c) for c in Column]
    assert row == [
        "Pre-sales", "91%", "0", "0", "1", "7", "2", "0:02:05", "3", "12", "2", "80%", "31", "28",
        "42",
    ]  # fmt: skip
    assert _cell(model, 0, Column.SERVICE_LEVEL, QueueRole.TARGET) == "80%"
    assert _cell(model, 0, Column.WAITING, QueueRole.VALUE) == 7
    assert _cell(model, 1, Column.QUEUE, QueueRole.QUEUE_ID) == "refund"
    # Nobody waiting, no first responses: dashes, not zeros that look like data.
    assert _cell(model, 1, Column.OLDEST_WAIT) == "—"
    assert _cell(model, 1, Column.SERVICE_LEVEL) == "—"


def test_queue_names_follow_the_language() -> None:
    model = _model(figures("logistics"), language="zh_CN")
    assert _cell(model, 0, Column.QUEUE) == "物流查询"
    model.set_language("en")
    assert _cell(model, 0, Column.QUEUE) == "Logistics"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00:00"),
        (59.9, "0:00:59"),
        (61, "0:01:01"),
        (3599, "0:59:59"),
        (3600, "1:00:00"),
        (37230, "10:20:30"),
    ],
)
def test_durations(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


# --- severity at the boundaries ------------------------------------------------------

HIGHER = Band(warn=10, critical=30)
LOWER = Band(warn=0.8, critical=0.6)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, Severity.NORMAL), (9, Severity.NORMAL), (10, Severity.WARN), (29, Severity.WARN),
     (30, Severity.CRITICAL), (500, Severity.CRITICAL), (None, Severity.NORMAL)],
)  # fmt: skip
def test_higher_is_worse(value: float | None, expected: Severity) -> None:
    assert severity(value, HIGHER, higher_is_worse=True) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.0, Severity.NORMAL), (0.81, Severity.NORMAL), (0.8, Severity.WARN), (0.61, Severity.WARN),
     (0.6, Severity.CRITICAL), (0.0, Severity.CRITICAL), (None, Severity.NORMAL)],
)  # fmt: skip
def test_lower_is_worse(value: float | None, expected: Severity) -> None:
    assert severity(value, LOWER, higher_is_worse=False) is expected


def _colours(model: QueueTableModel, row: int, column: Column) -> tuple[str, str] | None:
    bg = _cell(model, row, column, BACKGROUND)
    fg = _cell(model, row, column, FOREGROUND)
    if bg is None:
        assert fg is None
        return None
    assert isinstance(bg, QBrush)
    assert isinstance(fg, QBrush)
    return bg.color().name(), fg.color().name()


WARN = (DAY.warn_bg, DAY.warn_text)
CRIT = (DAY.critical_bg, DAY.critical_text)


@pytest.mark.parametrize(
    ("values", "column", "text", "colours"),
    [
        # Waiting is coloured by the customers past their first-response target …
        ({"waiting": 40}, Column.WAITING, "40", None),
        ({"waiting": 20, "waiting_past_target": 4}, Column.WAITING, "20", None),
        ({"waiting": 20, "waiting_past_target": 5}, Column.WAITING, "▲ 20", WARN),
        ({"waiting": 30, "waiting_past_target": 15}, Column.WAITING, "▲▲ 30", CRIT),
        # … the oldest wait against the queue's target (medium: 2 h) …
        ({"waiting": 1, "oldest_wait_s": 7199}, Column.OLDEST_WAIT, "1:59:59", None),
        ({"waiting": 1, "oldest_wait_s": 7200}, Column.OLDEST_WAIT, "▲ 2:00:00", WARN),
        ({"waiting": 1, "oldest_wait_s": 14400}, Column.OLDEST_WAIT, "▲▲ 4:00:00", CRIT),
        # No ticket waiting: an old leftover age must not colour the cell.
        ({"waiting": 0, "oldest_wait_s": 40000}, Column.OLDEST_WAIT, "—", None),
        # … the service level by its gap below the queue's own 80% target.
        ({"service_level": 0.81}, Column.SERVICE_LEVEL, "81%", None),
        ({"service_level": 0.75}, Column.SERVICE_LEVEL, "75%", None),  # a notice: not coloured
        ({"service_level": 0.7}, Column.SERVICE_LEVEL, "▼ 70%", WARN),
        ({"service_level": 0.55}, Column.SERVICE_LEVEL, "▼▼ 55%", CRIT),
        ({"service_level": None}, Column.SERVICE_LEVEL, "—", None),
        ({"open": 999, "arrivals_15m": 999}, Column.OPEN, "999", None),
    ],
)
def test_cells_at_threshold_boundaries(
    values: dict[str, float], column: Column, text: str, colours: tuple[str, str] | None
) -> None:
    model = _model(figures("presale", **values))
    assert _cell(model, 0, column) == text
    assert _colours(model, 0, column) == colours
    expected = {None: Severity.NORMAL, WARN: Severity.WARN, CRIT: Severity.CRITICAL}[colours]
    assert _cell(model, 0, column, QueueRole.SEVERITY) is expected
    tip = str(_cell(model, 0, column, Qt.ItemDataRole.ToolTipRole))
    assert ("threshold" in tip) == (colours is not None)


def test_palette_switch_recolours_without_reset(qtbot: QtBot) -> None:
    model = _model(figures("presale", waiting=30, waiting_past_target=20))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_palette(NIGHT)
    assert _colours(model, 0, Column.WAITING) == (NIGHT.critical_bg, NIGHT.critical_text)


# --- update protocol ------------------------------------------------------------------


def _record(model: QueueTableModel) -> tuple[list[tuple[int, int, int, int]], list[str]]:
    changes: list[tuple[int, int, int, int]] = []
    resets: list[str] = []

    def on_changed(top: QModelIndex, bottom: QModelIndex) -> None:
        changes.append((top.row(), top.column(), bottom.row(), bottom.column()))

    model.dataChanged.connect(on_changed)
    model.modelReset.connect(lambda: resets.append("reset"))
    return changes, resets


def test_data_changed_for_changed_cells_only() -> None:
    a, b, c = figures("presale", open=1), figures("aftersale", open=2), figures("refund", open=3)
    model = _model(a, b, c)
    changes, resets = _record(model)
    b2 = figures("aftersale", open=2, waiting=4, agents_available=1, agents_busy=6)
    model.set_queues((a, b2, c))
    assert resets == []
    # One signal per run of changed cells: waiting, oldest wait to busy, occupancy.
    expected = [
        (1, Column.WAITING, 1, Column.WAITING),
        (1, Column.OLDEST_WAIT, 1, Column.BUSY),
        (1, Column.OCCUPANCY, 1, Column.OCCUPANCY),
    ]
    assert changes == expected
    assert _cell(model, 1, Column.WAITING) == "4"
    # The same figures again: nothing to repaint.
    model.set_queues((a, b2, c))
    assert changes == expected


def test_reset_when_the_queue_set_changes() -> None:
    a, b = figures("presale"), figures("aftersale")
    model = _model(a, b)
    changes, resets = _record(model)
    model.set_queues((a, b, figures("refund")))
    assert (resets, changes, model.rowCount()) == (["reset"], [], 3)
    model.set_queues((b, a))  # removed
    assert (len(resets), model.rowCount()) == (2, 2)
    assert _cell(model, 0, Column.QUEUE) == "After-sales"


def test_language_switch_updates_headers_and_names(qtbot: QtBot) -> None:
    model = _model(figures("presale"), figures("refund"))
    with qtbot.waitSignal(model.headerDataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.set_language("zh_CN")
    assert _cell(model, 1, Column.QUEUE) == "退款退货"


# --- theme ----------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    q = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(q.redF()) + 0.7152 * channel(q.greenF()) + 0.0722 * channel(q.blueF())


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("palette", [DAY, NIGHT], ids=lambda p: p.name)
def test_severity_and_badge_colours_have_contrast(palette: Palette) -> None:
    pairs = [
        ("warn_bg", "warn_text"),
        ("critical_bg", "critical_text"),
        ("live_bg", "live_text"),
        ("degraded_bg", "degraded_text"),
        ("stale_bg", "stale_text"),
        ("offline_bg", "offline_text"),
        ("surface", "text"),
        ("surface_alt", "text"),
    ]
    for bg, fg in pairs:
        ratio = _contrast(getattr(palette, bg), getattr(palette, fg))
        assert ratio >= 4.5, f"{palette.name}: {fg} on {bg} is only {ratio:.1f}:1"
