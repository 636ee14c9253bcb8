"""What each slice of the Trakt account is (sync.py runs them): the anchors in /sync/last_activities that announce a
change, how its data is fetched, and how its rows are stored. Media rows are shared by categories, so they are only
ever upserted with named columns; each category replaces its own rows in full.

Episode lists (with air dates, for Next Up) are fetched only for shows in progress whose watched data changed since
their list was fetched, or whose aired count grew; the watched shows are refreshed once a day even without activity,
because a newly aired episode moves no anchor.
"""
from __future__ import annotations

import time

import peewee

from addon.core import trakt_times as times
from addon.trakt import models

PROGRESS_LIMIT = 100
AIRED_REFRESH_SECONDS = 24 * 3600
CHUNK = 100


class Category:
    """A slice of the account: the anchors that announce a change, how to fetch it, how to store it."""

    def __init__(self, name, anchors, fetch, store, refresh_every=None):
        self.name = name
        self.anchors = anchors
        self.fetch = fetch
        self.store = store
        self.refresh_every = refresh_every

    def remote_anchor(self, activities) -> str:
        return '|'.join(str(_lookup(activities, key)) for key in self.anchors)


def _lookup(activities, dotted):
    group, _, name = dotted.partition('.')
    value = activities.get(group) if isinstance(activities, dict) else None
    return value.get(name) if isinstance(value, dict) else None


# ---- media rows (shared by categories: upserts with named columns only) -------------------------------------

def _ids(item):
    return (item or {}).get('ids') or {}


def _int(value):
    try:
        return int(value) if value not in (None, '') else None
    except (TypeError, ValueError):
        return None


def movie_row(movie):
    ids = _ids(movie)
    return {'trakt': _int(ids.get('trakt')), 'imdb': ids.get('imdb') or None, 'tmdb': _int(ids.get('tmdb')),
            'slug': ids.get('slug'), 'title': movie.get('title'), 'year': _int(movie.get('year'))}


def show_row(show):
    ids = _ids(show)
    return {'trakt': _int(ids.get('trakt')), 'imdb': ids.get('imdb') or None, 'tmdb': _int(ids.get('tmdb')),
            'tvdb': _int(ids.get('tvdb')), 'slug': ids.get('slug'), 'title': show.get('title'),
            'year': _int(show.get('year'))}


def stamp(value):
    """A Trakt timestamp in the one stored format (so stored times compare as text), or None."""
    epoch = times.parse(value)
    return times.iso(epoch) if epoch is not None else None


def _chunks(rows):
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def upsert_movies(objects):
    rows = {row['trakt']: row for row in (movie_row(obj) for obj in objects if obj) if row['trakt'] is not None}
    fields = [models.Movie.imdb, models.Movie.tmdb, models.Movie.slug, models.Movie.title, models.Movie.year]
    for chunk in _chunks(list(rows.values())):
        models.Movie.insert_many(chunk).on_conflict(conflict_target=[models.Movie.trakt], preserve=fields).execute()


def upsert_shows(objects):
    rows = {row['trakt']: row for row in (show_row(obj) for obj in objects if obj) if row['trakt'] is not None}
    fields = [models.Show.imdb, models.Show.tmdb, models.Show.tvdb, models.Show.slug, models.Show.title,
              models.Show.year]
    for chunk in _chunks(list(rows.values())):
        models.Show.insert_many(chunk).on_conflict(conflict_target=[models.Show.trakt], preserve=fields).execute()


def _insert(model, rows):
    for chunk in _chunks(rows):
        model.insert_many(chunk).on_conflict_replace().execute()


# ---- categories ---------------------------------------------------------------------------------------------

def fetch_watched_movies(client, context):
    return client.get_all('/sync/watched/movies')


def store_watched_movies(items, context):
    upsert_movies([item.get('movie') for item in items])
    models.WatchedMovie.delete().execute()
    _insert(models.WatchedMovie, [
        {'movie': _int(_ids(item.get('movie')).get('trakt')), 'plays': _int(item.get('plays')) or 1,
         'last_watched_at': stamp(item.get('last_watched_at'))}
        for item in items if _int(_ids(item.get('movie')).get('trakt')) is not None])


def _watched_keys(item):
    """{(season, number): last_watched_at epoch} of one /sync/watched/shows item (missing seasons: empty)."""
    watched = {}
    for season in item.get('seasons') or []:
        for episode in season.get('episodes') or []:
            if season.get('number') is not None and episode.get('number') is not None:
                watched[(season['number'], episode['number'])] = times.parse(episode.get('last_watched_at'))
    return watched


