"""Incident playbooks: one TOML file per playbook, validated on load.

The format is described in ``docs/playbooks.md``. Loading never trusts a
file: types are strict (a number is not a string), unknown keys are errors,
and every problem is reported as ``file:line: key: what was expected``.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
)

from cockpit.assets import asset_dir
from cockpit.incidents.durations import format_duration, parse_duration

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
Language = Literal["zh_CN", "en"]
SeverityName = Literal["critical", "major", "minor"]
ServiceName = Literal["wecom", "dingtalk", "feishu", "slack"]
ScriptChannel = Literal["agents", "bot", "team", "tickets"]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("expected text, got an empty string")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str, when_used="json"),
]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class LocalText(_Strict):
    """A text in every language the cockpit speaks."""

    zh_CN: Text
    en: Text

    def get(self, language: str) -> str:
        return self.zh_CN if language == "zh_CN" else self.en


class ScriptText(_Strict):
    """A reply in the four parts of the house style."""

    empathy: Text
    confirm: Text
    solution: Text
    follow_up: Text

    def parts(self) -> tuple[str, str, str, str]:
        return (self.empathy, self.confirm, self.solution, self.follow_up)

    def joined(self) -> str:
        return "\n".join(part.strip() for part in self.parts())


def _default_channels() -> list[ScriptChannel]:
    return ["agents", "team", "tickets"]


class Script(_Strict):
    id: Ident
    title: LocalText
    # Where the script may go: agents (published as a reply script), the bot
    # auto-reply, team chats, or tickets (one reply to many tickets).
    channels: list[ScriptChannel] = Field(default_factory=_default_channels, min_length=1)
    zh_CN: ScriptText
    en: ScriptText

    def text(self, language: str) -> ScriptText:
        return self.zh_CN if language == "zh_CN" else self.en


class Variable(_Strict):
    label: LocalText
    # Used when no value is given; a plain string serves every language.
    default: str | LocalText | None = None
    # Filled per ticket (customer, order number): left as a placeholder for
    # agents, taken from the ticket or the default in bulk replies.
    per_ticket: bool = False

    def default_for(self, language: str) -> str | None:
        if isinstance(self.default, LocalText):
            return self.default.get(language)
        return self.default


class Bot(_Strict):
    text: LocalText
    # Topics the bot answers during the incident; empty means all topics.
    topics: list[str] = Field(default_factory=list)


class TeamChannel(_Strict):
    """A team chat, by name only: its URL and secret come from the keyring or
    the environment (``COCKPIT_WEBHOOK_<NAME>_URL`` / ``_SECRET``)."""

    name: Ident
    service: ServiceName
    # What people call the chat ("现场组长群" / "Floor leads"); the name otherwise.
    label: LocalText | None = None

    def title(self, language: str) -> str:
        return self.label.get(language) if self.label is not None else self.name


class Team(_Strict):
    channels: list[TeamChannel] = Field(default_factory=list)
    declared: LocalText
    resolved: LocalText


class Step(_Strict):
    id: Ident
    title: LocalText
    owner: str | None = Field(default=None, max_length=40)
    # Due this long after the declaration.
    due_after: Duration | None = None
    # Recurring: due again this long after each completion.
    every: Duration | None = None


class Match(_Strict):
    """What tickets belong to this kind of incident: a topic or a keyword
    suggests it; queues, when given, restrict it."""

    topics: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    queues: list[str] = Field(default_factory=list)
    # Customer channels (chat, social, …); when given, they restrict it too.
    channels: list[str] = Field(default_factory=list)
    # How far before the declaration a matching ticket may have arrived.
    window: Duration | None = None


class Auto(_Strict):
    """What happens by itself when the incident is declared."""

    bot: bool = False
    publish: list[Ident] = Field(default_factory=list)
    notify_team: bool = False


class Playbook(_Strict):
    id: Ident
    kind: Ident
    version: int = Field(default=1, ge=1)
    names: LocalText
    summary: LocalText
    severity: SeverityName = "major"
    poll_interval: Duration
    status_update_every: Duration | None = None
    remind_before: Duration = timedelta(minutes=10)
    remind_every: Duration = timedelta(minutes=15)
    match: Match = Field(default_factory=Match)
    variables: dict[Ident, Variable] = Field(default_factory=dict)
    scripts: list[Script] = Field(min_length=1)
    bot: Bot
    team: Team | None = None
    auto: Auto = Field(default_factory=Auto)
    checklist: list[Step] = Field(min_length=1)

    def script(self, script_id: str) -> Script:
        for script in self.scripts:
            if script.id == script_id:
                return script
        raise KeyError(script_id)

    def step(self, step_id: str) -> Step:
        for step in self.checklist:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready copy that :meth:`from_json` reads back (kept with the incident)."""
        return self.model_dump(mode="json", exclude_none=True)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Playbook:
        return cls.model_validate(dict(data))


