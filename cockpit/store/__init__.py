"""The incident store: SQLAlchemy 2 models, engine set-up and Alembic
migrations. SQLite (WAL) in the platform data dir by default; any SQLAlchemy
URL from the settings (PostgreSQL lets several desks share one log)."""
