"""What a listing shows of the Trakt state, read in a few batched queries per list: watched overlays, resume points
and "5/10" progress (decorations), and the state context-menu labels follow (menu_states).

Items are named as browse lists know them: {'kind': 'movie'|'show'|'season'|'episode', 'id': 'tt..' or
'tmdb:..' / 'tvdb:..' (the title id; for seasons and episodes the show's), 'season', 'episode'}. Optional keys:
'total' (regular episodes of a show/season, when the caller knows them from its meta) and 'duration' (seconds,
to turn Trakt's resume percentage into a position).
"""
from __future__ import annotations

import time

from addon.core import next_up as nextup
from addon.core import trakt_times as times
from addon.core.mediakey import media_key
from addon.platform import playstate, storage
from addon.trakt import models, show_progress
from addon.trakt.media_ids import resolve

_CHUNK = 400


def _ready() -> bool:
    """The database is open and an account has been synced at least once."""
    storage.open_db()
    return models.SyncState.select().where(models.SyncState.key == 'username').exists()


def decorations(items):
    """Per item {'playcount', 'resume', 'progress'} (None where unknown), in a few queries for the whole list.
    Local play state (plays not yet on Trakt, exact resume seconds) is merged in."""
    empty = [{'playcount': None, 'resume': None, 'progress': None} for _ in items]
    if not items or not _ready():
        return _merge_local(items, empty)
    movie_ids = resolve(models.Movie, [item.get('id') for item in items if item.get('kind') == 'movie'])
    show_ids = resolve(models.Show, [item.get('id') for item in items if item.get('kind') != 'movie'])
    movies = _watched_movies(set(movie_ids.values()))
    shows = show_progress.load({show_ids[item.get('id')] for item in items
                                if item.get('kind') in ('season', 'show') and item.get('id') in show_ids})
    episodes = show_progress.watched_episodes(
        [(show_ids[item.get('id')], _int(item.get('season')), _int(item.get('episode')))
         for item in items if item.get('kind') == 'episode' and item.get('id') in show_ids])
    playback = _playback(set(movie_ids.values()), set(show_ids.values()))
    now = times.iso(time.time())
    result = []
    for item in items:
        kind, ident = item.get('kind'), item.get('id')
        entry = {'playcount': None, 'resume': None, 'progress': None}
        if kind == 'movie':
            trakt = movie_ids.get(ident)
            entry['playcount'] = movies.get(trakt, 0)
            entry['resume'] = _resume(playback.get(('movie', trakt)), item.get('duration'))
        elif kind == 'episode':
            key = (show_ids.get(ident), _int(item.get('season')), _int(item.get('episode')))
            entry['playcount'] = 1 if key in episodes else 0
            entry['resume'] = _resume(playback.get(('episode',) + key), item.get('duration'))
        elif ident in show_ids:
            entry.update(_progress_entry(item, shows.get(show_ids[ident]), now))
        result.append(entry)
    return _merge_local(items, result)


def _progress_entry(item, progress, now):
    """{'progress': (watched, total)} of a season or show (regular episodes since the rewatch reset)."""
    if progress is None:
        return {}
    watched = nextup.watched_after_reset(progress)
    if item.get('kind') == 'season':
        season = _int(item.get('season'))
        done = sum(1 for key in watched if key[0] == season)
        total = item.get('total') or sum(1 for number, _, aired in progress.episodes
                                          if number == season and aired is not None and aired <= now)
        return {'progress': (min(done, int(total)), int(total))} if total else {}
    done = sum(1 for key in watched if key[0] > 0)
    total = item.get('total') or progress.aired_total or nextup.counts(progress, now)[1]
    return {'progress': (min(done, int(total)), int(total))} if total else {}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _resume(percent, duration):
    if not percent or not duration:
        return None
    return float(duration) * percent / 100.0, float(duration)


