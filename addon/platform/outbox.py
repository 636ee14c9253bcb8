"""The durable outbox: one table, a row per event and sink, replayed in order per sink by the service.

- `enqueue(sink, kind, payload, account=None)` stores an event (safe from any process: one SQLite transaction) and
  wakes the service's `outbox` task, which replays every sink every 60 s and whenever woken.
- Each sink has one sender `fn(kind, payload) -> addon.core.outbox_policy.Outcome`. The service finds it in
  SENDER_MODULES (the module's `send` function) the first time the sink is replayed; `register_sender(sink, fn)`
  sets one directly.
- Replay stops at the first event of a sink that must wait (retry, Retry-After, auth failure), so events of a sink
  are always delivered in the order they were queued. Policy (eviction, expiry, status classes) is
  addon.core.outbox_policy.
"""
from __future__ import annotations

import importlib
import json
import threading
import time
import traceback

import peewee

from addon import kodi
from addon.core import outbox_policy as outbox
from addon.platform import service_wakeup, storage
from addon.platform.db import BaseModel, DatabaseDamaged, database

REPLAY_INTERVAL_SECONDS = 60
FIRST_REPLAY_DELAY_SECONDS = 5
SENDER_MODULES = {'punchplay': 'addon.punchplay.sender', 'trakt': 'addon.trakt.sender'}

_senders: dict = {}
_sink_locks: dict = {}
_locks_guard = threading.Lock()


class OutboxEvent(BaseModel):
    sink = peewee.CharField()
    kind = peewee.CharField()
    payload = peewee.TextField()
    account = peewee.CharField(null=True)
    session = peewee.CharField(null=True)
    created_at = peewee.FloatField()
    attempts = peewee.IntegerField(default=0, constraints=[peewee.SQL('DEFAULT 0')])
    last_attempt_at = peewee.FloatField(null=True)
    last_error = peewee.CharField(default='', constraints=[peewee.SQL("DEFAULT ''")])
    not_before = peewee.FloatField(default=0.0, constraints=[peewee.SQL('DEFAULT 0')])

    class Meta:
        table_name = 'outbox'


OutboxEvent.add_index(OutboxEvent.sink, OutboxEvent.id, name='outbox_sink_id')


class SinkState(BaseModel):
    """When a sink last delivered an event, and its last failure (for the status tools)."""
    sink = peewee.CharField(primary_key=True)
    delivered_at = peewee.FloatField(null=True)
    error = peewee.CharField(default='', constraints=[peewee.SQL("DEFAULT ''")])
    error_at = peewee.FloatField(null=True)

    class Meta:
        table_name = 'outbox_sink_state'


MODELS = [OutboxEvent, SinkState]


def _create_outbox(db):
    db.create_tables([OutboxEvent])


def _create_sink_state(db):
    db.create_tables([SinkState])


MIGRATIONS = [_create_outbox, _create_sink_state]


# ---- queueing (any process) -----------------------------------------------------------------------------------

def enqueue(sink, kind, payload, account=None, wake=True) -> int:
    """Store one event durably and return its id; `wake` asks the service to replay now."""
    storage.open_db()
    try:
        row = _store(sink, kind, payload, account)
    except DatabaseDamaged:  # met in the transaction: the file was rebuilt, the event goes to the fresh one
        row = _store(sink, kind, payload, account)
    if wake:
        service_wakeup.wake('outbox')
    return row.id


def _store(sink, kind, payload, account):
    now = time.time()
    session = payload.get('playback_session_id')
    with database.atomic('IMMEDIATE'):
        _expire(sink, now)
        queued = list(OutboxEvent.select(OutboxEvent.id, OutboxEvent.kind, OutboxEvent.session)
                      .where(OutboxEvent.sink == sink).order_by(OutboxEvent.id).tuples())
        stale = outbox.superseded(kind, session, queued)
        _delete(stale)
        evicted = outbox.evictions([(row_id, row_kind) for row_id, row_kind, _ in queued if row_id not in stale])
        if evicted:
            kodi.log('outbox %s full: evicted %d older event(s)' % (sink, len(evicted)), 'warning')
            _delete(evicted)
        return OutboxEvent.create(sink=sink, kind=kind, payload=json.dumps(payload, separators=(',', ':')),
                                  account=account, session=session, created_at=now)


def discard(sink, account=None) -> int:
    """Delete the queued events of a sink (of one account when given), e.g. on logout. Returns how many."""
    storage.open_db()
    query = OutboxEvent.delete().where(OutboxEvent.sink == sink)
    if account is not None:
        query = query.where(OutboxEvent.account == account)
    return query.execute()


def pending(sink) -> int:
    storage.open_db()
    return OutboxEvent.select().where(OutboxEvent.sink == sink).count()


