"""Erlang C against published table values, and Erlang A against Erlang C
when nobody gives up."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.erlang import (
    agents_needed,
    average_wait_s,
    erlang_a_service_level,
    erlang_b,
    erlang_c,
    service_level,
)

# The textbook example (10 Erlangs: 200 contacts an hour, 180 s handle time,
# answer within 20 s): probability of waiting per agent count, as printed in
# Erlang C tables.
PUBLISHED_WAIT = {11: 0.6821, 12: 0.4494, 13: 0.2853, 14: 0.1741, 15: 0.1020}


@pytest.mark.parametrize(("agents", "wait"), sorted(PUBLISHED_WAIT.items()))
def test_probability_of_waiting_matches_the_tables(agents: int, wait: float) -> None:
    assert erlang_c(agents, 10.0) == pytest.approx(wait, abs=5e-5)


def test_service_level_and_speed_of_answer_of_the_textbook_example() -> None:
    # 14 agents: 88.8 % answered within 20 s, average wait 7.8 s.
    assert service_level(14, 10.0, handle_s=180, within_s=20) == pytest.approx(0.8884, abs=5e-4)
    assert average_wait_s(14, 10.0, handle_s=180) == pytest.approx(7.8, abs=0.05)
    assert agents_needed(10.0, handle_s=180, within_s=20, target=0.8) == 14
    assert agents_needed(10.0, handle_s=180, within_s=20, target=0.9) == 15


def test_erlang_b_published_value() -> None:
    # Erlang B tables: 10 Erlangs on 10 lines block 21.46 % of calls.
    assert erlang_b(10, 10.0) == pytest.approx(0.2146, abs=5e-5)


def test_overload_and_empty_queue() -> None:
    assert erlang_c(10, 10.0) == 1.0
    assert service_level(9, 10.0, handle_s=180, within_s=20) == 0.0
    assert average_wait_s(10, 10.0, handle_s=180) == math.inf
    assert erlang_c(3, 0.0) == 0.0
    assert agents_needed(0.0, handle_s=180, within_s=20, target=0.8) == 0
    with pytest.raises(ValueError, match="between 0 and 1"):
        agents_needed(1.0, handle_s=180, within_s=20, target=1.5)


def test_erlang_a_without_abandonment_is_erlang_c() -> None:
    lam = 200 / 3600
    for agents in (12, 14):
        a = erlang_a_service_level(agents, lam, handle_s=180, patience_s=1e9, within_s=20)
        assert a == pytest.approx(service_level(agents, 10.0, handle_s=180, within_s=20), abs=1e-3)


def test_impatient_customers_shorten_the_queue_for_the_rest() -> None:
    lam = 200 / 3600
    patient = erlang_a_service_level(12, lam, handle_s=180, patience_s=1e9, within_s=20)
    impatient = erlang_a_service_level(12, lam, handle_s=180, patience_s=120, within_s=20)
    assert impatient > patient
    # Erlang A stays defined past the Erlang C overload point.
    assert 0 < erlang_a_service_level(9, lam, handle_s=180, patience_s=120, within_s=20) < 1


@given(st.floats(0.1, 200), st.integers(1, 400))
def test_service_level_is_a_probability_and_grows_with_agents(traffic: float, agents: int) -> None:
    low = service_level(agents, traffic, handle_s=300, within_s=60)
    high = service_level(agents + 1, traffic, handle_s=300, within_s=60)
    assert 0.0 <= low <= high <= 1.0
