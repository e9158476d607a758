"""Headless incident verbs: ``incident declare|note|status|step|broadcast|bot|
reply|resolve|list|show`` and ``playbooks check``. Every incident verb prints
JSON; the exit code is 0 when all went well, 1 when an action failed. A
team chat that is only notified by default and has no webhook is skipped
with a warning line on stderr, not counted as a failure."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

import orjson
from sqlalchemy.exc import SQLAlchemyError

from cockpit.backends import BackendConfigError, open_backend
from cockpit.backends.base import BackendError, TicketBackend
from cockpit.incidents import jsonout
from cockpit.incidents.broadcast import UnknownScript
from cockpit.incidents.cli_time import floor_clock, wall_seconds_until
from cockpit.incidents.cli_words import CliWords, VarProblem
from cockpit.incidents.context import RetryPolicy, split_language
from cockpit.incidents.engine import IncidentEngine, IncidentNotActive, UnknownStep
from cockpit.incidents.matching import latest_by_id
from cockpit.incidents.model import Action, Change, Severity, Target
from cockpit.incidents.offline import OfflineBackend
from cockpit.incidents.playbook import LANGUAGES, load_dir, load_library, shipped_dir
from cockpit.incidents.queries import UnknownPlaybook
from cockpit.incidents.templating import MissingVariables
from cockpit.review_cli import language_of
from cockpit.settings import Settings
from cockpit.store.incidents import IncidentStore, UnknownIncident

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BACKEND = 3
# Short waits: a person at a terminal is waiting for the retries.
CLI_RETRY = RetryPolicy(delays=(timedelta(seconds=2), timedelta(seconds=5)))
VAR_HELP = (
    "a script variable, for every language (eta=15:30) or for one "
    "(eta.zh_CN=下午三点半 --var eta.en='3:30 pm'); repeatable"
)
_NEEDS_BACKEND = {"declare", "broadcast", "bot", "reply", "resolve"}
# Verbs that only write the log: the backend is asked for its time alone.
_LOG_ONLY = {"note", "status", "step"}


def add_playbook_verbs(subparsers: Any) -> None:
    playbooks = subparsers.add_parser("playbooks", help="incident playbooks")
    verbs = playbooks.add_subparsers(dest="playbooks_verb", metavar="VERB", required=True)
    check = verbs.add_parser("check", help="validate playbook files; non-zero exit on errors")
    check.add_argument("dir", nargs="?", help="folder (default: shipped and user playbooks)")
    verbs.add_parser("list", help="list the usable playbooks")


def run_playbook_verb(
    args: argparse.Namespace, settings: Settings, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    words = CliWords(language_of(args, settings))
    if args.playbooks_verb == "list":
        library = load_library(settings.playbook_dir)
        rows = [
            {"id": p.id, "kind": p.kind, "names": p.names.model_dump()} for p in library.listing()
        ]
        _print(out, rows)
        return EXIT_OK
    library = load_dir(Path(args.dir)) if args.dir else load_library(settings.playbook_dir)
    for issue in library.issues:
        print(issue, file=sys.stderr)
    where = args.dir or f"{shipped_dir()}" + (
        f" and {settings.playbook_dir}" if settings.playbook_dir else ""
    )
    valid, problems = len(library.playbooks), len(library.issues)
    print(words("checked", valid=valid, problems=problems, where=where), file=out)
    return EXIT_FAILED if library.issues else EXIT_OK


def add_incident_verbs(subparsers: Any) -> None:
    incident = subparsers.add_parser("incident", help="run an incident headless")
    incident.add_argument("--backend", dest="incident_backend", metavar="URL", help="backend URL")
    incident.add_argument("--db", dest="incident_db", metavar="URL", help="database URL")
    incident.add_argument("--who", default=None, help="who acts (default: the login name)")
    verbs = incident.add_subparsers(dest="incident_verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", help="open incidents (--all: recent ones too)")
    listing.add_argument("--all", action="store_true")
    show = verbs.add_parser("show", help="one incident: checklist, deliveries, timeline")
    show.add_argument("id", type=int)
    declare = verbs.add_parser("declare", help="declare an incident from a playbook")
    declare.add_argument("playbook")
    declare.add_argument("--summary", required=True)
    declare.add_argument("--severity", choices=[s.value for s in Severity])
    declare.add_argument(
        "--var", action="append", default=[], metavar="NAME[.LANG]=VALUE", help=VAR_HELP
    )
    declare.add_argument("--no-auto", action="store_true", help="skip the automatic steps")
    for name, helptext in (("note", "add a note"), ("status", "post a status update")):
        verb = verbs.add_parser(name, help=helptext)
        verb.add_argument("id", type=int)
        verb.add_argument("text")
    verbs.choices["status"].add_argument("--notify", action="append", default=[], metavar="CHANNEL")
    step = verbs.add_parser("step", help="tick a checklist step")
    step.add_argument("id", type=int)
    step.add_argument("step")
    broadcast = verbs.add_parser("broadcast", help="send a script to agents, the bot, team chats")
    broadcast.add_argument("id", type=int)
    broadcast.add_argument("script")
    broadcast.add_argument("--to", action="append", required=True, metavar="agents|bot|team:NAME")
    _language_options(broadcast)
    bot = verbs.add_parser("bot", help="switch the auto-reply on, or back to what it was")
    bot.add_argument("id", type=int)
    bot.add_argument("state", choices=["on", "off"])
    reply = verbs.add_parser("reply", help="reply with a script to the matching open tickets")
    reply.add_argument("id", type=int)
    reply.add_argument("script")
    _language_options(reply)
    resolve = verbs.add_parser("resolve", help="resolve: restore the bot, withdraw scripts")
    resolve.add_argument("id", type=int)
    resolve.add_argument("--summary", required=True)


def _language_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language", action="append", dest="languages", choices=list(LANGUAGES),
        help="the language(s) of the message (default: all); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--var", action="append", default=[], metavar="NAME[.LANG]=VALUE", help=VAR_HELP
    )
    parser.add_argument("--dry-run", action="store_true", help="preview only; send nothing")


def run_incident_verb(
    args: argparse.Namespace, settings: Settings, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    words = CliWords(language_of(args, settings))
    try:
        with _engine(args, settings) as engine:
            return _dispatch(engine, args, out, words)
    except BackendConfigError as exc:
        print(f"cockpit incident: {exc}", file=sys.stderr)
        return EXIT_BACKEND
    except SQLAlchemyError as exc:
        print(f"cockpit incident: database: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_BACKEND
    except (
        UnknownIncident,
        UnknownPlaybook,
        UnknownScript,
        UnknownStep,
        IncidentNotActive,
        MissingVariables,
        ValueError,
    ) as exc:
        print(f"cockpit incident: {words.error(exc)}", file=sys.stderr)
        return EXIT_USAGE


@contextmanager
def _engine(args: argparse.Namespace, settings: Settings) -> Iterator[IncidentEngine]:
    store = IncidentStore.open(getattr(args, "incident_db", None) or settings.database_url)
    backend: TicketBackend = OfflineBackend()
    try:
        online = args.incident_verb in _NEEDS_BACKEND
        if online:
            backend = open_backend(_backend_url(args, settings))
        # One time base: events are stamped with the backend's time.
        url = _configured_url(args, settings) if args.incident_verb in _LOG_ONLY else None
        with floor_clock(backend if online else None, url) as clock:
            store.time_base = lambda: clock.base.value
            engine = IncidentEngine(
                store,
                backend,
                library=load_library(settings.playbook_dir),
                retry=CLI_RETRY,
                normal_poll_interval=settings.poll_interval_s,
                clock=clock,
            )
            try:
                engine.recover()
                yield engine
            finally:
                engine.close()
    finally:
        backend.close()
        store.close()


def _configured_url(args: argparse.Namespace, settings: Settings) -> str | None:
    url = getattr(args, "incident_backend", None) or getattr(args, "backend", None)
    return str(url) if url else settings.backend_url


def _backend_url(args: argparse.Namespace, settings: Settings) -> str:
    url = _configured_url(args, settings)
    if url is None:
        raise BackendConfigError("no backend: pass --backend URL or set backend_url")
    return str(url)


def _dispatch(
    engine: IncidentEngine, args: argparse.Namespace, out: TextIO, words: CliWords
) -> int:
    verb = args.incident_verb
    who = args.who or _login()
    if verb == "list":
        rows = engine.recent() if args.all else engine.active()
        _print(out, [jsonout.incident_json(i) for i in rows])
        return EXIT_OK
    if verb == "show":
        _print(out, _show(engine, args.id))
        return EXIT_OK
    if verb in ("broadcast", "reply") and args.dry_run:
        _print(out, _dry_run(engine, args))
        return EXIT_OK
    change = _act(engine, args, who)
    change = _settle_retries(engine, change)
    _print(out, jsonout.change_json(change))
    if change.skipped:
        playbook = engine.playbook_of(change.incident.id)
        for result in change.skipped:
            print(f"cockpit incident: {words.skipped(result, playbook)}", file=sys.stderr)
    return EXIT_OK if change.ok else EXIT_FAILED


def _act(engine: IncidentEngine, args: argparse.Namespace, who: str) -> Change:
    verb = args.incident_verb
    if verb == "declare":
        severity = Severity(args.severity) if args.severity else None
        return engine.declare(
            args.playbook, summary=args.summary, who=who, variables=_vars(args.var),
            severity=severity, auto=not args.no_auto,
        )  # fmt: skip
    if verb == "note":
        return engine.note(args.id, args.text, who=who)
    if verb == "status":
        return engine.status_update(args.id, args.text, who=who, notify=args.notify)
    if verb == "step":
        return engine.complete_step(args.id, args.step, who=who)
    if verb == "bot":
        on = args.state == "on"
        return engine.bot_on(args.id, who=who) if on else engine.bot_off(args.id, who=who)
    if verb == "resolve":
        return engine.resolve(args.id, summary=args.summary, who=who)
    languages = args.languages or list(LANGUAGES)
    if verb == "broadcast":
        targets = [Target.parse(t) for t in args.to]
        return engine.broadcast(
            args.id,
            args.script,
            targets=targets,
            who=who,
            languages=languages,
            variables=_vars(args.var),
        )
    return engine.bulk_reply(
        args.id, args.script, tickets=_open_tickets(engine), who=who, language=languages[0],
        variables=_vars(args.var),
    )  # fmt: skip


def _dry_run(engine: IncidentEngine, args: argparse.Namespace) -> dict[str, Any]:
    if args.incident_verb == "broadcast":
        preview = engine.preview_broadcast(
            args.id,
            args.script,
            targets=[Target.parse(t) for t in args.to],
            languages=args.languages or LANGUAGES,
            variables=_vars(args.var),
        )
        return jsonout.preview_json(preview)
    return jsonout.match_json(engine.preview_bulk_reply(args.id, _open_tickets(engine)))


def _open_tickets(engine: IncidentEngine) -> list[Any]:
    """One full load from the backend: the open tickets right now."""
    try:
        batch = engine.ctx.backend.fetch(None)
    except BackendError as exc:
        raise ValueError(f"cannot read the tickets: {exc}") from None
    return [t for t in latest_by_id(batch.tickets) if t.is_open]


def _show(engine: IncidentEngine, incident_id: int) -> dict[str, Any]:
    from cockpit.incidents.snapshot import step_json

    return {
        "incident": jsonout.incident_json(engine.incident(incident_id)),
        "checklist": [step_json(s) for s in engine.checklist(incident_id)],
        "deliveries": [jsonout.delivery_json(d) for d in engine.deliveries(incident_id)],
        "published_scripts": engine.published_scripts(incident_id),
        "timeline": [jsonout.event_json(e) for e in engine.timeline(incident_id)],
    }


def _settle_retries(engine: IncidentEngine, change: Change) -> Change:
    """Wait out the (short) backoff of failed team-chat deliveries and retry
    them, so a headless run ends with every delivery settled; each delivery's
    last attempt decides its result."""
    incident_id = change.incident.id
    firsts = {r.event_id for r in change.results if r.action is Action.WEBHOOK}
    events = list(change.events)
    while True:
        states = [d for d in engine.deliveries(incident_id) if d.delivery_id in firsts]
        pending = [d.next_attempt_at for d in states if d.next_attempt_at is not None]
        if not pending:
            break
        due = min(pending)
        time.sleep(wall_seconds_until(engine.ctx.clock, due))
        # Due now, even if the backend's clock has not quite got there.
        for retried in engine.tick(max(engine.ctx.clock.now(), due)).changes:
            if retried.incident.id == incident_id:
                events.extend(retried.events)
    final = {d.delivery_id: d for d in states}
    results = [
        replace(r, outcome=final[r.event_id].outcome, reason=final[r.event_id].reason)
        if r.event_id in final
        else r
        for r in change.results
    ]
    return Change(engine.incident(incident_id), tuple(events), tuple(results), change.joined)


def _vars(pairs: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` for every language, ``NAME.LANGUAGE=VALUE`` for one."""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        base, language = split_language(name)
        if not sep or not base:
            raise VarProblem(pair)
        if language is not None and language not in LANGUAGES:
            raise VarProblem(pair, language)
        values[name] = value
    return values


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def _print(out: TextIO, document: Any) -> None:
    out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    out.flush()