def pending_by_kind(sink) -> dict:
    """{kind: queued events} of a sink."""
    storage.open_db()
    count = peewee.fn.COUNT(OutboxEvent.id)
    return dict(OutboxEvent.select(OutboxEvent.kind, count).where(OutboxEvent.sink == sink)
                .group_by(OutboxEvent.kind).tuples())


def sink_state(sink):
    """(last delivery epoch s or None, last error text, its epoch s or None) of a sink."""
    storage.open_db()
    row = SinkState.get_or_none(SinkState.sink == sink)
    return (row.delivered_at, row.error, row.error_at) if row is not None else (None, '', None)


def _note(sink, **values):
    (SinkState.insert(sink=sink, **values)
     .on_conflict(conflict_target=[SinkState.sink], update=values).execute())


def _delete(ids):
    if ids:
        OutboxEvent.delete().where(OutboxEvent.id.in_(ids)).execute()


def _expire(sink, now):
    expired = OutboxEvent.delete().where(
        (OutboxEvent.sink == sink) & (OutboxEvent.created_at < now - outbox.MAX_AGE_SECONDS)).execute()
    if expired:
        kodi.log('outbox %s: %d event(s) older than 30 days expired' % (sink, expired), 'warning')


# ---- replay (service) -----------------------------------------------------------------------------------------

def register_sender(sink, fn):
    _senders[sink] = fn


def _sender(sink):
    if sink not in _senders and sink in SENDER_MODULES:
        try:
            module = importlib.import_module(SENDER_MODULES[sink])
        except ImportError:
            kodi.log('outbox %s: no sender available\n%s' % (sink, traceback.format_exc()), 'error')
            return None
        _senders.setdefault(sink, module.send)
    return _senders.get(sink)


def _lock(sink):
    with _locks_guard:
        return _sink_locks.setdefault(sink, threading.Lock())


def replay(sink) -> int:
    """Send the queued events of one sink in order until one has to wait. Returns how many were delivered."""
    sender = _sender(sink)
    if sender is None:
        return 0
    delivered = 0
    with _lock(sink):
        storage.open_db()
        _expire(sink, time.time())
        while True:
            row = OutboxEvent.select().where(OutboxEvent.sink == sink).order_by(OutboxEvent.id).first()
            if row is None or row.not_before > time.time():
                break
            result = _send(sender, row)
            if result.kind == outbox.Outcome.DELIVERED:
                delivered += 1
            if not _apply(row, result):
                break
    return delivered


def replay_all():
    storage.open_db()
    sinks = [sink for (sink,) in OutboxEvent.select(OutboxEvent.sink).distinct().tuples()]
    for sink in sinks:
        replay(sink)


def _send(sender, row):
    try:
        payload = json.loads(row.payload)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):  # a damaged row must not block the sink for a day of retries
        return outbox.Outcome.drop('unreadable payload')
    try:
        return sender(row.kind, payload)
    except Exception:  # a sender bug must not lose the event nor stop the other sinks
        kodi.log('outbox %s sender failed\n%s' % (row.sink, traceback.format_exc()), 'error')
        return outbox.Outcome.retry(reason='sender error')


def _apply(row, result) -> bool:
    """Record an outcome; True when replay may go on with the next event of the sink."""
    now = time.time()
    if result.kind == outbox.Outcome.DELIVERED:
        _note(row.sink, delivered_at=now)
    else:
        _note(row.sink, error='%s: %s' % (row.kind, result.reason or result.kind), error_at=now)
    if result.kind in (outbox.Outcome.DELIVERED, outbox.Outcome.DROP):
        if result.kind == outbox.Outcome.DROP:
            kodi.log('outbox %s: dropped %s event (%s)' % (row.sink, row.kind, result.reason), 'warning')
        _delete([row.id])
        return True
    if result.kind == outbox.Outcome.AUTH_FAILED:
        OutboxEvent.update(last_attempt_at=now, last_error=result.reason or 'not authorized').where(
            OutboxEvent.id == row.id).execute()
        return False
    attempts = row.attempts + 1
    if outbox.gives_up(attempts):
        kodi.log('outbox %s: gave up on %s event after %d attempts' % (row.sink, row.kind, attempts), 'warning')
        _delete([row.id])
        return True
    OutboxEvent.update(attempts=attempts, last_attempt_at=now, last_error=result.reason,
                       not_before=now + outbox.retry_delay(result)).where(OutboxEvent.id == row.id).execute()
    return False


def tasks():
    return [service_wakeup.PeriodicTask('outbox', REPLAY_INTERVAL_SECONDS, replay_all,
                                        first_delay=FIRST_REPLAY_DELAY_SECONDS)]
