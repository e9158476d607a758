"""Render the early-warning panel with a suggested incident to a PNG
(``docs/img/suggested-incident.png``): the simulator runs in-process, a
payment outage starts, and the panel shows what the cockpit suggests.

    .venv/bin/python tools/screenshot_early_warning.py docs/img/suggested-incident.png
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("COCKPIT_CONFIG_DIR", tempfile.mkdtemp(prefix="cockpit-shot-"))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cockpit.early_warning import EarlyWarning  # noqa: E402
from cockpit.floor import FloorState  # noqa: E402
from cockpit.incidents.playbook import load_library  # noqa: E402
from cockpit.metrics import compute_view  # noqa: E402
from cockpit.settings import Settings  # noqa: E402
from cockpit.sim import FloorSimulator, Scenario, ScenarioKind, SimConfig  # noqa: E402
from tools.eval_early_warning import fetch  # noqa: E402

# 20:00 in Shanghai: the evening rise.
START = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


def run(minutes: float, language: str) -> tuple[EarlyWarning, dict[str, str]]:
    sim = FloorSimulator(SimConfig.default(), seed=7, start=START)
    state = FloorState(Settings().sla)
    early = EarlyWarning(playbooks=load_library().listing())
    batch, cursor = fetch(sim, None)
    state.apply(batch)
    early.on_batch(batch, state)
    sim.inject(Scenario(ScenarioKind.OUTAGE, start=sim.now, multiplier=5.0))
    sim.inject(Scenario(ScenarioKind.PUBLIC_OPINION, start=sim.now, multiplier=3.0))
    end = sim.now + timedelta(minutes=minutes)
    while sim.now < end:
        sim.advance(timedelta(seconds=5))
        batch, cursor = fetch(sim, cursor)
        state.apply(batch)
        early.on_batch(batch, state)
    early.on_view(compute_view(state, backend="sim"))
    names = {q.id: q.display_name(language) for q in sim.queues()}
    return early, names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--minutes", type=float, default=12.0, help="simulated outage minutes")
    parser.add_argument("--language", default="en")
    parser.add_argument("--size", default="1200x640")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from widgets.app import Translations, apply_app_font, apply_theme
    from widgets.early_warning_panel import EarlyWarningPanel

    app = QApplication([])
    apply_app_font(app)
    apply_theme(app, night=False)
    Translations(app).apply(args.language)
    early, names = run(args.minutes, args.language)
    view = early.latest
    if view is None or not view.surges:
        print("no surge was suggested; try more --minutes", file=sys.stderr)
        return 1
    panel = EarlyWarningPanel(
        queue_names=lambda: names,
        playbook_name=lambda playbook_id: early.playbook_name(playbook_id, args.language),
    )
    width, height = (int(v) for v in args.size.split("x"))
    panel.resize(width, height)
    panel.show_view(view)
    panel.show()
    app.processEvents()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if not panel.grab().save(str(args.output)):
        print(f"could not write {args.output}", file=sys.stderr)
        return 1
    print(f"{args.output}: {len(view.surges)} suggested incident(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
