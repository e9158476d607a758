"""Typed, versioned settings.

The settings file is JSON in the platform config dir (``COCKPIT_CONFIG_DIR``
overrides the folder, which tests use). ``COCKPIT_*`` environment variables
override single values. Secrets never live here: they come from the OS
keyring or the environment (see :mod:`cockpit.secrets`). Window state
(geometry, splitter sizes) is kept by the UI, apart from these.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from cockpit.backends.options import BackendOptions
from cockpit.domain import Priority

APP_NAME = "supervisor-cockpit"
SETTINGS_VERSION = 2
SETTINGS_FILE = "settings.json"


class SettingsError(Exception):
    """The settings file or an override is invalid; the message says where."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlaTarget(_Model):
    """Targets for one priority, in seconds. ``None`` means no target."""

    first_response_s: float | None = Field(default=None, gt=0)
    resolution_s: float | None = Field(default=None, gt=0)

    @property
    def first_response(self) -> timedelta | None:
        return None if self.first_response_s is None else timedelta(seconds=self.first_response_s)

    @property
    def resolution(self) -> timedelta | None:
        return None if self.resolution_s is None else timedelta(seconds=self.resolution_s)


def _default_targets() -> dict[Priority, SlaTarget]:
    # The service handbook's grades: urgent 5 min (report to the supervisor);
    # high 30 min to answer and 4 h to close; medium 2 h; low 24 h.
    return {
        Priority.URGENT: SlaTarget(first_response_s=5 * 60),
        Priority.HIGH: SlaTarget(first_response_s=30 * 60, resolution_s=4 * 3600),
        Priority.MEDIUM: SlaTarget(first_response_s=2 * 3600),
        Priority.LOW: SlaTarget(first_response_s=24 * 3600),
    }


# The simulator's queue ids of the handbook's two desks (see docs/metrics.md).
PRESALES = "presales"
AFTERSALES = "aftersales"
QueueTargets = dict[str, dict[Priority, SlaTarget]]


def _desk(first_response_s: float, priorities: tuple[Priority, ...]) -> dict[Priority, SlaTarget]:
    """A desk's first-response target for the given priorities, each keeping
    the priority's own resolution target."""
    grades = _default_targets()
    return {
        p: SlaTarget(first_response_s=first_response_s, resolution_s=grades[p].resolution_s)
        for p in priorities
    }


def default_queue_overrides() -> QueueTargets:
    """The handbook's desk targets: pre-sales answers in 30 s, whatever the
    priority; after-sales within 1 h (urgent and high keep their tighter
    5 min / 30 min)."""
    return {
        PRESALES: _desk(30, tuple(Priority)),
        AFTERSALES: _desk(3600, (Priority.MEDIUM, Priority.LOW)),
    }


def default_promotion_overrides() -> QueueTargets:
    """During a big promotion pre-sales may take up to 1 min."""
    return {PRESALES: _desk(60, tuple(Priority))}


