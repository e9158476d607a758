"""Script variables as a lead types them (``--var``, the variables dialog):
any text, including format syntax, braces, RTL and emoji, very long; it
appears in the rendered scripts exactly as typed and never runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.clock import ManualClock
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.model import Target
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentStore
from tests.cockpit.factories import T0
from tests.cockpit.fakes import FakeBackend
from tests.fuzz.strategies import NASTY


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IncidentEngine]:
    store = IncidentStore.open(f"sqlite:///{tmp_path_factory.mktemp('vars') / 'c.db'}")
    webhooks = WebhookSender(secrets=lambda name: None)
    engine = IncidentEngine(
        store, FakeBackend(), library=load_library(), clock=ManualClock(T0), webhooks=webhooks
    )
    engine.declare("service_outage", summary="fuzz", who="li", auto=False)
    yield engine
    webhooks.close()
    store.close()


VALUES = st.one_of(NASTY, st.text(max_size=200), st.text(min_size=1000, max_size=3000))


@settings(max_examples=80)
@given(eta=VALUES)
def test_a_variable_appears_as_typed(engine: IncidentEngine, eta: str) -> None:
    eta = eta.replace("\x00", "")  # stored text: the database refuses NULs on PostgreSQL
    engine.set_variables(1, {"eta": eta}, who="li")
    preview = engine.preview_broadcast(1, "outage_ack", targets=[Target.parse("bot")],
                                       languages=["en"])  # fmt: skip
    assert preview.ok, preview.problems
    (message,) = preview.messages
    assert eta in message.text
    assert "<class" not in message.text.replace(eta, "")
