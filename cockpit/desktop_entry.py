"""The desktop entry and icon for Linux menus (freedesktop.org).

``cockpit desktop-entry`` prints the entry; ``--install`` writes it and the
icon into the user's data folder (``$XDG_DATA_HOME``, by default
``~/.local/share``), with ``Exec`` pointing at the program that ran the
command, so the menu starts the same installation.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from cockpit.assets import asset_dir

ENTRY_NAME = "supervisor-cockpit.desktop"
ICON_NAME = "supervisor-cockpit"


@dataclass(frozen=True, slots=True)
class Installed:
    entry: Path
    icon: Path


def data_home() -> Path:
    configured = os.environ.get("XDG_DATA_HOME")
    return Path(configured) if configured else Path.home() / ".local" / "share"


def launcher() -> str:
    """The command that starts this installation's window.

    A frozen (PyInstaller) build is its own launcher; otherwise the console
    script beside this interpreter, else ``python -m`` style via main.py.
    """
    if getattr(sys, "frozen", False):
        return _quoted(sys.executable)
    script = Path(sys.executable).parent / "cockpit"
    if script.exists():
        return _quoted(str(script))
    main = asset_dir("resources").parent / "main.py"
    return f"{_quoted(sys.executable)} {_quoted(str(main))}"


def entry_text(exec_line: str | None = None) -> str:
    """The shipped entry with ``Exec`` set to ``exec_line`` (default: :func:`launcher`)."""
    template = (asset_dir("resources") / ENTRY_NAME).read_text(encoding="utf-8")
    command = exec_line or launcher()
    lines = [
        f"Exec={command}" if line.startswith("Exec=") else line for line in template.splitlines()
    ]
    return "\n".join(lines) + "\n"


def install(target: Path | None = None) -> Installed:
    """Write the entry and the scalable icon under ``target`` (default :func:`data_home`)."""
    root = target or data_home()
    entry = root / "applications" / ENTRY_NAME
    icon = root / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    entry.parent.mkdir(parents=True, exist_ok=True)
    icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(asset_dir("resources") / "icons" / "app.svg", icon)
    entry.write_text(entry_text(), encoding="utf-8")
    return Installed(entry=entry, icon=icon)


def _quoted(path: str) -> str:
    """Quote per the Desktop Entry spec when the path has spaces or quotes."""
    if not any(c in path for c in " \"'\\$`"):
        return path
    escaped = path.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")
    return f'"{escaped}"'
