"""PySide6's import hook reads no module's source (widgets/pyside_import.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter imports the app as main.py does; then which source
# files sit in linecache, and what the hook decided for two modules.
_PROBE = """
import json, linecache, os, sys
import widgets.app
import cockpit.metrics
feature = sys.modules["shibokensupport.feature"]
print(json.dumps({
    "cached": [f for f, entry in linecache.cache.items() if len(entry) > 1 and os.path.isfile(f)],
    "widgets.main_window": feature.pyside_feature_dict.get("widgets.main_window"),
    "cockpit.metrics": feature.pyside_feature_dict.get("cockpit.metrics"),
}))
"""


def test_importing_the_app_keeps_no_sources() -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", _PROBE]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # Without the patch: about 1,100 files (every module imported after PySide6).
    assert len(seen["cached"]) < 10, seen["cached"][:10]
    # The hook still tells the modules that use PySide from those that do not.
    assert seen["widgets.main_window"] == 0
    assert seen["cockpit.metrics"] == -1


def test_uses_pyside_judges_by_globals() -> None:
    import types

    from widgets.pyside_import import uses_pyside

    plain = types.ModuleType("plain")
    plain.__dict__.update(json=json, value=3)
    qt = types.ModuleType("qt")
    from PySide6.QtCore import QObject

    qt.__dict__.update(QObject=QObject)
    assert not uses_pyside(plain)
    assert uses_pyside(qt)
