"""Best-effort line numbers for keys of a TOML document.

``tomllib`` reports line and column for syntax errors only. For schema
errors we still want ``file:line``: this scans the text once, follows
``[table]`` and ``[[array]]`` headers the way TOML resolves them, and maps
each key path (as pydantic reports it: names and array indexes) to the line
where it is written. Keys inside inline tables map to their parent's line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_KEY = r'(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_ARRAY_HEADER = re.compile(rf"\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"\s*\[\s*({_DOTTED})\s*\]")
_KEY_LINE = re.compile(rf"\s*({_DOTTED})\s*=")
_SPLIT = re.compile(rf"{_KEY}")


def _keys(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in _SPLIT.findall(dotted)]


class KeyLines:
    """Where each key of one TOML text is written (1-based line numbers)."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._arrays: dict[Path, int] = {}
        table: Path = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _ARRAY_HEADER.match(line)
            if header:
                table = self._open_array(_keys(header.group(1)))
                self._lines.setdefault(table, number)
                continue
            header = _TABLE_HEADER.match(line)
            if header:
                table = self._resolve(_keys(header.group(1)))
                self._lines.setdefault(table, number)
                continue
            key = _KEY_LINE.match(line)
            if key:
                self._lines.setdefault(table + tuple(_keys(key.group(1))), number)
                in_multiline = _opens_multiline(line[key.end() :])

    def _resolve(self, keys: Sequence[str]) -> Path:
        # A name that is an array of tables refers to its latest element.
        path: Path = ()
        for key in keys:
            path += (key,)
            if path in self._arrays:
                path += (self._arrays[path],)
        return path

    def _open_array(self, keys: Sequence[str]) -> Path:
        array = (*self._resolve(keys[:-1]), keys[-1])
        index = self._arrays.get(array, -1) + 1
        self._arrays[array] = index
        return (*array, index)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of its nearest written parent; None if unknown."""
        probe: Path = tuple(path)
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            probe = probe[:-1]
        return None


def _opens_multiline(value: str) -> str | None:
    for quote in ('"""', "'''"):
        if value.count(quote) % 2 == 1:
            return quote
    return None


def dotted(path: Sequence[str | int]) -> str:
    """``("scripts", 0, "en")`` → ``scripts[0].en``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
