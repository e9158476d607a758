"""Alembic migrations of the incident store (run by ``cockpit.store.db.upgrade``)."""
