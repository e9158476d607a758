"""A fault-injecting HTTP proxy on 127.0.0.1, in front of the simulator.

Between faults it passes every request through. With a fault set it
misbehaves the way real backends and the boxes in front of them do: refuses
connections, hangs, trickles bytes, sends huge, truncated or half-headed
answers, resets, errors, rate-limits, asks for a login, answers with the
wrong shape, repeats tickets, replays old or frozen answers, goes back on
its cursor, or runs its clock two hours fast.

Every request is recorded (:attr:`FaultProxy.log`), so tests can count what
the cockpit sent during and after a fault.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from cockpit.clock import format_time, parse_time

TICKETS = "/api/v1/tickets"
SKEW = timedelta(hours=2)
HUGE_BYTES = 50 * 1024 * 1024
TIME_KEYS = ("_at", "_since", "_due", "server_time")


class Fault(StrEnum):
    NONE = "none"
    REFUSED = "refused"  # nothing listens on the port
    HANG = "hang"  # reads the request, never answers
    TRICKLE = "trickle"  # the whole answer, a byte at a time
    TRICKLE_BODY = "trickle_body"  # headers at once, then the body a byte at a time
    HUGE = "huge"  # a 50 MB answer, its size declared
    HUGE_UNDECLARED = "huge_undeclared"  # a 50 MB answer of unknown length
    TRUNCATED = "truncated"  # half the body, then the connection closes
    HEADERS_CUT = "headers_cut"  # the headers stop half-way, connection closed
    RESET = "reset"  # TCP reset instead of an answer
    SERVER_ERROR = "server_error"  # HTTP 500
    UNAVAILABLE = "unavailable"  # HTTP 503 (retried inline by the client)
    RATE_LIMITED = "rate_limited"  # HTTP 429 with Retry-After
    RATE_LIMITED_BARE = "rate_limited_bare"  # HTTP 429 without Retry-After
    UNAUTHORIZED = "unauthorized"  # HTTP 401
    FORBIDDEN = "forbidden"  # HTTP 403
    LOGIN_PAGE = "login_page"  # HTTP 200 with an HTML sign-in form
    WRONG_SHAPE = "wrong_shape"  # valid JSON, not the contract's shape
    DUPLICATES = "duplicates"  # every ticket twice in its page
    REPLAY = "replay"  # a cache serving an answer from some polls ago
    FROZEN = "frozen"  # the same answer again and again
    CURSOR_BACK = "cursor_back"  # current time, but a cursor behind the last one
    SKEW = "skew"  # the server's clock (stamps, server time, Date) 2 h fast


@dataclass(frozen=True, slots=True)
class Seen:
    at: float  # monotonic
    method: str
    path: str
    fault: Fault


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class FaultProxy:
    """Listens on 127.0.0.1 (a free port, kept across a REFUSED fault)."""

    def __init__(self, upstream: str, *, trickle_s: float = 0.05, retry_after_s: int = 1) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.trickle_s = trickle_s
        self.retry_after_s = retry_after_s
        self.fault = Fault.NONE
        self.log: list[Seen] = []
        self.released = threading.Event()  # wakes hanging and trickling handlers
        self._lock = threading.Lock()
        self._history: dict[str, deque[Answer]] = {}
        self._pinned: dict[str, Answer] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        handler = type("Handler", (_Handler,), {"proxy": self})
        server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        server.daemon_threads = False
        server.block_on_close = True
        self.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="fault-proxy")
        thread.start()
        self._server, self._thread = server, thread

    def stop(self) -> None:
        self.released.set()
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join()

    def set_fault(self, fault: Fault) -> None:
        """Switch to ``fault`` (NONE clears it); hanging handlers are let go."""
        self.released.set()
        with self._lock:
            previous, self.fault = self.fault, fault
            # Pinned on first use: an answer still in flight when the fault
            # starts is remembered before the cockpit can ask again.
            self._pinned = {}
        if fault is Fault.REFUSED and self._server is not None:
            self.stop()
        if previous is Fault.REFUSED and fault is not Fault.REFUSED:
            self.start()
        self.released = threading.Event()

    def requests(self, since: float = 0.0, path: str | None = None) -> list[Seen]:
        with self._lock:
            return [s for s in self.log if s.at >= since and (path is None or s.path == path)]

    # --- called by the handler ---------------------------------------------------

    def _record(self, method: str, path: str) -> Fault:
        with self._lock:
            self.log.append(Seen(time.monotonic(), method, path, self.fault))
            return self.fault

    def _remember(self, path: str, answer: Answer) -> None:
        with self._lock:
            self._history.setdefault(path, deque(maxlen=6)).append(answer)

    def _pinned_answer(self, path: str) -> Answer | None:
        """FROZEN: the latest good answer, for good; REPLAY: the oldest one kept."""
        with self._lock:
            if path not in self._pinned:
                history = self._history.get(path)
                if not history:
                    return None
                self._pinned[path] = history[-1] if self.fault is Fault.FROZEN else history[0]
            return self._pinned[path]


class _Handler(BaseHTTPRequestHandler):
    proxy: FaultProxy
    protocol_version = "HTTP/1.0"
    timeout = 10

    def do_GET(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        fault = self.proxy._record(self.command, path)
        # The cockpit may give up on us half-way, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(fault, path, body)

    def _answer(self, fault: Fault, path: str, body: bytes) -> None:
        if fault is Fault.RESET:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if fault is Fault.HANG:
            self.proxy.released.wait(30)
            return
        canned = _canned(fault, self.proxy.retry_after_s)
        if canned is not None:
            self._send_answer(canned)
            return
        answer = self.proxy._pinned_answer(path) if fault in (Fault.FROZEN, Fault.REPLAY) else None
        if answer is None:
            answer = self._forward(body)
            if fault is Fault.NONE and answer.status == 200:
                self.proxy._remember(path, answer)
        self._misbehave(fault, path, answer)

    def _forward(self, body: bytes) -> Answer:
        conn = http.client.HTTPConnection(*self.proxy.upstream, timeout=10)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() in _PASSED}
            conn.request(self.command, self.path, body=body or None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in _DROPPED]
            return Answer(response.status, kept, data)
        finally:
            conn.close()

    def _misbehave(self, fault: Fault, path: str, answer: Answer) -> None:
        if path == TICKETS and answer.status == 200:
            answer = _rewrite_tickets(fault, answer)
        if fault is Fault.SKEW:
            answer = _skewed(answer)
        if fault is Fault.HUGE:
            self._send_huge(declared=True)
        elif fault is Fault.HUGE_UNDECLARED:
            self._send_huge(declared=False)
        elif fault is Fault.TRUNCATED:
            self._write(_head(answer, len(answer.body)) + answer.body[: len(answer.body) // 2])
        elif fault is Fault.HEADERS_CUT:
            head = _head(answer, len(answer.body))
            self._write(head[: head.index(b"\r\n") + 20])
        elif fault is Fault.TRICKLE:
            self._trickle(_head(answer, len(answer.body)) + answer.body)
        elif fault is Fault.TRICKLE_BODY:
            self._write(_head(answer, len(answer.body)))
            self._trickle(answer.body)
        else:
            self._send_answer(answer)

    def _send_answer(self, answer: Answer) -> None:
        self._write(_head(answer, len(answer.body)) + answer.body)

    def _send_huge(self, *, declared: bool) -> None:
        head = Answer(200, [("Content-Type", "application/json")], b"")
        self._write(_head(head, HUGE_BYTES if declared else None))
        self._write(b'{"tickets": [')
        block = b" " * (1024 * 1024)
        for _ in range(HUGE_BYTES // len(block)):
            if self.proxy.released.is_set():
                return
            self._write(block)

    def _trickle(self, data: bytes) -> None:
        for i in range(len(data)):
            if self.proxy.released.wait(self.proxy.trickle_s):
                return
            self._write(data[i : i + 1])

    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()


_PASSED = {"authorization", "accept", "content-type", "user-agent"}
_DROPPED = {"content-length", "connection", "transfer-encoding", "server"}


def _head(answer: Answer, length: int | None) -> bytes:
    reason = http.client.responses.get(answer.status, "")
    lines = [f"HTTP/1.0 {answer.status} {reason}"]
    lines.extend(f"{k}: {v}" for k, v in answer.headers)
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _json_answer(status: int, payload: object, *extra: tuple[str, str]) -> Answer:
    return Answer(
        status, [("Content-Type", "application/json"), *extra], json.dumps(payload).encode()
    )


def _canned(fault: Fault, retry_after_s: int) -> Answer | None:
    def error(code: str) -> dict[str, object]:
        return {"error": {"code": code, "message": code.replace("_", " ")}}

    if fault is Fault.SERVER_ERROR:
        return _json_answer(500, error("server_error"))
    if fault is Fault.UNAVAILABLE:
        return _json_answer(503, error("unavailable"))
    if fault is Fault.RATE_LIMITED:
        return _json_answer(429, error("slow_down"), ("Retry-After", str(retry_after_s)))
    if fault is Fault.RATE_LIMITED_BARE:
        return _json_answer(429, error("slow_down"))
    if fault is Fault.UNAUTHORIZED:
        return _json_answer(401, error("unauthorized"), ("WWW-Authenticate", "Bearer"))
    if fault is Fault.FORBIDDEN:
        return _json_answer(403, error("forbidden"))
    if fault is Fault.LOGIN_PAGE:
        page = b"<!DOCTYPE html><html><body><form action='/login'>Sign in</form></body></html>"
        return Answer(200, [("Content-Type", "text/html; charset=utf-8")], page)
    if fault is Fault.WRONG_SHAPE:
        return _json_answer(200, {"data": {"tickets": "see elsewhere"}, "version": 2})
    return None


def _rewrite_tickets(fault: Fault, answer: Answer) -> Answer:
    if fault not in (Fault.DUPLICATES, Fault.CURSOR_BACK):
        return answer
    page = json.loads(answer.body)
    if fault is Fault.DUPLICATES:
        page["tickets"] = [t for t in page["tickets"] for _ in (0, 1)]
    else:
        page["next_cursor"] = max(0, int(page["next_cursor"]) - 50)
    return Answer(answer.status, answer.headers, json.dumps(page).encode())


def _skewed(answer: Answer) -> Answer:
    """The same answer from a server whose clock runs 2 h fast."""
    headers = []
    for key, value in answer.headers:
        if key.lower() == "date":
            value = format_datetime(parsedate_to_datetime(value) + SKEW, usegmt=True)
        headers.append((key, value))
    body = answer.body
    if answer.headers and dict(answer.headers).get("Content-Type", "").startswith(
        "application/json"
    ):
        body = json.dumps(_shift(json.loads(body))).encode()
    return Answer(answer.status, headers, body)


def _shift(node: Any) -> Any:
    if isinstance(node, list):
        return [_shift(item) for item in node]
    if isinstance(node, dict):
        return {
            k: (_later(v) if isinstance(v, str) and k.endswith(TIME_KEYS) else _shift(v))
            for k, v in node.items()
        }
    return node


def _later(text: str) -> str:
    when: datetime = parse_time(text)
    return format_time(when + SKEW)
