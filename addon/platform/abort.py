"""Waits that end when Kodi quits. Every wait of the service and its threads goes through here (or through a
threading.Event that the service sets when Kodi quits), never time.sleep: a sleeping thread holds Kodi's shutdown,
and Kodi then ends the interpreter in the middle of whatever it was writing."""
from __future__ import annotations

import threading

from addon import kodi

_monitor = None
_lock = threading.Lock()


def _kodi_monitor():
    """One Monitor for the whole process (each one costs Kodi a registered callback object)."""
    global _monitor
    with _lock:
        if _monitor is None:
            _monitor = kodi.Monitor()
        return _monitor


def requested() -> bool:
    """True once Kodi asked the add-on to stop (quit, profile switch, add-on disabled or updated)."""
    return _kodi_monitor().abortRequested()


def wait(seconds) -> bool:
    """Wait up to `seconds`; True (at once) when Kodi is quitting. Kodi's waitForAbort waits for ever when given
    0 or less, so such a wait only looks at the flag."""
    if seconds <= 0:
        return requested()
    return _kodi_monitor().waitForAbort(seconds)
