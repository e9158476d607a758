"""Translations: live switching, following the system, and complete catalogues."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cockpit.settings import Thresholds
from tests.widgets.fakes import figures, view
from widgets.app import (
    CJK_FAMILIES,
    TRANSLATIONS_DIR,
    Translations,
    apply_app_font,
    normalize_language,
    resolve_language,
)
from widgets.queue_panel import QueuePanel

ROOT = Path(__file__).resolve().parents[2]


def _headers(panel: QueuePanel) -> list[str]:
    model = panel.model
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def test_headers_switch_to_chinese_and_back(qtbot: QtBot, translations: Translations) -> None:
    panel = QueuePanel(Thresholds())
    qtbot.addWidget(panel)
    panel._on_floor_changed(view([figures("logistics", waiting=3)]))
    assert _headers(panel)[:4] == ["Queue", "SL", "Late 1st", "Late res."]
    assert panel.model.index(0, 0).data() == "Logistics"

    assert translations.apply("zh_CN") == "zh_CN"
    # Headers translate when read; the rest follows the (posted) LanguageChange.
    qtbot.waitUntil(lambda: panel._title.text() == "实时队列")
    assert _headers(panel)[:4] == ["队列", "服务水平", "首响超时", "解决超时"]
    assert panel.model.index(0, 0).data() == "物流查询"
    assert panel._tiles["waiting"].caption.text() == "待首次响应"

    translations.apply("en")
    qtbot.waitUntil(lambda: panel._title.text() == "Queues right now")
    assert _headers(panel)[0] == "Queue"
    assert panel.model.index(0, 0).data() == "Logistics"


def test_qt_own_strings_are_translated(translations: Translations) -> None:
    translations.apply("zh_CN")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


@pytest.mark.parametrize(
    ("system", "expected"),
    [("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("en_US", "en"), ("de_DE", "en"), ("C", "en")],
)
def test_system_choice_follows_the_locale(system: str, expected: str) -> None:
    assert resolve_language("system", QLocale(system)) == expected
    assert resolve_language("en", QLocale("zh_CN")) == "en"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("en_GB", "en"), ("System", "system"), ("", None),
     ("fr", None), (None, None)],
)  # fmt: skip
def test_loose_language_spellings(value: object, expected: str | None) -> None:
    assert normalize_language(value) == expected


def _messages(ts: Path) -> list[tuple[str, str, str]]:
    """(context, source, translation) for every message of a .ts file."""
    text = ts.read_text(encoding="utf-8")
    found = []
    for context in re.finditer(r"<context>\s*<name>([^<]*)</name>(.*?)</context>", text, re.S):
        for message in re.finditer(
            r"<source>([^<]*)</source>\s*<translation([^>]*)>([^<]*)</translation>", context[2]
        ):
            assert "unfinished" not in message[2], f"{ts.name}: untranslated {message[1]!r}"
            found.append((context[1], unescape(message[1]), unescape(message[3])))
    return found


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_catalogue_complete_and_compiled(language: str) -> None:
    ts = TRANSLATIONS_DIR / f"cockpit_{language}.ts"
    messages = _messages(ts)
    assert len(messages) > 50
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    for context, source, translation in messages:
        assert translation.strip(), f"{language}: empty translation for {source!r}"
        # The .qm was compiled from this .ts (run tools/update_translations.py).
        assert translator.translate(context, source) == translation, source
        for placeholder in re.findall(r"\{\w+\}", source):
            assert placeholder in translation, f"{language}: {placeholder} lost in {translation!r}"


def test_every_ui_string_is_in_the_catalogue(tmp_path: Path) -> None:
    """lupdate over widgets/ finds nothing the committed catalogue lacks."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "widgets").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), *sources, "-locations", "none", "-silent", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    wanted = {(c, s) for c, s, _ in _messages_any(fresh)}
    committed = {(c, s) for c, s, _ in _messages(TRANSLATIONS_DIR / "cockpit_zh_CN.ts")}
    assert wanted - committed == set(), "run tools/update_translations.py and translate"


def _messages_any(ts: Path) -> list[tuple[str, str, str]]:
    text = ts.read_text(encoding="utf-8")
    return [
        (context[1], unescape(source), "")
        for context in re.finditer(r"<context>\s*<name>([^<]*)</name>(.*?)</context>", text, re.S)
        for source in re.findall(r"<source>([^<]*)</source>", context[2])
    ]


def test_app_font_prefers_simplified_chinese(qapp: QApplication) -> None:
    installed = [f for f in CJK_FAMILIES if f in QFontDatabase.families()]
    if not installed:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    before = qapp.font()
    try:
        font = apply_app_font(qapp)
        assert font.families()[1] == installed[0]
        assert qapp.font().families() == font.families()
    finally:
        qapp.setFont(before)
