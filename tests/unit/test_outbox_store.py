"""The durable outbox: events survive a restart, replay in order per sink, wait on retry / Retry-After / auth, drop
permanent failures, evict progress before stops at capacity, expire after 30 days, and wake the service."""
from __future__ import annotations

import threading
import time

import pytest

from addon import service
from addon.core import outbox_policy as outbox
from addon.core.outbox_policy import Outcome
from addon.platform import db
from addon.platform import outbox as outbox_store


class Sender:
    """Records what it is asked to send and answers from a script (default: delivered)."""

    def __init__(self, answers=None):
        self.sent = []
        self.answers = list(answers or [])

    def __call__(self, kind, payload):
        self.sent.append((kind, payload['n']))
        return self.answers.pop(0) if self.answers else Outcome.delivered()


@pytest.fixture
def store(kodi):
    saved = dict(outbox_store._senders)
    yield outbox_store
    outbox_store._senders.clear()
    outbox_store._senders.update(saved)
    db.close()


def queue_events(store, sink, kinds, session=None):
    for number, kind in enumerate(kinds):
        payload = {'n': number}
        if session:
            payload['playback_session_id'] = session
        store.enqueue(sink, kind, payload, wake=False)


def test_events_replay_in_order_and_are_deleted_once_delivered(store):
    queue_events(store, 'punchplay', ['start', 'pause', 'resume', 'stop'])
    sender = Sender()
    store.register_sender('punchplay', sender)
    assert store.replay('punchplay') == 4
    assert sender.sent == [('start', 0), ('pause', 1), ('resume', 2), ('stop', 3)]
    assert store.pending('punchplay') == 0
    assert store.replay('punchplay') == 0 and len(sender.sent) == 4


def test_queued_events_survive_a_restart(store):
    queue_events(store, 'punchplay', ['start', 'stop'])
    db.close()  # Kodi quits
    sender = Sender()
    store.register_sender('punchplay', sender)
    store.replay_all()
    assert sender.sent == [('start', 0), ('stop', 1)]


def test_a_retry_stops_the_sink_so_later_events_never_overtake(store):
    queue_events(store, 'punchplay', ['start', 'progress', 'stop'])
    sender = Sender([Outcome.delivered(), Outcome.retry(reason='offline')])
    store.register_sender('punchplay', sender)
    assert store.replay('punchplay') == 1
    assert sender.sent == [('start', 0), ('progress', 1)]
    row = store.OutboxEvent.select().order_by(store.OutboxEvent.id).first()
    assert (row.kind, row.attempts, row.last_error) == ('progress', 1, 'offline')
    assert store.replay('punchplay') == 2
    assert sender.sent[2:] == [('progress', 1), ('stop', 2)]


def test_retry_after_keeps_the_event_back_until_it_has_passed(store, monkeypatch):
    queue_events(store, 'trakt', ['scrobble_start', 'scrobble_stop'])
    sender = Sender([Outcome.retry(30, 'HTTP 429')])
    store.register_sender('trakt', sender)
    store.replay('trakt')
    store.replay('trakt')
    assert sender.sent == [('scrobble_start', 0)]  # the second replay came too early
    later = time.time() + 31
    monkeypatch.setattr(outbox_store.time, 'time', lambda: later)
    store.replay('trakt')
    assert sender.sent == [('scrobble_start', 0), ('scrobble_start', 0), ('scrobble_stop', 1)]


def test_a_dropped_event_is_logged_and_the_next_one_is_sent(store, kodi):
    queue_events(store, 'punchplay', ['start', 'stop'])
    sender = Sender([Outcome.drop('HTTP 422')])
    store.register_sender('punchplay', sender)
    assert store.replay('punchplay') == 1
    assert sender.sent == [('start', 0), ('stop', 1)]
    assert any('dropped start event (HTTP 422)' in message for _, message in kodi.log_lines)


def test_auth_failure_keeps_every_event_for_after_the_next_login(store):
    queue_events(store, 'punchplay', ['start', 'stop'])
    sender = Sender([Outcome.auth_failed('HTTP 401')] * 3)
    store.register_sender('punchplay', sender)
    for _ in range(3):
        store.replay('punchplay')
    assert sender.sent == [('start', 0)] * 3
    assert store.pending('punchplay') == 2
    assert store.replay('punchplay') == 2


def test_an_event_is_given_up_after_the_attempt_limit(store, monkeypatch):
    queue_events(store, 'punchplay', ['progress', 'stop'])
    store.OutboxEvent.update(attempts=outbox.MAX_ATTEMPTS - 1).execute()
    sender = Sender([Outcome.retry()])
    store.register_sender('punchplay', sender)
    assert store.replay('punchplay') == 1
    assert sender.sent == [('progress', 0), ('stop', 1)]


