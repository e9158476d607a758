"""Is an answer news? Replays, frozen data and clock skew.

A cache or a lagging replica in front of the backend can answer with data
the cockpit has already moved past, or with the same answer over and over.
Such an answer must neither move the floor backwards nor keep the health
"live": :func:`judge` compares each batch with the floor's server time and
cursor. Separately, :func:`skew_of` measures how far the backend's clocks
are off: its ``Date`` header against this computer's clock, and the tickets'
stamps against the backend's own server time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from cockpit.domain import Batch
from cockpit.runtime.health import ClockSkew

# Clocks read from Date headers have a one-second resolution, and the
# servers behind one load balancer disagree by about as much.
REPLAY_TOLERANCE = timedelta(seconds=2)
# Below this, a clock difference is noise (network latency, rounding).
SKEW_TOLERANCE_S = 60.0


class Verdict(StrEnum):
    FRESH = "fresh"  # apply it
    FROZEN = "frozen"  # the same answer again: neither clock nor cursor moved
    REPLAYED = "replayed"  # older than what the floor already shows


def judge(previous_time: datetime | None, previous_cursor: str | None, batch: Batch) -> Verdict:
    """What ``batch`` is, against the floor's ``previous_time`` and ``previous_cursor``."""
    if previous_time is None:
        return Verdict.FRESH
    order = _cursor_order(previous_cursor, batch.cursor)
    moved_on = batch.server_time > previous_time
    if order < 0:
        # A cursor behind ours: old data, unless the backend started afresh
        # (a full load at a later time, e.g. after a restart).
        return Verdict.FRESH if batch.full and moved_on else Verdict.REPLAYED
    if batch.server_time < previous_time - REPLAY_TOLERANCE:
        # Time went back: a replay, unless the changes moved on (the server's
        # clock was put right while it kept working).
        return Verdict.FRESH if order > 0 else Verdict.REPLAYED
    if not moved_on and order == 0:
        return Verdict.FROZEN
    return Verdict.FRESH


def _cursor_order(before: str | None, after: str | None) -> int:
    """-1, 0 or 1 when the cursors compare (equal, or both integers); 1 when
    they differ and cannot be ordered (opaque cursors move on by changing)."""
    if before == after:
        return 0
    if before is None or after is None:
        return 1
    try:
        a, b = int(before), int(after)
    except ValueError:
        return 1
    return (b > a) - (b < a)


def skew_of(
    batch: Batch, date_offset_s: float | None, previous: ClockSkew | None = None
) -> ClockSkew | None:
    """The clock skew this batch shows, or None when the clocks agree.

    ``date_offset_s``: the backend's Date header minus this computer's clock.
    Tickets stamped later than the backend's own server time mean a clock
    somewhere behind the backend runs fast; a batch without tickets keeps
    what ``previous`` saw of them.
    """
    server_ahead = date_offset_s if _beyond(date_offset_s) else None
    lead = max((t.updated_at for t in batch.tickets), default=None)
    stamps_ahead = None if previous is None else previous.stamps_ahead_s
    if lead is not None:
        ahead = (lead - batch.server_time).total_seconds()
        stamps_ahead = ahead if _beyond(ahead) and ahead > 0 else None
    if server_ahead is None and stamps_ahead is None:
        return None
    return ClockSkew(server_ahead_s=server_ahead, stamps_ahead_s=stamps_ahead)


def _beyond(seconds: float | None) -> bool:
    return seconds is not None and abs(seconds) > SKEW_TOLERANCE_S
