"""The start after a crash: interrupted actions settle as ``unknown``; an
interrupted bot switch also notes what the backend shows now, and a restore
that had taken effect is not sent again."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.backends.base import AutoReplyState
from cockpit.incidents.model import Action
from cockpit.incidents.offline import OfflineBackend
from cockpit.store.incidents import Outcome, Phase
from tests.cockpit.test_engine import BEFORE, Harness, _declare


class Crash(BaseException):
    """The process dies in the middle of an action."""


def _crash_after(h: Harness, action: str) -> None:
    """The backend does the switch, then the process dies before the outcome."""
    real = h.backend.set_auto_reply

    def switch_then_die(state: AutoReplyState) -> AutoReplyState:
        real(state)
        raise Crash

    h.backend.set_auto_reply = switch_then_die  # type: ignore[method-assign]
    op = (
        (lambda: h.engine.bot_on(1, who="li"))
        if action == "on"
        else (lambda: h.engine.resolve(1, summary="ok", who="li"))
    )
    with pytest.raises(Crash):
        op()
    h.backend.set_auto_reply = real  # type: ignore[method-assign]


def test_an_interrupted_switch_that_took_effect_says_so(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    try:
        _declare(h, auto=False)
        _crash_after(h, "on")
        (settled,) = h.new_engine().recover()
        assert settled.outcome is Outcome.UNKNOWN
        assert settled.payload["reason"] == "interrupted"
        assert settled.payload["took_effect"] is True
        assert settled.payload["observed"]["enabled"] is True
    finally:
        h.close()


def test_an_interrupted_switch_that_never_reached_the_backend(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    try:
        _declare(h, auto=False)
        _crash_after(h, "on")
        h.backend.auto_reply = BEFORE  # someone switched it back meanwhile
        (settled,) = h.new_engine().recover()
        assert settled.payload["took_effect"] is False
        # The saved state is still there: resolve restores it.
        h.backend.auto_reply = AutoReplyState(enabled=True, message="half")
        h.engine.resolve(1, summary="ok", who="li")
        assert h.backend.auto_reply == BEFORE
    finally:
        h.close()


def test_a_restore_that_took_effect_is_not_sent_again(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    try:
        _declare(h, auto=False)
        h.engine.bot_on(1, who="li")
        _crash_after(h, "restore")
        assert h.backend.auto_reply == BEFORE
        assert h.store.get(1).active  # resolve stopped at its first step
        (settled,) = h.new_engine().recover()
        assert (settled.action, settled.payload["took_effect"]) == (Action.BOT_RESTORE, True)
        assert h.store.get(1).saved_auto_reply is None
        h.backend.auto_reply = AutoReplyState(enabled=False, message="changed by hand later")
        done = h.engine.resolve(1, summary="ok", who="li")
        assert done.incident.resolved_at is not None
        assert h.backend.auto_reply.message == "changed by hand later"  # not overwritten
        restores = [
            e for e in h.store.events(1, actions=[Action.BOT_RESTORE.value])
            if e.phase is Phase.INTENT
        ]  # fmt: skip
        assert len(restores) == 1
    finally:
        h.close()


def test_a_start_without_a_backend_settles_without_looking(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    try:
        _declare(h, auto=False)
        _crash_after(h, "on")
        h.engine.ctx = type(h.engine.ctx)(  # the CLI's list/show: no backend
            store=h.store, backend=OfflineBackend(), clock=h.clock, webhooks=h.webhooks
        )
        (settled,) = h.engine.recover()
        assert settled.outcome is Outcome.UNKNOWN
        assert "observed" not in settled.payload
        assert h.store.get(1).saved_auto_reply == {
            "enabled": True,
            "message": BEFORE.message,
            "topics": list(BEFORE.topics),
        }
    finally:
        h.close()
