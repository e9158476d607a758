"""URL schemes of the vendor adapters, registered with :mod:`cockpit.backends.registry`.

- ``helpdesk+http(s)://host[:port]/[mount/]`` — django-helpdesk; token
  ``helpdesk.token`` (``COCKPIT_HELPDESK_TOKEN``)
- ``zammad+https://host/`` (``zammad+http`` for a plain-HTTP intranet host) —
  token ``zammad.token`` (``COCKPIT_ZAMMAD_TOKEN``)
- ``rt+http(s)://host[:port]/[path/]`` — Request Tracker 5 (REST2); auth
  token ``rt.token`` (``COCKPIT_RT_TOKEN``)
- ``zendesk+https://SUBDOMAIN.zendesk.com/`` — API token ``zendesk.token``
  (``COCKPIT_ZENDESK_TOKEN``) with the agent e-mail from the options
  (or ``COCKPIT_ZENDESK_EMAIL``)

Options (names, trigger ids, rate limits) come from the settings field
``backend_options`` when the settings have it, else the defaults.
"""

from __future__ import annotations

from collections.abc import Callable

from cockpit.backends.base import TicketBackend
from cockpit.backends.helpdesk import HelpdeskBackend
from cockpit.backends.http import Timeouts
from cockpit.backends.options import BackendOptions
from cockpit.backends.registry import BackendConfigError, MissingToken
from cockpit.backends.rt import RtBackend
from cockpit.backends.vendor_common import http_base
from cockpit.backends.zammad import ZammadBackend
from cockpit.backends.zendesk import ZendeskBackend
from cockpit.secrets import env_name, get_secret

Opener = Callable[[str, str | None, Timeouts], TicketBackend]
OptionsSource = Callable[[], BackendOptions]


def options_from_settings() -> BackendOptions:
    """``settings.backend_options``, or the defaults until Settings has that field."""
    from cockpit.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        raise BackendConfigError(str(exc)) from None
    options = getattr(settings, "backend_options", None)
    return options if isinstance(options, BackendOptions) else BackendOptions()


def secret_or_fail(given: str | None, name: str, what: str = "API token") -> str:
    value = given or get_secret(name)
    if not value:
        raise MissingToken(
            f"no {what}: set {env_name(name)} or store {name!r} in the keyring",
            variable=env_name(name),
        )
    return value


def helpdesk_opener(options: OptionsSource = options_from_settings) -> Opener:
    def open_helpdesk(url: str, token: str | None, timeouts: Timeouts) -> TicketBackend:
        return HelpdeskBackend(
            http_base(url),
            token=secret_or_fail(token, "helpdesk.token"),
            options=options().helpdesk,
            display_url=url,
            timeouts=timeouts,
        )

    return open_helpdesk


def zammad_opener(options: OptionsSource = options_from_settings) -> Opener:
    def open_zammad(url: str, token: str | None, timeouts: Timeouts) -> TicketBackend:
        return ZammadBackend(
            http_base(url),
            token=secret_or_fail(token, "zammad.token"),
            options=options().zammad,
            display_url=url,
            timeouts=timeouts,
        )

    return open_zammad


def rt_opener(options: OptionsSource = options_from_settings) -> Opener:
    def open_rt(url: str, token: str | None, timeouts: Timeouts) -> TicketBackend:
        return RtBackend(
            http_base(url),
            token=secret_or_fail(token, "rt.token", "RT auth token"),
            options=options().rt,
            display_url=url,
            timeouts=timeouts,
        )

    return open_rt


def zendesk_opener(options: OptionsSource = options_from_settings) -> Opener:
    def open_zendesk(url: str, token: str | None, timeouts: Timeouts) -> TicketBackend:
        zendesk = options().zendesk
        email = zendesk.email or get_secret("zendesk.email")
        if not email:
            raise BackendConfigError(
                "no Zendesk agent e-mail: set backend_options.zendesk.email in the settings "
                f"or {env_name('zendesk.email')}"
            )
        return ZendeskBackend(
            http_base(url),
            email=email,
            token=secret_or_fail(token, "zendesk.token"),
            options=zendesk,
            display_url=url,
            timeouts=timeouts,
        )

    return open_zendesk


def register_vendor_schemes(register: Callable[[str, Opener], None]) -> None:
    register("helpdesk+http", helpdesk_opener())
    register("helpdesk+https", helpdesk_opener())
    register("zammad+https", zammad_opener())
    register("zammad+http", zammad_opener())
    register("zendesk+https", zendesk_opener())
    register("rt+http", rt_opener())
    register("rt+https", rt_opener())
