"""'Test connection' (the settings dialog's probe) against a real django-helpdesk."""

from __future__ import annotations

import pytest

from cockpit.backends.options import BackendOptions
from cockpit.backends.probe import ProbeFailure, ProbeStep, test_connection
from tests.e2e.helpdesk.conftest import Live
from tests.e2e.helpdesk.test_live_helpdesk import backend

pytestmark = [pytest.mark.network, pytest.mark.e2e]


def test_the_right_token_connects_and_counts_the_open_tickets(live_helpdesk: Live) -> None:
    result = test_connection(
        live_helpdesk.lab.backend_url, token=live_helpdesk.lab.token, options=BackendOptions()
    )
    assert (result.ok, result.step) == (True, ProbeStep.DONE), result
    hd = backend(live_helpdesk)
    try:
        assert result.tickets_seen == len(hd.fetch(None).tickets)
    finally:
        hd.close()
    assert result.server_time is not None


def test_a_wrong_token_is_a_refused_sign_in(live_helpdesk: Live) -> None:
    wrong = "0" * 40
    result = test_connection(live_helpdesk.lab.backend_url, token=wrong, options=BackendOptions())
    assert (result.ok, result.step, result.reason) == (False, ProbeStep.SIGN_IN, ProbeFailure.AUTH)
    assert wrong not in result.detail


def test_a_wrong_mount_is_not_found(live_helpdesk: Live) -> None:
    url = live_helpdesk.lab.backend_url.replace("/helpdesk", "/desk")
    result = test_connection(url, token=live_helpdesk.lab.token, options=BackendOptions())
    assert (result.ok, result.reason) == (False, ProbeFailure.NOT_FOUND), result