class BusinessHours(_Model):
    """Working hours for local SLA policies: clocks only run inside them.

    One daily window ``[start, end)`` in ``timezone`` on ``weekdays``
    (Monday = 0), minus ``holidays``. Absent (the default), clocks run 24/7:
    the floor works nights.
    """

    timezone: str = "Asia/Shanghai"
    start: time = time(9)
    end: time = time(18)
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    holidays: tuple[date, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or any(not 0 <= day <= 6 for day in value):
            raise ValueError("weekdays: at least one day, each 0 (Monday) … 6 (Sunday)")
        return tuple(sorted(set(value)))

    @model_validator(mode="after")
    def _window(self) -> BusinessHours:
        if self.start >= self.end:
            raise ValueError("business hours: start must come before end")
        return self


class SlaSettings(_Model):
    targets: dict[Priority, SlaTarget] = Field(default_factory=_default_targets)
    # Per-queue overrides: queue id → priority → target (the handbook's
    # pre-sales and after-sales desks by default; edit or remove freely).
    queue_overrides: QueueTargets = Field(default_factory=default_queue_overrides)
    # A big promotion is on: these overrides win over queue_overrides.
    promotion: bool = False
    promotion_overrides: QueueTargets = Field(default_factory=default_promotion_overrides)
    # A clock is "at risk" once this share of its target has elapsed.
    warn_ratio: float = Field(default=0.8, gt=0, lt=1)
    # Whether a ticket that waits on the customer stops its clocks.
    pause_when_pending: bool = True
    # None: clocks run around the clock.
    business_hours: BusinessHours | None = None

    @field_validator("targets")
    @classmethod
    def _all_priorities(cls, value: dict[Priority, SlaTarget]) -> dict[Priority, SlaTarget]:
        merged = _default_targets()
        merged.update(value)
        return merged

    def target(self, queue: str, priority: Priority) -> SlaTarget:
        if self.promotion:
            promoted = self.promotion_overrides.get(queue, {}).get(priority)
            if promoted is not None:
                return promoted
        override = self.queue_overrides.get(queue, {}).get(priority)
        return override if override is not None else self.targets[priority]

    def with_promotion(self, on: bool) -> SlaSettings:
        """The same policy with the promotion targets switched on or off."""
        return self.model_copy(update={"promotion": on})


class Band(_Model):
    """Thresholds that colour a figure: ``warn`` then ``critical``.

    For figures where higher is worse (waiting) ``critical >= warn``; for
    figures where lower is worse (service level) ``critical <= warn``."""

    warn: float
    critical: float


class Ladder(_Model):
    """The rungs of one figure where higher is worse (see :mod:`cockpit.severity`):
    reaching ``notice`` / ``warn`` / ``critical`` stands on that rung (None:
    the rung is skipped). A rung once reached is held until the figure falls
    ``clear`` below its line, so a figure at the line does not flap."""

    notice: float | None = None
    warn: float
    critical: float | None = None
    clear: float = Field(default=0.0, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Ladder:
        lines = [x for x in (self.notice, self.warn, self.critical) if x is not None]
        if lines != sorted(lines):
            raise ValueError("ladder lines must rise: notice <= warn <= critical")
        return self


class Thresholds(_Model):
    """When a queue's figures and the floor's flags become notices, warnings
    and critical alerts (and the queue table's colours): relative to each
    queue's own SLA targets, see :mod:`cockpit.severity` and ``docs/alerts.md``."""

    # The fixed bands of before the ladders. No alert and no queue-table
    # cell reads them any more (only the queue panel's floor-wide tiles
    # still do); kept so settings files that carry them load unchanged.
    waiting: Band = Band(warn=10, critical=30)
    oldest_wait_s: Band = Band(warn=5 * 60, critical=15 * 60)
    service_level: Band = Band(warn=0.8, critical=0.6)

    # Customers waiting past their first-response target, per queue.
    waiting_past_target: Ladder = Ladder(notice=1, warn=5, critical=15, clear=2)
    # The oldest wait over the queue's first-response target (1.0: at target).
    oldest_wait_ratio: Ladder = Ladder(notice=0.8, warn=1.0, critical=2.0, clear=0.1)
    # Points (0.1 = 10 points) below the queue's own service-level target.
    service_level_gap: Ladder = Ladder(notice=0.01, warn=0.1, critical=0.25, clear=0.03)
    # Fewer tickets than this behind the service level: at most a notice.
    service_level_min_answers: int = Field(default=10, ge=0)
    # Open tickets past their resolution target, per queue.
    resolution_breached: Ladder = Ladder(notice=1, warn=10, critical=None, clear=2)
    # Tickets per queue carrying each escalation flag.
    # (A process flag, not a customer past target: a warning at most by
    # default; urgent tickets past due are URGENT_BREACHED, always critical.)
    urgent_not_reported: Ladder = Ladder(warn=1, clear=1)
    collab_no_answer: Ladder = Ladder(notice=1, warn=3, clear=1)
    customer_not_updated: Ladder = Ladder(warn=1, critical=5, clear=1)


class AlertSettings(_Model):
    """How often an alert nobody has taken tells the supervisor again."""

    # An active critical alert, not acknowledged or snoozed, notifies again
    # this often (floor time); None: never.
    repeat_critical_s: float | None = Field(default=5 * 60, ge=30)
    repeat_warning_s: float | None = Field(default=None, ge=30)
    # A group notifies again when its count grows by this many since it last
    # notified …
    worsen_count_step: int = Field(default=5, ge=1)
    # … or its service level falls this much further (0.05 = 5 points).
    worsen_level_step: float = Field(default=0.05, gt=0, le=1)


class EscalationSettings(_Model):
    """When escalated work needs the supervisor; a flag is raised once the
    time is *over* its limit (exactly at the limit is not yet late)."""

    # A collaboration ticket with no answer from the other department.
    collab_no_answer_s: float = Field(default=3600, gt=0)
    # An escalated complaint whose customer has had no update.
    customer_update_s: float = Field(default=2 * 3600, gt=0)
    # An urgent ticket not yet reported to the supervisor after creation.
    urgent_report_s: float = Field(default=5 * 60, gt=0)


class RecordingSettings(_Model):
    """Metric samples of every poll (for trends, reviews and handovers)."""

    enabled: bool = True
    # Full resolution for this many days, then 5-minute roll-ups.
    raw_days: float = Field(default=7, gt=0)
    rollup_days: float = Field(default=180, gt=0)
    rollup_step_s: int = Field(default=300, ge=60, le=3600)


class HandoverSettings(_Model):
    """The shift handover summary, written at the end of each shift."""

    enabled: bool = True
    # Local time the shift ends ("HH:MM"): 02:00, after the 0–2 am peak.
    time: str = Field(default="02:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    timezone: str = "Asia/Shanghai"
    shift_hours: float = Field(default=8, gt=0, le=24)
    # None: a "handover" folder in the data dir.
    output_dir: str | None = None
    language: Literal["zh_CN", "en"] = "zh_CN"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return BusinessHours._known_zone(value)


class SimSettings(_Model):
    seed: int = 7
    speed: float = Field(default=1.0, gt=0, le=3600)
    timezone: str = "Asia/Shanghai"


class TransportSettings(_Model):
    """Limits on every request to the backend (besides ``request_timeout_s``,
    which limits each wait for the next bytes)."""

    connect_timeout_s: float = Field(default=3.05, gt=0, le=60)
    # The whole request, however the bytes trickle in: then it is abandoned.
    deadline_s: float = Field(default=30.0, gt=0, le=600)
    # Larger answers are refused unread (a fault, or a page size gone wrong).
    # Parsing holds the GIL ~10-25 ms per MB, so the cap also bounds how long
    # one answer can keep the GUI thread waiting.
    max_body_mb: float = Field(default=8.0, gt=0, le=1024)

    @property
    def max_body_bytes(self) -> int:
        return int(self.max_body_mb * 1024 * 1024)


class Settings(_Model):
    version: int = SETTINGS_VERSION
    # None: the built-in simulator, started in-process.
    backend_url: str | None = None
    poll_interval_s: float = Field(default=5.0, ge=0.2, le=3600)
    # Data older than this many poll intervals shows as stale.
    stale_after_polls: float = Field(default=3.0, ge=1)
    request_timeout_s: float = Field(default=10.0, gt=0, le=300)
    language: Literal["system", "zh_CN", "en"] = "system"
    # None: the user's own time zone.
    display_timezone: str | None = None
    database_url: str | None = None
    playbook_dir: str | None = None
    # Who acts at this desk, as the alert log records it (acknowledge,
    # snooze); None: the login name.
    operator: str | None = Field(default=None, max_length=128)
    sla: SlaSettings = SlaSettings()
    thresholds: Thresholds = Thresholds()
    alerts: AlertSettings = AlertSettings()
    escalations: EscalationSettings = EscalationSettings()
    sim: SimSettings = SimSettings()
    recording: RecordingSettings = RecordingSettings()
    handover: HandoverSettings = HandoverSettings()
    backend_options: BackendOptions = BackendOptions()
    transport: TransportSettings = TransportSettings()

    @field_validator("display_timezone")
    @classmethod
    def _known_display_zone(cls, value: str | None) -> str | None:
        return None if value is None else BusinessHours._known_zone(value)


# Environment overrides: variable → dotted path into Settings.
ENV_OVERRIDES: Mapping[str, str] = {
    "COCKPIT_BACKEND_URL": "backend_url",
    "COCKPIT_POLL_INTERVAL_S": "poll_interval_s",
    "COCKPIT_LANGUAGE": "language",
    "COCKPIT_DATABASE_URL": "database_url",
    "COCKPIT_PLAYBOOK_DIR": "playbook_dir",
    "COCKPIT_TIMEZONE": "display_timezone",
    "COCKPIT_OPERATOR": "operator",
    "COCKPIT_PROMOTION": "sla.promotion",
    "COCKPIT_SIM_SEED": "sim.seed",
    "COCKPIT_SIM_SPEED": "sim.speed",
    "COCKPIT_REQUEST_DEADLINE_S": "transport.deadline_s",
    "COCKPIT_MAX_BODY_MB": "transport.max_body_mb",
}


def config_dir() -> Path:
    override = os.environ.get("COCKPIT_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("COCKPIT_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings file (defaults when absent), then apply env overrides.

    Raises :class:`SettingsError` naming the file and the key that is wrong.
    """
    path = path or config_dir() / SETTINGS_FILE
    env = os.environ if env is None else env
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
        if not isinstance(loaded, dict):
            raise SettingsError(f"{path}: expected a JSON object at the top level")
        raw = _migrate(loaded, path)
    from_env: dict[str, str] = {}
    for variable, dotted in ENV_OVERRIDES.items():
        if variable in env:
            _set_dotted(raw, dotted, env[variable] or None)
            from_env[dotted] = variable
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise SettingsError(_describe(path, exc, from_env)) from exc


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically, so a crash never leaves half a file."""
    path = path or config_dir() / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(settings.model_dump_json(indent=2), encoding="utf-8")
    tmp.replace(path)
    return path


def _migrate(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    version = raw.get("version", SETTINGS_VERSION)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        raise SettingsError(
            f"{path}: settings version {version!r} is newer than this cockpit "
            f"understands ({SETTINGS_VERSION}); update the cockpit"
        )
    migrated = dict(raw, version=SETTINGS_VERSION)
    if version < 2:
        _add_desk_targets(migrated)
    return migrated


def _add_desk_targets(raw: dict[str, Any]) -> None:
    """Version 1 had no desk targets: add the handbook's for queues the file
    does not already override (a file without overrides gets the defaults)."""
    sla = raw.get("sla")
    if not isinstance(sla, dict) or not isinstance(sla.get("queue_overrides"), dict):
        return
    defaults = {
        queue: {p.value: t.model_dump() for p, t in targets.items()}
        for queue, targets in default_queue_overrides().items()
    }
    raw["sla"] = dict(sla, queue_overrides={**defaults, **sla["queue_overrides"]})


def _set_dotted(raw: dict[str, Any], dotted: str, value: object) -> None:
    *parents, leaf = dotted.split(".")
    node = raw
    for key in parents:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[leaf] = value


def _describe(path: Path, exc: ValidationError, from_env: Mapping[str, str]) -> str:
    """One line per problem; a value that came from an environment variable
    is blamed on the variable, not on the file."""
    by_env: list[str] = []
    in_file: list[str] = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        variable = next((v for d, v in from_env.items() if _within(where, d)), None)
        if variable is None:
            in_file.append(f"  {where}: {error['msg']}")
        else:
            by_env.append(f"environment variable {variable}: {error['msg']}")
    lines = by_env + ([f"{path}: invalid settings", *in_file] if in_file else [])
    return "\n".join(lines)


def _within(where: str, dotted: str) -> bool:
    # Pydantic locations may go deeper than the override (a union's branch).
    return where == dotted or where.startswith(dotted + ".")
