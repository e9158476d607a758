"""The written parts of post-incident reviews and their action items.

A review's facts (figures, timeline, latencies) are computed from the
incident log and the metric samples each time; only what people write is
stored here: the owner, a summary, the contributing causes, the
resolution, and the action items (what, who, by when, done or not).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from cockpit.store.incidents import UnknownIncident
from cockpit.store.models import ActionItemRow, IncidentRow, ReviewRow


@dataclass(frozen=True, slots=True)
class WrittenParts:
    owner: str = ""
    summary: str = ""
    causes: str = ""
    resolution: str = ""
    updated_at: datetime | None = None
    updated_by: str | None = None


@dataclass(frozen=True, slots=True)
class ActionItem:
    id: int
    title: str
    owner: str
    due: date | None
    done: bool
    created_at: datetime


class UnknownActionItem(LookupError):
    def __init__(self, item_id: int) -> None:
        super().__init__(f"no action item {item_id}")
        self.item_id = item_id


def _item(row: ActionItemRow) -> ActionItem:
    return ActionItem(row.id, row.title, row.owner, row.due, row.done, row.created_at)


class ReviewStore:
    """Call the writing methods from the one database writer (``Executors.db``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @staticmethod
    def _check(session: Session, incident_id: int) -> None:
        if session.get(IncidentRow, incident_id) is None:
            raise UnknownIncident(incident_id)

    def written(self, incident_id: int) -> WrittenParts:
        with self._session() as session:
            row = session.get(ReviewRow, incident_id)
            if row is None:
                return WrittenParts()
            return WrittenParts(
                row.owner, row.summary, row.causes, row.resolution, row.updated_at, row.updated_by
            )

    def write(
        self,
        incident_id: int,
        *,
        at: datetime,
        who: str,
        owner: str | None = None,
        summary: str | None = None,
        causes: str | None = None,
        resolution: str | None = None,
    ) -> WrittenParts:
        """Set the given parts (None leaves a part as it is)."""
        with self._session() as session:
            self._check(session, incident_id)
            row = session.get(ReviewRow, incident_id, with_for_update=True)
            if row is None:
                row = ReviewRow(
                    incident_id=incident_id, owner="", summary="", causes="", resolution=""
                )
                session.add(row)
            for name, value in (
                ("owner", owner),
                ("summary", summary),
                ("causes", causes),
                ("resolution", resolution),
            ):
                if value is not None:
                    setattr(row, name, value)
            row.updated_at, row.updated_by = at, who
        return self.written(incident_id)

    def action_items(self, incident_id: int) -> list[ActionItem]:
        query = select(ActionItemRow).where(ActionItemRow.incident_id == incident_id)
        with self._session() as session:
            return [_item(r) for r in session.scalars(query.order_by(ActionItemRow.id))]

    def add_action_item(
        self, incident_id: int, *, title: str, owner: str, due: date | None, at: datetime
    ) -> ActionItem:
        with self._session() as session:
            self._check(session, incident_id)
            row = ActionItemRow(
                incident_id=incident_id,
                title=title,
                owner=owner,
                due=due,
                done=False,
                created_at=at,
            )
            session.add(row)
            session.flush()
            return _item(row)

    def update_action_item(
        self,
        item_id: int,
        *,
        title: str | None = None,
        owner: str | None = None,
        due: date | None = None,
        clear_due: bool = False,
        done: bool | None = None,
    ) -> ActionItem:
        with self._session() as session:
            row = session.get(ActionItemRow, item_id, with_for_update=True)
            if row is None:
                raise UnknownActionItem(item_id)
            if title is not None:
                row.title = title
            if owner is not None:
                row.owner = owner
            if due is not None or clear_due:
                row.due = due
            if done is not None:
                row.done = done
            session.flush()
            return _item(row)

    def delete_action_item(self, item_id: int) -> None:
        with self._session() as session:
            row = session.get(ActionItemRow, item_id)
            if row is None:
                raise UnknownActionItem(item_id)
            session.delete(row)
