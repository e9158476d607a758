"""The wheel's package list and the shipped-file lookup (no build needed)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cockpit import assets
from cockpit.incidents.playbook import shipped_dir

ROOT = Path(__file__).resolve().parents[2]


def _listed() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_python_package_is_listed_for_the_wheel() -> None:
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for top in ("cockpit", "widgets")
        for path in (ROOT / top).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    missing = found - _listed()
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_the_shipped_folders_are_mapped_to_the_repository_folders() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    assert mapping == {
        "cockpit._shipped.playbooks": "incident_playbooks",
        "cockpit._shipped.resources": "resources",
    }
    assert {"cockpit._shipped.playbooks", "cockpit._shipped.resources"} <= _listed()


def test_in_the_repository_the_top_level_folders_are_used() -> None:
    assert shipped_dir() == ROOT / "incident_playbooks"
    assert assets.asset_dir("resources") == ROOT / "resources"
    assert any(shipped_dir().glob("*.toml"))


def test_an_installed_copy_wins_over_a_stray_folder_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "cockpit"
    (package / "_shipped" / "resources").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources").mkdir()  # some other project's folder
    monkeypatch.setattr(assets, "_PACKAGE", package)
    assert assets.asset_dir("resources") == package / "_shipped" / "resources"
