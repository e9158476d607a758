"""Write-ahead logging of side effects.

``begin`` appends an *intent* before anything happens; ``finish`` runs the
side effect and appends its *outcome*. A crash between the two leaves an
intent without an outcome, which :func:`recover_interrupted` turns into a
visible ``unknown`` outcome at the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from cockpit.backends.base import BackendError, NotSupported, UnknownOutcome
from cockpit.clock import Clock
from cockpit.incidents.model import Action, ActionResult, Reason
from cockpit.store.incidents import (
    Claims,
    EventRecord,
    IncidentStore,
    NewEvent,
    Outcome,
    Phase,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

SYSTEM = "system"


class EffectFailed(Exception):
    """A side effect that failed in a way the caller classified itself
    (a webhook service's error code). ``detail`` holds no secrets."""

    def __init__(
        self, reason: str, detail: str = "", *, retryable: bool = False, unknown: bool = False
    ) -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail
        self.retryable = retryable
        # True when the effect may have happened anyway (no answer after sending).
        self.unknown = unknown


@dataclass(frozen=True, slots=True)
class Performed(Generic[T]):
    result: ActionResult
    value: T | None
    events: tuple[EventRecord, ...] = field(default=())
    # The classified failure, when there was one (for retry decisions).
    failure: EffectFailed | None = None


Judge = Callable[[T], tuple[Outcome, str | None]]


class Journal:
    def __init__(self, store: IncidentStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def record(
        self,
        incident_id: int,
        action: Action,
        who: str,
        payload: Mapping[str, Any] | None = None,
        *,
        outcome: Outcome = Outcome.OK,
    ) -> EventRecord:
        """A plain fact, or a refusal (``not_supported``) with nothing attempted."""
        event = NewEvent(action.value, who, self.clock.now(), Phase.RECORD, outcome, payload or {})
        return self.store.append(incident_id, event)

    def intent(
        self, action: Action, who: str, payload: Mapping[str, Any] | None = None
    ) -> NewEvent:
        """An intent row to write (alone or with an incident update)."""
        return NewEvent(
            action.value, who, self.clock.now(), Phase.INTENT, Outcome.PENDING, payload or {}
        )

    def begin(
        self, incident_id: int, action: Action, who: str, payload: Mapping[str, Any] | None = None
    ) -> EventRecord:
        return self.store.append(incident_id, self.intent(action, who, payload))

    def begin_once(
        self, incident_id: int, action: Action, who: str, payload: Mapping[str, Any], claims: Claims
    ) -> EventRecord | None:
        """Like :meth:`begin`, but None when an earlier intent for the same
        ``payload[claims.key]`` did not fail (see ``IncidentStore.append_once``)."""
        return self.store.append_once(incident_id, self.intent(action, who, payload), claims)

    def finish(
        self,
        intent: EventRecord,
        effect: Callable[[], T],
        *,
        target: str | None = None,
        judge: Judge[T] | None = None,
        describe: Callable[[T], Mapping[str, Any]] | None = None,
    ) -> Performed[T]:
        """Run ``effect`` and log its outcome. Backend and classified failures
        become results; any other exception is logged as ``unknown`` and
        re-raised. BaseExceptions (a kill) pass through with no outcome."""
        action = Action(intent.action)
        try:
            value = effect()
        except Exception as exc:
            failed, code, detail, failure = _classify(exc)
            body: dict[str, Any] = {"reason": code, "detail": detail}
            if failure is not None:
                body["retryable"] = failure.retryable
            settled = self.store.settle(intent, failed, at=self.clock.now(), payload=body)
            if code == Reason.INTERNAL_ERROR:
                raise
            result = ActionResult(action, failed, target, code, detail, intent.id)
            return Performed(result, None, (settled,), failure)
        outcome, reason = judge(value) if judge is not None else (Outcome.OK, None)
        payload: dict[str, Any] = dict(describe(value)) if describe is not None else {}
        if reason is not None:
            payload["reason"] = reason
        settled = self.store.settle(intent, outcome, at=self.clock.now(), payload=payload)
        result = ActionResult(action, outcome, target, reason, None, intent.id)
        return Performed(result, value, (settled,))

    def perform(
        self,
        incident_id: int,
        action: Action,
        who: str,
        payload: Mapping[str, Any],
        effect: Callable[[], T],
        *,
        target: str | None = None,
        judge: Judge[T] | None = None,
        describe: Callable[[T], Mapping[str, Any]] | None = None,
    ) -> Performed[T]:
        intent = self.begin(incident_id, action, who, payload)
        done = self.finish(intent, effect, target=target, judge=judge, describe=describe)
        return Performed(done.result, done.value, (intent, *done.events), done.failure)

    def refuse(
        self,
        incident_id: int,
        action: Action,
        who: str,
        reason: str,
        *,
        target: str | None = None,
        outcome: Outcome = Outcome.NOT_SUPPORTED,
        payload: Mapping[str, Any] | None = None,
    ) -> tuple[ActionResult, EventRecord]:
        """Log that an action was not attempted, and why."""
        body = {"reason": reason, **(payload or {})}
        if target is not None:
            body["target"] = target
        event = self.record(incident_id, action, who, body, outcome=outcome)
        return ActionResult(action, outcome, target, reason, None, event.id), event


def _classify(exc: Exception) -> tuple[Outcome, str, str, EffectFailed | None]:
    if isinstance(exc, EffectFailed):
        outcome = Outcome.UNKNOWN if exc.unknown else Outcome.FAILED
        return outcome, exc.reason, exc.detail, exc
    if isinstance(exc, UnknownOutcome):
        return Outcome.UNKNOWN, exc.reason, str(exc), None
    if isinstance(exc, NotSupported):
        return Outcome.NOT_SUPPORTED, exc.reason, str(exc), None
    if isinstance(exc, BackendError):
        return Outcome.FAILED, exc.reason, str(exc), None
    log.exception("an incident action failed unexpectedly")
    return Outcome.UNKNOWN, Reason.INTERNAL_ERROR.value, type(exc).__name__, None


Observer = Callable[[EventRecord], Mapping[str, Any]]


def recover_interrupted(
    store: IncidentStore, clock: Clock, observe: Observer | None = None
) -> list[EventRecord]:
    """Give every intent that never got an outcome an ``unknown`` outcome;
    ``observe`` may add what the backend shows now (the bot's state)."""
    settled = []
    for intent in store.dangling_intents():
        payload: dict[str, Any] = {"reason": Reason.INTERRUPTED.value}
        if observe is not None:
            payload.update(observe(intent))
        settled.append(
            store.settle(intent, Outcome.UNKNOWN, at=clock.now(), who=SYSTEM, payload=payload)
        )
    return settled
