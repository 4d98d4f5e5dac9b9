"""Background prefetch of package files, for the rez repository plugin.

When a resolve first touches a family, the plugin hands the family's package files
(newest first) to ``submit``. One daemon thread reads them with the scanner's
``prefetch`` (many files in flight, no GIL held), so that rez's own sequential loads
find them in the page cache. ``PYRER_REZ_PREFETCH=0`` switches it off.
"""

from __future__ import annotations

import os
import queue
import threading
from typing import List, Optional

ENV = "PYRER_REZ_PREFETCH"
CONCURRENCY = 32  # files read at once

_queue: "queue.SimpleQueue[List[str]]" = queue.SimpleQueue()
_thread: Optional[threading.Thread] = None
_thread_lock = threading.Lock()


def enabled() -> bool:
    """Whether prefetch is on (the default; ``PYRER_REZ_PREFETCH=0`` turns it off)."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def submit(paths: List[str]) -> None:
    """Queues `paths` to be read in the background (nothing when prefetch is off)."""
    global _thread
    if not paths or not enabled():
        return
    _queue.put(paths)
    with _thread_lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_worker, name="pyrer-prefetch", daemon=True)
            _thread.start()


def _worker() -> None:
    from . import _native

    while True:
        paths = _queue.get()
        try:
            _native.prefetch(paths, CONCURRENCY)
        except Exception:  # a prefetch is only a hint; the loads report real errors
            pass
