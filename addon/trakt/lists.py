"""Trakt lists from the local database: Next Up, Continue Watching, Watchlist, Collection, History.

Each function returns plain entries (dicts) in display order; nothing here touches the network. An entry has
'kind' (movie | show | episode), 'trakt', 'title', 'year', 'ids' {imdb, tmdb, tvdb}, 'meta_id' (the id the
AIOStreams backend knows: tt.. or tmdb:..), 'content_type' (movie | series) and, for episodes, 'season',
'episode', 'episode_title', 'episode_imdb'; plus the list's own time ('last_watched_at', 'paused_at', ...),
'progress' (percent) and 'playback_id' for Continue Watching.
"""
from __future__ import annotations

import time

import peewee

from addon.core import next_up as nextup
from addon.core import trakt_times as times
from addon.platform import storage
from addon.platform.db import database
from addon.trakt import models, show_progress

HISTORY_LIMIT = 100


def meta_id_of(ids):
    if ids.get('imdb'):
        return ids['imdb']
    if ids.get('tmdb'):
        return 'tmdb:%d' % ids['tmdb']
    if ids.get('tvdb'):
        return 'tvdb:%d' % ids['tvdb']
    return None


def entry_of(kind, obj):
    """The entry of a movie / show object in a Trakt answer (ids, title, year), or None without a usable id."""
    obj_ids = obj.get('ids') if isinstance(obj, dict) else None
    if not isinstance(obj_ids, dict):
        return None
    ids = {'imdb': _of_type(obj_ids.get('imdb'), str), 'tmdb': _of_type(obj_ids.get('tmdb'), int)}
    if kind != 'movie':
        ids['tvdb'] = _of_type(obj_ids.get('tvdb'), int)
    meta_id = meta_id_of(ids)
    if meta_id is None:
        return None
    return {'kind': kind, 'trakt': _of_type(obj_ids.get('trakt'), int), 'title': _of_type(obj.get('title'), str),
            'year': _of_type(obj.get('year'), int), 'ids': ids, 'meta_id': meta_id,
            'content_type': 'movie' if kind == 'movie' else 'series'}


def _of_type(value, kind):
    """`value` when it is a `kind` (bool is no int here), else None: Trakt's answers are not trusted blindly."""
    return value if isinstance(value, kind) and not isinstance(value, bool) else None


def _movie_entries(trakt_ids):
    rows = {}
    for row in models.Movie.select().where(models.Movie.trakt.in_(list(trakt_ids))).dicts():
        ids = {'imdb': row['imdb'], 'tmdb': row['tmdb']}
        rows[row['trakt']] = {'kind': 'movie', 'trakt': row['trakt'], 'title': row['title'], 'year': row['year'],
                              'ids': ids, 'meta_id': meta_id_of(ids), 'content_type': 'movie'}
    return rows


def _show_entries(trakt_ids):
    rows = {}
    for row in models.Show.select(models.Show.trakt, models.Show.title, models.Show.year, models.Show.imdb,
                                  models.Show.tmdb, models.Show.tvdb).where(
            models.Show.trakt.in_(list(trakt_ids))).dicts():
        ids = {'imdb': row['imdb'], 'tmdb': row['tmdb'], 'tvdb': row['tvdb']}
        rows[row['trakt']] = {'kind': 'show', 'trakt': row['trakt'], 'title': row['title'], 'year': row['year'],
                              'ids': ids, 'meta_id': meta_id_of(ids), 'content_type': 'series'}
    return rows


def _episode_entry(show_entry, season, number, **extra):
    entry = dict(show_entry, kind='episode', season=season, episode=number)
    entry.update(extra)
    return entry


def _with_meta_id(entries):
    return [entry for entry in entries if entry.get('meta_id')]


# ---- Next Up ------------------------------------------------------------------------------------------------

def excluded_shows() -> set:
    """Shows hidden from progress or dropped."""
    return {trakt for (trakt,) in models.Hidden.select(models.Hidden.trakt).where(
        (models.Hidden.kind == 'show') & models.Hidden.section.in_(['progress_watched', 'dropped'])).tuples()}


def next_up(limit=None, now=None):
    """The Next Up episodes (trakt-api.md section 10), most recently watched show first."""
    return next_up_until(limit, now)[0]


def next_up_until(limit=None, now=None):
    """(next_up(limit, now), until): until is when a next episode airs and the list changes by itself (Trakt ISO
    time, or None)."""
    storage.open_db()
    excluded = excluded_shows()
    progress = show_progress.load()
    found, until = nextup.next_up_until(progress.values(), times.iso(time.time() if now is None else now), excluded)
    if limit is not None:
        found = found[:limit]
    shows = _show_entries({show for show, _, _ in found})
    episodes = _episode_titles(found)
    entries = []
    for show, season, number in found:
        title, imdb = episodes.get((show, season, number), (None, None))
        entries.append(_episode_entry(shows[show], season, number, episode_title=title, episode_imdb=imdb,
                                      last_watched_at=progress[show].last_watched_at))
    return _with_meta_id(entries), until


# ---- Continue Watching --------------------------------------------------------------------------------------

def continue_watching():
    """Movies and episodes with a Trakt resume point, most recently paused first."""
    storage.open_db()
    rows = list(models.Playback.select().order_by(models.Playback.paused_at.desc()).dicts())
    movies = _movie_entries({row['movie'] for row in rows if row['kind'] == 'movie'})
    shows = _show_entries({row['show'] for row in rows if row['kind'] == 'episode'})
    entries = []
    for row in rows:
        extra = {'progress': row['progress'], 'paused_at': row['paused_at'], 'playback_id': row['id']}
        if row['kind'] == 'movie' and row['movie'] in movies:
            entries.append(dict(movies[row['movie']], **extra))
        elif row['kind'] == 'episode' and row['show'] in shows:
            entries.append(_episode_entry(shows[row['show']], row['season'], row['number'],
                                          episode_title=row['episode_title'], episode_imdb=row['episode_imdb'],
                                          **extra))
    return _with_meta_id(entries)


