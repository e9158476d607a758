"""Alembic environment: runs on the connection ``cockpit.store.db.upgrade``
hands over, or on ``sqlalchemy.url`` when run from the alembic tool."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from cockpit.store.db import make_engine
from cockpit.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (copy and swap).
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as own:
            _run(own)
    finally:
        engine.dispose()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
