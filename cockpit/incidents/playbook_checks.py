"""What pydantic cannot check on its own (ids that must be unique, variables
that must be declared, references between sections), and the wording of
every error as ``key: what was expected``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cockpit.incidents.playbook import LANGUAGES, LocalText, Playbook, PlaybookIssue
from cockpit.incidents.templating import TemplateError, variables_of
from cockpit.incidents.toml_lines import KeyLines, dotted

# Variables every text may use, filled by the engine.
INCIDENT_BUILTINS = frozenset({"incident_id", "playbook", "declared_at"})
# Variables filled from the ticket when replying to one.
TICKET_BUILTINS = frozenset({"ticket_id", "subject"})
STATUS_STEP = "status_update"

Loc = tuple[str | int, ...]


# --- pydantic errors in plain words -----------------------------------------------


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime | date | time):
        return "a date/time"
    return type(value).__name__


_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "bool_type": "true or false",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "float_type": "a number",
}


def _strip_union_tags(loc: Sequence[str | int]) -> Loc:
    # pydantic adds the tried type to the location of union errors.
    tags = {"str", "LocalText", "int", "bool"}
    return tuple(p for p in loc if isinstance(p, int) or (p not in tags and "[" not in p))


def _wording(error: ErrorDetails) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "expected this key, but it is missing"
    if kind == "extra_forbidden":
        return "unknown key: not part of the playbook format (a typo?)"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_toml_type(value)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, got {value!r}"
    if kind == "string_pattern_mismatch":
        return (
            "expected an identifier (lower-case letters, digits and _, starting with a "
            f"letter), got {value!r}"
        )
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} entries, got {ctx.get('actual_length')}"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind.startswith(("greater_than", "less_than")):
        return f"expected a number {error['msg'].removeprefix('Input should be ')}, got {value!r}"
    return f"expected something else: {error['msg']}"


def describe_validation(exc: ValidationError, text: str, path: Path) -> list[PlaybookIssue]:
    lines = KeyLines(text)
    by_loc: dict[Loc, list[ErrorDetails]] = {}
    for error in exc.errors():
        by_loc.setdefault(_strip_union_tags(error["loc"]), []).append(error)
    issues = []
    for loc, errors in by_loc.items():
        if len(errors) > 1 and all(e["type"] in _EXPECTED for e in errors):
            expected = " or ".join(dict.fromkeys(_EXPECTED[e["type"]] for e in errors))
            message = f"expected {expected}, got {_toml_type(errors[0].get('input'))}"
        else:
            message = "; ".join(dict.fromkeys(_wording(e) for e in errors))
        issues.append(PlaybookIssue(path, dotted(loc), message, lines.line_of(loc)))
    return issues


# --- cross-checks ---------------------------------------------------------------------


def cross_check(playbook: Playbook, text: str, path: Path) -> list[PlaybookIssue]:
    lines = KeyLines(text)
    return [
        PlaybookIssue(path, dotted(loc), message, lines.line_of(loc))
        for loc, message in _problems(playbook)
    ]


def _problems(pb: Playbook) -> Iterator[tuple[Loc, str]]:
    yield from _duplicates([s.id for s in pb.scripts], "scripts", "script id")
    yield from _duplicates([s.id for s in pb.checklist], "checklist", "step id")
    if pb.team is not None:
        names = [c.name for c in pb.team.channels]
        yield from _duplicates(names, ("team", "channels"), "channel name")
    if pb.status_update_every is not None:
        for i, step in enumerate(pb.checklist):
            if step.id == STATUS_STEP:
                yield (
                    ("checklist", i, "id"),
                    (
                        f"{STATUS_STEP!r} is reserved for the status-update cadence "
                        "(status_update_every); choose another id"
                    ),
                )
    for name in sorted(set(pb.variables) & (INCIDENT_BUILTINS | TICKET_BUILTINS)):
        yield ("variables", name), f"{name!r} is built in; choose another variable name"
    yield from _auto_problems(pb)
    yield from _template_problems(pb)


def _duplicates(ids: list[str], where: str | Loc, what: str) -> Iterator[tuple[Loc, str]]:
    base: Loc = (where,) if isinstance(where, str) else where
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            yield (
                (*base, i, "name" if what == "channel name" else "id"),
                (f"expected a unique {what}, but {value!r} is used twice"),
            )
        seen.add(value)


def _auto_problems(pb: Playbook) -> Iterator[tuple[Loc, str]]:
    scripts = {s.id: s for s in pb.scripts}
    for i, script_id in enumerate(pb.auto.publish):
        if script_id not in scripts:
            yield ("auto", "publish", i), f"expected the id of a script, got {script_id!r}"
        elif "agents" not in scripts[script_id].channels:
            yield (
                ("auto", "publish", i),
                (f"script {script_id!r} cannot be published: its channels lack 'agents'"),
            )
    if pb.auto.notify_team and (pb.team is None or not pb.team.channels):
        yield ("auto", "notify_team"), "expected a [team] section with at least one channel"


def _template_problems(pb: Playbook) -> Iterator[tuple[Loc, str]]:
    for i, script in enumerate(pb.scripts):
        contexts: set[str] = set(script.channels)
        for language in LANGUAGES:
            parts = script.text(language).model_dump()
            for part, template in parts.items():
                loc: Loc = ("scripts", i, language, part)
                yield from _check_template(pb, template, loc, contexts)
    yield from _check_local(pb, pb.bot.text, ("bot", "text"))
    if pb.team is not None:
        yield from _check_local(pb, pb.team.declared, ("team", "declared"))
        yield from _check_local(pb, pb.team.resolved, ("team", "resolved"))


def _check_local(pb: Playbook, text: LocalText, loc: Loc) -> Iterator[tuple[Loc, str]]:
    for language in LANGUAGES:
        yield from _check_template(pb, text.get(language), (*loc, language), {"team"})


def _check_template(
    pb: Playbook, template: str, loc: Loc, contexts: set[str]
) -> Iterator[tuple[Loc, str]]:
    try:
        names = variables_of(template)
    except TemplateError as exc:
        yield loc, f"expected a text with plain {{name}} variables: {exc}"
        return
    known = set(pb.variables) | INCIDENT_BUILTINS | TICKET_BUILTINS
    for name in sorted(names - known):
        yield loc, f"unknown variable {{{name}}}: declare it under [variables.{name}]"
    without_ticket = contexts & {"bot", "team"}
    for name in sorted(names & known):
        yield from _ticket_variable_problems(pb, name, loc, contexts, bool(without_ticket))


def _ticket_variable_problems(
    pb: Playbook, name: str, loc: Loc, contexts: set[str], without_ticket: bool
) -> Iterator[tuple[Loc, str]]:
    spec = pb.variables.get(name)
    if name in TICKET_BUILTINS and without_ticket:
        yield loc, f"{{{name}}} exists only when replying to a ticket, not in a bot or team text"
    if spec is None or not spec.per_ticket or spec.default is not None:
        return
    if without_ticket:
        yield (
            loc,
            f"per-ticket variable {{{name}}} needs a default to be used in a bot or team text",
        )
    elif "tickets" in contexts:
        yield loc, f"per-ticket variable {{{name}}} needs a default to be sent to many tickets"
