"""When Kodi quits, the service lets its own threads finish their current step (an outbox write, a sync request)
before its script ends, but never holds Kodi's quit past its deadline and never waits for threads not its own."""
from __future__ import annotations

import threading
import time

from addon import service


def _thread(name, seconds, done, release=None):
    def work():
        (release or threading.Event()).wait(seconds)
        done.append(name)
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread


def test_a_thread_of_ours_finishes_its_write_before_the_service_ends():
    done = []
    _thread(service.THREAD_PREFIX + 'writer', 0.3, done)
    service.join_service_threads(time.monotonic() + 3.0)
    assert done == [service.THREAD_PREFIX + 'writer']


def test_a_stuck_thread_does_not_hold_the_quit_past_the_deadline():
    release = threading.Event()
    stuck = _thread(service.THREAD_PREFIX + 'stuck', 30.0, [], release)
    started = time.monotonic()
    service.join_service_threads(started + 0.5)
    assert time.monotonic() - started < 1.5
    assert stuck.is_alive()
    release.set()
    stuck.join()


def test_threads_of_others_are_not_waited_for():
    release = threading.Event()
    other = _thread('someone-else', 30.0, [], release)
    started = time.monotonic()
    service.join_service_threads(started + 3.0)
    assert time.monotonic() - started < 1.0
    assert other.is_alive()
    release.set()
    other.join()
