"""Refresh the UI translation catalogues.

Runs ``pyside6-lupdate`` over every module in ``widgets/`` into
``resources/translations/cockpit_<lang>.ts``, marks the English catalogue's
new strings as translated by themselves (English is the source language),
then compiles every ``.ts`` into its ``.qm`` with ``pyside6-lrelease``.
Commit both the ``.ts`` and the ``.qm`` files.

    .venv/bin/python tools/update_translations.py           # update and compile
    .venv/bin/python tools/update_translations.py --check   # also fail when a
                                                            # zh_CN string is untranslated
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "widgets"
CATALOGUES = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
SOURCE_LANGUAGE = "en"

# Also lupdate's guesses for moved or similar strings: still "unfinished".
_UNFINISHED = re.compile(
    r"(<source>(?P<source>[^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?)"
    r'<translation type="unfinished">[^<]*</translation>',
    re.DOTALL,
)


def tool(name: str) -> str:
    """The Qt tool next to this interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def catalogue(language: str) -> Path:
    return CATALOGUES / f"cockpit_{language}.ts"


def update(languages: tuple[str, ...] = LANGUAGES) -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    targets = [str(catalogue(lang).relative_to(ROOT)) for lang in languages]
    command = [tool("pyside6-lupdate"), *sources, "-locations", "none", "-no-obsolete"]
    subprocess.run([*command, "-ts", *targets], cwd=ROOT, check=True)
    fill_with_source(catalogue(SOURCE_LANGUAGE))


def fill_with_source(path: Path) -> int:
    """Translate every unfinished message of the source-language catalogue by itself."""
    text = path.read_text(encoding="utf-8")
    filled, count = _UNFINISHED.subn(
        lambda m: f"{m.group(1)}<translation>{m.group('source')}</translation>", text
    )
    if count:
        path.write_text(filled, encoding="utf-8")
    return count


def release(languages: tuple[str, ...] = LANGUAGES) -> None:
    for lang in languages:
        ts = catalogue(lang)
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            cwd=ROOT,
            check=True,
        )


def unfinished(path: Path) -> list[str]:
    """Source texts still waiting for a translation in ``path``."""
    text = path.read_text(encoding="utf-8")
    return [m.group("source") for m in _UNFINISHED.finditer(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail on untranslated zh_CN strings")
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files")
    args = parser.parse_args(argv)
    if not args.no_update:
        update()
    release()
    missing = unfinished(catalogue("zh_CN"))
    for source in missing:
        print(f"untranslated (zh_CN): {source}", file=sys.stderr)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
