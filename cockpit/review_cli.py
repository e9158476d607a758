"""Headless verbs: ``review ID`` (export a post-incident review, optionally
set its written parts and action items first) and ``handover`` (the shift
summary on demand). Both work from a cron job; the PDF needs Qt, which
``main.py`` injects (offscreen) as a :class:`~cockpit.pdf_hook.PdfRenderer`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date, timedelta, tzinfo
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson
from sqlalchemy.exc import SQLAlchemyError

from cockpit.clock import SystemClock, parse_time
from cockpit.handover import build_handover, handover_html, shift_end
from cockpit.incidents.cli_words import CliWords
from cockpit.pdf_hook import PdfFactory
from cockpit.review import BaselineMode, build_review
from cockpit.review_export import review_to_json, to_jsonable, write_csv, write_json
from cockpit.review_html import review_html
from cockpit.settings import Settings
from cockpit.store.bundle import Stores
from cockpit.store.floor_time import floor_now
from cockpit.store.incidents import UnknownIncident

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BACKEND = 3


def add_review_verbs(subparsers: Any) -> None:
    review = subparsers.add_parser("review", help="export a post-incident review")
    review.add_argument("id", type=int, help="incident id")
    _outputs(review)
    review.add_argument("--csv", type=Path, metavar="DIR", help="samples, events, impact as CSV")
    review.add_argument(
        "--baseline", choices=[m.value for m in BaselineMode], default="same_length"
    )
    review.add_argument("--recovery", type=float, metavar="MIN", help="recovery window, minutes")
    review.add_argument("--owner", help="set the review's owner")
    review.add_argument("--summary", help="set the summary")
    review.add_argument("--causes", help="set the contributing causes")
    review.add_argument("--resolution", help="set the resolution")
    review.add_argument(
        "--action", action="append", default=[], metavar="TITLE|OWNER|YYYY-MM-DD",
        help="add an action item (owner and due date optional); repeatable",
    )  # fmt: skip
    handover = subparsers.add_parser("handover", help="the shift handover summary, now")
    _outputs(handover)
    handover.add_argument("--at", metavar="TIME", help="the shift end (ISO 8601; default: last)")
    handover.add_argument(
        "--no-poll", action="store_true", help="do not poll the floor for open escalations"
    )


def _outputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", dest="review_db", metavar="URL", help="database URL")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="A4 PDF")
    parser.add_argument("--html", type=Path, metavar="FILE", help="self-contained HTML")
    parser.add_argument("--json", type=Path, metavar="FILE", help="JSON")
    parser.add_argument("--timezone", metavar="ZONE", help="time zone shown (default: settings)")


def language_of(args: argparse.Namespace, settings: Settings) -> str:
    choice = getattr(args, "language", None) or settings.language
    if choice in ("zh_CN", "en"):
        return str(choice)
    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "zh_CN" if lang.lower().startswith("zh") else "en"


def zone_of(name: str | None, settings: Settings) -> tzinfo:
    for candidate in (name, settings.display_timezone):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {candidate!r}") from None
    local = SystemClock().now().astimezone().tzinfo
    assert local is not None
    return local


def run_review_verb(
    args: argparse.Namespace,
    settings: Settings,
    out: TextIO | None = None,
    *,
    pdf: PdfFactory | None = None,
) -> int:
    out = out or sys.stdout
    verb = "review" if args.verb == "review" else "handover"
    words = CliWords(language_of(args, settings))
    if getattr(args, "pdf", None) and pdf is None:
        print(f"cockpit {verb}: {words('no_pdf')}", file=sys.stderr)
        return EXIT_USAGE
    try:
        zone = zone_of(args.timezone, settings)
        stores = Stores.open(args.review_db or settings.database_url)
    except ValueError as exc:
        print(f"cockpit {verb}: {words.error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except SQLAlchemyError as exc:
        print(f"cockpit {verb}: database: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_BACKEND
    try:
        if verb == "review":
            return _review(args, settings, stores, zone, out, pdf)
        return _handover(args, settings, stores, zone, out, pdf)
    except (UnknownIncident, ValueError) as exc:
        print(f"cockpit {verb}: {words.error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        stores.close()


def _who() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def _edit(args: argparse.Namespace, stores: Stores) -> None:
    now = SystemClock().now()
    parts = {k: getattr(args, k) for k in ("owner", "summary", "causes", "resolution")}
    if any(v is not None for v in parts.values()):
        stores.reviews.write(args.id, at=now, who=_who(), **parts)
    for text in args.action:
        title, owner, due = [*text.split("|"), "", ""][:3]
        if not title.strip():
            raise ValueError(f"--action {text!r}: expected TITLE|OWNER|YYYY-MM-DD")
        day = date.fromisoformat(due.strip()) if due.strip() else None
        stores.reviews.add_action_item(
            args.id, title=title.strip(), owner=owner.strip(), due=day, at=now
        )


def _review(
    args: argparse.Namespace,
    settings: Settings,
    stores: Stores,
    zone: tzinfo,
    out: TextIO,
    pdf: PdfFactory | None,
) -> int:
    _edit(args, stores)
    recovery = None if args.recovery is None else timedelta(minutes=args.recovery)
    review = build_review(
        stores,
        args.id,
        # The floor's time (the backend's, as recorded), not the wall clock.
        now=floor_now(stores.engine, SystemClock().now()),
        baseline=BaselineMode(args.baseline),
        recovery=recovery,
    )
    if review.unrecorded:
        phases = ", ".join(p.value for p in review.unrecorded)
        print(
            f"cockpit review: no floor samples were recorded during: {phases}; those figures "
            "are missing, not zero: run `cockpit record` (or keep the cockpit window open) "
            "while an incident is open",
            file=sys.stderr,
        )
    language = language_of(args, settings)
    written: list[str] = []
    if args.json:
        written.append(str(write_json(review, args.json)))
    if args.csv:
        written.extend(str(p) for p in write_csv(review, args.csv))
    if args.html:
        args.html.write_text(review_html(review, language=language, zone=zone), encoding="utf-8")
        written.append(str(args.html))
    if args.pdf and pdf is not None:
        written.append(str(pdf().review_pdf(review, args.pdf, language=language, zone=zone)))
    if not written:
        _print(out, review_to_json(review))
    else:
        _print(out, {"incident": review.incident.id, "written": written})
    return EXIT_OK


def _handover(
    args: argparse.Namespace,
    settings: Settings,
    stores: Stores,
    zone: tzinfo,
    out: TextIO,
    pdf: PdfFactory | None,
) -> int:
    now = SystemClock().now()
    end = parse_time(args.at) if args.at else shift_end(now, settings.handover)
    view = None if args.no_poll else _poll(args, settings)
    language = language_of(args, settings)
    handover = build_handover(
        stores,
        end=end,
        shift=timedelta(hours=settings.handover.shift_hours),
        now=now,
        view=view,
        language=language,
    )
    written: list[str] = []
    if args.json:
        args.json.write_bytes(orjson.dumps(to_jsonable(handover), option=orjson.OPT_INDENT_2))
        written.append(str(args.json))
    if args.html:
        page = handover_html(handover, language=language, zone=zone)
        args.html.write_text(page, encoding="utf-8")
        written.append(str(args.html))
    if args.pdf and pdf is not None:
        written.append(str(pdf().handover_pdf(handover, args.pdf, language=language, zone=zone)))
    if not written:
        _print(out, to_jsonable(handover))
    else:
        _print(out, {"shift_end": to_jsonable(end), "written": written})
    return EXIT_OK


def _poll(args: argparse.Namespace, settings: Settings) -> Any:
    """One poll of the configured backend, for the open escalations; None
    when no backend is configured or it cannot be read."""
    from cockpit.backends import BackendConfigError, open_backend
    from cockpit.runtime.poller import Poller

    url = getattr(args, "backend", None) or settings.backend_url
    if url is None:
        return None
    try:
        backend = open_backend(url)
    except BackendConfigError as exc:
        print(f"cockpit handover: {exc}", file=sys.stderr)
        return None
    try:
        return Poller(backend, settings=settings).poll_once()
    finally:
        backend.close()


def _print(out: TextIO, document: Any) -> None:
    out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    out.flush()
