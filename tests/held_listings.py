"""Directory listings held until the test releases them: a scan that provably has not
finished when a test interrupts it, however fast or busy the machine.

``HeldListings()`` (call it on the main thread of a process made for the test: a
seccomp filter cannot be removed) makes every ``getdents64`` of a thread other than the
main thread, that is every directory listing of a scan, wait until a supervisor thread
of this module answers it (seccomp user notification, Linux 5.5 or later). After
``hold(after=N)``, the supervisor lets N more such listings go, then keeps each one
waiting, calls ``on_hold()`` once (on its own thread) at the first, and lets them go
on ``release()``; otherwise it lets each one go at once. As a safety net (a test of a
scan that ignores its interruption should fail, not hang), it lets them go by itself
``timeout`` seconds after the first was held, and says so in ``timed_out``. It counts the listings
it saw, so a test can tell how much of a scan ran after it was interrupted. The main
thread's own listings always go on at once.

``unavailable()`` says why this cannot run here (None when it can).
"""

from __future__ import annotations

import ctypes
import os
import platform
import select
import struct
import sys
import threading
import time
from typing import Callable, Optional

# by machine: (getdents64, seccomp, AUDIT_ARCH_*)
SYSCALLS = {"x86_64": (217, 317, 0xC000003E), "aarch64": (61, 277, 0xC00000B7)}
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_NEW_LISTENER = 1 << 3
SECCOMP_RET_USER_NOTIF = 0x7FC00000
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_USER_NOTIF_FLAG_CONTINUE = 1
NOTIF_SIZE = 80  # struct seccomp_notif: id, pid, flags, struct seccomp_data (64 bytes)
RESP_FORMAT = "QqiI"  # struct seccomp_notif_resp: id, val, error, flags
# _IOWR('!', 0, struct seccomp_notif) and _IOWR('!', 1, struct seccomp_notif_resp)
IOCTL_NOTIF_RECV = (3 << 30) | (NOTIF_SIZE << 16) | (ord("!") << 8) | 0
IOCTL_NOTIF_SEND = (3 << 30) | (struct.calcsize(RESP_FORMAT) << 16) | (ord("!") << 8) | 1


def unavailable() -> Optional[str]:
    """Why listings cannot be held here, or None."""
    if sys.platform != "linux" or platform.machine() not in SYSCALLS:
        return f"seccomp filter written for Linux x86_64/aarch64, not {sys.platform} " \
               f"{platform.machine()}"
    try:
        with open("/proc/sys/kernel/seccomp/actions_avail") as f:
            if "user_notif" not in f.read().split():
                return "the kernel has no seccomp user notification"
    except OSError as err:
        return f"no seccomp: {err}"
    return None


class HeldListings:
    """Holds the listings of every thread but the main one while ``holding``; see the
    module's docstring. Counts: ``held`` (listings kept waiting) and ``passed``
    (listings of other threads let go at once, e.g. after ``release()``)."""

    def __init__(self, on_hold: Callable[[], None] = lambda: None) -> None:
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("HeldListings() must be called on the main thread")
        self.on_hold = on_hold
        self.holding = False
        self.hold_after = 0
        self.timeout = 60.0
        self.timed_out = False
        self.held = 0
        self.passed = 0
        self._main = threading.get_native_id()
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._wake_r, self._wake_w = os.pipe()
        self._lock = threading.Lock()
        self._fd = self._install()
        threading.Thread(target=self._serve, name="held-listings", daemon=True).start()

    def hold(self, after: int = 0, timeout: float = 60.0) -> None:
        """Lets ``after`` more listings of other threads go, then keeps the next ones
        waiting until ``release()`` (or ``timeout`` seconds after the first)."""
        with self._lock:
            self.holding = True
            self.hold_after = self.passed + after
            self.timeout = timeout

    def release(self) -> None:
        """Lets the waiting listings go, and every later one at once."""
        with self._lock:
            self.holding = False
        os.write(self._wake_w, b"x")

    def _install(self) -> int:
        getdents64, seccomp, arch = SYSCALLS[platform.machine()]

        def op(code: int, jt: int, jf: int, k: int) -> bytes:
            return struct.pack("HBBI", code, jt, jf, k)

        program = b"".join([
            op(0x20, 0, 0, 4),  # A = seccomp_data.arch
            op(0x15, 0, 3, arch),  # not this machine's native calls: allow
            op(0x20, 0, 0, 0),  # A = seccomp_data.nr
            op(0x15, 0, 1, getdents64),
            op(0x06, 0, 0, SECCOMP_RET_USER_NOTIF),
            op(0x06, 0, 0, SECCOMP_RET_ALLOW),
        ])
        buffer = ctypes.create_string_buffer(program)

        class Fprog(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        fprog = Fprog(len(program) // 8, ctypes.addressof(buffer))
        if self._libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
        fd = self._libc.syscall(ctypes.c_long(seccomp), ctypes.c_long(SECCOMP_SET_MODE_FILTER),
                                ctypes.c_long(SECCOMP_FILTER_FLAG_NEW_LISTENER),
                                ctypes.byref(fprog))
        if fd < 0:
            raise OSError(ctypes.get_errno(), "seccomp(SECCOMP_FILTER_FLAG_NEW_LISTENER)")
        return fd

    def _answer(self, notification_id: int) -> None:
        """Lets a listing go (ENOENT: its thread was interrupted meanwhile, nothing to do)."""
        response = ctypes.create_string_buffer(
            struct.pack(RESP_FORMAT, notification_id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE))
        self._libc.ioctl(self._fd, ctypes.c_ulong(IOCTL_NOTIF_SEND), response)

    def _serve(self) -> None:
        poller = select.poll()
        poller.register(self._fd, select.POLLIN)
        poller.register(self._wake_r, select.POLLIN)
        waiting: list[int] = []
        since = 0.0
        while True:
            wait = None if not waiting else max(0.0, since + self.timeout - time.monotonic())
            ready = poller.poll(None if wait is None else wait * 1000)
            if waiting and not ready and time.monotonic() >= since + self.timeout:
                with self._lock:
                    self.holding = False
                    self.timed_out = True
            for fd, _ in ready:
                if fd == self._wake_r:
                    os.read(self._wake_r, 64)
                    continue
                notification = ctypes.create_string_buffer(NOTIF_SIZE)
                if self._libc.ioctl(self._fd, ctypes.c_ulong(IOCTL_NOTIF_RECV), notification):
                    continue  # the listing was interrupted before it was received
                notification_id, tid = struct.unpack_from("QI", notification.raw)
                with self._lock:
                    hold = (self.holding and tid != self._main
                            and self.passed >= self.hold_after)
                    if hold:
                        if not waiting:
                            since = time.monotonic()
                        waiting.append(notification_id)
                        self.held += 1
                    elif tid != self._main:
                        self.passed += 1
                first = hold and self.held == 1
                if not hold:
                    self._answer(notification_id)
                if first:
                    self.on_hold()
            with self._lock:
                go = [] if self.holding else waiting
                if go:
                    waiting = []
            for notification_id in go:
                self._answer(notification_id)
