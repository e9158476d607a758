"""Databases for the store and review tests: SQLite, and a real PostgreSQL.

``db_url`` is parametrized over ``sqlite`` and ``postgresql``. The
PostgreSQL variant runs against ``COCKPIT_TEST_PG_URL`` (a server URL
ending in ``/``; each test gets a fresh database on it) or, without it,
against a throw-away cluster this module starts once per test session:
``initdb`` in a temporary folder and ``pg_ctl`` on a free loopback port
(as the ``postgres`` user when the tests run as root, since ``initdb``
refuses root). With no PostgreSQL installed the variant is skipped, saying
so, unless ``COCKPIT_REQUIRE_PG=1`` (CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Read at import: tests/conftest.py clears COCKPIT_*_URL variables afterwards.
PG_URL = os.environ.get("COCKPIT_TEST_PG_URL")
REQUIRE_PG = os.environ.get("COCKPIT_REQUIRE_PG") == "1"
MISSING = (
    "PostgreSQL not available ({why}): install Debian's postgresql package "
    "(apt-get install postgresql) or set COCKPIT_TEST_PG_URL"
)


def _unavailable(why: str) -> None:
    message = MISSING.format(why=why)
    if REQUIRE_PG:
        pytest.fail(message + " (COCKPIT_REQUIRE_PG=1)", pytrace=False)
    pytest.skip(message)


def pg_bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: Debian's newest, or the PATH."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run(command: list[str], *, as_postgres: bool) -> None:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server URL (``postgresql+psycopg://…/``) for this session."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed")
    if PG_URL:
        yield PG_URL if PG_URL.endswith("/") else PG_URL + "/"
        return
    bindir = pg_bindir()
    if bindir is None:
        _unavailable("no initdb found")
        return
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="cockpit-pg-"))
    if as_postgres:
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    initdb = [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "cockpit"]
    initdb += ["-E", "UTF8", "--no-sync", "--no-instructions"]
    options = f"-p {port} -k {root} -h 127.0.0.1 -F -c full_page_writes=off"
    start = [str(bindir / "pg_ctl"), "-D", str(data), "-o", options]
    start += ["-l", str(root / "log"), "-w", "start"]
    try:
        _run(initdb, as_postgres=as_postgres)
        _run(start, as_postgres=as_postgres)
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        _unavailable(f"could not start a cluster: {exc} {detail.decode(errors='replace')}")
        return
    try:
        yield f"postgresql+psycopg://cockpit@127.0.0.1:{port}/"
    finally:
        _run(
            [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            as_postgres=as_postgres,
        )
        shutil.rmtree(root, ignore_errors=True)


def _admin(server: str, sql: str) -> None:
    import psycopg

    dsn = server.replace("postgresql+psycopg://", "postgresql://") + "postgres"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cockpit.db'}"
        return
    server: str = request.getfixturevalue("pg_server")
    name = f"cockpit_{uuid.uuid4().hex[:12]}"
    _admin(server, f'CREATE DATABASE "{name}"')
    try:
        yield server + name
    finally:
        _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
