"""A review phase's service level from metric samples (docs/metrics.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.review_impact import PhaseName, Window, phase_impact
from cockpit.store.samples import FLOOR, Sample

T0 = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)


def sample(minute: int, **fields: int) -> Sample:
    return Sample(at=T0 + timedelta(minutes=minute), queue=FLOOR, span_s=60, **fields)


def test_a_phase_counts_its_answers_and_who_still_waits_at_its_end() -> None:
    window = Window(PhaseName.INCIDENT, T0, T0 + timedelta(minutes=3))
    samples = [
        sample(0, answered_in_target=50),  # at the open end: not in the phase
        sample(1, answered_in_target=6, waiting_past_target=30, resolution_breached=4),
        sample(2, answered_late=2, abandoned_past_target=1, waiting_past_target=40),
        sample(3, answered_in_target=2, waiting_past_target=11, first_response_breached=12),
        sample(4, answered_late=99),  # after the phase
    ]
    phase = phase_impact(window, samples)
    parts = (
        phase.answered_in_target,
        phase.answered_late,
        phase.abandoned_past_target,
        phase.waiting_past_target,
    )
    assert parts == (8, 2, 1, 11)
    assert phase.service_level == 8 / 22
    assert (phase.first_response_breached_peak, phase.resolution_breached_peak) == (12, 4)


def test_a_mass_reply_in_the_phase_leaves_its_service_level_low() -> None:
    window = Window(PhaseName.INCIDENT, T0, T0 + timedelta(minutes=2))
    first = sample(1, answered_in_target=10, waiting_past_target=40)
    # Still waiting at the phase's end, or all answered at once before it.
    waiting = [first, sample(2, waiting_past_target=40)]
    replied = [first, sample(2, answered_late=40)]
    assert phase_impact(window, waiting).service_level == 0.2
    assert phase_impact(window, replied).service_level == 0.2


def test_no_parts_no_service_level() -> None:
    window = Window(PhaseName.BASELINE, T0, T0 + timedelta(minutes=2))
    assert phase_impact(window, [sample(1, responses=3)]).service_level is None
