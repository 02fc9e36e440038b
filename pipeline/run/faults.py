"""Fault injection for tests of what goes wrong in production: a page that hangs, a worker
killed by the kernel. Off unless ``THAIEVAL_FAULT`` is set, e.g. ``hang:slow.txt`` or
``crash:doomed.txt`` (the file's name).

>>> inject_fault("anything.pdf")  # no fault configured: returns at once
"""

from __future__ import annotations

import os
import signal
import time

__all__ = ["inject_fault"]


def inject_fault(name: str) -> None:
    """Hang or die here when the environment asks for it for the file ``name``."""
    spec = os.environ.get("THAIEVAL_FAULT", "")
    kind, _, target = spec.partition(":")
    if not target or os.path.basename(name) != target:
        return
    if kind == "hang":
        time.sleep(3600)
    elif kind == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
