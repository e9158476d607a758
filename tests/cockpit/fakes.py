"""A scripted fake backend for core tests."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime

from cockpit.backends.base import (
    AutoReplyState,
    BackendError,
    Capabilities,
    Capability,
    ReplyOutcome,
    ReplyScript,
)
from cockpit.domain import Batch, TicketId


class FakeBackend:
    """Answers ``fetch`` from a queue of batches or errors (or a function)."""

    capabilities = Capabilities(frozenset(Capability))

    def __init__(self, *answers: Batch | BackendError | Callable[[str | None], Batch]) -> None:
        self.answers: deque[Batch | BackendError | Callable[[str | None], Batch]] = deque(answers)
        self.cursors: list[str | None] = []
        self.auto_reply = AutoReplyState(enabled=False)
        self.scripts: dict[str, ReplyScript] = {}
        self.replies: list[tuple[TicketId, str]] = []
        self.closed = False

    @property
    def url(self) -> str:
        return "fake://floor"

    def fetch(self, cursor: str | None) -> Batch:
        self.cursors.append(cursor)
        answer = self.answers.popleft() if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, BackendError):
            raise answer
        if callable(answer):
            return answer(cursor)
        return answer

    def server_time(self) -> datetime:
        raise NotImplementedError

    def get_auto_reply(self) -> AutoReplyState:
        return self.auto_reply

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        self.auto_reply = state
        return state

    def list_scripts(self) -> Sequence[ReplyScript]:
        return list(self.scripts.values())

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        self.scripts[script.id] = script
        return script

    def withdraw_script(self, script_id: str) -> None:
        self.scripts.pop(script_id, None)

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome:
        self.replies.append((ticket_id, body))
        return ReplyOutcome(ticket_id, ok=True)

    def close(self) -> None:
        self.closed = True
