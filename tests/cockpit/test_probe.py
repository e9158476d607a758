"""'Test connection': each failure class is named precisely, secrets never
show, and nothing leaves 127.0.0.1 (host names other than loopback are
answered by a fake resolver, like a real one answers ``.invalid``)."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from cockpit.backends import probe
from cockpit.backends.http import Timeouts
from cockpit.backends.options import BackendOptions, HelpdeskOptions, ZendeskOptions
from cockpit.backends.probe import ProbeFailure, ProbeResult, ProbeStep
from cockpit.clock import ManualClock
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from tests.cockpit.loopback import loopback_server
from tests.memory_keyring import MemoryKeyring, use_keyring

TOKEN = "probe-token-" + "k" * 20
FAST = Timeouts(connect_s=2.0, read_s=2.0)
OPTIONS = BackendOptions()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Resolve only loopback names; everything else is "not found" (NXDOMAIN),
    so no test sends a DNS query, let alone a request, off this machine."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        asked.append(name)
        if name not in ("127.0.0.1", "localhost", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.fixture(autouse=True)
def empty_keyring() -> Iterator[MemoryKeyring]:
    with use_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


def run(url: str, token: str | None = TOKEN, options: BackendOptions = OPTIONS) -> ProbeResult:
    return probe.test_connection(url, token=token, options=options, timeouts=FAST)


def feed_url(base: str) -> str:
    return "feed+" + base


def failed(result: ProbeResult, step: ProbeStep, reason: ProbeFailure) -> None:
    assert (result.ok, result.step, result.reason) == (False, step, reason), result
    assert TOKEN not in result.detail


# --- the URL and the credentials -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", ProbeFailure.INVALID_URL),
        ("desk.example.com", ProbeFailure.UNKNOWN_SCHEME),
        ("https://desk.example.com/", ProbeFailure.UNKNOWN_SCHEME),
        ("helpdesk+ftp://desk.example.com/", ProbeFailure.UNKNOWN_SCHEME),
        ("helpdesk+https://", ProbeFailure.INVALID_URL),
        ("helpdesk+https://desk example.com/", ProbeFailure.INVALID_URL),
        ("helpdesk+https://desk.example.com:99999/", ProbeFailure.INVALID_URL),
        ("helpdesk+https://me:pw@desk.example.com/", ProbeFailure.CREDENTIALS_IN_URL),
    ],
)
def test_a_bad_url_is_named_before_any_connection(
    url: str, reason: ProbeFailure, loopback_only: list[str]
) -> None:
    failed(run(url), ProbeStep.URL, reason)
    assert loopback_only == []


def test_an_unknown_scheme_lists_the_known_ones() -> None:
    result = run("otrs+https://otrs.example.com/")
    assert "helpdesk+https://" in result.detail
    assert "zendesk+https://" in result.detail
    assert "rt+https://" in result.detail


def test_a_missing_token_names_the_environment_variable() -> None:
    result = run("zammad+https://127.0.0.1:1/", token=None)
    failed(result, ProbeStep.CREDENTIALS, ProbeFailure.MISSING_TOKEN)
    assert "COCKPIT_ZAMMAD_TOKEN" in result.detail


def test_the_stored_token_is_used_when_none_is_given(empty_keyring: MemoryKeyring) -> None:
    empty_keyring.set_password("supervisor-cockpit", "feed.token", TOKEN)
    with loopback_server() as (base, script):
        script.on("GET", "/api/v1/queues", (200, {}, {"queues": []}))
        script.on("GET", "/api/v1/time", (200, {}, {"server_time": "2026-11-23T17:00:00Z"}))
        result = run(feed_url(base), token=None)
    assert result.ok, result
    assert script.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_zendesk_without_an_email_says_so() -> None:
    result = run("zendesk+https://acme.zendesk.com/")
    failed(result, ProbeStep.CREDENTIALS, ProbeFailure.MISSING_EMAIL)
    assert "COCKPIT_ZENDESK_EMAIL" in result.detail


# --- connecting ------------------------------------------------------------------------


def test_an_unknown_host_is_a_dns_failure_and_fails_fast(loopback_only: list[str]) -> None:
    started = time.monotonic()
    result = run("helpdesk+https://nohost.invalid/helpdesk/")
    failed(result, ProbeStep.CONNECT, ProbeFailure.DNS)
    assert "host name not found" in result.detail
    assert "nohost.invalid" in loopback_only
    assert time.monotonic() - started < 5


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_closed_port_is_a_refused_connection() -> None:
    result = run(f"helpdesk+http://127.0.0.1:{_dead_port()}/")
    failed(result, ProbeStep.CONNECT, ProbeFailure.REFUSED)


def test_a_server_that_never_answers_is_a_timeout() -> None:
    # The kernel completes the TCP handshake into the backlog; nobody reads.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        result = probe.test_connection(
            f"feed+http://127.0.0.1:{port}",
            token=TOKEN,
            options=OPTIONS,
            timeouts=Timeouts(connect_s=2.0, read_s=0.3),
        )
    failed(result, ProbeStep.READ, ProbeFailure.TIMEOUT)


def _self_signed(folder: Path) -> ssl.SSLContext:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


def _helpdesk_page(script: Any, count: int) -> None:
    script.on("GET", "/api/tickets/", (200, {}, {"count": count, "next": None, "results": []}))


def test_a_self_signed_certificate_fails_verification(tmp_path: Path) -> None:
    with loopback_server(tls=_self_signed(tmp_path)) as (base, script):
        _helpdesk_page(script, 3)
        result = run("helpdesk+" + base)
    failed(result, ProbeStep.CONNECT, ProbeFailure.TLS)
    assert "certificate verify failed" in result.detail
    assert script.requests == []


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_verification_turned_off_accepts_the_test_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A CA bundle in the environment must not switch verification back on.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", requests.certs.where())
    options = BackendOptions(helpdesk=HelpdeskOptions(verify_tls=False))
    with loopback_server(tls=_self_signed(tmp_path)) as (base, script):
        _helpdesk_page(script, 3)
        result = run("helpdesk+" + base, options=options)
    assert result.ok, result
    assert result.tickets_seen == 3


# --- what the server answers -------------------------------------------------------------


def test_a_refused_token_is_auth_and_never_shown() -> None:
    with loopback_server() as (base, script):
        script.on("GET", "/api/v1/queues", (401, {}, {"detail": f"invalid token {TOKEN}"}))
        result = run(feed_url(base))
    failed(result, ProbeStep.SIGN_IN, ProbeFailure.AUTH)
    assert "***" in result.detail


def test_missing_rights_are_a_permission_failure() -> None:
    with loopback_server() as (base, script):
        script.on("GET", "/api/v1/ticket_states", (403, {}, {"error": "Not authorized"}))
        result = run("zammad+" + base)
    failed(result, ProbeStep.SIGN_IN, ProbeFailure.PERMISSION)


def test_django_helpdesk_permission_text_means_not_staff() -> None:
    body = {"detail": "You do not have permission to perform this action."}
    with loopback_server() as (base, script):
        script.on("GET", "/api/tickets/", (403, {}, body))
        result = run("helpdesk+" + base)
    failed(result, ProbeStep.SIGN_IN, ProbeFailure.PERMISSION)
    assert "is_staff" in result.detail


def test_an_unreadable_answer_names_the_field() -> None:
    with loopback_server() as (base, script):
        script.on("GET", "/api/v1/queues", (200, {}, {"queues": []}))
        script.on("GET", "/api/v1/time", (200, {}, {"server_time": 12}))
        result = run(feed_url(base))
    failed(result, ProbeStep.READ, ProbeFailure.PAYLOAD)
    assert "server_time" in result.detail


def test_an_answer_that_is_not_json_is_a_payload_failure() -> None:
    with loopback_server() as (base, script):
        script.on("GET", "/api/tickets/", (200, {}, "<html>login</html>"))
        result = run("helpdesk+" + base)
    failed(result, ProbeStep.READ, ProbeFailure.PAYLOAD)
    assert "not JSON" in result.detail


def test_helpdesk_count_missing_is_named() -> None:
    with loopback_server() as (base, script):
        script.on("GET", "/api/tickets/", (200, {}, {"results": []}))
        result = run("helpdesk+" + base)
    failed(result, ProbeStep.READ, ProbeFailure.PAYLOAD)
    assert "count" in result.detail


def test_a_rate_limit_says_how_long_to_wait() -> None:
    with loopback_server() as (base, script):
        script.on("GET", "/api/v1/queues", (429, {"Retry-After": "30"}, {"error": "slow down"}))
        result = run(feed_url(base))
    failed(result, ProbeStep.READ, ProbeFailure.RATE_LIMITED)
    assert result.retry_after_s == 30


def test_a_server_error_is_named() -> None:
    with loopback_server() as (base, script):
        script.on("GET", "/api/v1/queues", (500, {}, {"error": "boom"}))
        result = run(feed_url(base))
    failed(result, ProbeStep.READ, ProbeFailure.SERVER_ERROR)


def test_a_wrong_path_is_not_found() -> None:
    with loopback_server() as (base, _script):
        result = run("helpdesk+" + base + "/wrong/")
    failed(result, ProbeStep.READ, ProbeFailure.NOT_FOUND)


# --- success --------------------------------------------------------------------------


def test_helpdesk_success_counts_open_tickets() -> None:
    options = BackendOptions(helpdesk=HelpdeskOptions(queue_names={"1": "Billing"}))
    with loopback_server() as (base, script):
        _helpdesk_page(script, 42)
        result = run("helpdesk+" + base, options=options)
    assert (result.ok, result.step, result.reason) == (True, ProbeStep.DONE, None)
    assert (result.queues_seen, result.tickets_seen) == (1, 42)
    assert result.server_time is not None  # the HTTP Date header
    assert script.requests[0].headers["Authorization"] == f"Token {TOKEN}"
    assert "page_size=1" in script.requests[0].path


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_zendesk_success_reads_the_groups_with_the_edited_options(tmp_path: Path) -> None:
    # Zendesk is HTTPS only: a self-signed test host, verification off.
    zendesk = ZendeskOptions(email="lead@acme.example", verify_tls=False)
    options = BackendOptions(zendesk=zendesk)
    groups = {"groups": [{"id": 1, "name": "Billing"}, {"id": 2, "name": "VIP"}]}
    with loopback_server(tls=_self_signed(tmp_path)) as (base, script):
        script.on("GET", "/api/v2/groups.json", (200, {}, groups))
        result = run("zendesk+" + base, options=options)
    assert result.ok, result
    assert result.queues_seen == 2
    assert [r.path.split("?")[0] for r in script.requests] == ["/api/v2/groups.json"]


def test_zammad_success_reads_states_and_groups() -> None:
    states = [{"id": 1, "name": "new", "state_type_id": 1}]
    groups = [{"id": 1, "name": "Users"}, {"id": 2, "name": "VIP"}]
    with loopback_server() as (base, script):
        script.on("GET", "/api/v1/ticket_states", (200, {}, states))
        script.on("GET", "/api/v1/groups", (200, {}, groups))
        result = run("zammad+" + base)
    assert result.ok, result
    assert result.queues_seen == 2
    assert script.requests[0].headers["Authorization"] == f"Token token={TOKEN}"


def test_the_simulator_answers_with_its_queues_and_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    start = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)
    sim = FloorSimulator(SimConfig.default(), seed=1, start=start)
    with SimServer(sim, ManualClock(start), port=0, token=TOKEN) as server:
        result = run("sim://" + server.url.removeprefix("http://"))
    assert result.ok, result
    assert result.queues_seen
    assert result.server_time == start


def test_token_secret_by_scheme() -> None:
    assert probe.token_secret("helpdesk+https://desk/") == "helpdesk.token"
    assert probe.token_secret("sim://127.0.0.1:8765") == "feed.token"
    assert probe.token_secret("feed+https://feed/") == "feed.token"
    assert probe.token_secret("zendesk+https://acme.zendesk.com/") == "zendesk.token"
    assert probe.token_secret("gopher://x/") is None
