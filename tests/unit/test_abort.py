"""Waits that end when Kodi quits (addon/platform/abort.py): timed waits on Kodi's abort, and wake-ups for threads
that sleep on their own event without a timeout."""
from __future__ import annotations

import threading
import time

from addon.platform import abort


def test_a_wait_runs_its_time_then_ends_at_once_when_kodi_quits(kodi):
    started = time.monotonic()
    assert abort.wait(0.1) is False and time.monotonic() - started >= 0.09
    results = []
    waiter = threading.Thread(target=lambda: results.append(abort.wait(60)), daemon=True)
    waiter.start()
    time.sleep(0.1)
    asked = time.monotonic()
    kodi.monitor.abort()
    waiter.join(5)
    assert results == [True] and time.monotonic() - asked < 1.0 and abort.requested()


def test_a_wait_of_nothing_only_looks(kodi):
    """Kodi's waitForAbort(0) would wait for ever: a zero or negative wait returns the flag at once."""
    started = time.monotonic()
    assert abort.wait(0) is False and abort.wait(-3) is False
    kodi.monitor.abort()
    assert abort.wait(0) is True and time.monotonic() - started < 1.0


def test_a_thread_sleeping_on_its_own_event_is_woken_when_kodi_quits(kodi):
    woken = threading.Event()
    abort.on_quit(woken.set)
    assert not woken.wait(0.2)
    kodi.monitor.abort()
    assert woken.wait(2)


def test_registering_once_kodi_quits_calls_back_at_once(kodi):
    kodi.monitor.abort()
    calls = []
    abort.on_quit(lambda: calls.append(1))
    assert calls == [1]


def test_a_fresh_fake_kodi_is_no_quit(kodi, tmp_path):
    """fakekodi.reset (between tests) wakes the waiters of the earlier test: the watcher must not take that for a
    quit, and must still hear the next real one."""
    from tests.conftest import REPO_ROOT
    woken = threading.Event()
    abort.on_quit(woken.set)
    kodi.reset(addon_root=REPO_ROOT, profile_dir=tmp_path / 'profile2', home_dir=tmp_path / 'home2')
    assert not woken.wait(0.3) and not abort.requested()
    kodi.monitor.abort()
    assert woken.wait(2)