def _watched_movies(trakt_ids) -> dict:
    found = {}
    values = list(trakt_ids)
    for start in range(0, len(values), _CHUNK):
        found.update(models.WatchedMovie.select(models.WatchedMovie.movie, models.WatchedMovie.plays).where(
            models.WatchedMovie.movie.in_(values[start:start + _CHUNK])).tuples())
    return found


def _playback(movie_ids, show_ids) -> dict:
    """{('movie', trakt) | ('episode', show, season, number): percent}."""
    found = {}
    query = models.Playback.select(models.Playback.kind, models.Playback.movie, models.Playback.show,
                                   models.Playback.season, models.Playback.number, models.Playback.progress)
    for kind, movie, show, season, number, percent in query.tuples():
        if kind == 'movie' and movie in movie_ids:
            found[('movie', movie)] = percent
        elif kind == 'episode' and show in show_ids:
            found[('episode', show, season, number)] = percent
    return found


def _merge_local(items, result):
    """Plays and exact resume points from addon.platform.playstate (the scrobbler's local record) win when newer."""
    keys = {}
    for index, item in enumerate(items):
        kind, ident = item.get('kind'), item.get('id')
        if not ident:
            continue
        if kind == 'movie':
            keys[index] = media_key('movie', ident)
        elif kind == 'episode' and _int(item.get('season')) is not None and _int(item.get('episode')) is not None:
            keys[index] = media_key('episode', ident, item['season'], item['episode'])
    if not keys:
        return result
    watched = playstate.watched_keys(list(keys.values()))
    points = _resume_points(playstate.PlayState, list(keys.values()))
    for index, key in keys.items():
        if key in watched:
            result[index]['playcount'] = max(1, result[index]['playcount'] or 0)
        if key in points:
            result[index]['resume'] = points[key]
    return result


def _resume_points(model, keys) -> dict:
    """{media key: (position_s, total_s)} of the local resume points, one query per chunk (playstate offers a
    lookup per key only, and a list of 160 episodes must not cost 160 queries)."""
    found = {}
    for start in range(0, len(keys), _CHUNK):
        for key, position, total in model.select(model.key, model.position, model.total).where(
                model.key.in_(keys[start:start + _CHUNK]) & (model.position > 0)).tuples():
            found[key] = (position, total)
    return found


def menu_states(items):
    """Per item {'watchlisted', 'watched', 'dropped'} for choosing context-menu labels (one batch)."""
    if not items or not _ready():
        return [{'watchlisted': False, 'watched': False, 'dropped': False} for _ in items]
    movie_ids = resolve(models.Movie, [item.get('id') for item in items if item.get('kind') == 'movie'])
    show_ids = resolve(models.Show, [item.get('id') for item in items if item.get('kind') != 'movie'])
    listed = set(models.WatchlistItem.select(models.WatchlistItem.kind, models.WatchlistItem.trakt).where(
        models.WatchlistItem.trakt.in_(list(movie_ids.values()) + list(show_ids.values()))).tuples())
    dropped = set(trakt for (trakt,) in models.Hidden.select(models.Hidden.trakt).where(
        (models.Hidden.section == 'dropped') & models.Hidden.trakt.in_(list(show_ids.values()))).tuples())
    decorated = decorations(items)
    states = []
    for item, decoration in zip(items, decorated):
        kind, ident = item.get('kind'), item.get('id')
        if kind == 'movie':
            trakt = movie_ids.get(ident)
            states.append({'watchlisted': ('movie', trakt) in listed, 'watched': bool(decoration['playcount']),
                           'dropped': False})
            continue
        trakt = show_ids.get(ident)
        progress = decoration.get('progress')
        watched = bool(decoration['playcount']) if kind == 'episode' else bool(
            progress and progress[1] and progress[0] >= progress[1])
        states.append({'watchlisted': ('show', trakt) in listed, 'watched': watched, 'dropped': trakt in dropped})
    return states
