"""The shared HTTP client against a scripted server on loopback."""

from __future__ import annotations

import socket

import pytest

from cockpit.backends.base import (
    AuthError,
    BackendTimeout,
    BackendUnreachable,
    NotFound,
    PayloadError,
    PermissionDenied,
    RateLimited,
    ServerError,
    UnknownOutcome,
)
from cockpit.backends.http import HttpClient, RateLimiter, Timeouts, parse_retry_after
from tests.cockpit.loopback import loopback_server

SECRET = "s3cret-token-value-1234"


def client(url: str) -> HttpClient:
    return HttpClient(
        url, auth_headers={"Authorization": f"Bearer {SECRET}"}, timeouts=Timeouts(1, 2)
    )


def test_json_is_decoded_and_auth_header_sent() -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/x", (200, {}, {"ok": [1, "二"]}))
        http = client(url)
        assert http.get("/x") == {"ok": [1, "二"]}
        http.close()
    assert script.requests[0].headers["Authorization"] == f"Bearer {SECRET}"


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthError), (403, PermissionDenied), (404, NotFound)],
)
def test_statuses_become_typed_errors_without_the_secret(status: int, error: type) -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/x", (status, {}, {"error": {"code": "x", "message": "nope"}}))
        http = client(url)
        with pytest.raises(error) as caught:
            http.get("/x?token=" + SECRET)
        http.close()
    assert SECRET not in str(caught.value)
    assert "nope" in str(caught.value)


def test_rate_limit_carries_retry_after_and_is_not_retried_inline() -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/x", (429, {"Retry-After": "30"}, {}))
        http = client(url)
        with pytest.raises(RateLimited) as caught:
            http.get("/x")
        http.close()
    assert caught.value.retry_after == 30
    assert len(script.requests) == 1


def test_gateway_errors_are_retried_for_reads() -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/x", (503, {}, {}), (200, {}, {"ok": True}))
        http = client(url)
        assert http.get("/x") == {"ok": True}
        http.close()
    assert len(script.requests) == 2


def test_a_failed_write_has_an_unknown_outcome_and_is_not_retried() -> None:
    with loopback_server() as (url, script):
        script.on("POST", "/w", (500, {}, "boom"), (201, {}, {}))
        http = client(url)
        with pytest.raises(UnknownOutcome):
            http.request("POST", "/w", json={"a": 1})
        http.close()
    assert len(script.requests) == 1


def test_a_failed_read_is_a_server_error() -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/x", (500, {}, "boom"))
        http = client(url)
        with pytest.raises(ServerError):
            http.get("/x")
        http.close()


def test_malformed_json_is_a_payload_error() -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/x", (200, {}, b"<html>maintenance</html>"))
        http = client(url)
        with pytest.raises(PayloadError, match="not JSON"):
            http.get("/x")
        http.close()


def test_nobody_listening_is_unreachable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    http = HttpClient(f"http://127.0.0.1:{port}", retries=0)
    with pytest.raises(BackendUnreachable, match="connection refused"):
        http.get("/x")
    http.close()


def test_an_answer_that_never_comes_is_a_timeout_not_unreachable() -> None:
    with socket.socket() as listener:  # accepted by the kernel, never read
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        http = HttpClient(
            f"http://127.0.0.1:{listener.getsockname()[1]}", timeouts=Timeouts(1, 0.2)
        )
        with pytest.raises(BackendTimeout, match=r"no answer within 0\.2 s"):
            http.get("/x")
        http.close()


def test_retry_after_parses_seconds_and_dates() -> None:
    assert parse_retry_after("12") == 12
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_rate_limiter_spaces_requests_and_honours_blocks() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(60, burst=2, monotonic=lambda: now[0], sleep=sleep)
    limiter.acquire()
    limiter.acquire()
    assert slept == []
    limiter.acquire()  # bucket empty: one request a second
    assert slept == [pytest.approx(1.0)]
    limiter.block_for(10)
    limiter.acquire()
    assert now[0] == pytest.approx(11.0)
