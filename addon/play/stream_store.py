"""Tables of the streams & playback component: provider reliability, learned picks, preloaded stream lists, the
release each show last played from."""
from __future__ import annotations

import peewee

from addon.platform.db import BaseModel

ZERO = peewee.SQL('DEFAULT 0')  # the SQL default of the first layouts, kept for rows written without the column


class StreamStat(BaseModel):
    """Outcomes of real plays per provider key (addon|service|release group)."""
    key = peewee.CharField(primary_key=True)
    successes = peewee.FloatField(default=0.0, constraints=[ZERO])
    failures = peewee.FloatField(default=0.0, constraints=[ZERO])
    last_outcome_at = peewee.FloatField(default=0.0, constraints=[ZERO])

    class Meta:
        table_name = 'stream_stats'


class StreamPick(BaseModel):
    """How often the user chose a provider by hand (learn_preferences)."""
    key = peewee.CharField(primary_key=True)
    picks = peewee.IntegerField(default=0, constraints=[ZERO])
    last_pick_at = peewee.FloatField(default=0.0, constraints=[ZERO])

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
    played_at = peewee.FloatField(default=0.0, constraints=[ZERO])

    class Meta:
        table_name = 'binge_releases'


def _create_tables(db):
    db.create_tables([StreamStat, StreamPick])
    # the first layout of the kept lists, before they were scoped per manifest URL (the next step)
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
    db.create_tables([BingeRelease])


# A new file gets MODELS at once (addon.platform.db); an older one runs the steps it has not seen.
MODELS = [StreamStat, StreamPick, PreloadedStreams, BingeRelease]
MIGRATIONS = [_create_tables, _scope_preloaded_streams, _create_binge_releases]
