"""Supervisor Cockpit: ``python main.py`` opens the window; verbs run headless.

See ``python main.py --help``.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from cockpit.cli import run

    return run(sys.argv[1:] if argv is None else argv, gui=_gui, pdf=_pdf)


def _gui(args: object) -> int:
    # Imported late so that headless verbs never load Qt.
    from widgets.app import run_gui

    return run_gui(args)


def _pdf() -> object:
    # Qt (offscreen when there is no display) only for the PDF exports.
    from widgets.review_pdf import renderer

    return renderer()


if __name__ == "__main__":
    sys.exit(main())
