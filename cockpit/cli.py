"""The command line: no verb opens the GUI; verbs run headless.

``main.py`` passes the GUI entry point in, so that this module (the core)
never imports Qt.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import orjson

from cockpit.backends import BackendConfigError, TicketBackend, open_backend
from cockpit.clock import parse_time
from cockpit.incidents.cli import (
    add_incident_verbs,
    add_playbook_verbs,
    run_incident_verb,
    run_playbook_verb,
)
from cockpit.pdf_hook import PdfFactory
from cockpit.record_cli import add_record_verb, run_record_verb
from cockpit.relay_cli import add_relay_verb, run_relay_verb
from cockpit.review_cli import add_review_verbs, run_review_verb
from cockpit.runtime.embedded import EmbeddedSimulator
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings, SettingsError, load_settings
from cockpit.snapshot import alerts_to_json, view_to_json

if TYPE_CHECKING:
    from cockpit.early_warning import EarlyWarning

T = TypeVar("T")
GuiEntry = Callable[[argparse.Namespace], int]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BACKEND = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cockpit",
        description="Supervisor Cockpit: live queues, SLA clocks and incident mode "
        "for a customer-service floor. Without a verb, opens the window.",
    )
    parser.add_argument(
        "--backend", metavar="URL", help="backend URL (default: the built-in simulator)"
    )
    parser.add_argument("--language", choices=["system", "zh_CN", "en"], help="UI language")
    parser.add_argument("--seed", type=int, help="simulator seed (built-in simulator only)")
    parser.add_argument("--speed", type=float, help="simulator speed-up factor")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window, wait for the first floor view, print one line and quit "
        "(checks an installation; exit 0 when the window showed the floor)",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    sim = verbs.add_parser("sim", help="run the floor simulator alone, serving the feed API")
    sim.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765)")
    sim.add_argument("--seed", type=int, default=None, dest="sim_seed", help="random seed")
    sim.add_argument("--speed", type=float, default=None, dest="sim_speed", help="speed-up factor")
    sim.add_argument(
        "--start",
        metavar="TIME",
        dest="sim_start",
        help="the floor's time at start, ISO 8601 with a zone (e.g. 2026-11-24T00:30+08:00 "
        "rehearses the promotion peak at any hour; default: now)",
    )
    sim.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="KIND[@MIN][:MULT][/DUR]",
        help="inject a scenario: outage, public_opinion or promotion_peak, optionally "
        "starting MIN minutes from now, with a multiplier and a duration in minutes "
        "(e.g. outage@10:4/60); repeatable",
    )

    snapshot = verbs.add_parser("snapshot", help="poll once and print the floor")
    snapshot.add_argument(
        "--json", action="store_true", help="print JSON (the default and only format)"
    )
    snapshot.add_argument("--backend", metavar="URL", dest="snapshot_backend", help="backend URL")
    snapshot.add_argument(
        "--seed", type=int, default=None, dest="snapshot_seed", help="simulator seed"
    )
    snapshot.add_argument(
        "--promotion",
        action="store_true",
        help="count the SLA with the promotion targets (sla.promotion_overrides)",
    )
    add_incident_verbs(verbs)
    add_playbook_verbs(verbs)
    add_review_verbs(verbs)
    add_record_verb(verbs)
    add_relay_verb(verbs)
    desktop = verbs.add_parser(
        "desktop-entry", help="print the Linux desktop entry (--install: add it to the menu)"
    )
    desktop.add_argument(
        "--install", action="store_true", help="write the entry and icon under $XDG_DATA_HOME"
    )
    return parser


def run(
    argv: Sequence[str],
    *,
    gui: GuiEntry,
    out: TextIO | None = None,
    pdf: PdfFactory | None = None,
) -> int:
    """``pdf`` makes PDFs (``review``, ``handover``); main.py passes Qt's."""
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(list(argv))
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.verb is None:
        return gui(args)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"cockpit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.verb == "sim":
        return _run_sim(args, settings)
    if args.verb == "snapshot":
        return _run_snapshot(args, settings, out)
    if args.verb == "incident":
        return run_incident_verb(args, settings, out)
    if args.verb in ("review", "handover"):
        return run_review_verb(args, settings, out, pdf=pdf)
    if args.verb == "record":
        return run_record_verb(args, settings, out)
    if args.verb == "playbooks":
        return run_playbook_verb(args, settings, out)
    if args.verb == "relay":
        return run_relay_verb(args, settings, out)
    if args.verb == "desktop-entry":
        return _run_desktop_entry(args, out)
    parser.error(f"unknown verb {args.verb}")
    return EXIT_USAGE


