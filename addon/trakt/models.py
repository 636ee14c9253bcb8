"""The local copy of the Trakt account (peewee models over addon.platform.db) and its schema migrations.

The tables come from the models through peewee's create_tables, one migration per version of the layout. The
stored Next Up list is kept honest by SQLite triggers, written as SQL: peewee has no way to declare a trigger.
Migrations build tables as the models are now, so a later change of a column needs a migration that also works
on a table that already has it.

Media rows (movies, shows, episode lists) are shared by several sync categories, so they are only ever upserted
with named columns; each category fully replaces its own rows (watched, collection, watchlist, playback, hidden)
so deletions and un-watches on trakt.tv propagate. Timestamps are Trakt's own ISO strings (they sort as text).
"""
from __future__ import annotations

import peewee

from addon.platform.db import BaseModel

NO_SEASON = -1


class Movie(BaseModel):
    trakt = peewee.IntegerField(primary_key=True)
    imdb = peewee.CharField(null=True)
    tmdb = peewee.IntegerField(null=True)
    slug = peewee.CharField(null=True)
    title = peewee.CharField(null=True)
    year = peewee.IntegerField(null=True)

    class Meta:
        table_name = 'trakt_movie'


class Show(BaseModel):
    trakt = peewee.IntegerField(primary_key=True)
    imdb = peewee.CharField(null=True)
    tmdb = peewee.IntegerField(null=True)
    tvdb = peewee.IntegerField(null=True)
    slug = peewee.CharField(null=True)
    title = peewee.CharField(null=True)
    year = peewee.IntegerField(null=True)
    # owned by the watched-episodes category
    aired_episodes = peewee.IntegerField(null=True)
    plays = peewee.IntegerField(null=True)
    last_watched_at = peewee.CharField(null=True)
    last_updated_at = peewee.CharField(null=True)
    reset_at = peewee.CharField(null=True)
    # the show's last_updated_at when its episode list was fetched (None: never fetched)
    episodes_key = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_show'


class Episode(BaseModel):
    """Episode lists (with air dates) of the shows that needed one."""
    show = peewee.IntegerField()
    season = peewee.IntegerField()
    number = peewee.IntegerField()
    trakt = peewee.IntegerField(null=True)
    imdb = peewee.CharField(null=True)
    tmdb = peewee.IntegerField(null=True)
    tvdb = peewee.IntegerField(null=True)
    title = peewee.CharField(null=True)
    first_aired = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_episode'
        primary_key = peewee.CompositeKey('show', 'season', 'number')


class WatchedMovie(BaseModel):
    movie = peewee.IntegerField(primary_key=True)
    plays = peewee.IntegerField()
    last_watched_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_watched_movie'


class WatchedEpisode(BaseModel):
    show = peewee.IntegerField()
    season = peewee.IntegerField()
    number = peewee.IntegerField()
    plays = peewee.IntegerField()
    last_watched_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_watched_episode'
        primary_key = peewee.CompositeKey('show', 'season', 'number')


class CollectedMovie(BaseModel):
    movie = peewee.IntegerField(primary_key=True)
    collected_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_collected_movie'


class CollectedEpisode(BaseModel):
    show = peewee.IntegerField()
    season = peewee.IntegerField()
    number = peewee.IntegerField()
    collected_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_collected_episode'
        primary_key = peewee.CompositeKey('show', 'season', 'number')


class WatchlistItem(BaseModel):
    kind = peewee.CharField()  # movie | show
    trakt = peewee.IntegerField()
    rank = peewee.IntegerField(null=True)
    listed_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_watchlist'
        primary_key = peewee.CompositeKey('kind', 'trakt')


class Playback(BaseModel):
    """Trakt resume points (percent only: Trakt has no seconds)."""
    id = peewee.IntegerField(primary_key=True)
    kind = peewee.CharField()  # movie | episode
    movie = peewee.IntegerField(null=True)
    show = peewee.IntegerField(null=True)
    season = peewee.IntegerField(null=True)
    number = peewee.IntegerField(null=True)
    episode_title = peewee.CharField(null=True)
    episode_imdb = peewee.CharField(null=True)
    progress = peewee.FloatField()
    paused_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_playback'


class Hidden(BaseModel):
    section = peewee.CharField()  # progress_watched | dropped
    kind = peewee.CharField()     # show | season | movie
    trakt = peewee.IntegerField()  # the show (also for seasons) or movie
    season = peewee.IntegerField(default=NO_SEASON, constraints=[peewee.SQL('DEFAULT %d' % NO_SEASON)])
    hidden_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_hidden'
        primary_key = peewee.CompositeKey('section', 'kind', 'trakt', 'season')


