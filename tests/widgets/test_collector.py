"""The GUI thread's garbage collector and the GIL switch interval."""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from widgets.collector import SWITCH_INTERVAL_S, CycleCollector, tune_gil_switching


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _garbage_cycle() -> weakref.ref[_Node]:
    """A reference cycle nobody holds: only the cyclic collector frees it."""
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def collector() -> Iterator[CycleCollector]:
    was_enabled = gc.isenabled()
    made = CycleCollector(interval_s=0.01, full_every=3)
    yield made
    made.stop()
    gc.unfreeze()  # the rest of the suite collects as usual
    assert gc.isenabled() == was_enabled


def test_collection_is_left_to_the_timer(collector: CycleCollector) -> None:
    assert not gc.isenabled()


def test_a_full_pass_frees_new_cycles_and_freezes_the_survivors(
    collector: CycleCollector,
) -> None:
    kept = _Node()
    gone = _garbage_cycle()
    frozen_before = gc.get_freeze_count()
    assert collector.full_pass() >= 2
    assert gone() is None
    assert gc.get_freeze_count() > frozen_before
    # What was frozen is not walked again; a cycle made since is still freed.
    later = _garbage_cycle()
    collector.full_pass()
    assert later() is None
    assert kept.other is None


def test_the_timer_collects_cycles(qtbot: QtBot, collector: CycleCollector) -> None:
    gone = _garbage_cycle()
    qtbot.waitUntil(lambda: collector.full_passes >= 1, timeout=5000)
    assert gone() is None


def test_switch_interval_is_set_and_the_old_one_returned() -> None:
    before = sys.getswitchinterval()
    try:
        assert tune_gil_switching() == before
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    finally:
        sys.setswitchinterval(before)


def test_a_reclaim_frees_a_cycle_that_became_garbage_while_frozen(
    collector: CycleCollector,
) -> None:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    collector.full_pass()  # the cycle is alive: frozen
    del a, b
    collector.full_pass()
    assert gone() is not None  # a full pass does not walk what is frozen
    collector.reclaim()
    assert gone() is None


def test_the_timer_reclaims_now_and_then(qtbot: QtBot) -> None:
    made = CycleCollector(interval_s=0.01, full_every=2, reclaim_every=5)
    try:
        qtbot.waitUntil(lambda: made.reclaims >= 1, timeout=5000)
    finally:
        made.stop()
        gc.unfreeze()
