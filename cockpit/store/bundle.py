"""All the stores on one engine: what the review, the handover and the
runtime open together."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from cockpit.store.alert_log import AlertStore
from cockpit.store.db import make_engine, upgrade
from cockpit.store.incidents import IncidentStore
from cockpit.store.reviews import ReviewStore
from cockpit.store.samples import MetricStore


@dataclass(frozen=True, slots=True)
class Stores:
    engine: Engine
    incidents: IncidentStore
    metrics: MetricStore
    reviews: ReviewStore
    alerts: AlertStore

    @classmethod
    def on(cls, engine: Engine) -> Stores:
        return cls(
            engine,
            IncidentStore(engine),
            MetricStore(engine),
            ReviewStore(engine),
            AlertStore(engine),
        )

    @classmethod
    def open(cls, url: str | None = None) -> Stores:
        """Connect to ``url`` (the default SQLite file when None) and migrate."""
        engine = make_engine(url)
        upgrade(engine)
        return cls.on(engine)

    def close(self) -> None:
        self.engine.dispose()
