"""The background service: periodic tasks on one worker thread, woken early on request.

Kodi's callbacks (Monitor, Player) only record events and return; all network and database work happens on the
worker. Feature modules listed in TASK_MODULES expose `tasks()` returning PeriodicTask objects, and modules in
PLAYER_MODULES expose `start_player()` returning an object to keep alive (an xbmc.Player subclass).
Machinery reaches the service through addon.platform.service_wakeup (wake-ups and flags), never by importing it:
after storage rebuilt a damaged database, the service asks Trakt for a sync that refills the Trakt copy.
"""
from __future__ import annotations

import importlib
import json
import sys
import threading
import time
import traceback

from addon import kodi
from addon.platform import abort, service_wakeup, storage
from addon.platform.service_wakeup import PeriodicTask
from addon.scrobble import kodi_watched
from addon.trakt import service_tasks as trakt_tasks

TASK_MODULES: tuple = ('addon.platform.outbox', 'addon.play.preload', 'addon.trakt.service_tasks',
                        'addon.scrobble.kodi_watched', 'addon.surfaces.settings_accounts', 'addon.punchplay.pull_sync')
PLAYER_MODULES: tuple = ('addon.scrobble.monitor', 'addon.play.upnext_addon', 'addon.play.autoplay')
IDLE_WAIT_SECONDS = 1.0
QUIT_JOIN_SECONDS = 3.0   # Kodi quits within 5 s: each thread ends its step at its next wait, or is left behind
THREAD_PREFIX = 'aiostreams-'
REBUILT_CHECK_SECONDS = 60


class Worker(threading.Thread):
    def __init__(self, tasks):
        super().__init__(name='aiostreams-worker', daemon=True)
        self.tasks = {task.name: task for task in tasks}
        self._stop_event = threading.Event()
        self._wake_event = threading.Event()

    def wake(self, name=None):
        for task in self.tasks.values():
            if name is None or task.name == name:
                task.wake()
        self._wake_event.set()

    def stop(self):
        self._stop_event.set()
        self._wake_event.set()

    def stopping(self) -> bool:
        return self._stop_event.is_set()

    def run(self):
        while not self._stop_event.is_set():
            now = time.monotonic()
            for task in list(self.tasks.values()):
                if self._stop_event.is_set():
                    break
                task.run_if_due(now)
            self._wake_event.wait(self._seconds_to_next_due())
            self._wake_event.clear()

    def _seconds_to_next_due(self):
        if not self.tasks:
            return IDLE_WAIT_SECONDS * 60
        return max(0.05, min(task.due for task in self.tasks.values()) - time.monotonic())


class ServiceMonitor(kodi.Monitor):
    def __init__(self, worker):
        super().__init__()
        self.worker = worker

    def onNotification(self, sender, method, data):
        if kodi_watched.record(sender, method, data):  # Kodi's own watched toggles: kept for the worker
            self.worker.wake(kodi_watched.TASK)
        elif sender == kodi.ADDON_ID and method.endswith('wake'):
            try:
                task = json.loads(data).get('task') if data else None
            except ValueError:
                task = None
            self.worker.wake(task)
        elif method == 'System.OnWake':
            self.worker.wake()

    def onSettingsChanged(self):
        self.worker.wake('settings')


def _collect(module_names, function_name):
    found = []
    for name in module_names:
        try:
            found.append(getattr(importlib.import_module(name), function_name)())
        except Exception:  # a broken feature must not keep the service from starting
            kodi.log('service part %s failed to start\n%s' % (name, traceback.format_exc()), 'error')
    return found


def refill_after_rebuild():
    """A process rebuilt a damaged database (storage raised its flag): ask Trakt for the rows the file held."""
    if service_wakeup.take_flag(storage.REBUILT):
        trakt_tasks.request_sync()


def join_service_threads(deadline):
    """Let every thread of ours end its current step (a sync request, an outbox write) before the script ends.
    Kodi 20 ends the interpreter under a thread still inside a request and then crashes on its way out, which makes
    the quit slow (a crash log) and can cut a write short."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.name.startswith(THREAD_PREFIX):
            thread.join(max(0.0, deadline - time.monotonic()))


def run():
    abort.own_monitor_in_this_thread()  # before any thread of ours asks for it: see its docstring
    tasks = [task for group in _collect(TASK_MODULES, 'tasks') for task in group]
    tasks.append(PeriodicTask(storage.REBUILT, REBUILT_CHECK_SECONDS, refill_after_rebuild))
    worker = Worker(tasks)
    monitor = ServiceMonitor(worker)
    players = _collect(PLAYER_MODULES, 'start_player')
    worker.start()
    kodi.log('service started (%d tasks)' % len(tasks), 'info')
    # No timeout: Kodi delivers the Monitor and Player callbacks during the wait and looks for the abort itself.
    monitor.waitForAbort()
    worker.stop()
    join_service_threads(time.monotonic() + QUIT_JOIN_SECONDS)
    del players
    if 'addon.platform.db' in sys.modules:
        sys.modules['addon.platform.db'].close()
    kodi.log('service stopped', 'info')
