"""Qt test set-up: a private window-state folder per test, and the
application-wide state (style sheet, palette, locale) reset after each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from widgets.app import Translations, apply_app_font, apply_theme


@pytest.fixture(autouse=True)
def private_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Window state (language, night mode) never leaks between tests."""
    folder = tmp_path / "config"
    monkeypatch.setenv("COCKPIT_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def reset_application(qapp: QApplication) -> Iterator[None]:
    QLocale.setDefault(QLocale("en_US"))
    yield
    qapp.setStyleSheet("")
    qapp.setPalette(qapp.style().standardPalette())
    QLocale.setDefault(QLocale("en_US"))


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    switcher = Translations(qapp)
    yield switcher
    switcher.clear()
    QLocale.setDefault(QLocale("en_US"))


@pytest.fixture
def real_font(qapp: QApplication) -> Iterator[None]:
    """The cockpit's own font and style sheet (fonts decide what fits)."""
    before = qapp.font()
    apply_app_font(qapp)
    apply_theme(qapp, night=False)
    yield
    qapp.setFont(before)
    qapp.setProperty("cockpitBasePoints", None)
