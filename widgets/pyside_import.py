"""PySide6's import hook, without reading every module's source.

Once PySide6 is imported, shiboken hooks ``import``: for every module
imported after it, its ``__feature__`` support asks whether the module uses
PySide by reading the module's whole source (``inspect.getsource``), which
keeps every source file in ``linecache`` for the life of the process. For
the cockpit that is about 1,100 files and 40 MB of memory at start-up, never
given back (measured with ``bench/desk_rss.py``; PYSIDE-2029 in PySide's
tracker is the reason the check exists). The cockpit uses no ``__feature__``
(no ``snake_case``, no ``true_property``), so the question is answered
from the module's names instead: a module uses PySide when one of its
globals is a PySide6 module or comes from one.
"""

from __future__ import annotations

import sys
from types import ModuleType

_PYSIDE = ("PySide6", "shiboken6")


def uses_pyside(module: ModuleType) -> bool:
    """Whether ``module`` refers to PySide6, judged from its globals."""
    for value in list(vars(module).values()):
        if isinstance(value, ModuleType):
            owner: object = value.__name__
        else:
            try:
                owner = getattr(value, "__module__", None)
            except Exception:  # an odd object's attribute hook; not PySide's
                continue
        if isinstance(owner, str) and owner.startswith(_PYSIDE):
            return True
    return False


def skip_source_reads() -> bool:
    """Replace the hook's source check; False when this PySide6 has none
    (a later release may have changed it: then nothing is patched)."""
    import PySide6  # noqa: F401  (installs the hook)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
