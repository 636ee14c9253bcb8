"""Kodi can always quit: every wait of the service and its threads ends when Kodi quits (issue 13.5). A 60 s
Retry-After in the middle of a sync, the spacing of the preload and of the meta fetcher: quitting ends each at
once, and nothing more is sent."""
from __future__ import annotations

import threading
import time

from addon import service
from addon.platform import abort, db
from addon.play import preload
from addon.trakt import metas, service_tasks
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (pytest fixture)
from tests.integration.trakt_env import log_in, trakt  # noqa: F401  (pytest fixture)

EPISODES = [{'kind': 'episode', 'meta_id': 'tt2000001', 'season': 1, 'episode': 2, 'content_type': 'series'},
            {'kind': 'episode', 'meta_id': 'tmdb:62560', 'season': 1, 'episode': 1, 'content_type': 'series'},
            {'kind': 'episode', 'meta_id': 'tt2000001', 'season': 2, 'episode': 1, 'content_type': 'series'}]


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, 'timed out'
        time.sleep(0.02)


def in_thread(target):
    results = []
    thread = threading.Thread(target=lambda: results.append(target()), daemon=True)
    thread.start()
    return thread, results


def quit_and_join(kodi, thread, within=1.0):
    asked = time.monotonic()
    kodi.monitor.abort()
    thread.join(5)
    assert not thread.is_alive() and time.monotonic() - asked < within


def test_quitting_during_the_preload_pause_sends_nothing_more(kodi, aio):
    thread, results = in_thread(lambda: preload.run(EPISODES))
    wait_until(lambda: len(aio.requests_to('/api/v1/search')) == 1)
    time.sleep(0.2)  # into the 2.5 s pause before the second episode
    quit_and_join(kodi, thread)
    assert results == [1] and len(aio.requests_to('/api/v1/search')) == 1
    db.close()


def test_quitting_stops_the_meta_fetcher_between_two_requests(kodi, aio, monkeypatch):
    monkeypatch.setattr(service_tasks, 'META_SPACING', 30.0)
    metas.want([('series', 'tt2000001'), ('movie', 'tt1000001')])
    thread, results = in_thread(service_tasks.fetch_wanted_metas)
    wait_until(lambda: len(aio.requests_to('/meta/')) == 1)
    quit_and_join(kodi, thread)
    assert results == [1] and len(aio.requests_to('/meta/')) == 1
    db.close()


def test_the_service_quits_at_once_while_its_sync_waits_a_60_second_retry_after(kodi, trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 429, headers={'Retry-After': '60'})
    thread, _ = in_thread(service.run)
    wait_until(lambda: service_tasks._runner is not None and service_tasks._runner.is_alive())
    service_tasks.request_sync()
    wait_until(lambda: trakt.count('/sync/last_activities') == 1)
    time.sleep(0.2)  # the Trakt thread is in the Retry-After wait
    quit_and_join(kodi, thread)
    wait_until(lambda: not [alive for alive in threading.enumerate() if alive.name.startswith('aiostreams-')],
               timeout=1.0)
    assert trakt.count('/sync/last_activities') == 1
    assert any('service stopped' in message for _, message in kodi.log_lines)
    service_tasks._runner = None


def test_the_punchplay_login_wait_never_asks_kodi_for_a_wait_of_nothing(kodi, monkeypatch):
    """The login dialog's wait: when the time is up between its check and its wait, it must not call
    waitForAbort(0), which waits for ever in Kodi (and in the fake)."""
    from addon.punchplay import auth

    class Dialog:
        def cancelled(self):
            return False

        def tick(self):
            pass
    clock = iter([100.0, 100.0, 101.0])  # until = 101; checked at 100; 'now' read at 101: the time is up
    monkeypatch.setattr(auth.time, 'monotonic', lambda: next(clock, 102.0))
    thread, results = in_thread(lambda: auth._wait(Dialog(), abort._kodi_monitor(), 1.0, 200.0))
    thread.join(2)
    assert results == ['ok']