def in_progress(item) -> bool:
    """Fewer regular episodes watched (since the reset) than have aired: the show can have a next episode."""
    reset_at = times.parse(item.get('reset_at'))
    watched = sum(1 for (season, _), last in _watched_keys(item).items()
                  if season > 0 and (reset_at is None or (last is not None and last >= reset_at)))
    aired = _int((item.get('show') or {}).get('aired_episodes'))
    return aired is None or watched < aired


def _stored_list_state():
    """{show: (episodes_key, aired regular episodes in the stored list as of now)}."""
    now_iso = times.iso(time.time())
    aired = dict(models.Episode.select(models.Episode.show, peewee.fn.COUNT(models.Episode.number))
                 .where((models.Episode.season > 0) & (models.Episode.first_aired <= now_iso))
                 .group_by(models.Episode.show).tuples())
    return {show: (key, aired.get(show, 0)) for show, key in
            models.Show.select(models.Show.trakt, models.Show.episodes_key)
            .where(models.Show.episodes_key.is_null(False)).tuples()}


def shows_needing_lists(items, stored):
    """Trakt ids of the shows whose episode list must be (re)fetched: in progress, and new, changed since the
    stored list, or with more aired episodes than the stored list knows."""
    needed = []
    for item in items:
        trakt = _int(_ids(item.get('show')).get('trakt'))
        if trakt is None or not in_progress(item):
            continue
        key, aired_known = stored.get(trakt, (None, 0))
        aired = _int((item.get('show') or {}).get('aired_episodes')) or 0
        if key != item.get('last_updated_at') or aired > aired_known:
            needed.append(trakt)
    return needed


def fetch_watched_shows(client, context):
    items = client.get_all('/sync/watched/shows', {'extended': 'progress'}, limit=PROGRESS_LIMIT)
    needed = shows_needing_lists(items, _stored_list_state())
    lists = {}
    for index, trakt in enumerate(needed):
        context.check_cancelled()
        context.report_detail(index, len(needed))
        seasons = client.get('/shows/%d/seasons' % trakt, {'extended': 'full,episodes'})
        lists[trakt] = seasons if isinstance(seasons, list) else []
    return items, lists


def store_watched_shows(data, context):
    items, lists = data
    upsert_shows([item.get('show') for item in items])
    models.Show.update(aired_episodes=None, plays=None, last_watched_at=None, last_updated_at=None,
                       reset_at=None).execute()
    models.WatchedEpisode.delete().execute()
    rows = []
    for item in items:
        trakt = _int(_ids(item.get('show')).get('trakt'))
        if trakt is None:
            continue
        models.Show.update(
            aired_episodes=_int((item.get('show') or {}).get('aired_episodes')), plays=_int(item.get('plays')),
            last_watched_at=stamp(item.get('last_watched_at')), last_updated_at=stamp(item.get('last_updated_at')),
            reset_at=stamp(item.get('reset_at'))).where(models.Show.trakt == trakt).execute()
        for season in item.get('seasons') or []:
            for episode in season.get('episodes') or []:
                if season.get('number') is None or episode.get('number') is None:
                    continue
                rows.append({'show': trakt, 'season': season['number'], 'number': episode['number'],
                             'plays': _int(episode.get('plays')) or 1,
                             'last_watched_at': stamp(episode.get('last_watched_at'))})
    _insert(models.WatchedEpisode, rows)
    keys = {_int(_ids(item.get('show')).get('trakt')): item.get('last_updated_at') for item in items}
    for trakt, seasons in lists.items():
        store_episode_list(trakt, seasons)
        models.Show.update(episodes_key=keys.get(trakt)).where(models.Show.trakt == trakt).execute()


def store_episode_list(show, seasons):
    models.Episode.delete().where(models.Episode.show == show).execute()
    rows = []
    for season in seasons:
        for episode in season.get('episodes') or []:
            number, season_number = episode.get('number'), episode.get('season', season.get('number'))
            if number is None or season_number is None:
                continue
            ids = _ids(episode)
            rows.append({'show': show, 'season': season_number, 'number': number, 'trakt': _int(ids.get('trakt')),
                         'imdb': ids.get('imdb') or None, 'tmdb': _int(ids.get('tmdb')),
                         'tvdb': _int(ids.get('tvdb')), 'title': episode.get('title'),
                         'first_aired': stamp(episode.get('first_aired'))})
    _insert(models.Episode, rows)


def fetch_collection_movies(client, context):
    return client.get_all('/sync/collection/movies')


def store_collection_movies(items, context):
    upsert_movies([item.get('movie') for item in items])
    models.CollectedMovie.delete().execute()
    _insert(models.CollectedMovie, [
        {'movie': _int(_ids(item.get('movie')).get('trakt')), 'collected_at': stamp(item.get('collected_at'))}
        for item in items if _int(_ids(item.get('movie')).get('trakt')) is not None])


