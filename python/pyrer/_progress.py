"""A one-line "doing X (detail)... 1.2 s" on stderr while a slow step runs, only on a
terminal."""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import Callable, Optional, TextIO

DELAY = 0.5  # seconds before a step counts as slow
REFRESH = 0.1  # seconds between updates


class Progress:
    """Context manager: shows ``label... N.N s`` on ``stream`` (default stderr)
    from ``DELAY`` seconds into the step until it ends, then erases the line; with
    ``detail``, ``label (detail())... N.N s``. Does nothing when the stream is not a
    terminal."""

    def __init__(self, label: str, stream: TextIO | None = None,
                 detail: Optional[Callable[[], str]] = None) -> None:
        self.label = label
        self.detail = detail
        self.stream = stream if stream is not None else sys.stderr
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.stream.isatty():
            self._thread = threading.Thread(target=self._run, name="pyrer-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        start = time.monotonic()
        if self._done.wait(DELAY):
            return
        while not self._done.wait(REFRESH):
            detail = f" ({self.detail()})" if self.detail is not None else ""
            self.stream.write(f"\r\x1b[K{self.label}{detail}... {time.monotonic() - start:.1f} s")
            self.stream.flush()
        self.stream.write("\r\x1b[K")
        self.stream.flush()
