"""A throw-away Request Tracker 5 on 127.0.0.1, for the live tests and for
trying the RT adapter by hand.

It needs Debian's ``request-tracker5``, ``rt5-db-sqlite`` and
``rt5-standalone`` (``./dev test`` installs them). Each lab copies the
pristine SQLite database the package created into its own folder, writes
its own site configuration (``RT_SITE_CONFIG_DIR``; the system's is left
alone), makes an auth token for ``root`` and runs RT's own server
(Starlet) on a free port. Nothing is sent anywhere but loopback; RT's
outgoing mail stays with the local MTA.

    python tools/rt_lab.py      # starts one, prints its URL and token, Ctrl+C stops it
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

RT_SERVER = Path("/usr/share/request-tracker5/libexec/rt-server")
RT_LIB = Path("/usr/share/request-tracker5/lib")
PRISTINE_DB = Path("/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb")
# RT's own zone: not UTC, so that a query written in UTC would show up as wrong.
RT_TIMEZONE = "Asia/Shanghai"

_TOKEN_SCRIPT = """
use RT; RT::LoadConfig(); RT::Init();
my $user = RT::User->new(RT->SystemUser); $user->Load('root');
my $token = RT::AuthToken->new(RT->SystemUser);
my ($id, $msg, $secret) = $token->Create(Owner => $user->id, Description => 'cockpit tests');
die "no token: $msg\\n" unless $id;
print "$secret\\n";
"""


class LabUnavailable(Exception):
    """Request Tracker is not installed here (or would not start)."""


def installed() -> bool:
    return RT_SERVER.exists() and PRISTINE_DB.exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RtLab:
    """One RT server with its own database copy, configuration and token."""

    def __init__(self, folder: Path, *, port: int | None = None) -> None:
        if not installed():
            raise LabUnavailable(
                "Request Tracker 5 is not installed "
                "(apt-get install request-tracker5 rt5-db-sqlite rt5-standalone)"
            )
        self.folder = folder
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PRISTINE_DB, folder / "rtdb")
        (folder / "conf").mkdir(exist_ok=True)
        (folder / "conf" / "10-lab.pm").write_text(self._config(), encoding="utf-8")
        self.token = self._make_token()

    def _config(self) -> str:
        return "\n".join(
            [
                "Set($rtname, 'cockpit-lab');",
                "Set($Organization, 'cockpit-lab');",
                f"Set($Timezone, '{RT_TIMEZONE}');",
                "Set($DatabaseType, 'SQLite');",
                f"Set($DatabaseName, '{self.folder / 'rtdb'}');",
                "Set($WebPath, '');",
                "Set($WebDomain, '127.0.0.1');",
                f"Set($WebPort, {self.port});",
                f"Set($WebBaseURL, '{self.base_url}');",
                "Set($LogToSTDERR, 'error');",
                "Set($LogToFile, undef);",
                "Set($CorrespondAddress, 'rt@cockpit.invalid');",
                "Set($CommentAddress, 'rt-comment@cockpit.invalid');",
                "1;",
                "",
            ]
        )

    def _env(self) -> dict[str, str]:
        return dict(os.environ, RT_SITE_CONFIG_DIR=str(self.folder / "conf"))

    def _make_token(self) -> str:
        result = subprocess.run(
            ["perl", f"-I{RT_LIB}", "-e", _TOKEN_SCRIPT],
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise LabUnavailable(f"could not make an RT auth token: {result.stderr[-800:]}")
        return result.stdout.strip().splitlines()[-1]

    # --- the server ---------------------------------------------------------------

    def start(self, timeout: float = 120.0) -> None:
        log = (self.folder / "server.log").open("ab")
        self._process = subprocess.Popen(
            [str(RT_SERVER), "--server", "Starlet", "--host", "127.0.0.1",
             "--port", str(self.port), "--max-workers", "2"],
            env=self._env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise LabUnavailable(f"rt-server exited: {self.server_log()[-800:]}")
            try:
                answer = self.session().get(f"{self.api}/queues/all", timeout=5)
                if answer.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        self.stop()
        raise LabUnavailable(f"rt-server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)

    def server_log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # --- talking to it ----------------------------------------------------------------

    @property
    def api(self) -> str:
        return f"{self.base_url}/REST/2.0"

    def session(self, token: str | None = None) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"token {token or self.token}"
        return session


def main() -> int:
    import tempfile

    lab = RtLab(Path(tempfile.mkdtemp(prefix="rt-lab-")))
    lab.start()
    print(f"Request Tracker on {lab.base_url} (rt+{lab.base_url}/)", flush=True)
    print(f"COCKPIT_RT_TOKEN={lab.token}", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        lab.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
