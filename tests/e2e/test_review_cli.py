"""``python main.py review ID --pdf --html --json --csv`` and ``handover``,
headless in a fresh process (offscreen Qt only for the PDF), as a cron job
would run them; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.review_export import read_json, read_samples_csv
from tests.e2e.review_drill import END_AT, Drill, recorded_drill

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def drill(db_url: str) -> Iterator[tuple[Drill, str]]:
    with recorded_drill(db_url) as done:
        yield done, db_url


def _main(*argv: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["COCKPIT_CONFIG_DIR"] = str(tmp / "config")
    env["COCKPIT_DATA_DIR"] = str(tmp / "data")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp,
        check=False,
    )


def test_review_exports_headless(drill: tuple[Drill, str], tmp_path: Path) -> None:
    recorded, url = drill
    done = _main(
        "--language", "en", "review", str(recorded.incident_id), "--db", url,
        "--timezone", "Asia/Shanghai", "--owner", "Wang",
        "--action", "Monitor certificates|ops|2026-12-01",
        "--pdf", "r.pdf", "--html", "r.html", "--json", "r.json", "--csv", "csv",
        tmp=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = json.loads(done.stdout)["written"]
    assert len(written) == 6
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 3
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Post-incident review" in html
    assert "Monitor certificates" in html
    assert "<svg" in html
    review = read_json(tmp_path / "r.json")
    assert review.incident.id == recorded.incident_id
    assert review.written.owner == "Wang"
    assert read_samples_csv(tmp_path / "csv" / "samples.csv") == list(review.samples)


def test_handover_on_demand(drill: tuple[Drill, str], tmp_path: Path) -> None:
    recorded, url = drill
    at = recorded.at(END_AT).isoformat()
    done = _main(
        "--language", "zh_CN", "handover", "--db", url, "--at", at, "--no-poll",
        "--html", "h.html", "--json", "h.json", "--pdf", "h.pdf", tmp=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert summary["floor"]["created"] > 0
    assert [i["id"] for i in summary["incidents"]] == [recorded.incident_id]
    assert summary["open_incidents"] == []
    assert summary["escalations"] is None  # not polled
    assert "交接班摘要" in (tmp_path / "h.html").read_text(encoding="utf-8")
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")


def test_review_of_an_unknown_incident(tmp_path: Path) -> None:
    done = _main("review", "42", "--db", f"sqlite:///{tmp_path / 'x.db'}", tmp=tmp_path)
    assert done.returncode == 2
    assert "no incident 42" in done.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdf_text_has_the_sections(drill: tuple[Drill, str], tmp_path: Path) -> None:
    recorded, url = drill
    done = _main(
        "--language", "en", "review", str(recorded.incident_id), "--db", url, "--pdf", "r.pdf",
        tmp=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert "595 x 842 pts (A4)" in info
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    # pdftotext gives ligatures (ﬂ) and some CJK as Kangxi radicals (⽀ for 支).
    text = unicodedata.normalize("NFKC", text)
    assert "支付与登录大面积失败" in text
    for heading in (
        "Post-incident review", "Impact on the floor", "Tickets created", "The floor over time",
        "Response times", "Checklist compliance", "Contributing causes", "Action items",
        "Responders", "Timeline",
    ):  # fmt: skip
        assert heading in text, heading
    assert f"Page {pages} of {pages}" in text
    assert text.count("\f") >= pages - 1
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSansCJKsc" in fonts  # the Chinese summary, in the SC forms
