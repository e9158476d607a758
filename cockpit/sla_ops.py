"""Small SLA ops on the live floor, run on a worker under the poll lock
(``Runtime.read_floor`` via ``run_floor_op``), never on the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.floor import FloorState


@dataclass(frozen=True, slots=True)
class PromotionChange:
    """What switching the promotion targets did."""

    on: bool
    # False when the floor already counted with the asked-for targets.
    changed: bool


def set_promotion(state: FloorState, *, on: bool) -> PromotionChange:
    """Count the floor with (or without) the promotion targets from now on.

    Rebuilds the SLA indexes (O(floor), once); the next view shows it.
    """
    if state.sla.promotion == on:
        return PromotionChange(on=on, changed=False)
    state.replace_sla(state.sla.with_promotion(on))
    return PromotionChange(on=on, changed=True)
