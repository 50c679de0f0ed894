"""papermill's parameters for Swift notebooks.

`papermill in.ipynb out.ipynb -p epochs 3` writes the injected-parameters cell in Swift, as
`nbrun -p epochs=3` does: each value as a Swift literal of the type it has (`Int`, `Double`,
`Bool`, `String`, arrays and string-keyed dictionaries of those, `nil`):

    // Parameters
    var epochs: Int = 3
"""
from papermill.engines import NBClientEngine
from papermill.translators import papermill_translators

from .translator import SwiftTranslator

__all__ = ["SwiftTranslator", "SwiftEngine"]

papermill_translators.register("swift", SwiftTranslator)


class SwiftEngine(NBClientEngine):
    """papermill's default engine (nbclient), under the name `swift`: its entry point is how papermill
    comes to import this package (papermill has no entry point for translators)."""
