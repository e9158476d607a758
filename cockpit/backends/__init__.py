"""Ticket backends: the protocol, the shared HTTP client and the adapters."""

from cockpit.backends.base import Capabilities, Capability, TicketBackend
from cockpit.backends.registry import BackendConfigError, open_backend

__all__ = ["BackendConfigError", "Capabilities", "Capability", "TicketBackend", "open_backend"]
