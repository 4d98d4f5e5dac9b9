"""Background prefetch of package files, for the rez repository plugin.

rez loads a family's packages one after another, in the order the plugin lists them
(newest first), skipping versions outside the range it needs. The plugin reads ahead of
it: the ``FIRST`` newest package files when a resolve first touches a family, then, each
time rez is about to load a package, the ``AHEAD`` files after it. One daemon thread
reads what is queued with the scanner's ``prefetch`` (many files in flight, no GIL
held), so that rez's own loads find them in the page cache. ``PYRER_REZ_PREFETCH=0``
switches it off.
"""

from __future__ import annotations

import os
import queue
import threading
from typing import List, Optional

ENV = "PYRER_REZ_PREFETCH"
CONCURRENCY = 32  # files read at once
FIRST = 2  # files read when a family is first looked up
AHEAD = 4  # files read ahead of each load

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
        while not _queue.empty():  # everything queued meanwhile, in one batch
            paths = paths + _queue.get()
        try:
            _native.prefetch(paths, CONCURRENCY)
        except Exception:  # a prefetch is only a hint; the loads report real errors
            pass