def _run_sim(args: argparse.Namespace, settings: Settings) -> int:
    from cockpit.sim.scenarios import ScenarioError, parse_scenario
    from cockpit.sim.server import serve

    try:
        scenarios = [parse_scenario(text) for text in args.scenario]
        start = parse_time(args.sim_start) if args.sim_start else None
    except ScenarioError as exc:
        print(f"cockpit sim: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError:
        print(
            f"cockpit sim: --start {args.sim_start!r} is not an ISO 8601 time with a zone "
            "(e.g. 2026-11-24T00:30+08:00)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    seed = _first(args.sim_seed, args.seed, settings.sim.seed)
    speed = _first(args.sim_speed, args.speed, settings.sim.speed)
    serve(port=args.port, seed=seed, speed=speed, scenarios=scenarios, start=start)
    return EXIT_OK


def _run_snapshot(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if args.promotion:
        settings = settings.model_copy(update={"sla": settings.sla.with_promotion(True)})
    url = args.snapshot_backend or args.backend or settings.backend_url
    embedded: EmbeddedSimulator | None = None
    token = None
    if url is None:
        seed = _first(args.snapshot_seed, args.seed, settings.sim.seed)
        embedded = EmbeddedSimulator(seed=seed, speed=_first(args.speed, settings.sim.speed))
        embedded.start()
        url, token = embedded.url, embedded.token
    try:
        try:
            backend = open_backend(url, token=token)
        except BackendConfigError as exc:
            print(f"cockpit snapshot: {exc}", file=sys.stderr)
            return EXIT_USAGE
        try:
            poller = Poller(backend, settings=settings)
            early = _early_warning(settings)
            early.attach(poller)
            view = poller.poll_once()
            document = view_to_json(view, poller.health, backend=backend.url, early=early.latest)
            document.update(alerts_to_json(view, settings))
            # Checklist deadlines against the floor's time (the poll's), not the wall clock.
            now = None if view is None else view.generated_at
            document.update(_incident_part(backend, settings, now))
        finally:
            backend.close()
    finally:
        if embedded is not None:
            embedded.stop()
    out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    out.flush()
    if view is None:
        print(f"cockpit snapshot: {poller.health.detail}", file=sys.stderr)
        return EXIT_BACKEND
    return EXIT_OK


def _early_warning(settings: Settings) -> EarlyWarning:
    """The early warning, with the playbooks it may suggest (none when the
    playbook directory does not load: the snapshot still works)."""
    from cockpit.early_warning import EarlyWarning
    from cockpit.incidents.playbook import PlaybookError, load_library

    try:
        playbooks = load_library(settings.playbook_dir).listing()
    except (PlaybookError, OSError) as exc:
        print(f"cockpit snapshot: playbooks not loaded: {exc}", file=sys.stderr)
        playbooks = []
    return EarlyWarning(playbooks=playbooks)


def _incident_part(
    backend: TicketBackend, settings: Settings, now: datetime | None
) -> dict[str, Any]:
    from cockpit.incidents.snapshot import incident_json
    from cockpit.store.incidents import IncidentStore

    store = IncidentStore.open(settings.database_url)
    try:
        return incident_json(store, backend, now=now)
    finally:
        store.close()


def _run_desktop_entry(args: argparse.Namespace, out: TextIO) -> int:
    from cockpit import desktop_entry

    if not args.install:
        out.write(desktop_entry.entry_text())
        return EXIT_OK
    try:
        installed = desktop_entry.install()
    except OSError as exc:
        print(f"cockpit desktop-entry: cannot write the entry: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"installed {installed.entry} and {installed.icon}", file=out)
    return EXIT_OK


def _first(*values: T | None) -> T:
    for value in values:
        if value is not None:
            return value
    raise ValueError("no value given")