def fetch_collection_shows(client, context):
    return client.get_all('/sync/collection/shows')


def store_collection_shows(items, context):
    upsert_shows([item.get('show') for item in items])
    models.CollectedEpisode.delete().execute()
    rows = []
    for item in items:
        trakt = _int(_ids(item.get('show')).get('trakt'))
        for season in item.get('seasons') or []:
            for episode in season.get('episodes') or []:
                if trakt is not None and season.get('number') is not None and episode.get('number') is not None:
                    rows.append({'show': trakt, 'season': season['number'], 'number': episode['number'],
                                 'collected_at': stamp(episode.get('collected_at') or item.get('last_collected_at'))})
    _insert(models.CollectedEpisode, rows)


def _watchlist_category(kind):
    plural = kind + 's'

    def fetch(client, context):
        return client.get_all('/sync/watchlist/%s/rank/asc' % plural)

    def store(items, context):
        (upsert_movies if kind == 'movie' else upsert_shows)([item.get(kind) for item in items])
        models.WatchlistItem.delete().where(models.WatchlistItem.kind == kind).execute()
        _insert(models.WatchlistItem, [
            {'kind': kind, 'trakt': _int(_ids(item.get(kind)).get('trakt')), 'rank': _int(item.get('rank')),
             'listed_at': stamp(item.get('listed_at'))}
            for item in items if _int(_ids(item.get(kind)).get('trakt')) is not None])

    return Category('watchlist_%s' % plural, ('%s.watchlisted_at' % plural, 'watchlist.updated_at'), fetch, store)


def _playback_category(kind):
    plural = kind + 's'

    def fetch(client, context):
        return client.get_all('/sync/playback/%s' % plural)

    def store(items, context):
        if kind == 'movie':
            upsert_movies([item.get('movie') for item in items])
        else:
            upsert_shows([item.get('show') for item in items])
        models.Playback.delete().where(models.Playback.kind == kind).execute()
        rows = []
        for item in items:
            row = {'id': _int(item.get('id')), 'kind': kind, 'progress': float(item.get('progress') or 0.0),
                   'paused_at': stamp(item.get('paused_at')), 'movie': None, 'show': None, 'season': None,
                   'number': None, 'episode_title': None, 'episode_imdb': None}
            if kind == 'movie':
                row['movie'] = _int(_ids(item.get('movie')).get('trakt'))
            else:
                episode = item.get('episode') or {}
                row.update({'show': _int(_ids(item.get('show')).get('trakt')), 'season': _int(episode.get('season')),
                            'number': _int(episode.get('number')), 'episode_title': episode.get('title'),
                            'episode_imdb': _ids(episode).get('imdb') or None})
            if row['id'] is not None and (row['movie'] or row['show']):
                rows.append(row)
        _insert(models.Playback, rows)

    return Category('playback_%s' % plural, ('%s.paused_at' % plural,), fetch, store)


def _hidden_category(section, anchors):
    def fetch(client, context):
        return client.get_all('/users/hidden/%s' % section)

    def store(items, context):
        upsert_shows([item.get('show') for item in items if item.get('show')])
        upsert_movies([item.get('movie') for item in items if item.get('movie')])
        models.Hidden.delete().where(models.Hidden.section == section).execute()
        rows = []
        for item in items:
            kind = item.get('type')
            owner = item.get('movie') if kind == 'movie' else item.get('show')
            trakt = _int(_ids(owner).get('trakt'))
            season = _int((item.get('season') or {}).get('number')) if kind == 'season' else None
            if trakt is None or kind not in ('movie', 'show', 'season') or (kind == 'season' and season is None):
                continue
            rows.append({'section': section, 'kind': kind, 'trakt': trakt,
                         'season': models.NO_SEASON if season is None else season,
                         'hidden_at': stamp(item.get('hidden_at'))})
        _insert(models.Hidden, rows)

    return Category(section, anchors, fetch, store)


CATEGORIES = (
    Category('watched_movies', ('movies.watched_at',), fetch_watched_movies, store_watched_movies),
    Category('watched_shows', ('episodes.watched_at',), fetch_watched_shows, store_watched_shows,
             refresh_every=AIRED_REFRESH_SECONDS),
    Category('collection_movies', ('movies.collected_at',), fetch_collection_movies, store_collection_movies),
    Category('collection_shows', ('episodes.collected_at',), fetch_collection_shows, store_collection_shows),
    _watchlist_category('movie'),
    _watchlist_category('show'),
    _playback_category('movie'),
    _playback_category('episode'),
    _hidden_category('progress_watched', ('shows.hidden_at', 'seasons.hidden_at')),
    _hidden_category('dropped', ('shows.dropped_at',)),
)