# ---- Watchlist, Collection, History -------------------------------------------------------------------------

def watchlist(kind):
    """kind: movie | show; Trakt's rank order (newest additions of this device first)."""
    storage.open_db()
    rows = list(models.WatchlistItem.select().where(models.WatchlistItem.kind == kind)
                .order_by(models.WatchlistItem.rank, models.WatchlistItem.listed_at.desc()).dicts())
    found = (_movie_entries if kind == 'movie' else _show_entries)({row['trakt'] for row in rows})
    return _with_meta_id([dict(found[row['trakt']], listed_at=row['listed_at'])
                          for row in rows if row['trakt'] in found])


def collection(kind):
    """kind: movie | show; most recently collected first."""
    storage.open_db()
    if kind == 'movie':
        rows = list(models.CollectedMovie.select(models.CollectedMovie.movie, models.CollectedMovie.collected_at)
                    .order_by(models.CollectedMovie.collected_at.desc()).tuples())
        found = _movie_entries({trakt for trakt, _ in rows})
    else:
        latest = peewee.fn.MAX(models.CollectedEpisode.collected_at)
        rows = list(models.CollectedEpisode.select(models.CollectedEpisode.show, latest)
                    .group_by(models.CollectedEpisode.show).order_by(latest.desc()).tuples())
        found = _show_entries({trakt for trakt, _ in rows})
    return _with_meta_id([dict(found[trakt], collected_at=at) for trakt, at in rows if trakt in found])


def history(limit=HISTORY_LIMIT, offset=0):
    """Watched movies and episodes by their last watch, newest first (one row per item)."""
    storage.open_db()
    movies = list(models.WatchedMovie.select(models.WatchedMovie.movie, models.WatchedMovie.last_watched_at)
                  .order_by(models.WatchedMovie.last_watched_at.desc()).limit(limit + offset).tuples())
    episodes = list(models.WatchedEpisode.select(
        models.WatchedEpisode.show, models.WatchedEpisode.season, models.WatchedEpisode.number,
        models.WatchedEpisode.last_watched_at).order_by(models.WatchedEpisode.last_watched_at.desc())
        .limit(limit + offset).tuples())
    merged = sorted([(at or '', 'movie', (movie,)) for movie, at in movies] +
                    [(at or '', 'episode', (show, season, number)) for show, season, number, at in episodes],
                    reverse=True)[offset:offset + limit]
    movie_rows = _movie_entries({key[0] for _, kind, key in merged if kind == 'movie'})
    show_rows = _show_entries({key[0] for _, kind, key in merged if kind == 'episode'})
    titles = _episode_titles([key for _, kind, key in merged if kind == 'episode'])
    entries = []
    for at, kind, key in merged:
        if kind == 'movie' and key[0] in movie_rows:
            entries.append(dict(movie_rows[key[0]], last_watched_at=at))
        elif kind == 'episode' and key[0] in show_rows:
            title, imdb = titles.get(key, (None, None))
            entries.append(_episode_entry(show_rows[key[0]], key[1], key[2], episode_title=title,
                                          episode_imdb=imdb, last_watched_at=at))
    return _with_meta_id(entries)


def _episode_titles(keys):
    """{(show, season, number): (title, imdb)} of exactly these episodes from the stored lists (one query per
    chunk)."""
    keys = list(set(keys))
    query = models.Episode.select(models.Episode.show, models.Episode.season, models.Episode.number,
                                  models.Episode.title, models.Episode.imdb)
    found = {}
    for start in range(0, len(keys), 200):
        for show, season, number, title, imdb in database.execute(
                show_progress.of_episodes(query, models.Episode, keys[start:start + 200])):
            found[(show, season, number)] = (title, imdb)
    return found


# ---- personal and liked lists -------------------------------------------------------------------------------

def user_lists(source):
    """source: mine | liked; [{'trakt', 'owner', 'slug', 'name', 'item_count'}] in Trakt's order."""
    storage.open_db()
    return list(models.UserList.select(models.UserList.trakt, models.UserList.owner, models.UserList.slug,
                                       models.UserList.name, models.UserList.item_count)
                .where(models.UserList.source == source).order_by(models.UserList.position).dicts())


def find_list(owner, list_id):
    """The stored list of this owner with this trakt id or slug, or None."""
    storage.open_db()
    number = str(list_id).isdigit() and len(str(list_id)) <= 18  # a Trakt id fits SQLite's 64-bit integer
    ident = models.UserList.trakt == int(list_id) if number else models.UserList.slug == list_id
    query = models.UserList.select().where(ident)
    if owner and owner != 'me':
        query = query.where(models.UserList.owner == owner)
    return query.dicts().first()


def list_items(list_trakt):
    """The movies and shows of a stored list in Trakt's rank order."""
    storage.open_db()
    rows = list(models.UserListItem.select().where(models.UserListItem.list_trakt == list_trakt)
                .order_by(models.UserListItem.rank, models.UserListItem.listed_at).dicts())
    movies = _movie_entries({row['trakt'] for row in rows if row['kind'] == 'movie'})
    shows = _show_entries({row['trakt'] for row in rows if row['kind'] == 'show'})
    entries = []
    for row in rows:
        found = (movies if row['kind'] == 'movie' else shows).get(row['trakt'])
        if found:
            entries.append(dict(found, listed_at=row['listed_at']))
    return _with_meta_id(entries)