# --- loading -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlaybookIssue:
    """One problem in one file: where, which key, what was expected."""

    path: Path
    key: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.key or '(top level)'}: {self.message}"


class PlaybookError(Exception):
    """A playbook file that cannot be used; ``issues`` lists every problem."""

    def __init__(self, issues: Iterable[PlaybookIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


def parse_playbook(text: str, path: Path) -> Playbook:
    """Validate one playbook's text; raises :class:`PlaybookError`."""
    from cockpit.incidents.playbook_checks import cross_check, describe_validation

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError([_syntax_issue(exc, path)]) from None
    try:
        playbook = Playbook.model_validate(raw)
    except ValidationError as exc:
        raise PlaybookError(describe_validation(exc, text, path)) from None
    issues = cross_check(playbook, text, path)
    if issues:
        raise PlaybookError(issues)
    return playbook


def _syntax_issue(exc: tomllib.TOMLDecodeError, path: Path) -> PlaybookIssue:
    # Python 3.11 puts the position in the message only: "... (at line 2, column 19)".
    text = str(exc)
    where = _TOML_POSITION.search(text)
    if where is None:
        return PlaybookIssue(path, "", f"not valid TOML: {text}")
    message = text[: where.start()].rstrip()
    return PlaybookIssue(
        path, "", f"not valid TOML: {message}", int(where.group(1)), int(where.group(2))
    )


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)\s*$")


def load_playbook(path: Path) -> Playbook:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError([PlaybookIssue(path, "", f"cannot read the file: {exc}")]) from None
    return parse_playbook(text, path)


@dataclass(frozen=True, slots=True)
class PlaybookLibrary:
    """The usable playbooks by id, where each came from, and what was broken."""

    playbooks: Mapping[str, Playbook] = field(default_factory=dict)
    sources: Mapping[str, Path] = field(default_factory=dict)
    issues: tuple[PlaybookIssue, ...] = ()

    def get(self, playbook_id: str) -> Playbook:
        return self.playbooks[playbook_id]

    def listing(self) -> list[Playbook]:
        return sorted(self.playbooks.values(), key=lambda p: p.id)


def shipped_dir() -> Path:
    """The playbooks that come with the cockpit (repository or installed)."""
    return asset_dir("playbooks")


def load_dir(directory: Path) -> PlaybookLibrary:
    """Every ``*.toml`` in ``directory``; broken files are reported, not fatal."""
    playbooks: dict[str, Playbook] = {}
    sources: dict[str, Path] = {}
    issues: list[PlaybookIssue] = []
    if not directory.is_dir():
        return PlaybookLibrary(issues=(PlaybookIssue(directory, "", "not a directory"),))
    for path in sorted(directory.glob("*.toml")):
        try:
            playbook = load_playbook(path)
        except PlaybookError as exc:
            issues.extend(exc.issues)
            continue
        if playbook.id in playbooks:
            issues.append(
                PlaybookIssue(
                    path,
                    "id",
                    f"duplicate playbook id {playbook.id!r} (also in {sources[playbook.id].name})",
                )
            )
            continue
        playbooks[playbook.id] = playbook
        sources[playbook.id] = path
    return PlaybookLibrary(playbooks, sources, tuple(issues))


def load_library(user_dir: str | Path | None = None) -> PlaybookLibrary:
    """The shipped playbooks, then the user's folder (from settings): a user
    playbook with the same id replaces the shipped one."""
    library = load_dir(shipped_dir())
    if user_dir is None:
        return library
    user = load_dir(Path(user_dir).expanduser())
    for playbook_id, path in user.sources.items():
        if playbook_id in library.playbooks:
            log.info("playbook %s from %s replaces the shipped one", playbook_id, path)
    return PlaybookLibrary(
        {**library.playbooks, **user.playbooks},
        {**library.sources, **user.sources},
        library.issues + user.issues,
    )
