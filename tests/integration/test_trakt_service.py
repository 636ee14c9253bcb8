"""The Trakt part of the service: the 5-minute task asks the Trakt thread, which syncs off the service worker,
publishes its progress and Next Up for skins, respects "automatic sync" off unless asked, coalesces bursts, and
waits while this device's writes are still queued."""
from __future__ import annotations

import time

import pytest

from addon.platform import outbox as outbox_store
from addon.trakt import service_tasks
from tests.integration.trakt_env import log_in, trakt  # noqa: F401

HOME = 10000


@pytest.fixture
def service(trakt, kodi, monkeypatch):
    monkeypatch.setattr(service_tasks, 'MIN_GAP', 0.5)
    log_in(trakt)
    tasks = {task.name: task for task in service_tasks.tasks()}
    yield tasks
    kodi.monitor.abort()
    service_tasks._runner.join(5)
    assert not service_tasks._runner.is_alive()
    service_tasks._runner = None


def state(kodi):
    return kodi.window_property(HOME, service_tasks.SYNC_STATE)


def wait_for(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_the_periodic_task_syncs_on_the_trakt_thread_and_publishes_next_up(service, trakt, kodi):
    assert set(service) == {'trakt_sync', 'trakt_meta'} and service['trakt_sync'].interval == 300
    service['trakt_sync'].run_if_due(time.monotonic() + 60)  # returns at once: the thread does the work
    assert wait_for(lambda: state(kodi) == 'done')
    assert trakt.count('/sync/last_activities') == 1 and trakt.count('/sync/watched/shows') >= 1
    assert kodi.window_property(HOME, 'AIOStreams.NextUp.Count') == str(min(20, len(
        trakt.account.expected_next_up())))


def test_automatic_sync_off_syncs_only_when_asked(service, trakt, kodi):
    kodi.set_setting('trakt_sync_auto', False)
    service['trakt_sync'].action()
    time.sleep(1.5)
    assert trakt.requests == []
    service_tasks.request_sync()  # e.g. "Sync now" or the login
    assert wait_for(lambda: state(kodi) == 'done') and trakt.count('/sync/last_activities') == 1


def test_bursts_of_requests_are_coalesced(service, trakt, kodi):
    for _ in range(5):
        service_tasks.request_sync()
    assert wait_for(lambda: state(kodi) == 'done')
    time.sleep(1.5)
    assert trakt.count('/sync/last_activities') <= 2


def test_sync_waits_while_this_devices_writes_are_queued(service, trakt, kodi):
    outbox_store.enqueue('trakt', 'watchlist_add', {'movies': [{'ids': {'trakt': 5000}}]}, wake=False)
    service_tasks.request_sync()
    assert wait_for(lambda: state(kodi) == 'postponed') and trakt.requests == []
    outbox_store.replay('trakt')
    service_tasks.request_sync()
    assert wait_for(lambda: state(kodi) == 'done')
