"""Every Qt class of the cockpit: windows, panels, item models, the bridge.

Importing the package first makes PySide6's import hook cheap
(:mod:`widgets.pyside_import`), before any other module is imported after
PySide6.
"""

from widgets.pyside_import import skip_source_reads

skip_source_reads()
