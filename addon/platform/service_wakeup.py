"""How any part of the addon reaches the background service without importing it.

- Feature modules give the service their periodic work as PeriodicTask objects (from `tasks()`).
- `wake(task)` asks the service, from any process, to run one task now (a JSON-RPC notification its monitor hears).
- `raise_flag(name)` leaves a request on Kodi's Home window, which every process sees, and wakes the task of the same
  name; that task takes it with `take_flag(name)`. A request survives a lost wake-up: the task's next tick sees it.
"""
from __future__ import annotations

import time
import traceback

from addon import kodi

FLAG_PROPERTY = 'AIOStreams.Flag.%s'


class PeriodicTask:
    """`action()` every `interval` seconds (first run after `first_delay`); `wake()` makes it due now."""

    def __init__(self, name, interval, action, first_delay=0.0):
        self.name = name
        self.interval = interval
        self.action = action
        self.due = time.monotonic() + first_delay

    def wake(self):
        self.due = 0.0

    def run_if_due(self, now):
        if now < self.due:
            return False
        self.due = now + self.interval
        try:
            self.action()
        except Exception:  # one failing task must not stop the others
            kodi.log('task %s failed\n%s' % (self.name, traceback.format_exc()), 'error')
        return True


def wake(task):
    """Ask the service to run `task` now; when it cannot be reached, the task's own interval still runs it."""
    try:
        kodi.wake_service(task)
    except (RuntimeError, ValueError) as exc:
        kodi.log('could not wake the service: %s' % exc, 'warning')


def raise_flag(name):
    kodi.set_window_property(FLAG_PROPERTY % name, str(time.time()))
    wake(name)


def take_flag(name) -> bool:
    """Whether the flag `name` was raised since it was last taken; taking it lowers it."""
    raised = kodi.window_property(FLAG_PROPERTY % name)
    if raised:
        kodi.clear_window_property(FLAG_PROPERTY % name)
    return bool(raised)
