"""Render the settings dialog to a PNG (docs, and eyeballing the look).

Two tabs side by side: "Connection" with a django-helpdesk backend, a token
stored in a throw-away in-memory keyring and the answer of a test against a
host with a self-signed certificate; "Backend options" with name maps.
Settings go to a throw-away folder; the real keyring is never touched.

    xvfb-run -a -s "-screen 0 1920x1080x24" \
        .venv/bin/python tools/screenshot_settings.py docs/img/settings-dialog.png
    .venv/bin/python tools/screenshot_settings.py /tmp/settings-en.png --language en
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["COCKPIT_CONFIG_DIR"] = tempfile.mkdtemp(prefix="cockpit-shot-")
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402

from cockpit.backends.options import BackendOptions, HelpdeskOptions  # noqa: E402
from cockpit.backends.probe import ProbeFailure, ProbeResult, ProbeStep  # noqa: E402
from cockpit.settings import Settings, save_settings  # noqa: E402
from widgets.app import Translations, apply_app_font, apply_theme, create_application  # noqa: E402
from widgets.settings_dialog import SettingsDialog  # noqa: E402

TLS_FAILURE = ProbeResult(
    ok=False,
    step=ProbeStep.CONNECT,
    reason=ProbeFailure.TLS,
    detail="GET /helpdesk/api/tickets/: TLS failed (certificate verify failed: self-signed "
    "certificate)",
)


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._store.pop((service, username), None)


def _sample_settings() -> Settings:
    helpdesk = HelpdeskOptions(
        queue_names={"1": "售前咨询", "2": "售后服务", "3": "物流查询", "4": "退款退货"},
        agent_names={"12": "李娜", "15": "王强"},
        requests_per_minute=60,
    )
    return Settings(
        backend_url="helpdesk+https://desk.example.com/helpdesk/",
        poll_interval_s=10,
        language="zh_CN",
        display_timezone="Asia/Shanghai",
        backend_options=BackendOptions(helpdesk=helpdesk),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--night", action="store_true", help="night theme")
    args = parser.parse_args(argv)

    keyring.set_keyring(_MemoryKeyring())
    keyring.set_password("supervisor-cockpit", "helpdesk.token", "not-a-real-token")
    save_settings(_sample_settings())
    app = create_application()
    apply_app_font(app)
    translations = Translations(app)
    translations.apply(args.language)
    apply_theme(app, night=args.night)

    dialog = SettingsDialog()
    dialog.resize(700, 640)
    dialog.show()
    dialog._on_probe_finished(TLS_FAILURE)  # what "Test connection" shows
    shots = []
    for tab in (0, 1):
        dialog.tabs.setCurrentIndex(tab)
        app.processEvents()
        shots.append(dialog.grab())
    gap = 24
    width = sum(shot.width() for shot in shots) + gap * (len(shots) + 1)
    height = max(shot.height() for shot in shots) + 2 * gap
    canvas = QPixmap(width, height)
    canvas.fill(QColor("#d0d5dd"))
    painter = QPainter(canvas)
    x = gap
    for shot in shots:
        painter.drawPixmap(QPoint(x, gap), shot)
        x += shot.width() + gap
    painter.end()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(str(args.output))
    print(f"wrote {args.output} ({width}x{height})")
    dialog.close()
    translations.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
