"""Team-chat webhooks in each service's own message format.

- WeCom group robot: ``{"msgtype": "markdown", "markdown": {"content": …}}``;
  the key is part of the URL.
- DingTalk custom robot: ``{"msgtype": "markdown", "markdown": {"title", "text"}}``;
  with a secret, ``timestamp`` (ms) and ``sign`` go in the query string,
  sign = base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")).
- Feishu custom bot: ``{"msg_type": "text", "content": {"text": …}}``; with a
  secret, ``timestamp`` (s) and ``sign`` go in the body,
  sign = base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b"")).
- Slack incoming webhook: ``{"text": …}`` (mrkdwn, with &, < and > escaped).

A channel is known by name only. Its URL and secret come from the keyring or
the environment (``COCKPIT_WEBHOOK_<NAME>_URL`` / ``_SECRET``); URLs carry
credentials, so they and the secret are removed from every error message
and from urllib3's debug log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from cockpit.backends.base import (
    BackendError,
    BackendTimeout,
    BackendUnreachable,
    RateLimited,
    ServerError,
    UnknownOutcome,
)
from cockpit.backends.http import HttpClient, Timeouts
from cockpit.incidents.journal import EffectFailed
from cockpit.secrets import get_secret, redact

WECOM_MAX_BYTES = 4096
TIMEOUTS = Timeouts(connect_s=3.05, read_s=10.0)
NOT_CONFIGURED = "webhook_not_configured"

# Vendor error codes that mean "slow down", worth a retry.
_RETRYABLE_CODES = {
    "wecom": {45009},
    "dingtalk": {130101},
    "feishu": {9499, 11232},
}


class Service(StrEnum):
    WECOM = "wecom"
    DINGTALK = "dingtalk"
    FEISHU = "feishu"
    SLACK = "slack"


@dataclass(frozen=True, slots=True)
class WebhookRequest:
    url: str
    body: dict[str, Any]


def url_secret_name(channel: str) -> str:
    return f"webhook.{channel}.url"


def signing_secret_name(channel: str) -> str:
    return f"webhook.{channel}.secret"


# --- message formats and signatures ---------------------------------------------------


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _truncate_bytes(text: str, limit: int) -> str:
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode(errors="ignore") + "…"


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _with_query(url: str, params: Mapping[str, str]) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(params)


def build_request(
    service: Service,
    url: str,
    secret: str | None,
    *,
    title: str,
    text: str,
    wall_time: float,
) -> WebhookRequest:
    """The HTTP request one message becomes; ``wall_time`` is Unix seconds
    (the services check signatures against real time, not the floor's)."""
    if service is Service.WECOM:
        content = _truncate_bytes(f"**{title}**\n{text}", WECOM_MAX_BYTES)
        return WebhookRequest(url, {"msgtype": "markdown", "markdown": {"content": content}})
    if service is Service.DINGTALK:
        # DingTalk markdown needs a blank line for a line break.
        body_text = f"#### {title}\n\n" + text.replace("\n", "\n\n")
        body = {"msgtype": "markdown", "markdown": {"title": title, "text": body_text}}
        if secret:
            stamp = int(wall_time * 1000)
            url = _with_query(url, {"timestamp": str(stamp), "sign": dingtalk_sign(secret, stamp)})
        return WebhookRequest(url, body)
    if service is Service.FEISHU:
        body = {"msg_type": "text", "content": {"text": f"{title}\n{text}"}}
        if secret:
            stamp = int(wall_time)
            body = {"timestamp": str(stamp), "sign": feishu_sign(secret, stamp), **body}
        return WebhookRequest(url, body)
    return WebhookRequest(url, {"text": f"*{_slack_escape(title)}*\n{_slack_escape(text)}"})


def check_answer(service: Service, answer: Any) -> None:
    """Raise :class:`EffectFailed` when the service answered 200 with an error."""
    if service is Service.SLACK:
        return  # Slack reports errors with HTTP statuses
    if not isinstance(answer, dict):
        raise EffectFailed(f"{service.value}_bad_answer", "the answer is not a JSON object")
    code = answer.get("errcode", answer.get("code", answer.get("StatusCode", 0)))
    if code in (0, None):
        return
    message = str(answer.get("errmsg") or answer.get("msg") or answer.get("StatusMessage") or "")
    retryable = code in _RETRYABLE_CODES.get(service.value, set())
    raise EffectFailed(f"{service.value}_error_{code}", message[:200], retryable=retryable)


# --- secrets out of logs -------------------------------------------------------------------


class _RedactingFilter(logging.Filter):
    """Removes known webhook credentials from records of urllib3's debug log,
    which prints request lines (query strings included)."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, *fragments: str) -> None:
        with self._lock:
            self._secrets.update(f for f in fragments if len(f) >= 6)

    def scrub(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        return redact(text, *secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = _RedactingFilter()
logging.getLogger("urllib3.connectionpool").addFilter(_FILTER)


def _fragments(url: str, secret: str | None) -> list[str]:
    """Every part of a webhook URL that may be a credential."""
    parts = urlsplit(url)
    found = [url, parts.path, parts.query, *(v for _, v in parse_qsl(parts.query))]
    found.extend(segment for segment in parts.path.split("/") if len(segment) >= 16)
    if secret:
        found.append(secret)
    return [f for f in found if f]


# --- sending --------------------------------------------------------------------------------


_RETRYABLE_ERRORS = (BackendUnreachable, BackendTimeout, RateLimited, ServerError, UnknownOutcome)


class WebhookSender:
    """Posts messages to named team chats over one HTTP session."""

    def __init__(
        self,
        *,
        secrets: Callable[[str], str | None] = get_secret,
        http: HttpClient | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._secrets = secrets
        self._http = http or HttpClient("", timeouts=TIMEOUTS, retries=1)
        self._wall = wall_clock

    def close(self) -> None:
        self._http.close()

    def configured(self, channel: str) -> bool:
        return bool(self._secrets(url_secret_name(channel)))

    def send(self, channel: str, service: Service, *, title: str, text: str) -> None:
        """Deliver one message; raises :class:`EffectFailed` (no secrets inside)."""
        url = self._secrets(url_secret_name(channel))
        if not url:
            raise EffectFailed(NOT_CONFIGURED, f"no URL for team chat {channel!r}")
        secret = self._secrets(signing_secret_name(channel))
        fragments = _fragments(url, secret)
        _FILTER.add(*fragments)
        request = build_request(
            service, url, secret, title=title, text=text, wall_time=self._wall()
        )
        try:
            answer = self._http.request(
                "POST", request.url, json=request.body, expect_body=service is not Service.SLACK
            )
        except BackendError as exc:
            detail = redact(str(exc), *sorted(set(fragments), key=len, reverse=True))
            raise EffectFailed(
                exc.reason,
                f"{service.value} {channel}: {detail}",
                retryable=isinstance(exc, _RETRYABLE_ERRORS),
                unknown=False,
            ) from None
        check_answer(service, answer)
