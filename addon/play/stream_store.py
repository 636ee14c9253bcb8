"""Tables of the streams & playback component: provider reliability, learned picks, preloaded stream lists, the
release each show last played from."""
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
    """Parsed streams fetched ahead of time (Next Up preload) or by the last scrape, valid for a short TTL. scope:
    the manifest URL's scope (manifest_url.scope), so two configs or variants never share a list."""
    scope = peewee.CharField()
    media_key = peewee.CharField()
    stream_id = peewee.CharField()
    fetched_at = peewee.FloatField()
    payload = peewee.TextField()

    class Meta:
        table_name = 'preloaded_streams'
        primary_key = peewee.CompositeKey('scope', 'media_key')


class BingeRelease(BaseModel):
    """The release the last episode of a show played from (issue 17): the next episode continues with it."""
    show_key = peewee.CharField(primary_key=True)
    binge_group = peewee.CharField(null=True)
    provider_key = peewee.CharField(null=True)
    resolution = peewee.CharField(null=True)
    service = peewee.CharField(null=True)
    season = peewee.IntegerField(null=True)
    episode = peewee.IntegerField(null=True)
    played_at = peewee.FloatField(default=0.0)

    class Meta:
        table_name = 'binge_releases'


def _create_tables(db):
    db.execute_sql('CREATE TABLE stream_stats (key TEXT PRIMARY KEY, successes REAL NOT NULL DEFAULT 0,'
                   ' failures REAL NOT NULL DEFAULT 0, last_outcome_at REAL NOT NULL DEFAULT 0)')
    db.execute_sql('CREATE TABLE stream_picks (key TEXT PRIMARY KEY, picks INTEGER NOT NULL DEFAULT 0,'
                   ' last_pick_at REAL NOT NULL DEFAULT 0)')
    db.execute_sql('CREATE TABLE preloaded_streams (media_key TEXT PRIMARY KEY, stream_id TEXT NOT NULL,'
                   ' fetched_at REAL NOT NULL, payload TEXT NOT NULL)')


def _scope_preloaded_streams(db):
    """Kept lists become per manifest scope (config and variant). Rows kept before get the empty scope: no manifest
    URL has it, so they are never offered, and the next purge (15 minutes at most) removes them."""
    db.execute_sql('ALTER TABLE preloaded_streams RENAME TO preloaded_streams_unscoped')
    db.execute_sql('CREATE TABLE preloaded_streams (scope TEXT NOT NULL, media_key TEXT NOT NULL,'
                   ' stream_id TEXT NOT NULL, fetched_at REAL NOT NULL, payload TEXT NOT NULL,'
                   ' PRIMARY KEY (scope, media_key))')
    db.execute_sql("INSERT INTO preloaded_streams SELECT '', media_key, stream_id, fetched_at, payload"
                   ' FROM preloaded_streams_unscoped')
    db.execute_sql('DROP TABLE preloaded_streams_unscoped')


def _create_binge_releases(db):
    db.execute_sql('CREATE TABLE binge_releases (show_key TEXT PRIMARY KEY, binge_group TEXT, provider_key TEXT,'
                   ' resolution TEXT, service TEXT, season INTEGER, episode INTEGER,'
                   ' played_at REAL NOT NULL DEFAULT 0)')


MIGRATIONS = [_create_tables, _scope_preloaded_streams, _create_binge_releases]
