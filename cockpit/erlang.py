"""Erlang C (and Erlang A, with customers who give up): the queueing
formulas behind the staffing what-ifs.

``traffic`` is the offered load in Erlangs (arrival rate × handle time),
``agents`` the people answering. Erlang C is computed through the Erlang B
recursion, which stays exact and stable for hundreds of agents (no
factorials). Erlang A follows Palm's M/M/n+M model by direct summation of
its birth–death chain (truncated where the terms vanish).
"""

from __future__ import annotations

import math


def erlang_b(agents: int, traffic: float) -> float:
    """Blocking probability of ``agents`` servers with no queue."""
    if agents < 0 or traffic < 0:
        raise ValueError("agents and traffic must not be negative")
    b = 1.0
    for k in range(1, agents + 1):
        b = traffic * b / (k + traffic * b)
    return b


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a contact has to wait (1 when the load is too high)."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    b = erlang_b(agents, traffic)
    return agents * b / (agents - traffic * (1 - b))


def service_level(agents: int, traffic: float, *, handle_s: float, within_s: float) -> float:
    """Share of contacts answered within ``within_s`` (Erlang C)."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    wait = erlang_c(agents, traffic)
    return max(0.0, 1.0 - wait * math.exp(-(agents - traffic) * within_s / handle_s))


def average_wait_s(agents: int, traffic: float, *, handle_s: float) -> float:
    """Average speed of answer in seconds (inf when the queue grows without end)."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return erlang_c(agents, traffic) * handle_s / (agents - traffic)


def agents_needed(
    traffic: float, *, handle_s: float, within_s: float, target: float, limit: int = 5000
) -> int:
    """The fewest agents whose service level reaches ``target`` (Erlang C)."""
    if not 0 < target < 1:
        raise ValueError("the service-level target must lie between 0 and 1")
    if traffic <= 0:
        return 0
    agents = max(1, math.floor(traffic) + 1)
    while agents < limit:
        if service_level(agents, traffic, handle_s=handle_s, within_s=within_s) >= target:
            return agents
        agents += 1
    return limit


def erlang_a_service_level(
    agents: int, arrival_per_s: float, *, handle_s: float, patience_s: float, within_s: float
) -> float:
    """Share of arrivals answered within ``within_s`` when customers give up
    after an exponential patience of mean ``patience_s`` (Erlang A, M/M/n+M).

    The chance that an arrival finding ``j`` waiting is answered in time is
    computed exactly on the chain's states; states beyond where their
    probability drops below 1e-12 are dropped.
    """
    if agents < 1:
        return 0.0
    if arrival_per_s <= 0:
        return 1.0
    mu, theta = 1.0 / handle_s, 1.0 / patience_s
    probs = _erlang_a_states(agents, arrival_per_s, mu, theta)
    total = sum(probs)
    answered = sum(probs[:agents])  # a free agent: answered at once
    for j, p in enumerate(probs[agents:]):
        answered += p * _answered_in_time(j, agents * mu, theta, within_s)
    return answered / total


def _erlang_a_states(agents: int, lam: float, mu: float, theta: float) -> list[float]:
    probs = [1.0]
    k = 0
    while True:
        k += 1
        rate_out = min(k, agents) * mu + max(0, k - agents) * theta
        nxt = probs[-1] * lam / rate_out
        probs.append(nxt)
        if k > agents and nxt < 1e-12 * max(probs):
            return probs
        if k > 100_000:  # pragma: no cover - far beyond any floor
            return probs


def _answered_in_time(ahead: int, service: float, theta: float, within_s: float) -> float:
    """An arrival with ``ahead`` customers before it is answered within
    ``within_s`` when ``ahead + 1`` departures (services at ``service`` or
    abandonments of those ahead at ``theta`` each) happen before it gives up
    and before ``within_s``: approximated by the chance that the sum of the
    stage times is below ``within_s`` and below its own patience, with each
    stage exponential at the rate it has at that point."""
    rates = [service + (ahead - i) * theta for i in range(ahead + 1)]
    # Sum of exponentials ending before min(patience, T): P(S_total < T, S < patience).
    # Staying patient through each stage multiplies by r / (r + theta).
    stay = 1.0
    for r in rates:
        stay *= r / (r + theta)
    mean = sum(1.0 / (r + theta) for r in rates)
    # The time to be answered, given patience held: roughly gamma with this mean.
    shape = len(rates)
    return stay * _gamma_cdf(within_s, shape, mean / shape)


def _gamma_cdf(x: float, shape: int, scale: float) -> float:
    """CDF of a gamma (Erlang) distribution with integer ``shape``."""
    if x <= 0:
        return 0.0
    z = x / scale
    if z > shape + 40 * math.sqrt(shape) + 40:
        return 1.0  # far in the upper tail (and the series would overflow)
    term, total = 1.0, 1.0
    for k in range(1, shape):
        term *= z / k
        total += term
    return max(0.0, 1.0 - math.exp(-z) * total)