def test_a_crashing_sender_keeps_the_event(store):
    queue_events(store, 'punchplay', ['stop'])

    def broken(kind, payload):
        raise ValueError('bug')

    store.register_sender('punchplay', broken)
    assert store.replay('punchplay') == 0
    assert store.pending('punchplay') == 1


def test_sinks_are_independent(store):
    queue_events(store, 'trakt', ['scrobble_start'])
    queue_events(store, 'punchplay', ['start'])
    trakt, punchplay = Sender([Outcome.retry()]), Sender()
    store.register_sender('trakt', trakt)
    store.register_sender('punchplay', punchplay)
    store.replay_all()
    assert punchplay.sent == [('start', 0)] and store.pending('punchplay') == 0
    assert store.pending('trakt') == 1


def test_capacity_evicts_progress_before_stops(store, kodi):
    kinds = ['stop'] * 50 + ['progress'] * 150
    queue_events(store, 'punchplay', kinds)
    store.enqueue('punchplay', 'stop', {'n': 200}, wake=False)
    store.enqueue('punchplay', 'stop', {'n': 201}, wake=False)
    assert store.pending('punchplay') == outbox.CAPACITY_PER_SINK
    kept = [(row.kind, row.payload) for row in store.OutboxEvent.select().order_by(store.OutboxEvent.id)]
    assert sum(1 for kind, _ in kept if kind == 'stop') == 52
    assert kept[50] == ('progress', '{"n":52}')  # the two oldest heartbeats went
    assert any('evicted 1 older event' in message for _, message in kodi.log_lines)


def test_capacity_is_per_sink(store):
    queue_events(store, 'trakt', ['history_add'] * outbox.CAPACITY_PER_SINK)
    queue_events(store, 'punchplay', ['stop'])
    store.enqueue('trakt', 'history_add', {'n': 999}, wake=False)
    assert store.pending('trakt') == outbox.CAPACITY_PER_SINK
    assert store.pending('punchplay') == 1


def test_events_older_than_30_days_expire(store, monkeypatch):
    queue_events(store, 'punchplay', ['stop'])
    later = time.time() + 31 * 86400
    monkeypatch.setattr(outbox_store.time, 'time', lambda: later)
    sender = Sender()
    store.register_sender('punchplay', sender)
    store.replay('punchplay')
    assert sender.sent == [] and store.pending('punchplay') == 0


def test_a_stop_removes_stale_progress_of_its_session_only(store):
    queue_events(store, 'punchplay', ['start', 'progress', 'pause'], session='one')
    queue_events(store, 'punchplay', ['progress'], session='two')
    store.enqueue('punchplay', 'stop', {'n': 9, 'playback_session_id': 'one'}, wake=False)
    kinds = [(row.kind, row.session) for row in store.OutboxEvent.select().order_by(store.OutboxEvent.id)]
    assert kinds == [('start', 'one'), ('progress', 'two'), ('stop', 'one')]


def test_logout_discards_the_accounts_events(store):
    store.enqueue('punchplay', 'stop', {'n': 1}, account='alice', wake=False)
    store.enqueue('punchplay', 'stop', {'n': 2}, account='bob', wake=False)
    store.enqueue('trakt', 'history_add', {'n': 3}, account='alice', wake=False)
    assert store.discard('punchplay', account='alice') == 1
    assert store.pending('punchplay') == 1 and store.pending('trakt') == 1
    assert store.discard('punchplay') == 1


def test_enqueue_wakes_the_services_outbox_task(store, kodi):
    tasks = outbox_store.tasks()
    assert [(task.name, task.interval) for task in tasks] == [('outbox', 60)]
    worker = service.Worker(tasks)
    monitor = service.ServiceMonitor(worker)
    tasks[0].due = time.monotonic() + 60
    store.enqueue('trakt', 'history_add', {'n': 1})
    assert tasks[0].due == 0.0
    assert monitor.worker is worker


def test_concurrent_replays_send_each_event_once(store):
    queue_events(store, 'punchplay', ['progress'] * 30)
    lock = threading.Lock()
    sent = []

    def slow_sender(kind, payload):
        time.sleep(0.002)
        with lock:
            sent.append(payload['n'])
        return Outcome.delivered()

    store.register_sender('punchplay', slow_sender)
    threads = [threading.Thread(target=store.replay, args=('punchplay',)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sent == list(range(30))


def test_the_sender_module_of_a_sink_is_found_by_name(store, monkeypatch):
    outbox_store._senders.pop('punchplay', None)
    from addon.punchplay import sender
    assert outbox_store._sender('punchplay') is sender.send
