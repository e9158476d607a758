"""A real django-helpdesk on 127.0.0.1 for the live tests (stdlib only).

- :func:`ensure_venv` builds ``<cache>/helpdesk-venv`` from the pinned
  ``requirements.txt`` once and reuses it while that file is unchanged; it
  also keeps a freshly migrated database there, so later runs skip migrating.
- :class:`HelpdeskLab` owns one run directory: it seeds it
  (``manage.py seed_lab``), starts ``manage.py runserver 127.0.0.1:PORT
  --noreload`` in its own process group, waits until ``/helpdesk/api/``
  answers, and stops it (the whole group) again.

Command line, for a manual session::

    python tools/helpdesk_lab/lab.py --port 8765 --dir /tmp/hd   # Ctrl-C stops it
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import venv
from pathlib import Path
from typing import Any

LAB = Path(__file__).resolve().parent
SITE = LAB / "site"
REQUIREMENTS = LAB / "requirements.txt"
MOUNT = "/helpdesk/"
NETWORK_ERRORS = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution",
    "Could not find a version",
    "ConnectTimeoutError",
)


class LabUnavailable(RuntimeError):
    """django-helpdesk cannot be installed here (no package index reachable)."""


def ensure_venv(cache: Path) -> Path:
    """The helpdesk venv's Python, building the venv when missing or outdated.

    A lock file keeps two test runs from building the same venv at once.
    """
    home = cache.resolve() / "helpdesk-venv"
    home.parent.mkdir(parents=True, exist_ok=True)
    with (home.parent / "helpdesk-venv.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_venv(home)


def _build_venv(home: Path) -> Path:
    python = home / "bin" / "python"
    stamp = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    stamp_file = home / ".requirements-sha256"
    if python.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return python
    shutil.rmtree(home, ignore_errors=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(home)
    command = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    result = subprocess.run(
        [*command, "-r", str(REQUIREMENTS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        shutil.rmtree(home, ignore_errors=True)
        tail = (result.stderr or result.stdout)[-800:]
        if any(marker in tail for marker in NETWORK_ERRORS):
            raise LabUnavailable(f"package index unreachable? {tail}")
        raise RuntimeError(f"pip install of django-helpdesk failed:\n{tail}")
    stamp_file.write_text(stamp)
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class HelpdeskLab:
    """One django-helpdesk site: its run directory, its token, its server process."""

    def __init__(self, python: Path, run_dir: Path, *, port: int, token: str) -> None:
        self.python = python
        self.run_dir = run_dir
        self.port = port
        self.token = token
        self.extra_env: dict[str, str] = {}
        self.log_path = run_dir / "server.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{MOUNT}"

    @property
    def backend_url(self) -> str:
        return f"helpdesk+http://127.0.0.1:{self.port}{MOUNT}"

    def _env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("COCKPIT_", "DJANGO_", "HELPDESK_", "VIRTUAL_ENV", "PYTHON"))
        }
        env.update(
            HDLAB_DIR=str(self.run_dir),
            DJANGO_SETTINGS_MODULE="hdlab.settings",
            PYTHONUNBUFFERED="1",
            PYTHONDONTWRITEBYTECODE="1",
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(
            [str(self.python), "manage.py", *args],
            cwd=SITE,
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-2000:]}")
        return result.stdout

    def prepare(self) -> None:
        """A migrated database: copied from the venv's template, or migrated once."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        # Keyed on the site's settings: a changed site migrates afresh.
        settings_hash = hashlib.sha256((SITE / "hdlab" / "settings.py").read_bytes()).hexdigest()
        template = self.python.parent.parent / f"migrated-{settings_hash[:12]}.sqlite3"
        database = self.run_dir / "db.sqlite3"
        if template.exists():
            shutil.copyfile(template, database)
            return
        self.manage("migrate", "--noinput", timeout=300)
        shutil.copyfile(database, template)

    def seed(self, spec: dict[str, Any]) -> dict[str, Any]:
        path = self.run_dir / "spec.json"
        path.write_text(json.dumps(dict(spec, token=self.token)), encoding="utf-8")
        seeded: dict[str, Any] = json.loads(
            self.manage("seed_lab", str(path)).strip().splitlines()[-1]
        )
        return seeded

    def start(self, *, ready_within: float = 30.0) -> None:
        if self._process is not None:
            raise RuntimeError("the helpdesk server is already running")
        log = self.log_path.open("ab")
        try:
            self._process = subprocess.Popen(
                [
                    str(self.python),
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{self.port}",
                    "--noreload",
                ],
                cwd=SITE,
                env=self._env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        self.wait_ready(ready_within)

    def wait_ready(self, within: float) -> None:
        """Poll ``/helpdesk/api/`` with the token until it answers 200."""
        deadline = time.monotonic() + within
        request = urllib.request.Request(
            self.base_url + "api/", headers={"Authorization": f"Token {self.token}"}
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        last = "no answer"
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"runserver exited:\n{self.log_tail()}")
            try:
                with opener.open(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError) as exc:
                last = str(exc)
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"django-helpdesk not ready within {within:g} s ({last})")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def log_lines(self) -> list[str]:
        try:
            return self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--dir", type=Path, required=True, help="run directory")
    parser.add_argument("--cache", type=Path, default=LAB.parent.parent / ".cache")
    parser.add_argument("--spec", type=Path, help="seed spec (JSON); see seed_lab.py")
    args = parser.parse_args()
    token = hashlib.sha1(os.urandom(20)).hexdigest()
    lab = HelpdeskLab(ensure_venv(args.cache), args.dir, port=args.port, token=token)
    lab.prepare()
    if args.spec:
        print(json.dumps(lab.seed(json.loads(args.spec.read_text()))))
    lab.start()
    print(f"{lab.backend_url}  COCKPIT_HELPDESK_TOKEN={token}", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        lab.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
