"""Where the files that ship with the cockpit live: the playbooks and the
UI resources (icons, translations, the desktop entry).

In the repository they sit at the top level (``incident_playbooks/``,
``resources/``). An installed wheel carries the same folders as package data
under ``cockpit/_shipped/`` (see ``[tool.setuptools.package-dir]`` in
``pyproject.toml``), and a PyInstaller build puts them at the same place in
its bundle. The installed copy wins when both exist, so a wheel never picks
up a stray ``resources`` folder beside site-packages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Asset = Literal["playbooks", "resources"]

_PACKAGE = Path(__file__).resolve().parent
_REPOSITORY_NAMES: dict[Asset, str] = {
    "playbooks": "incident_playbooks",
    "resources": "resources",
}


def asset_dir(asset: Asset) -> Path:
    """The folder of ``asset``: installed package data, else the repository's."""
    shipped = _PACKAGE / "_shipped" / asset
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent / _REPOSITORY_NAMES[asset]
