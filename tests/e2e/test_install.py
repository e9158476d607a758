"""What works from the repository works from an installation: the built
wheel in a fresh virtualenv, and the PyInstaller build of the window, each
run from a folder outside the repository.

Both need the package index (the virtualenv installs the pinned
dependencies; the cache makes it quick after the first run) and are
skipped with ``COCKPIT_OFFLINE=1``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.e2e.test_cli import free_port

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
TOKEN = "install-test-token"

pytestmark = [pytest.mark.e2e, pytest.mark.network, pytest.mark.timeout(600)]


@pytest.fixture(autouse=True)
def _online() -> None:
    if os.environ.get("COCKPIT_OFFLINE") == "1":
        pytest.skip("COCKPIT_OFFLINE=1: installing needs the package index")


def _pip(python: Path, *args: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
        check=True,
        timeout=480,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the built wheel (non-editable) and its dependencies."""
    work = tmp_path_factory.mktemp("install")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(work / "dist"),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    wheel = next((work / "dist").glob("supervisor_cockpit-*.whl"))
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    _pip(python, "-c", str(LOCK), str(wheel))
    return work / "venv" / "bin"


@pytest.fixture
def outside(tmp_path: Path) -> dict[str, str]:
    """An environment that cannot see the repository: its own folders, no PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COCKPIT_"))}
    env.update(
        COCKPIT_CONFIG_DIR=str(tmp_path / "config"),
        COCKPIT_DATA_DIR=str(tmp_path / "data"),
        XDG_DATA_HOME=str(tmp_path / "share"),
        QT_QPA_PLATFORM="offscreen",
        COCKPIT_FEED_TOKEN=TOKEN,
    )
    return env


def _run(
    program: Path, *args: str, env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=180
    )


def _check_installation(program: Path, env: dict[str, str], cwd: Path) -> None:
    """The checks the issue names, against one installed program."""
    listing = _run(program, "playbooks", "list", env=env, cwd=cwd)
    assert listing.returncode == 0, listing.stderr
    assert {p["id"] for p in json.loads(listing.stdout)} >= {"service_outage", "public_opinion"}
    check = _run(program, "playbooks", "check", env=env, cwd=cwd)
    assert check.returncode == 0, check.stdout + check.stderr
    snapshot = _run(program, "snapshot", "--json", env=env, cwd=cwd)
    assert snapshot.returncode == 0, snapshot.stderr
    assert len(json.loads(snapshot.stdout)["queues"]) == 9
    smoke = _run(program, "--language", "zh_CN", "--smoke", env=env, cwd=cwd)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "客服主管驾驶舱" in smoke.stdout  # the translation shipped and loaded
    _declare_on_a_simulator(program, env, cwd)


def _declare_on_a_simulator(program: Path, env: dict[str, str], cwd: Path) -> None:
    port = free_port()
    sim = subprocess.Popen(
        [str(program), "sim", "--port", str(port), "--seed", "5"],
        env=dict(env, PYTHONUNBUFFERED="1"),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert sim.stdout is not None
        line = sim.stdout.readline()  # the simulator says where it listens
        assert f"127.0.0.1:{port}" in line, line
        declared = _run(
            program,
            "incident",
            "--backend",
            f"sim://127.0.0.1:{port}",
            "declare",
            "service_outage",
            "--summary",
            "install check",
            env=env,
            cwd=cwd,
        )
        document = json.loads(declared.stdout)
        assert document["incident"]["playbook"] == "service_outage"
        assert document["incident"]["active"]
        # The installed playbook's own steps ran against the simulator (team
        # chats have no webhook here, which is not the installation's fault).
        done = {r["action"] for r in document["results"] if r["outcome"] == "ok"}
        assert {"bot_on", "script_publish"} <= done, declared.stdout
    finally:
        sim.terminate()
        sim.wait(timeout=30)


def test_the_wheel_works_from_another_folder(
    installed: Path, outside: dict[str, str], tmp_path: Path
) -> None:
    _check_installation(installed / "cockpit", outside, tmp_path)
    entry = _run(installed / "cockpit", "desktop-entry", "--install", env=outside, cwd=tmp_path)
    assert entry.returncode == 0, entry.stderr
    assert (tmp_path / "share" / "applications" / "supervisor-cockpit.desktop").is_file()


def test_the_pyinstaller_build_runs(
    installed: Path, outside: dict[str, str], tmp_path: Path
) -> None:
    python = installed / "python"
    _pip(python, "-c", str(LOCK), "pyinstaller")
    build = subprocess.run(
        [
            str(installed / "pyinstaller"),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "packaging" / "cockpit.spec"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=480,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    _check_installation(tmp_path / "dist" / "cockpit" / "cockpit", outside, tmp_path)