class UserList(BaseModel):
    """A Trakt list of the user's own ('mine') or one the user liked ('liked'), as Trakt last described it."""
    source = peewee.CharField()  # mine | liked
    trakt = peewee.IntegerField()
    owner = peewee.CharField()   # the owner's slug (the user= of the list's URL)
    slug = peewee.CharField(null=True)
    name = peewee.CharField(null=True)
    item_count = peewee.IntegerField(null=True)
    updated_at = peewee.CharField(null=True)
    position = peewee.IntegerField()
    # the list's updated_at when its items were fetched (None: never fetched, or Trakt refused them)
    items_key = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_user_list'
        primary_key = peewee.CompositeKey('source', 'trakt')


class UserListItem(BaseModel):
    """The movies and shows of a stored list, in Trakt's rank order (other kinds are not kept)."""
    list_trakt = peewee.IntegerField()
    kind = peewee.CharField()  # movie | show
    trakt = peewee.IntegerField()
    rank = peewee.IntegerField(null=True)
    listed_at = peewee.CharField(null=True)

    class Meta:
        table_name = 'trakt_user_list_item'
        primary_key = peewee.CompositeKey('list_trakt', 'kind', 'trakt')


class SyncState(BaseModel):
    """Trakt's anchor string per category, plus bookkeeping (username, last poll)."""
    key = peewee.CharField(primary_key=True)
    value = peewee.TextField(null=True)
    updated_at = peewee.FloatField(null=True)

    class Meta:
        table_name = 'trakt_sync_state'


class MetaWanted(BaseModel):
    """Metas a list wanted but found no cached copy of; the service fetches them within the backend's limits."""
    content_type = peewee.CharField()
    meta_id = peewee.CharField()
    requested_at = peewee.FloatField()
    attempts = peewee.IntegerField(default=0, constraints=[peewee.SQL('DEFAULT 0')])

    class Meta:
        table_name = 'trakt_meta_wanted'
        primary_key = peewee.CompositeKey('content_type', 'meta_id')


class MetaCopy(BaseModel):
    """Trimmed AIOStreams metas of the titles in the Trakt lists (addon.trakt.metas); meta None: none exists."""
    content_type = peewee.CharField()
    meta_id = peewee.CharField()
    meta = peewee.TextField(null=True)
    fetched_at = peewee.FloatField()

    class Meta:
        table_name = 'trakt_meta_copy'
        primary_key = peewee.CompositeKey('content_type', 'meta_id')


class NextUpList(BaseModel):
    """The Next Up list as last computed, with the Kodi fields of its entries (addon.trakt.nextup_store). Triggers
    delete the row on every write to the tables it is computed from (NEXT_UP_SOURCES)."""
    id = peewee.IntegerField(primary_key=True)
    computed_at = peewee.CharField()
    valid_until = peewee.CharField(null=True)
    entries = peewee.TextField()

    class Meta:
        table_name = 'trakt_next_up'


Movie.add_index(Movie.imdb, name='trakt_movie_imdb')
Movie.add_index(Movie.tmdb, name='trakt_movie_tmdb')
Show.add_index(Show.imdb, name='trakt_show_imdb')
Show.add_index(Show.tmdb, name='trakt_show_tmdb')
Show.add_index(Show.last_watched_at, name='trakt_show_last_watched')
WatchedEpisode.add_index(WatchedEpisode.last_watched_at, name='trakt_watched_episode_last')

# The rows of one Trakt account (wiped on logout or when another user logs in); meta copies are not per account.
ACCOUNT_MODELS = (Movie, Show, Episode, WatchedMovie, WatchedEpisode, CollectedMovie, CollectedEpisode,
                  WatchlistItem, Playback, Hidden, SyncState, MetaWanted, NextUpList, UserList, UserListItem)
# The tables the stored Next Up list (with its metadata) is computed from.
NEXT_UP_SOURCES = ('trakt_show', 'trakt_episode', 'trakt_watched_episode', 'trakt_hidden', 'trakt_meta_copy')


def _create_tables(db):
    db.create_tables([Movie, Show, Episode, WatchedMovie, WatchedEpisode, CollectedMovie, CollectedEpisode,
                      WatchlistItem, Playback, Hidden, SyncState, MetaWanted])


def _create_meta_copies(db):
    db.create_tables([MetaCopy])


def _create_next_up_list(db):
    """The stored Next Up list, and SQLite triggers that delete it on every write to its source tables: every
    writer (sync, user actions, the scrobbler, the meta task) is covered without knowing about the list."""
    db.create_tables([NextUpList])
    for table in NEXT_UP_SOURCES:
        for event in ('INSERT', 'UPDATE', 'DELETE'):
            db.execute_sql('CREATE TRIGGER %s_%s_next_up AFTER %s ON %s BEGIN DELETE FROM trakt_next_up; END'
                           % (table, event.lower(), event, table))


def _create_user_lists(db):
    db.create_tables([UserList, UserListItem])


MIGRATIONS = [_create_tables, _create_meta_copies, _create_next_up_list, _create_user_lists]
