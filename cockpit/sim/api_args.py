"""The feed API's request arguments: limits, cursors' companions, bodies,
and the error type every bad one becomes (:mod:`cockpit.sim.api`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

DEFAULT_LIMIT = 1000
MAX_LIMIT = 5000
MAX_BODY = 1 << 20
Json = dict[str, Any]


class ApiError(Exception):
    """An error answer: HTTP status, the contract's code and a message."""

    def __init__(self, status: int, code: str, message: str, **headers: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = tuple(headers.items())


def shape_ok(head: str, rest: str) -> bool:
    """Whether the part after the resource name can name something here."""
    if head == "tickets":
        return rest == "" or (rest.count("/") == 1 and rest.endswith("/replies"))
    if head == "scripts":
        return "/" not in rest
    if head == "sim":
        return rest == "scenarios"
    return rest == ""


def since_of(query: Mapping[str, list[str]]) -> str | None:
    """The ``since`` version (any text: a version that is not ours gets everything)."""
    values = query.get("since")
    return values[-1] or None if values else None


def no_rest(rest: str) -> None:
    if rest:
        raise ApiError(404, "not_found", f"no such resource: {rest}")


def limit_of(query: Mapping[str, list[str]]) -> int:
    values = query.get("limit")
    if not values:
        return DEFAULT_LIMIT
    text = values[-1]
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise ApiError(400, "bad_request", f"limit: expected a whole number from 1 to {MAX_LIMIT}")
    return int(text)


def object_of(body: bytes) -> Json:
    if len(body) > MAX_BODY:
        raise ApiError(400, "bad_request", "request body too large")
    try:
        obj = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise ApiError(400, "bad_request", "request body: expected a JSON object") from None
    if not isinstance(obj, dict):
        raise ApiError(400, "bad_request", "request body: expected a JSON object")
    return obj
