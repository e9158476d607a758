"""The status bar: which backend, its API budget (rate-limited backends
only, amber when low), how healthy the data is, how old it is, the
server's clock in the user's time zone, and a warning when the backend's
clocks are off (its clock against this computer's, or ticket stamps ahead
of its own time).

The data age and the clock tick every second on a QTimer from the moment a
view arrived (a monotonic clock, so a skewed PC clock cannot lie about age).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from cockpit.backends.vendor_common import RateBudget
from cockpit.metrics import FloorView
from cockpit.runtime.health import ClockSkew, Health, HealthState
from widgets.bridge import Bridge
from widgets.theme import set_style_property


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


# The budget shows amber below this share of the backend's limit.
LOW_BUDGET_SHARE = 0.2


def _offset_label(when: datetime) -> str:
    offset = when.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


class StatusBarView(QStatusBar):
    """Backend · API budget · health badge · data age · server clock."""

    def __init__(
        self,
        *,
        backend_url: str,
        timezone: tzinfo | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self._backend_url = _without_credentials(backend_url)
        self._timezone = timezone
        self._monotonic = monotonic
        self._health: Health | None = None
        self._received_at: float | None = None
        self._server_time: datetime | None = None
        self._budget: RateBudget | None = None

        self.backend_label = QLabel(self)
        self.backend_label.setObjectName("backendLabel")
        self.health_badge = QLabel(self)
        self.health_badge.setObjectName("healthBadge")
        self.age_label = QLabel(self)
        self.age_label.setObjectName("dataAge")
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("serverClock")
        self.budget_label = QLabel(self)
        self.budget_label.setObjectName("rateBudget")
        self.skew_label = QLabel(self)
        self.skew_label.setObjectName("clockSkew")
        self.addWidget(self.backend_label, 1)
        self.addPermanentWidget(self.budget_label)
        self.budget_label.setVisible(False)  # until a rate-limited backend reports one
        self.addPermanentWidget(self.health_badge)
        self.addPermanentWidget(self.age_label)
        self.addPermanentWidget(self.clock_label)
        self.addPermanentWidget(self.skew_label)
        self.skew_label.setVisible(False)  # until the backend's clocks are seen to be off

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()
        self._retranslate()

    # --- wiring -----------------------------------------------------------------

    def bind(self, bridge: Bridge) -> None:
        bridge.floorUpdated.connect(self._on_floor_changed)
        bridge.healthChanged.connect(self._on_health_changed)
        if bridge.last_health is not None:
            self._on_health_changed(bridge.last_health)

    def _on_floor_changed(self, view: FloorView) -> None:
        # The runtime may learn its URL only once started (embedded simulator).
        if view.backend and _without_credentials(view.backend) != self._backend_url:
            self._backend_url = _without_credentials(view.backend)
            self._retranslate()
        self._received_at = self._monotonic()
        self._server_time = view.generated_at
        self._budget = view.rate_budget
        self._show_budget()
        self._on_tick()

    def _on_health_changed(self, health: Health) -> None:
        self._health = health
        self._show_health()
        self._show_age()

    def _on_tick(self) -> None:
        self._show_age()
        self._show_clock()

    # --- text -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.backend_label.setText(self.tr("Backend: {url}").format(url=self._backend_url))
        self._show_budget()
        self._show_health()
        self._on_tick()

    def _show_budget(self) -> None:
        budget = self._budget
        self.budget_label.setVisible(budget is not None)
        if budget is None:
            return
        own = f"{budget.limit:g}"
        if budget.server_remaining is not None and budget.server_limit:
            # What the backend itself counts (e.g. Zendesk's X-Rate-Limit headers).
            remaining, limit = budget.server_remaining, budget.server_limit
            low = remaining < limit * LOW_BUDGET_SHARE
            text = self.tr("API {remaining}/{limit} per min").format(
                remaining=remaining, limit=limit
            )
            tip = self.tr(
                "The backend allows {limit} requests a minute; {remaining} are left "
                "this minute. The cockpit keeps itself to {own} a minute."
            ).format(limit=limit, remaining=remaining, own=own)
        else:
            # Only the cockpit's own pace is known: low means polls wait for it.
            low = budget.remaining < 1
            text = self.tr("API ≤{limit} per min").format(limit=own)
            tip = self.tr(
                "The cockpit keeps itself to {limit} requests a minute (see the settings)."
            ).format(limit=own)
        if low:
            tip += "\n" + self.tr("The budget is nearly used up: polls may wait for it.")
        self.budget_label.setText(text)
        self.budget_label.setToolTip(tip)
        set_style_property(self.budget_label, "low", low)

    def _show_health(self) -> None:
        health = self._health
        state = health.state if health is not None else HealthState.OFFLINE
        text = self._state_text(state)
        if health is None:
            text = f"{text} · {self._reason_text('starting')}"
        elif health.reason == "no_token":
            text = f"{text} · " + self.tr("no API token: set {variable} or open Settings").format(
                variable=health.subject or "COCKPIT_FEED_TOKEN"
            )
        elif health.reason and state is not HealthState.LIVE:
            text = f"{text} · {self._reason_text(health.reason)}"
        self.health_badge.setText(f"● {text}")
        self.health_badge.setToolTip(self._health_tooltip(health))
        self._show_skew(None if health is None else health.skew)
        set_style_property(self.health_badge, "health", state.value)
        set_style_property(
            self.age_label, "stale", state in (HealthState.STALE, HealthState.OFFLINE)
        )

    def _duration(self, seconds: float) -> str:
        """``2 h 5 min``, ``12 min``, ``40 s``: a clock difference in words."""
        total = abs(round(seconds))
        if total < 60:
            return self.tr("{n} s").format(n=total)
        hours, minutes = divmod(round(total / 60), 60)
        if not hours:
            return self.tr("{n} min").format(n=minutes)
        return self.tr("{h} h {m} min").format(h=hours, m=minutes)

    def _show_skew(self, skew: ClockSkew | None) -> None:
        self.skew_label.setVisible(skew is not None)
        if skew is None:
            return
        lines = []
        if skew.server_ahead_s is not None:
            amount = self._duration(skew.server_ahead_s)
            if skew.server_ahead_s > 0:
                lines.append(
                    self.tr("The backend's clock is {amount} ahead of this computer's.").format(
                        amount=amount
                    )
                )
            else:
                lines.append(
                    self.tr("The backend's clock is {amount} behind this computer's.").format(
                        amount=amount
                    )
                )
        if skew.stamps_ahead_s is not None:
            lines.append(
                self.tr(
                    "Some tickets are stamped up to {amount} later than the backend's own time."
                ).format(amount=self._duration(skew.stamps_ahead_s))
            )
        lines.append(
            self.tr(
                "SLA clocks run on the backend's time; ask its administrator to check "
                "the server clock."
            )
        )
        self.skew_label.setText(self.tr("⚠ Clock skew"))
        self.skew_label.setToolTip("\n".join(lines))

    def _health_tooltip(self, health: Health | None) -> str:
        if health is None:
            return ""
        lines = []
        if health.last_success is not None:
            when = health.last_success.astimezone(self._timezone)
            lines.append(self.tr("Last successful poll: {time}").format(time=f"{when:%H:%M:%S}"))
        if health.consecutive_failures:
            lines.append(
                self.tr("Failed polls in a row: {n}").format(n=health.consecutive_failures)
            )
        if health.detail:
            lines.append(health.detail)
        return "\n".join(lines)

    def _show_age(self) -> None:
        if self._received_at is None:
            self.age_label.setText(self.tr("no data yet"))
            return
        age = max(0, int(self._monotonic() - self._received_at))
        if age < 60:
            text = self.tr("updated {n} s ago").format(n=age)
        elif age < 3600:
            text = self.tr("updated {n} min ago").format(n=age // 60)
        else:
            text = self.tr("updated {n} h ago").format(n=age // 3600)
        self.age_label.setText(text)

    def _show_clock(self) -> None:
        if self._server_time is None or self._received_at is None:
            self.clock_label.setText(self.tr("Server time —"))
            return
        elapsed = timedelta(seconds=max(0.0, self._monotonic() - self._received_at))
        now = (self._server_time + elapsed).astimezone(self._timezone)
        self.clock_label.setText(
            self.tr("Server time {time} ({zone})").format(
                time=f"{now:%H:%M:%S}", zone=_offset_label(now)
            )
        )

    def _state_text(self, state: HealthState) -> str:
        return {
            HealthState.LIVE: self.tr("Live"),
            HealthState.DEGRADED: self.tr("Degraded"),
            HealthState.STALE: self.tr("Stale"),
            HealthState.OFFLINE: self.tr("Offline"),
        }[state]

    def _reason_text(self, reason: str) -> str:
        known = {
            "starting": self.tr("connecting…"),
            "config": self.tr("backend not configured correctly"),
            "no_recent_poll": self.tr("no recent successful poll"),
            "unreachable": self.tr("backend unreachable"),
            "timeout": self.tr("backend timed out"),
            "tls": self.tr("secure connection failed"),
            "auth": self.tr("sign-in refused: check the credentials"),
            "permission": self.tr("access denied"),
            "not_found": self.tr("address not found on the backend"),
            "rate_limited": self.tr("backend asked us to slow down"),
            "server_error": self.tr("backend server error"),
            "payload": self.tr("unreadable answer from the backend"),
            "unknown_outcome": self.tr("outcome unknown"),
            "unexpected_status": self.tr("unexpected answer from the backend"),
            "not_supported": self.tr("not supported by this backend"),
            "error": self.tr("backend error"),
            "internal": self.tr("internal error (a cockpit bug; see the log)"),
            "dropped": self.tr("backend closed the connection"),
            "incomplete": self.tr("backend's answer was cut off"),
            "too_large": self.tr("backend's answer is too large"),
            "html_page": self.tr("backend sent a web page (sign-in page?) instead of data"),
            "replayed": self.tr("backend sent older data than shown (a cache?)"),
            "frozen": self.tr("backend's data has stopped changing"),
            "no_token": self.tr("no API token: open Settings"),
        }
        return known.get(reason, reason)
