"""A loopback HTTP server for contract tests: a fake vendor API answers each
request from its own state; tests may queue one-off answers (429, 401, 500)
for a path in front of it, and every request is recorded."""

from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Body = bytes | str | dict[str, Any] | list[Any] | None
Reply = tuple[int, dict[str, str], Body]


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Recorder:
    requests: list[Request] = field(default_factory=list)
    queued: dict[str, deque[Reply]] = field(default_factory=lambda: defaultdict(deque))

    def queue(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to ``path`` with ``replies``, before the fake does."""
        self.queued[path].extend(replies)

    def paths(self, method: str = "GET") -> list[str]:
        return [r.path for r in self.requests if r.method == method]


Api = Callable[[Request], Reply]


def _encode(body: Body) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()


def _handler(api: Api, recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            request = Request(
                self.command,
                parts.path,
                query,
                dict(self.headers),
                self.rfile.read(length) if length else b"",
            )
            recorder.requests.append(request)
            queued = recorder.queued.get(parts.path)
            status, headers, body = queued.popleft() if queued else api(request)
            data = _encode(body)
            self.send_response(status)
            if body is not None and "Content-Type" not in headers:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serve(api: Api) -> Iterator[tuple[str, Recorder]]:
    """Serve ``api`` on 127.0.0.1; yields the base URL and the request recorder."""
    recorder = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api, recorder))
    server.daemon_threads = False
    server.block_on_close = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="contract-http")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
