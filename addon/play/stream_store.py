"""Tables of the streams & playback component: provider reliability, learned picks, preloaded stream lists."""
from __future__ import annotations

import peewee

from addon.platform.db import BaseModel


class StreamStat(BaseModel):
    """Outcomes of real plays per provider key (addon|service|release group)."""
    key = peewee.CharField(primary_key=True)
    successes = peewee.FloatField(default=0.0)
    failures = peewee.FloatField(default=0.0)
    last_outcome_at = peewee.FloatField(default=0.0)

    class Meta:
        table_name = 'stream_stats'


class StreamPick(BaseModel):
    """How often the user chose a provider by hand (learn_preferences)."""
    key = peewee.CharField(primary_key=True)
    picks = peewee.IntegerField(default=0)
    last_pick_at = peewee.FloatField(default=0.0)

    class Meta:
        table_name = 'stream_picks'


class PreloadedStreams(BaseModel):
    """Parsed streams fetched ahead of time by the service (Next Up), valid for a short TTL."""
    media_key = peewee.CharField(primary_key=True)
    stream_id = peewee.CharField()
    fetched_at = peewee.FloatField()
    payload = peewee.TextField()

    class Meta:
        table_name = 'preloaded_streams'


def _create_tables(db):
    db.execute_sql('CREATE TABLE stream_stats (key TEXT PRIMARY KEY, successes REAL NOT NULL DEFAULT 0,'
                   ' failures REAL NOT NULL DEFAULT 0, last_outcome_at REAL NOT NULL DEFAULT 0)')
    db.execute_sql('CREATE TABLE stream_picks (key TEXT PRIMARY KEY, picks INTEGER NOT NULL DEFAULT 0,'
                   ' last_pick_at REAL NOT NULL DEFAULT 0)')
    db.execute_sql('CREATE TABLE preloaded_streams (media_key TEXT PRIMARY KEY, stream_id TEXT NOT NULL,'
                   ' fetched_at REAL NOT NULL, payload TEXT NOT NULL)')


MIGRATIONS = [_create_tables]
