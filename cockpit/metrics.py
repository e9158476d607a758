"""The FloorView: the live figures a supervisor reads, computed off-thread
from the FloorState after every poll. Immutable; the GUI only renders it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from cockpit.domain import QueueId


@dataclass(frozen=True, slots=True)
class QueueFigures:
    queue: QueueId
    name: str
    names: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    open: int = 0
    # Open tickets that have had no first response yet.
    waiting: int = 0
    # Age of the oldest of those, in seconds (0 when none waits).
    oldest_wait_s: float = 0.0
    agents_available: int = 0
    agents_busy: int = 0
    agents_away: int = 0
    arrivals_15m: int = 0
    resolutions_15m: int = 0
    # Share of first responses in the last 60 min that met their target;
    # None when there were none.
    service_level: float | None = None
    service_level_target: float = 0.8

    def display_name(self, language: str) -> str:
        return self.names.get(language) or self.name


@dataclass(frozen=True, slots=True)
class FloorView:
    generated_at: datetime
    backend: str
    queues: tuple[QueueFigures, ...]
    # Queues whose figures differ from the previous view (all on the first).
    changed: frozenset[QueueId] = frozenset()
