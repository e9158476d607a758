"""Review exports: JSON (the whole review, with its raw samples and events,
readable back into a :class:`~cockpit.review.Review`) and CSV (the raw
samples, the events and the impact table, one file each, for spreadsheets).

The JSON codec is generic over the review's frozen dataclasses: datetimes
as ISO 8601 UTC (``Z``), dates as ISO dates, enums as their values, tuples
as lists, mappings as objects.
"""

from __future__ import annotations

import csv
import dataclasses
import enum
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from cockpit.clock import format_time, parse_time
from cockpit.review import REVIEW_VERSION, Review
from cockpit.store.incidents import EventRecord, Outcome, Phase
from cockpit.store.samples import COLUMNS, Sample

FORMAT = "cockpit-review"
SAMPLES_CSV = "samples.csv"
EVENTS_CSV = "events.csv"
IMPACT_CSV = "impact.csv"
EVENT_COLUMNS = (
    "id",
    "incident_id",
    "at",
    "who",
    "action",
    "phase",
    "outcome",
    "related_id",
    "wall_at",
    "time_base",
)


class ReviewFormatError(ValueError):
    """A file is not a review export this version can read."""


# --- a generic dataclass codec --------------------------------------------------


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def from_jsonable(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if kind is Any or value is None:
        return value
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_jsonable(options[0], value)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        fields = {f.name for f in dataclasses.fields(kind)}
        return kind(**{k: from_jsonable(hints[k], v) for k, v in value.items() if k in fields})
    if kind is datetime:
        return parse_time(value)
    if kind is date:
        return date.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(from_jsonable(item, v) for v in value)
    if origin in (dict, Mapping, typing.Mapping):
        item = typing.get_args(kind)[1]
        return {k: from_jsonable(item, v) for k, v in value.items()}
    if kind is float and isinstance(value, int):
        return float(value)
    return value


# --- JSON -----------------------------------------------------------------------------


def review_to_json(review: Review) -> dict[str, Any]:
    return {"format": FORMAT, "version": REVIEW_VERSION, "review": to_jsonable(review)}


def review_from_json(document: Mapping[str, Any]) -> Review:
    if document.get("format") != FORMAT or document.get("version") != REVIEW_VERSION:
        raise ReviewFormatError(f"not a {FORMAT} version {REVIEW_VERSION} document")
    review: Review = from_jsonable(Review, document["review"])
    return review


def write_json(review: Review, path: Path) -> Path:
    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    path.write_bytes(orjson.dumps(review_to_json(review), option=options))
    return path


def read_json(path: Path) -> Review:
    return review_from_json(orjson.loads(path.read_bytes()))


def sample_json(sample: Sample) -> dict[str, Any]:
    result: dict[str, Any] = to_jsonable(sample)
    return result


# --- CSV ------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, Mapping):
        return orjson.dumps(dict(value), option=orjson.OPT_SORT_KEYS).decode()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def write_csv(review: Review, directory: Path) -> list[Path]:
    """``samples.csv``, ``events.csv`` and ``impact.csv`` in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    samples = directory / SAMPLES_CSV
    _write(samples, COLUMNS, ([getattr(s, c) for c in COLUMNS] for s in review.samples))
    events = directory / EVENTS_CSV
    _write(
        events,
        (*EVENT_COLUMNS, "payload"),
        ([*(getattr(e, c) for c in EVENT_COLUMNS), e.payload] for e in review.events),
    )
    impact = directory / IMPACT_CSV
    names = [f.name for f in dataclasses.fields(review.impact[0])] if review.impact else []
    _write(impact, names, ([getattr(p, n) for n in names] for p in review.impact))
    return [samples, events, impact]


def _write(path: Path, header: Iterable[str], rows: Iterable[Iterable[Any]]) -> None:
    # utf-8-sig: spreadsheet programs then read the Chinese text correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(header))
        writer.writerows([_cell(v) for v in row] for row in rows)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def read_samples_csv(path: Path) -> list[Sample]:
    hints = typing.get_type_hints(Sample)
    samples = []
    for row in _rows(path):
        values: dict[str, Any] = {}
        for name in COLUMNS:
            text = row[name]
            kind = hints[name]
            if name in ("topics", "kinds"):
                values[name] = orjson.loads(text) if text else {}
            elif text == "":
                values[name] = None
            elif kind is datetime:
                values[name] = parse_time(text)
            elif kind is int:
                values[name] = int(text)
            elif kind is str:
                values[name] = text
            else:
                values[name] = float(text)
        samples.append(Sample(**values))
    return samples


def read_events_csv(path: Path) -> list[EventRecord]:
    return [
        EventRecord(
            id=int(row["id"]),
            incident_id=int(row["incident_id"]),
            at=parse_time(row["at"]),
            who=row["who"],
            action=row["action"],
            phase=Phase(row["phase"]),
            outcome=Outcome(row["outcome"]),
            payload=orjson.loads(row["payload"]) if row["payload"] else {},
            related_id=int(row["related_id"]) if row["related_id"] else None,
            wall_at=parse_time(row["wall_at"]) if row.get("wall_at") else None,
            time_base=row.get("time_base") or None,
        )
        for row in _rows(path)
    ]
