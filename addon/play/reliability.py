"""Provider reliability from real play outcomes, and learned preferences from the user's picks (peewee DB).

`record_outcome(stream_key, started)` is called by the service's playback monitor (and by playback when a stream
fails before Kodi gets it). Counts age: once a provider has many outcomes, old ones weigh half, so a provider
that recovers climbs back. The maths (score, tiers) is pure and lives in addon.core.stream_rank.
"""
from __future__ import annotations

import time

from addon.platform import storage
from addon.platform.db import database
from addon.play.stream_store import StreamPick, StreamStat

AGE_AFTER_OUTCOMES = 40     # above this many outcomes, halve both counts before adding a new one
_CHUNK = 500


def record_outcome(stream_key, started) -> None:
    """Count one real outcome for a provider: started=True when playback started on real media."""
    if not stream_key:
        return
    storage.open_db()
    now = time.time()
    with database.atomic('IMMEDIATE'):
        row = StreamStat.get_or_none(StreamStat.key == stream_key)
        successes, failures = (row.successes, row.failures) if row else (0.0, 0.0)
        successes, failures = aged(successes, failures)
        if started:
            successes += 1.0
        else:
            failures += 1.0
        values = {'successes': successes, 'failures': failures, 'last_outcome_at': now}
        (StreamStat.insert(key=stream_key, **values)
         .on_conflict(conflict_target=[StreamStat.key], update=values).execute())


def aged(successes, failures) -> tuple:
    """Halve old counts once there are many, so recent outcomes matter more."""
    if successes + failures >= AGE_AFTER_OUTCOMES:
        return successes / 2.0, failures / 2.0
    return successes, failures


def record_pick(stream_key) -> None:
    """The user chose this provider in the selection dialog or the streams folder."""
    if not stream_key:
        return
    storage.open_db()
    now = time.time()
    (StreamPick.insert(key=stream_key, picks=1, last_pick_at=now)
     .on_conflict(conflict_target=[StreamPick.key],
                  update={StreamPick.picks: StreamPick.picks + 1, StreamPick.last_pick_at: now}).execute())


def stats_for(keys) -> dict:
    """{key: (successes, failures)} for the keys that have outcomes."""
    storage.open_db()
    return _lookup(StreamStat, keys, lambda row: (row.successes, row.failures))


def picks_for(keys) -> dict:
    """{key: picks} for the keys the user has chosen before."""
    storage.open_db()
    return _lookup(StreamPick, keys, lambda row: row.picks)


def _lookup(model, keys, value) -> dict:
    keys = list(dict.fromkeys(key for key in keys if key))
    found = {}
    with database.atomic():
        for start in range(0, len(keys), _CHUNK):
            for row in model.select().where(model.key.in_(keys[start:start + _CHUNK])):
                found[row.key] = value(row)
    return found


def clear_stats() -> int:
    """Forget every recorded outcome (Tools > Clear stream statistics); returns the rows removed."""
    storage.open_db()
    return StreamStat.delete().execute()


def clear_preferences() -> int:
    """Forget every learned pick (Tools > Clear learned preferences); returns the rows removed."""
    storage.open_db()
    return StreamPick.delete().execute()
