"""Machinery reaches the background service without importing it: a wake-up runs a task now, a flag left on the
Home window survives until the service takes it, and a rebuilt database ends in a Trakt sync request."""
from __future__ import annotations

import os
import time

import pytest

from addon import kodi as kodi_door
from addon import service
from addon.platform import db, service_wakeup, storage
from addon.trakt import service_tasks


@pytest.fixture
def running_service(kodi):
    """The service's worker and monitor (not started): what a wake-up reaches, with every task far from due."""
    tasks = [service_wakeup.PeriodicTask('outbox', 60, lambda: None),
             service_wakeup.PeriodicTask(storage.REBUILT, service.REBUILT_CHECK_SECONDS, service.refill_after_rebuild)]
    worker = service.Worker(tasks)
    monitor = service.ServiceMonitor(worker)
    for task in tasks:
        task.due = time.monotonic() + 60
    yield worker, monitor
    db.close()


def test_a_wake_up_makes_only_its_task_due(running_service):
    worker, _monitor = running_service
    service_wakeup.wake('outbox')
    assert worker.tasks['outbox'].due == 0.0
    assert worker.tasks[storage.REBUILT].due > time.monotonic()


def test_a_flag_is_taken_once(kodi, running_service):
    worker, _monitor = running_service
    service_wakeup.raise_flag('something')
    assert service_wakeup.take_flag('something') is True
    assert service_wakeup.take_flag('something') is False
    assert service_wakeup.take_flag('never_raised') is False


def test_a_rebuilt_database_wakes_the_service_which_asks_trakt_for_a_sync(kodi, running_service):
    worker, _monitor = running_service
    path = os.path.join(kodi_door.profile_dir(), db.DB_FILE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as handle:
        handle.write(b'this is not a database' * 100)
    storage.open_db()
    task = worker.tasks[storage.REBUILT]
    assert task.due == 0.0, 'the rebuild woke the service task'
    assert not kodi.window_property(10000, service_tasks.SYNC_REQUEST)
    assert task.run_if_due(time.monotonic())
    assert kodi.window_property(10000, service_tasks.SYNC_REQUEST), 'the service asked Trakt for a sync'


def test_without_a_rebuild_the_service_asks_nothing(kodi, running_service):
    worker, _monitor = running_service
    assert worker.tasks[storage.REBUILT].run_if_due(time.monotonic() + 120)
    assert not kodi.window_property(10000, service_tasks.SYNC_REQUEST)
