"""The HTTP client alone against the fault proxy: each transport fault is a
typed backend error with plain words, within the whole-request deadline."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from cockpit.backends.base import (
    AnswerTooLarge,
    BackendError,
    BackendTimeout,
    BackendUnreachable,
    ConnectionDropped,
    IncompleteAnswer,
    PayloadError,
    WebPageAnswer,
)
from cockpit.backends.http import HttpClient, Timeouts
from cockpit.sim import SimServer
from tests.faults.proxy import Fault, FaultProxy
from tests.faults.rig import TOKEN

DEADLINE_S = 0.8
LIMITS = Timeouts(connect_s=0.5, read_s=0.5, total_s=DEADLINE_S, max_body_bytes=1024 * 1024)


@pytest.fixture
def proxy(sim_server: SimServer) -> Iterator[FaultProxy]:
    proxy = FaultProxy(sim_server.url, trickle_s=0.05)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.set_fault(Fault.NONE)
        proxy.stop()


@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        (Fault.REFUSED, BackendUnreachable, "connection refused"),
        (Fault.HANG, BackendTimeout, "no answer within 0.5 s"),  # the per-read timeout
        (Fault.TRICKLE, BackendTimeout, "no complete answer within 0.8 s"),
        (Fault.TRICKLE_BODY, BackendTimeout, "no complete answer within 0.8 s"),
        (Fault.HUGE, AnswerTooLarge, "50.0 MB, over the 1.0 MB limit"),
        (Fault.HUGE_UNDECLARED, AnswerTooLarge, "over the 1.0 MB limit"),
        (Fault.TRUNCATED, IncompleteAnswer, "cut off"),
        (Fault.HEADERS_CUT, IncompleteAnswer, "middle of the headers"),
        (Fault.RESET, ConnectionDropped, "closed the connection"),
        (Fault.LOGIN_PAGE, WebPageAnswer, "web page"),
    ],
)
def test_transport_fault(
    proxy: FaultProxy, fault: Fault, error: type[BackendError], words: str
) -> None:
    client = HttpClient(
        proxy.url, auth_headers={"Authorization": f"Bearer {TOKEN}"}, timeouts=LIMITS
    )
    try:
        assert client.get("/api/v1/time")["server_time"]
        proxy.set_fault(fault)
        started = time.monotonic()
        with pytest.raises(error) as caught:
            client.get("/api/v1/tickets", {"limit": 10})
        took = time.monotonic() - started
    finally:
        client.close()
    assert words in str(caught.value)
    assert isinstance(caught.value, PayloadError) == (
        fault in (Fault.HUGE, Fault.HUGE_UNDECLARED, Fault.LOGIN_PAGE)
    )
    assert took < DEADLINE_S + 0.5
