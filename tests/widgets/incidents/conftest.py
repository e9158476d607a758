"""Incident widgets on a real engine (temporary SQLite) with inline ops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.widgets.incidents.fakes import FakeHost
from widgets.run_op import ErrorMessage, OpRunner


@pytest.fixture
def host(tmp_path: Path) -> Iterator[FakeHost]:
    fake = FakeHost(tmp_path)
    yield fake
    fake.close()


@pytest.fixture
def errors(host: FakeHost) -> Iterator[list[ErrorMessage]]:
    """Installs the op runner (inline), recording error dialogs instead of showing them."""
    shown: list[ErrorMessage] = []
    runner = OpRunner(host.run_op, present_error=lambda _parent, message: shown.append(message))
    runner.install()
    yield shown
    runner.uninstall()
    runner.deleteLater()
