"""A live django-helpdesk 2.6.1 on 127.0.0.1 for the whole session.

The first run builds ``.cache/helpdesk-venv`` (pinned requirements in
``tools/helpdesk_lab/requirements.txt``, ~10 s); later runs reuse it. Skipped
with a reason when ``COCKPIT_OFFLINE=1`` or when no package index answers.
A loopback webhook receiver stands in for a team chat: django-helpdesk posts
every follow-up to it, and it can be told to drop the connection (django-
helpdesk then answers the API write with HTTP 500 after committing it).
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpdesk.seed import SPEC
from tools.helpdesk_lab.lab import HelpdeskLab, LabUnavailable, ensure_venv, free_port

REPO = Path(__file__).resolve().parents[3]


@dataclass
class Webhook:
    """Receives django-helpdesk's follow-up webhooks; ``fail`` drops them."""

    url: str = ""
    fail: bool = False
    received: list[bytes] = field(default_factory=list)


@dataclass
class Live:
    lab: HelpdeskLab
    seeded: dict[str, Any]
    webhook: Webhook

    @property
    def queue_ids(self) -> dict[str, str]:
        return {slug: str(qid) for slug, qid in self.seeded["queues"].items()}

    def ticket_id(self, index: int) -> str:
        return str(self.seeded["tickets"][index])


@pytest.fixture(scope="session")
def webhook() -> Iterator[Webhook]:
    hook = Webhook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if hook.fail:
                self.close_connection = True
                self.connection.shutdown(2)  # no answer: the sender sees a ConnectionError
                return
            hook.received.append(body)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # the dropped connections of ``fail`` are on purpose

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = False
    server.block_on_close = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="helpdesk-webhook")
    thread.start()
    hook.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def live_helpdesk(tmp_path_factory: pytest.TempPathFactory, webhook: Webhook) -> Iterator[Live]:
    if os.environ.get("COCKPIT_OFFLINE") == "1":
        pytest.skip("COCKPIT_OFFLINE=1: the live django-helpdesk needs PyPI to install")
    cache = Path(os.environ.get("COCKPIT_E2E_CACHE") or REPO / ".cache")
    try:
        python = ensure_venv(cache)
    except LabUnavailable as exc:
        pytest.skip(f"PyPI unreachable, django-helpdesk not installable: {exc}")
    lab = HelpdeskLab(
        python, tmp_path_factory.mktemp("helpdesk"), port=free_port(), token=secrets.token_hex(20)
    )
    lab.extra_env["HELPDESK_FOLLOWUP_WEBHOOK_URLS"] = webhook.url
    lab.prepare()
    seeded = lab.seed(SPEC)
    lab.start()
    try:
        yield Live(lab, seeded, webhook)
    finally:
        lab.stop()
