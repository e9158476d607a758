"""The built-in floor simulator: the default backend of the cockpit.

:class:`FloorSimulator` runs a deterministic simulated customer-service
floor; :class:`SimServer` serves it on loopback with the open feed API
(``docs/feed-api.md``); :func:`serve` runs both until interrupted.
"""

from cockpit.sim.engine import FloorSimulator, ScriptNotFound, TicketClosed, TicketNotFound
from cockpit.sim.feed import ChangePage, CursorExpired
from cockpit.sim.model import ArrivalCurve, QueueSpec, ShiftPlan, SimConfig
from cockpit.sim.rules import SimStats
from cockpit.sim.scenarios import Scenario, ScenarioError, ScenarioKind, parse_scenario
from cockpit.sim.server import SimServer, serve
from cockpit.sim.truth import QueueTruth

__all__ = [
    "ArrivalCurve",
    "ChangePage",
    "CursorExpired",
    "FloorSimulator",
    "QueueSpec",
    "QueueTruth",
    "Scenario",
    "ScenarioError",
    "ScenarioKind",
    "ScriptNotFound",
    "ShiftPlan",
    "SimConfig",
    "SimServer",
    "SimStats",
    "TicketClosed",
    "TicketNotFound",
    "parse_scenario",
    "serve",
]
