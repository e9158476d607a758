"""Scenarios that can be injected into a running floor: an outage, a
public-opinion wave, a promotion peak. Each adds arrivals for a while on
top of the ordinary stream; the engine turns them into arrival streams."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from cockpit.clock import format_time, parse_time
from cockpit.domain import Topic


class ScenarioError(ValueError):
    """A scenario description is invalid; the message says what is wrong."""


class ScenarioKind(StrEnum):
    OUTAGE = "outage"
    PUBLIC_OPINION = "public_opinion"
    PROMOTION_PEAK = "promotion_peak"


# Topics an outage hits when none are given: money, log-in and the app.
DEFAULT_OUTAGE_TOPICS = (Topic.PAYMENT.value, Topic.LOGIN.value, Topic.APP_CRASH.value)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One injected scenario.

    ``multiplier`` scales the arrivals it concerns while it runs: for an
    outage the arrivals on ``topics``, for a public-opinion wave the
    complaints (on ``topics`` when given), for a promotion peak everything.
    ``start`` None means "``delay`` after injection". The engine fills in
    ``id`` and ``start`` when it injects the scenario.
    """

    kind: ScenarioKind
    start: datetime | None = None
    duration: timedelta = timedelta(hours=1)
    multiplier: float = 3.0
    topics: tuple[str, ...] = ()
    # With no ``start``: how long after injection it begins.
    delay: timedelta = timedelta(0)
    id: str = ""

    def __post_init__(self) -> None:
        if self.multiplier < 1:
            raise ValueError("a scenario's multiplier must be at least 1")
        if self.delay < timedelta(0):
            raise ValueError("a scenario's delay cannot be negative")
        if self.duration <= timedelta(0):
            raise ValueError("a scenario's duration must be positive")
        if self.start is not None and self.start.utcoffset() is None:
            raise ValueError("a scenario's start must carry a time zone")

    @property
    def effective_topics(self) -> tuple[str, ...]:
        if self.kind is ScenarioKind.OUTAGE and not self.topics:
            return DEFAULT_OUTAGE_TOPICS
        return self.topics

    @property
    def end(self) -> datetime | None:
        return None if self.start is None else self.start + self.duration


def scenario_to_json(scenario: Scenario) -> dict[str, Any]:
    return {
        "id": scenario.id,
        "kind": scenario.kind.value,
        "start": None if scenario.start is None else format_time(scenario.start),
        "duration_s": scenario.duration.total_seconds(),
        "multiplier": scenario.multiplier,
        "topics": list(scenario.effective_topics),
    }


def scenario_from_json(obj: object) -> Scenario:
    """Read a scenario posted to the simulator; :class:`ScenarioError` says
    what is wrong."""
    try:
        return _scenario_from_json(obj)
    except ValueError as exc:
        raise ScenarioError(str(exc)) from None


def _scenario_from_json(obj: object) -> Scenario:
    if not isinstance(obj, Mapping):
        raise ValueError("scenario: expected an object")
    try:
        kind = ScenarioKind(str(obj.get("kind")))
    except ValueError:
        allowed = ", ".join(k.value for k in ScenarioKind)
        raise ValueError(f"scenario.kind: expected one of {allowed}") from None
    start = obj.get("start")
    if start is not None and not isinstance(start, str):
        raise ValueError("scenario.start: expected an ISO 8601 time")
    duration = _number(obj, "duration_s", 3600.0)
    delay = _number(obj, "delay_s", 0.0)
    topics = obj.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ValueError("scenario.topics: expected a list of strings")
    return Scenario(
        kind=kind,
        start=None if start is None else parse_time(start),
        duration=timedelta(seconds=duration),
        multiplier=_number(obj, "multiplier", 3.0),
        topics=tuple(topics),
        delay=timedelta(seconds=delay),
    )


def _number(obj: Mapping[str, object], key: str, default: float) -> float:
    value = obj.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"scenario.{key}: expected a number")
    return float(value)


_SPEC = re.compile(
    r"^(?P<kind>[a-z_]+)"
    r"(?:@(?P<at>\d+(?:\.\d+)?))?"
    r"(?::(?P<mult>\d+(?:\.\d+)?))?"
    r"(?:/(?P<dur>\d+(?:\.\d+)?))?"
    r"(?:#(?P<topics>[\w,]+))?$"
)


def parse_scenario(spec: str, *, now: datetime | None = None) -> Scenario:
    """A scenario from the command line: ``KIND[@MIN][:MULT][/DUR][#TOPICS]``.

    ``MIN`` is the delay in minutes (from ``now``, or from injection when
    ``now`` is None), ``MULT`` the multiplier, ``DUR`` the duration in
    minutes and ``TOPICS`` a comma-separated list, e.g. ``outage@10:4/60``
    or ``outage:5#payment,login``. Raises :class:`ScenarioError`.
    """
    match = _SPEC.match(spec.strip())
    if match is None:
        raise ScenarioError(f"scenario {spec!r}: expected KIND[@MIN][:MULT][/DUR][#TOPICS]")
    try:
        kind = ScenarioKind(match["kind"])
    except ValueError:
        allowed = ", ".join(k.value for k in ScenarioKind)
        raise ScenarioError(f"scenario {spec!r}: kind must be one of {allowed}") from None
    delay = timedelta(minutes=float(match["at"] or 0))
    try:
        return Scenario(
            kind=kind,
            start=None if now is None else now + delay,
            delay=timedelta(0) if now is not None else delay,
            duration=timedelta(minutes=float(match["dur"] or 60)),
            multiplier=float(match["mult"] or 3),
            topics=tuple(t for t in (match["topics"] or "").split(",") if t),
        )
    except ValueError as exc:
        raise ScenarioError(f"scenario {spec!r}: {exc}") from None
