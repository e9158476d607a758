"""The backend types the settings dialog offers, and plain-word texts for
what "Test connection" found (:class:`cockpit.backends.probe.ProbeResult`).

The core hands out codes (``dns``, ``tls``, ``payload`` …); this module
turns them into sentences in the UI language, with the technical detail
kept apart for a second line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from typing import cast
from urllib.parse import urlsplit

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication

from cockpit.backends.probe import ProbeFailure, ProbeResult, ProbeStep

CONTEXT = "SettingsText"
# Marks a text for lupdate (by this name) and returns it; typed for mypy.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True, slots=True)
class BackendKind:
    """One entry of "Backend type"."""

    key: str
    label: str  # untranslated; show with tr()
    schemes: tuple[str, ...]  # URL schemes this type accepts
    example: str  # a sample URL for the placeholder
    token_secret: str | None  # keyring entry / env var of the API token
    options: str | None  # the section of BackendOptions it uses


KINDS: tuple[BackendKind, ...] = (
    BackendKind("sim", QT_TRANSLATE_NOOP("SettingsText", "Built-in simulator"), (), "", None, None),
    BackendKind(
        "feed",
        QT_TRANSLATE_NOOP("SettingsText", "Open feed API"),
        ("feed+https", "feed+http", "sim"),
        "feed+https://tickets.example.com/",
        "feed.token",
        None,
    ),
    BackendKind(
        "helpdesk",
        "django-helpdesk",
        ("helpdesk+https", "helpdesk+http"),
        "helpdesk+https://desk.example.com/helpdesk/",
        "helpdesk.token",
        "helpdesk",
    ),
    BackendKind(
        "zammad",
        "Zammad",
        ("zammad+https", "zammad+http"),
        "zammad+https://zammad.example.com/",
        "zammad.token",
        "zammad",
    ),
    BackendKind(
        "zendesk",
        "Zendesk",
        ("zendesk+https",),
        "zendesk+https://acme.zendesk.com/",
        "zendesk.token",
        "zendesk",
    ),
)
KINDS_BY_KEY: Mapping[str, BackendKind] = {kind.key: kind for kind in KINDS}


def kind_of(url: str | None) -> BackendKind:
    """The backend type of a saved URL (None: the built-in simulator)."""
    if not url:
        return KINDS_BY_KEY["sim"]
    scheme = urlsplit(url).scheme
    for kind in KINDS:
        if scheme in kind.schemes:
            return kind
    return KINDS_BY_KEY["feed"]


_FAILURES: Mapping[ProbeFailure, str] = {
    ProbeFailure.INVALID_URL: QT_TRANSLATE_NOOP(
        "SettingsText", "The address is not a valid backend URL."
    ),
    ProbeFailure.UNKNOWN_SCHEME: QT_TRANSLATE_NOOP(
        "SettingsText", "The address does not start with a backend type this cockpit knows."
    ),
    ProbeFailure.CREDENTIALS_IN_URL: QT_TRANSLATE_NOOP(
        "SettingsText",
        "Take the user name and password out of the address: the token goes in its own field.",
    ),
    ProbeFailure.MISSING_TOKEN: QT_TRANSLATE_NOOP(
        "SettingsText", "There is no token: type one in, or set the environment variable {env}."
    ),
    ProbeFailure.MISSING_EMAIL: QT_TRANSLATE_NOOP(
        "SettingsText", "Zendesk needs the agent's e-mail address for its API token."
    ),
    ProbeFailure.CONFIG: QT_TRANSLATE_NOOP(
        "SettingsText", "These settings cannot be used to connect; the details say why."
    ),
    ProbeFailure.DNS: QT_TRANSLATE_NOOP(
        "SettingsText",
        "The host name was not found (DNS). Check how the address is spelled, "
        "and that this computer can reach that network.",
    ),
    ProbeFailure.REFUSED: QT_TRANSLATE_NOOP(
        "SettingsText",
        "The connection was refused: nothing answers at this address and port. "
        "Check the port, and that the server is running.",
    ),
    ProbeFailure.TLS: QT_TRANSLATE_NOOP(
        "SettingsText",
        "The secure connection (TLS) failed: the server's certificate could not be verified. "
        "For a test server with its own certificate you may turn certificate verification "
        "off in the backend options; never for a real one.",
    ),
    ProbeFailure.UNREACHABLE: QT_TRANSLATE_NOOP("SettingsText", "The server could not be reached."),
    ProbeFailure.AUTH: QT_TRANSLATE_NOOP(
        "SettingsText", "Sign-in refused: the token (or e-mail address) is wrong or has expired."
    ),
    ProbeFailure.PERMISSION: QT_TRANSLATE_NOOP(
        "SettingsText",
        "Signed in, but this account may not read tickets. Give it the rights "
        "named in the details.",
    ),
    ProbeFailure.NOT_FOUND: QT_TRANSLATE_NOOP(
        "SettingsText",
        "The server answered, but has no ticket API at this address. Check the path "
        "(for django-helpdesk: where it is mounted, e.g. /helpdesk/).",
    ),
    ProbeFailure.PAYLOAD: QT_TRANSLATE_NOOP(
        "SettingsText",
        "The server answered, but not in the form this backend type sends: {field}. "
        "Is the address that of the right kind of backend?",
    ),
    ProbeFailure.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "SettingsText", "The backend had a server error. Try again later, or ask its administrator."
    ),
    ProbeFailure.UNEXPECTED_STATUS: QT_TRANSLATE_NOOP(
        "SettingsText", "The backend gave an answer this cockpit did not expect."
    ),
    ProbeFailure.ERROR: QT_TRANSLATE_NOOP(
        "SettingsText", "Something unexpected went wrong. The details are below."
    ),
}


def probe_text(result: ProbeResult, *, env: str = "", zone: tzinfo | None = None) -> str:
    """What the test found, in plain words (``env``: the token's environment variable)."""
    if result.ok:
        return _success_text(result, zone)
    reason = result.reason or ProbeFailure.ERROR
    if reason is ProbeFailure.TIMEOUT:
        if result.step is ProbeStep.CONNECT:
            return tr(_CONNECT_TIMEOUT)
        return tr(_READ_TIMEOUT)
    if reason is ProbeFailure.RATE_LIMITED:
        if result.retry_after_s is not None:
            return tr(_RATE_LIMITED_FOR).format(n=round(result.retry_after_s))
        return tr(_RATE_LIMITED)
    text = tr(_FAILURES.get(reason, _FAILURES[ProbeFailure.ERROR]))
    return text.format(env=env or "COCKPIT_…", field=_field_of(result.detail))


_CONNECT_TIMEOUT = QT_TRANSLATE_NOOP(
    "SettingsText",
    "No connection within the time limit: the host may be down, or a firewall "
    "drops the connection.",
)
_READ_TIMEOUT = QT_TRANSLATE_NOOP(
    "SettingsText", "The server took the connection but did not answer in time."
)
_RATE_LIMITED_FOR = QT_TRANSLATE_NOOP(
    "SettingsText", "The backend asked us to slow down (rate limit). Try again in {n} s."
)
_RATE_LIMITED = QT_TRANSLATE_NOOP(
    "SettingsText", "The backend asked us to slow down (rate limit). Try again in a minute."
)
_CONNECTED = QT_TRANSLATE_NOOP("SettingsText", "Connected: the backend answered.")
_QUEUES = QT_TRANSLATE_NOOP("SettingsText", "Queues: {n}.")
_TICKETS = QT_TRANSLATE_NOOP("SettingsText", "Open tickets: {n}.")
_SERVER_TIME = QT_TRANSLATE_NOOP("SettingsText", "Server time: {time}.")
_NO_KEYRING = QT_TRANSLATE_NOOP(
    "SettingsText", "No keyring (password store) is available on this computer."
)
_KEYRING_REFUSED = QT_TRANSLATE_NOOP(
    "SettingsText", "The keyring refused to store the token ({error})."
)
_USE_ENV = QT_TRANSLATE_NOOP(
    "SettingsText",
    "The token was not stored. Set the environment variable {env} to the token "
    "before starting the cockpit instead.",
)


def _success_text(result: ProbeResult, zone: tzinfo | None) -> str:
    parts = [tr(_CONNECTED)]
    if result.queues_seen is not None:
        parts.append(tr(_QUEUES).format(n=result.queues_seen))
    if result.tickets_seen is not None:
        parts.append(tr(_TICKETS).format(n=result.tickets_seen))
    if result.server_time is not None:
        when = result.server_time.astimezone(zone)
        parts.append(tr(_SERVER_TIME).format(time=f"{when:%Y-%m-%d %H:%M:%S}"))
    return " ".join(parts)


def _field_of(detail: str) -> str:
    """The part of a payload error that names where it went wrong."""
    return detail.split(": ", 1)[0] if detail else "?"


def keyring_failure_text(error: BaseException, *, env: str) -> str:
    """Why the token was not stored, and the environment variable to use instead."""
    from keyring.errors import NoKeyringError

    if isinstance(error, NoKeyringError):
        first = tr(_NO_KEYRING)
    else:
        first = tr(_KEYRING_REFUSED).format(error=type(error).__name__)
    return f"{first} {tr(_USE_ENV).format(env=env)}"
