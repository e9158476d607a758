"""What every help-desk adapter shares: one HTTP client with its rate
limiter and response metadata, the address shown to the user, the server's
clock offset and the API budget for the status bar.

Adapters whose help desk has no API for the bot's auto-reply or for preset
replies say so through :class:`NoBotApi` (one clear message per vendor,
naming where a person can do it by hand).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cockpit.backends.base import AutoReplyState, NotSupported, ReplyScript
from cockpit.backends.http import DEFAULT_TIMEOUTS, HttpClient, RateLimiter, Timeouts
from cockpit.backends.vendor_common import RateBudget, ResponseMeta, client_budget


class VendorClient:
    """The HTTP side of a help-desk adapter."""

    def __init__(
        self,
        base_url: str,
        *,
        limiter: RateLimiter | None,
        verify_tls: bool,
        auth_headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        meta: ResponseMeta | None = None,
        display_url: str | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        self._limiter = limiter
        self._http = HttpClient(
            base_url,
            auth_headers=auth_headers,
            auth=auth,
            timeouts=timeouts,
            verify_tls=verify_tls,
            limiter=limiter,
        )
        self._meta = meta or ResponseMeta()
        self._meta.attach(self._http.session)
        self._web_base = self._http.base_url
        self._display_url = display_url or base_url

    @property
    def url(self) -> str:
        return self._display_url

    def close(self) -> None:
        self._http.close()

    def clock_offset(self) -> float | None:
        """The server's clock (its Date header) minus this computer's, in seconds."""
        return self._http.date_offset_s

    def rate_budget(self) -> RateBudget | None:
        return client_budget(self._limiter)


def per_minute_limiter(per_minute: float | None, *, burst: int = 10) -> RateLimiter | None:
    """A client-side token bucket, or None when no limit is configured."""
    return None if per_minute is None else RateLimiter(per_minute, burst=burst)


class NoBotApi:
    """The writes a help desk without an auto-reply or preset-reply API refuses.

    ``VENDOR`` names the help desk; ``AUTO_REPLY_HINT`` and ``SCRIPTS_HINT``
    say where a person does it instead.
    """

    VENDOR = "this help desk"
    AUTO_REPLY_HINT = ""
    SCRIPTS_HINT = "reply per ticket"

    def get_auto_reply(self) -> AutoReplyState:
        raise NotSupported(f"{self.VENDOR} has no API for its automatic acknowledgement")

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        raise NotSupported(
            f"{self.VENDOR} has no API for its automatic acknowledgement: {self.AUTO_REPLY_HINT}"
        )

    def list_scripts(self) -> Sequence[ReplyScript]:
        raise NotSupported(f"{self.VENDOR} has no API for preset replies")

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        raise NotSupported(f"{self.VENDOR} has no API for preset replies: {self.SCRIPTS_HINT}")

    def withdraw_script(self, script_id: str) -> None:
        raise NotSupported(f"{self.VENDOR} has no API for preset replies")
