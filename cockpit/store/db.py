"""Engines and migrations.

``make_engine(url)`` builds an engine for any SQLAlchemy URL; the default is
``data_dir()/cockpit.db``. SQLite connections get WAL (readers never block
the writer), foreign keys and a busy timeout. ``upgrade(engine)`` runs the
Alembic migrations in ``cockpit/store/migrations`` programmatically: no
``alembic.ini`` is needed; one migration runs at a time in a process
(Alembic's ``context`` and ``op`` are module globals). Writes go through one
thread (the DB executor).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from cockpit.settings import data_dir

DB_FILE = "cockpit.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic installs its ``context``/``op`` proxies as module globals for the
# length of a command: two threads migrating at once (a relay's recorder and a
# window opening the same database) remove each other's proxies mid-run.
_MIGRATING = threading.Lock()


class UnknownSchema(SQLAlchemyError):
    """The database is at a schema revision this version does not know.

    A ``SQLAlchemyError``: to every caller it is a database that cannot be
    used, reported as such, never a crash.
    """


def default_url() -> str:
    return f"sqlite:///{data_dir() / DB_FILE}"


def make_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    database = parsed.database or ""
    if database in ("", ":memory:"):
        kwargs["poolclass"] = StaticPool
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


# An execution option: transactions on an engine carrying it begin with
# BEGIN IMMEDIATE on SQLite (the write lock first: a read-modify-write cannot
# interleave with another process's). PostgreSQL uses row locks instead.
IMMEDIATE = "cockpit_immediate"


def writer(engine: Engine) -> Engine:
    """``engine`` for read-modify-write transactions (see :data:`IMMEDIATE`)."""
    return engine.execution_options(**{IMMEDIATE: True})


def _sqlite_begin(connection: Any) -> None:
    # pysqlite starts a transaction only before the first INSERT/UPDATE, so
    # a SELECT that decides a write would run outside it. A writer begins
    # explicitly instead (pysqlite then sees the open transaction, adds no
    # BEGIN of its own and commits it as usual); other transactions keep
    # pysqlite's behaviour, which never fails a late write on a stale read.
    if connection.get_execution_options().get(IMMEDIATE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
    finally:
        cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (the newest by default)."""
    config = alembic_config()
    with _MIGRATING, engine.begin() as connection:
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, revision)
        except CommandError as exc:
            raise _unknown_schema(config, engine, exc) from exc


def _unknown_schema(config: Config, engine: Engine, exc: CommandError) -> Exception:
    try:
        found = current_revision(engine)
    except SQLAlchemyError:
        found = None
    known = ScriptDirectory.from_config(config).get_current_head()
    if found is None:
        return UnknownSchema(f"cannot migrate the database: {exc}")
    return UnknownSchema(
        f"the database is at schema revision {found}, which this version of Cockpit "
        f"does not know (it knows up to {known}): a newer Cockpit wrote it; "
        "update this desk or point it at another database"
    )


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
