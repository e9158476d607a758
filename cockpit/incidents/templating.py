"""Safe variable substitution for playbook texts.

A playbook is data, never code: a template may only name plain variables,
``{eta}`` or ``{order_no}``. Attribute and index access (``{a.b}``,
``{a[0]}``), conversions (``{a!r}``) and format specs (``{a:>10}``) are
refused, and a substituted value is inserted as-is, never parsed again.
``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Set
from enum import StrEnum

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PARSER = string.Formatter()


class TemplateProblem(StrEnum):
    UNBALANCED_BRACE = "unbalanced_brace"
    NOT_A_PLAIN_NAME = "not_a_plain_name"
    FORMAT_SPEC = "format_spec"
    CONVERSION = "conversion"


class TemplateError(ValueError):
    """A template that does not follow the rules; ``problem`` says which."""

    def __init__(self, problem: TemplateProblem, field: str = "") -> None:
        self.problem = problem
        self.field = field
        super().__init__(_EXPLAIN[problem].format(field=field))


_EXPLAIN = {
    TemplateProblem.UNBALANCED_BRACE: "a '{{' or '}}' without its partner (write '{{{{' or "
    "'}}}}' for a literal brace)",
    TemplateProblem.NOT_A_PLAIN_NAME: "{{{field}}} is not a plain variable name (letters, "
    "digits and _ only; no '.', '[' or spaces)",
    TemplateProblem.FORMAT_SPEC: "{{{field}}} has a format spec; only plain {{name}} is allowed",
    TemplateProblem.CONVERSION: "{{{field}}} has a conversion; only plain {{name}} is allowed",
}


class MissingVariables(KeyError):
    """Variables a template needs that were not given; ``names`` is sorted."""

    def __init__(self, names: Set[str]) -> None:
        self.names = tuple(sorted(names))
        super().__init__(self.names)

    def __str__(self) -> str:
        return "missing variables: " + ", ".join(self.names)


def _pieces(template: str) -> list[tuple[str, str | None]]:
    """(literal, variable name or None) pairs; raises :class:`TemplateError`."""
    try:
        parsed = list(_PARSER.parse(template))
    except ValueError:
        raise TemplateError(TemplateProblem.UNBALANCED_BRACE) from None
    pieces: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is not None:
            if not _PLAIN_NAME.match(name):
                raise TemplateError(TemplateProblem.NOT_A_PLAIN_NAME, name)
            if conversion:
                raise TemplateError(TemplateProblem.CONVERSION, name)
            if spec:
                raise TemplateError(TemplateProblem.FORMAT_SPEC, name)
        pieces.append((literal, name))
    return pieces


def variables_of(template: str) -> frozenset[str]:
    """The variable names a template uses; raises :class:`TemplateError`."""
    return frozenset(name for _, name in _pieces(template) if name is not None)


def render(template: str, values: Mapping[str, str], *, keep: Set[str] = frozenset()) -> str:
    """Fill ``template`` from ``values``.

    Variables named in ``keep`` but absent from ``values`` stay as ``{name}``
    placeholders (an agent fills them in). Any other absent variable raises
    :class:`MissingVariables`, listing all of them at once.
    """
    out: list[str] = []
    missing: set[str] = set()
    for literal, name in _pieces(template):
        out.append(literal)
        if name is None:
            continue
        if name in values:
            out.append(str(values[name]))
        elif name in keep:
            out.append("{" + name + "}")
        else:
            missing.add(name)
    if missing:
        raise MissingVariables(missing)
    return "".join(out)
