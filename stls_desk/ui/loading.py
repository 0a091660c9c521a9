"""Loading the rest of the program on a thread, once the window's first screen is filled.

The first screen is read with plain SQL (services.first_screen), so SQLAlchemy, the models and the record
services are not imported when it shows; importing them takes about half a second. `load_the_rest` does it
on a daemon thread while the window's event loop goes on (a tab shown meanwhile waits at its own import
for the modules it needs), then calls back on the window's thread.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

POLL_MS = 25
LOADED_LATER = (
    "stls_desk.db.models",
    "stls_desk.services.core",
    "stls_desk.services.undo",
    "stls_desk.services.grievances",
    "stls_desk.services.proposals",
    "stls_desk.services.meetings",
    "stls_desk.services.search",
)
"""What the first screen does without and the rest needs: no Qt in any of them."""
THREAD_NAME = "STLS Desk: loading"


def load_the_rest(owner: QObject, then: Callable[[], None]) -> None:
    """Import LOADED_LATER and map the models on a thread; call `then` on owner's thread once done."""
    loader = threading.Thread(target=_import_the_rest, name=THREAD_NAME, daemon=True)
    loader.start()
    poll = QTimer(owner)
    poll.setInterval(POLL_MS)

    def check() -> None:
        if not loader.is_alive():
            poll.stop()
            poll.deleteLater()
            then()

    poll.timeout.connect(check)
    poll.start()


def _import_the_rest() -> None:
    """A failure is left for the window's own import of the same module to meet and report."""
    try:
        for name in LOADED_LATER:
            importlib.import_module(name)
        from stls_desk.services.core import map_models

        map_models()
    except Exception:
        pass
