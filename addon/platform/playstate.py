"""Local play state per media key (addon.core.mediakey): resume points in seconds and watched marks.

Written by the scrobbling monitor in the service (and by Trakt sync); read by playback and list decoration.
"""
from __future__ import annotations

import time

import peewee

from addon.platform import storage
from addon.platform.db import BaseModel, database

# SQLite caps the number of bound parameters; look keys up in chunks below it.
_CHUNK = 500


class PlayState(BaseModel):
    key = peewee.CharField(primary_key=True)
    position = peewee.FloatField(default=0.0, constraints=[peewee.SQL('DEFAULT 0')])
    total = peewee.FloatField(default=0.0, constraints=[peewee.SQL('DEFAULT 0')])
    watched = peewee.BooleanField(default=False, constraints=[peewee.SQL('DEFAULT 0')])
    updated_at = peewee.FloatField()

    class Meta:
        table_name = 'play_state'


PlayState.add_index(PlayState.watched, name='play_state_watched')
MODELS = [PlayState]


def _create_play_state(db):
    db.create_tables(MODELS)


MIGRATIONS = [_create_play_state]


def resume_point(key):
    """(position_s, total_s) where playback of `key` stopped, or None when there is nothing to resume."""
    storage.open_db()
    row = PlayState.get_or_none(PlayState.key == key)
    if row is None or row.position <= 0:
        return None
    return row.position, row.total


def save_position(key, position_s, total_s):
    """Remember where playback stopped (seconds). A position of 0 clears the resume point."""
    storage.open_db()
    values = {'position': max(0.0, float(position_s)), 'total': max(0.0, float(total_s)), 'updated_at': time.time()}
    (PlayState.insert(key=key, **values)
     .on_conflict(conflict_target=[PlayState.key], update=values).execute())


def mark_watched(key, watched=True):
    """Set or clear the watched mark; either way the resume point is cleared."""
    storage.open_db()
    values = {'watched': bool(watched), 'position': 0.0, 'updated_at': time.time()}
    (PlayState.insert(key=key, **values)
     .on_conflict(conflict_target=[PlayState.key], update=values).execute())


def updated_at(key):
    """When the play state of `key` last changed (epoch seconds: a stop, a resume point, a mark), or None."""
    storage.open_db()
    row = PlayState.get_or_none(PlayState.key == key)
    return row.updated_at if row is not None else None


def watched_keys(keys) -> set:
    """The subset of `keys` marked watched, in a few batched queries."""
    storage.open_db()
    keys = list(dict.fromkeys(keys))
    found = set()
    with database.atomic():
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            query = PlayState.select(PlayState.key).where(PlayState.key.in_(chunk), PlayState.watched)
            found.update(key for (key,) in query.tuples())
    return found


def states_of(keys) -> dict:
    """{key: (position, total, watched, updated_at)} of the keys that have a play state, in a few batched queries
    (call inside the caller's transaction to read and write one consistent state)."""
    storage.open_db()
    keys = list(dict.fromkeys(keys))
    found = {}
    for start in range(0, len(keys), _CHUNK):
        query = PlayState.select(PlayState.key, PlayState.position, PlayState.total, PlayState.watched,
                                 PlayState.updated_at).where(PlayState.key.in_(keys[start:start + _CHUNK]))
        found.update((key, (position, total, bool(watched), at)) for key, position, total, watched, at
                     in query.tuples())
    return found


def write_states(states):
    """Store {key: (position, total, watched, updated_at)} as given (a sync's merge result), in batched upserts;
    no transaction of its own: the caller's holds them together."""
    storage.open_db()
    rows = [{'key': key, 'position': position, 'total': total, 'watched': bool(watched), 'updated_at': at}
            for key, (position, total, watched, at) in states.items()]
    fields = [PlayState.position, PlayState.total, PlayState.watched, PlayState.updated_at]
    for start in range(0, len(rows), _CHUNK // 5):   # five bound values a row
        (PlayState.insert_many(rows[start:start + _CHUNK // 5])
         .on_conflict(conflict_target=[PlayState.key], preserve=fields).execute())


def in_progress(limit) -> list:
    """[(key, position_s, total_s, updated_at)] of the resume points, the most recently changed first."""
    storage.open_db()
    return list(PlayState.select(PlayState.key, PlayState.position, PlayState.total, PlayState.updated_at)
                .where(PlayState.position > 0).order_by(PlayState.updated_at.desc()).limit(limit).tuples())
