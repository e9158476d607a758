"""``open_backend(url)``: from a backend URL to a ready adapter.

Schemes: ``sim://host:port`` (the simulator), ``feed+http(s)://host/`` (any
server implementing the open feed API). Credentials never go in the URL;
they come from the caller, the environment or the OS keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from cockpit.backends.base import TicketBackend
from cockpit.backends.feed import FeedBackend
from cockpit.backends.http import DEFAULT_TIMEOUTS, Timeouts
from cockpit.secrets import env_name, get_secret


class BackendConfigError(ValueError):
    """The backend URL or its credentials are unusable; the message says why."""


class MissingToken(BackendConfigError):
    """No API token anywhere; ``variable`` is the environment variable that
    would hold it (the other way is the keyring, through Settings)."""

    def __init__(self, message: str, *, variable: str) -> None:
        super().__init__(message)
        self.variable = variable


Opener = Callable[[str, str | None, Timeouts], TicketBackend]
_OPENERS: dict[str, Opener] = {}


def register_scheme(scheme: str, opener: Opener) -> None:
    _OPENERS[scheme] = opener


def supported_schemes() -> list[str]:
    return sorted(_OPENERS)


def open_backend(
    url: str, *, token: str | None = None, timeouts: Timeouts = DEFAULT_TIMEOUTS
) -> TicketBackend:
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise BackendConfigError(
            "credentials in the backend URL are not accepted: store them in the keyring "
            "or set the environment variable instead"
        )
    opener = _OPENERS.get(parts.scheme)
    if opener is None:
        schemes = ", ".join(f"{s}://" for s in supported_schemes())
        raise BackendConfigError(f"unknown backend URL {url!r}: expected one of {schemes}")
    if not parts.hostname:
        raise BackendConfigError(f"backend URL {url!r} has no host")
    return opener(url, token, timeouts)


def _require_token(token: str | None, secret: str) -> str:
    token = token or get_secret(secret)
    if not token:
        raise MissingToken(
            f"no API token: set {env_name(secret)} or store {secret!r} in the keyring",
            variable=env_name(secret),
        )
    return token


def _open_sim(url: str, token: str | None, timeouts: Timeouts) -> TicketBackend:
    parts = urlsplit(url)
    base = f"http://{parts.netloc}{parts.path.rstrip('/')}"
    return FeedBackend(
        base, token=_require_token(token, "feed.token"), display_url=url, timeouts=timeouts
    )


def _open_feed(url: str, token: str | None, timeouts: Timeouts) -> TicketBackend:
    base = url.split("+", 1)[1].rstrip("/")
    return FeedBackend(
        base, token=_require_token(token, "feed.token"), display_url=url, timeouts=timeouts
    )


register_scheme("sim", _open_sim)
register_scheme("feed+http", _open_feed)
register_scheme("feed+https", _open_feed)

# Vendor adapters (django-helpdesk, Zammad, Zendesk): last, as they import this module.
from cockpit.backends.vendors import register_vendor_schemes  # noqa: E402

register_vendor_schemes(register_scheme)
