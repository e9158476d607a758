"""The queue table's cheap apply: only cells that look different repaint,
and whatever the sequence of views, the table shows the latest one exactly
(the same as a model that saw only that view)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from cockpit.metrics import ClockFigures, QueueFigures
from cockpit.settings import Ladder, Thresholds
from tests.widgets.fakes import figures, view
from widgets.models.queue_model import Column, QueueRole, QueueTableModel
from widgets.models.row_model import changed_blocks
from widgets.queue_panel import QueuePanel
from widgets.theme import DAY

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole,
    QueueRole.SEVERITY,
    QueueRole.VALUE,
    QueueRole.QUEUE_ID,
    QueueRole.TARGET,
    QueueRole.RISK,
    QueueRole.RANK,
)
PAINTED = (*ROLES[:3], QueueRole.TARGET)


def _value(model: QueueTableModel, row: int, column: int, role: int) -> object:
    value = model.data(model.index(row, column), role)
    return value.color().name() if isinstance(value, QBrush) else value


def _grid(model: QueueTableModel, roles: tuple[int, ...] = ROLES) -> list[list[tuple[object, ...]]]:
    return [
        [tuple(_value(model, r, c, role) for role in roles) for c in Column]
        for r in range(model.rowCount())
    ]


def _fresh(queues: tuple[QueueFigures, ...]) -> QueueTableModel:
    model = QueueTableModel(Thresholds(), palette=DAY)
    model.set_queues(queues)
    return model


def test_changed_blocks_are_runs_merged_downwards() -> None:
    old = [(0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0)]
    new = [(1, 1, 0, 1), (1, 1, 0, 0), (0, 0, 0, 0), (0, 1, 0, 0)]
    assert changed_blocks(old, new) == [(0, 0, 1, 1), (0, 3, 0, 3), (3, 1, 3, 1)]
    assert changed_blocks(old, old) == []


def _floor(rng: random.Random, names: tuple[str, ...]) -> tuple[QueueFigures, ...]:
    def one(name: str) -> QueueFigures:
        waiting = rng.choice((0, 0, 3, 12, 40))
        return figures(
            name,
            open=waiting + rng.randrange(0, 30),
            waiting=waiting,
            oldest_wait_s=rng.choice((30.0, 700.0, 4000.0, 9000.0)),
            agents_available=rng.randrange(0, 4),
            agents_busy=rng.randrange(0, 9),
            at_risk=rng.randrange(0, 3),
            waiting_past_target=rng.randrange(0, 1 + waiting),
            service_level=rng.choice((None, 0.5, 0.79, 0.95)),
            answered_in_target=rng.randrange(0, 30),
            answered_late=rng.randrange(0, 8),
            first_response=ClockFigures(breached=rng.randrange(0, 4)),
        )

    return tuple(one(name) for name in names)


def test_any_sequence_of_views_ends_showing_the_last_exactly() -> None:
    rng = random.Random(7)
    names = ("presale", "aftersale", "logistics", "refund", "q5", "q6", "q7")
    model = QueueTableModel(Thresholds(), palette=DAY)
    model.set_queues(_floor(rng, names))
    # A copy of the screen, refreshed only where dataChanged says: it must
    # end up as the model shows, and every signalled cell must look different.
    screen = _grid(model, PAINTED)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))

    def on_changed(top: QModelIndex, bottom: QModelIndex) -> None:
        for r in range(top.row(), bottom.row() + 1):
            for c in range(top.column(), bottom.column() + 1):
                now = tuple(_value(model, r, c, role) for role in PAINTED)
                assert now != screen[r][c], f"repainted an unchanged cell {r}, {c}"
                screen[r][c] = now

    model.dataChanged.connect(on_changed)
    for _ in range(40):
        queues = _floor(rng, names)
        model.set_queues(queues)
        assert _grid(model) == _grid(_fresh(queues))
        assert screen == _grid(model, PAINTED)
    assert resets == []  # the same queues throughout, however they ranked


def test_view_b_then_a_shows_a() -> None:
    a = (figures("presale", waiting=40, waiting_past_target=30), figures("refund", open=2))
    b = (figures("presale", open=1), figures("refund", waiting=9, oldest_wait_s=5000.0))
    model = _fresh(a)
    model.set_queues(b)
    assert _grid(model) == _grid(_fresh(b))
    model.set_queues(a)
    assert _grid(model) == _grid(_fresh(a))


def test_thresholds_change_recolours_the_cells() -> None:
    queues = (figures("presale", waiting=5, waiting_past_target=5),)
    model = _fresh(queues)
    before = _value(model, 0, Column.WAITING, Qt.ItemDataRole.BackgroundRole)
    lenient = Thresholds(waiting_past_target=Ladder(warn=1000, critical=2000))
    model.set_thresholds(lenient)
    assert before is not None
    assert _value(model, 0, Column.WAITING, Qt.ItemDataRole.BackgroundRole) is None


def test_the_panel_refits_only_when_the_queues_change(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = QueuePanel(Thresholds())
    qtbot.addWidget(panel)
    calm = (figures("presale", open=1), figures("refund", open=2))
    panel._on_floor_changed(view(calm))
    fits: list[int] = []
    monkeypatch.setattr(panel, "_fit_to_width", lambda **_: fits.append(1))
    # The refund queue now ranks first: the order changes, the queues do not.
    busy = (figures("presale", open=1), figures("refund", waiting=30, waiting_past_target=25))
    panel._on_floor_changed(view(busy))
    assert [q.queue for q in panel.model.queues()] == ["refund", "presale"]
    assert fits == []
    panel._on_floor_changed(view((*busy, figures("logistics"))))
    assert fits == [1]
