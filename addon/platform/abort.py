"""Waits that end when Kodi quits. Every wait of the service and its threads goes through here, never time.sleep:
a sleeping thread holds Kodi's shutdown, and Kodi then ends the interpreter in the middle of whatever it was
writing.

- `wait(seconds)`: a timed wait (retry waits, pacing) on Kodi's Monitor.waitForAbort.
- `on_quit(callback)`: for a thread that sleeps on its own event or queue without a timeout (idle threads must not
  wake up every second to look at the abort flag). One watcher thread waits on Kodi's abort and calls every
  registered callback once Kodi quits.
"""
from __future__ import annotations

import threading

from addon import kodi

_monitor = None
_lock = threading.Lock()
_callbacks = []
_watcher = None


def _kodi_monitor():
    """One Monitor for the whole process (each one costs Kodi a registered callback object)."""
    global _monitor
    with _lock:
        if _monitor is None:
            _monitor = kodi.Monitor()
        return _monitor


def own_monitor_in_this_thread():
    """Create the shared Monitor now, in the calling thread, which must be one that waits on Kodi (the service's
    main thread). Kodi hands a Monitor's callbacks only to the thread that created it, during that thread's waits: a
    Monitor made by a worker that never waits on Kodi collects undelivered callbacks for the life of the service,
    and Kodi 20 crashes on them as it quits."""
    _kodi_monitor()


def requested() -> bool:
    """True once Kodi asked the add-on to stop (quit, profile switch, add-on disabled or updated)."""
    return _kodi_monitor().abortRequested()


def wait(seconds) -> bool:
    """Wait up to `seconds`; True (at once) when Kodi is quitting. Kodi's waitForAbort waits for ever when given
    0 or less, so such a wait only looks at the flag."""
    if seconds <= 0:
        return requested()
    return _kodi_monitor().waitForAbort(seconds)


def on_quit(callback):
    """Call `callback()` once Kodi is quitting (on the watcher thread; at once when it already is)."""
    global _watcher
    monitor = _kodi_monitor()
    with _lock:
        if not monitor.abortRequested():
            _callbacks.append(callback)
            if _watcher is None or not _watcher.is_alive():
                _watcher = threading.Thread(target=_watch, args=(monitor,), name='aiostreams-abort', daemon=True)
                _watcher.start()
            return
    callback()


def _watch(monitor):
    while True:
        monitor.waitForAbort()   # no timeout: Kodi itself looks every 100 ms, in C
        with _lock:
            if not monitor.abortRequested():
                continue
            callbacks = list(_callbacks)
            del _callbacks[:]
        for callback in callbacks:
            callback()
        return
