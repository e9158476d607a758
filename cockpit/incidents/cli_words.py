"""What the incident command line says on stderr (warnings, errors), in
Simplified Chinese and English: it follows ``--language`` (then the
settings, then the system locale), as the exported reviews do. The JSON on
stdout stays in codes, for scripts."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from cockpit.incidents.broadcast import UnknownScript
from cockpit.incidents.engine import IncidentNotActive, UnknownStep
from cockpit.incidents.model import ActionResult, Target, TargetKind
from cockpit.incidents.playbook import LANGUAGES, Playbook
from cockpit.incidents.queries import UnknownPlaybook
from cockpit.incidents.templating import MissingVariables
from cockpit.store.incidents import UnknownIncident


class VarProblem(ValueError):
    """A ``--var`` argument that cannot be used; ``language`` is set when it
    named a language the cockpit does not write."""

    def __init__(self, pair: str, language: str | None = None) -> None:
        self.pair, self.language = pair, language
        key = "var_language" if language else "var_form"
        known = " / ".join(LANGUAGES)
        super().__init__(_text("en", key, pair=pair, language=language, known=known))


_WORDS: Mapping[str, tuple[str, str]] = {
    "skipped": (
        "提示：群聊“{chat}”未配置 webhook 地址，通知未发送；事件操作本身已完成。",
        "warning: the notice to team chat “{chat}” was not sent: it has no webhook "
        "configured. The incident action itself went through.",
    ),
    "var_form": (
        "--var {pair!r}：应写成 NAME=VALUE 或 NAME.LANGUAGE=VALUE",
        "--var {pair!r}: expected NAME=VALUE or NAME.LANGUAGE=VALUE",
    ),
    "var_language": (
        "--var {pair!r}：不支持的语言 {language!r}（可用 {known}）",
        "--var {pair!r}: unknown language {language!r} (use {known})",
    ),
    "unknown_incident": ("没有编号为 {id} 的事件", "no incident {id}"),
    "unknown_playbook": ("没有预案 {id!r}", "no playbook {id!r}"),
    "unknown_script": ("预案中没有话术 {id!r}", "the playbook has no script {id!r}"),
    "unknown_step": ("检查清单中没有步骤 {id!r}", "the checklist has no step {id!r}"),
    "not_active": ("事件 {id} 已解除", "incident {id} is resolved"),
    "missing": ("缺少变量：{names}", "missing variables: {names}"),
    "no_pdf": ("此处无法导出 PDF", "PDF export is not available here"),
    "checked": (
        "{valid} 个预案有效，{problems} 个问题（{where}）",
        "{valid} playbook(s) valid, {problems} problem(s) in {where}",
    ),
}


def _text(in_language: str, key: str, **values: object) -> str:
    zh, en = _WORDS[key]
    return (zh if in_language == "zh_CN" else en).format(**values)


class CliWords:
    """The messages in one language (``zh_CN`` or ``en``)."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"

    def __call__(self, key: str, **values: object) -> str:
        return _text(self.language, key, **values)

    def skipped(self, result: ActionResult, playbook: Playbook | None) -> str:
        """The warning line of one skipped optional part (a team chat)."""
        return self("skipped", chat=chat_title(result.target, playbook, self.language))

    def error(self, exc: Exception) -> str:
        """A usage error in the language; unknown ones as they are."""
        for kind, render in _ERRORS:
            if isinstance(exc, kind):
                return render(self, exc)
        return str(exc)


def chat_title(target: str | None, playbook: Playbook | None, language: str) -> str:
    """``team:floor_leads`` → the playbook's label of the chat (its name without one)."""
    try:
        parsed = Target.parse(target or "")
    except ValueError:
        return target or ""
    if parsed.kind is not TargetKind.TEAM or parsed.channel is None:
        return str(parsed)
    channels = playbook.team.channels if playbook is not None and playbook.team else []
    found = next((c for c in channels if c.name == parsed.channel), None)
    return found.title(language) if found is not None else parsed.channel


def _var(words: CliWords, exc: Exception) -> str:
    assert isinstance(exc, VarProblem)
    key = "var_language" if exc.language else "var_form"
    return words(key, pair=exc.pair, language=exc.language, known=" / ".join(LANGUAGES))


_ERRORS: tuple[tuple[type[Exception], Callable[[CliWords, Exception], str]], ...] = (
    (VarProblem, _var),
    (UnknownIncident, lambda w, e: w("unknown_incident", id=getattr(e, "incident_id", ""))),
    (UnknownPlaybook, lambda w, e: w("unknown_playbook", id=getattr(e, "playbook_id", ""))),
    (UnknownScript, lambda w, e: w("unknown_script", id=getattr(e, "script_id", ""))),
    (UnknownStep, lambda w, e: w("unknown_step", id=getattr(e, "step_id", ""))),
    (IncidentNotActive, lambda w, e: w("not_active", id=getattr(e, "incident_id", ""))),
    (MissingVariables, lambda w, e: w("missing", names=", ".join(getattr(e, "names", ())))),
)
