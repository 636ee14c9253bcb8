"""Abort flag and notifications for every live xbmc.Monitor instance."""
from __future__ import annotations

import json
import math
import threading

from fakekodi.registry import WeakRegistry


class FakeMonitorHub:
    """Tests call abort() / notify() / settings_changed(); xbmc.Monitor reads and waits on it."""

    def __init__(self):
        self.monitors = WeakRegistry()
        self._abort = threading.Event()

    def reset(self) -> None:
        self._abort.set()  # wake threads of an earlier test still blocked in waitForAbort
        self._abort = threading.Event()
        self.monitors.clear()

    def abort(self) -> None:
        """Kodi is shutting down: abortRequested() becomes True and waitForAbort() returns at once."""
        self._abort.set()

    @property
    def aborted(self) -> bool:
        return self._abort.is_set()

    def wait(self, timeout) -> bool:
        """Block up to `timeout` seconds; True when abort was requested. Like Kodi (Monitor.cpp), the timeout is
        rounded up to whole milliseconds and 0 ms or less (0 included) waits for ever."""
        event = self._abort
        event.wait(None if timeout is None or math.ceil(timeout * 1000) <= 0 else timeout)
        return event.is_set()

    def notify(self, sender: str, method: str, data='') -> None:
        """Deliver onNotification(sender, method, data); a non-str `data` is sent as JSON like Kodi does."""
        text = data if isinstance(data, str) else json.dumps(data)
        for monitor in self.monitors.alive():
            monitor.onNotification(sender, method, text)

    def settings_changed(self) -> None:
        for monitor in self.monitors.alive():
            monitor.onSettingsChanged()
