"""The incident command line fed hostile arguments: a JSON answer or a
one-line error with a usage exit code, never a traceback."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.cli import run
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentStore
from tests.cockpit.fakes import FakeBackend
from tests.fuzz.strategies import NASTY

TEXT = st.one_of(NASTY, st.text(min_size=1, max_size=60)).map(lambda t: t.replace("\x00", ""))


def no_gui(_args: object) -> int:
    raise AssertionError("a verb opened the GUI")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'c.db'}"
    store = IncidentStore.open(url)
    webhooks = WebhookSender(secrets=lambda name: None)
    engine = IncidentEngine(store, FakeBackend(), library=load_library(), webhooks=webhooks)
    engine.declare("desk_failure", summary="x", who="li", auto=False)
    webhooks.close()
    store.close()
    return url


@settings(max_examples=40)
@given(verb=st.sampled_from(["note", "step", "status", "show"]), text=TEXT)
def test_hostile_arguments(db: str, verb: str, text: str) -> None:
    argv = {
        "note": ["note", "1", text],
        "status": ["status", "1", text],
        "step": ["step", "1", text],
        "show": ["show", text],
    }[verb]
    out, errors = io.StringIO(), io.StringIO()
    with redirect_stderr(errors):
        try:
            code = run(["incident", "--db", db, "--who", text, *argv], gui=no_gui, out=out)
        except SystemExit as exc:  # argparse: usage errors exit 2 with a message
            code = int(exc.code or 0)
    err = errors.getvalue()
    assert "Traceback" not in err
    if code == 0:
        json.loads(out.getvalue())
    else:
        assert code == 2, (code, err)
        assert err.strip()


def test_a_note_keeps_hostile_text_as_typed(db: str, tmp_path: Path) -> None:
    text = "{0.__class__} \u202eRTL\u202c 🔥 " + "x" * 5000
    out = io.StringIO()
    assert run(["incident", "--db", db, "note", "1", text], gui=no_gui, out=out) == 0
    (event,) = json.loads(out.getvalue())["events"]
    assert event["payload"]["text"] == text
