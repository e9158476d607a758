"""What the review view asks of the core, as small blocking functions for a
worker thread (the database writer): list incidents, build a review, edit
its written parts and action items. Opens its stores on first use, on the
worker, so the GUI thread never touches the database."""

from __future__ import annotations

import threading
from datetime import date, datetime

from cockpit.clock import Clock, SystemClock
from cockpit.review import BaselineMode, Review, build_review
from cockpit.store.bundle import Stores
from cockpit.store.floor_time import floor_now
from cockpit.store.incidents import IncidentRecord
from cockpit.store.reviews import ActionItem, WrittenParts


class ReviewService:
    def __init__(
        self,
        url: str | None = None,
        *,
        stores: Stores | None = None,
        clock: Clock | None = None,
        who: str = "cockpit",
    ) -> None:
        self._url = url
        self._stores = stores
        self._own = stores is None
        # Given a clock (the runtime's, on the backend's time), reviews are cut
        # at its "now"; else at the latest floor time recorded (or the wall clock).
        self._clock = clock
        self._wall = SystemClock()
        self._lock = threading.Lock()
        self.who = who

    @property
    def stores(self) -> Stores:
        with self._lock:
            if self._stores is None:
                self._stores = Stores.open(self._url)
            return self._stores

    def close(self) -> None:
        with self._lock:
            if self._own and self._stores is not None:
                self._stores.close()
            self._stores = None

    def incidents(self, limit: int = 100) -> list[IncidentRecord]:
        return self.stores.incidents.recent(limit)

    def review(self, incident_id: int, baseline: BaselineMode) -> Review:
        return build_review(self.stores, incident_id, now=self._now(), baseline=baseline)

    def _now(self) -> datetime:
        if self._clock is not None:
            return self._clock.now()
        return floor_now(self.stores.engine, self._wall.now())

    def write(self, incident_id: int, **parts: str) -> WrittenParts:
        return self.stores.reviews.write(
            incident_id, at=(self._clock or self._wall).now(), who=self.who, **parts
        )

    def add_item(self, incident_id: int, title: str, owner: str, due: date | None) -> ActionItem:
        return self.stores.reviews.add_action_item(
            incident_id, title=title, owner=owner, due=due, at=(self._clock or self._wall).now()
        )

    def update_item(
        self, item_id: int, *, title: str, owner: str, due: date | None, done: bool
    ) -> ActionItem:
        return self.stores.reviews.update_action_item(
            item_id, title=title, owner=owner, due=due, clear_due=due is None, done=done
        )

    def delete_item(self, item_id: int) -> None:
        self.stores.reviews.delete_action_item(item_id)
