"""A stand-in backend for incident work without one (notes, checklist,
listing): it can do nothing, and says so."""

from __future__ import annotations

from collections.abc import Sequence

from cockpit.backends.base import (
    AutoReplyState,
    Capabilities,
    Capability,
    NotSupported,
    ReplyOutcome,
    ReplyScript,
)
from cockpit.domain import Batch, TicketId

NO_BACKEND = "no_backend"


class OfflineBackend:
    capabilities = Capabilities(frozenset(), {c: NO_BACKEND for c in Capability})

    @property
    def url(self) -> str:
        return "offline:"

    def fetch(self, cursor: str | None) -> Batch:
        raise NotSupported("no backend is configured", detail=NO_BACKEND)

    def get_auto_reply(self) -> AutoReplyState:
        raise NotSupported("no backend is configured", detail=NO_BACKEND)

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        raise NotSupported("no backend is configured", detail=NO_BACKEND)

    def list_scripts(self) -> Sequence[ReplyScript]:
        raise NotSupported("no backend is configured", detail=NO_BACKEND)

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        raise NotSupported("no backend is configured", detail=NO_BACKEND)

    def withdraw_script(self, script_id: str) -> None:
        raise NotSupported("no backend is configured", detail=NO_BACKEND)

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome:
        raise NotSupported("no backend is configured", detail=NO_BACKEND)

    def close(self) -> None:
        return None
