"""Read and change the local Trakt state in batches: watched overlays for any list, context-menu state, and the
optimistic updates of user actions (the Trakt write itself goes through the outbox, see actions.py).

Items are named as browse lists know them: {'kind': 'movie'|'show'|'season'|'episode', 'id': 'tt..' or
'tmdb:..' / 'tvdb:..' (the title id; for seasons and episodes the show's), 'season', 'episode'}. Optional keys:
'total' (regular episodes of a show/season, when the caller knows them from its meta) and 'duration' (seconds,
to turn Trakt's resume percentage into a position).
"""
from __future__ import annotations

import time
import zlib

from addon.core import next_up as nextup
from addon.core import trakt_times as times
from addon.platform import storage
from addon.platform.db import database
from addon.trakt import models

_CHUNK = 400


def _ready() -> bool:
    """The database is open and an account has been synced at least once."""
    storage.open_db()
    return models.SyncState.select().where(models.SyncState.key == 'username').exists()


def split_id(ident):
    """('imdb', 'tt123') | ('tmdb', 123) | ('tvdb', 456) | (None, None)."""
    ident = str(ident or '')
    if ident.startswith('tt'):
        return 'imdb', ident
    for prefix in ('tmdb', 'tvdb'):
        if ident.startswith(prefix + ':') and ident[len(prefix) + 1:].isdigit():
            return prefix, int(ident[len(prefix) + 1:])
    return None, None


def stub_id(kind, ident) -> int:
    """A negative, stable trakt id for an item known only by its imdb/tmdb id (until the next sync)."""
    return -(zlib.crc32(('%s:%s' % (kind, ident)).encode('utf-8')) & 0x7fffffff) - 1


def resolve(model, idents) -> dict:
    """{ident: trakt id} for 'tt..' / 'tmdb:..' / 'tvdb:..' idents, one query per id type. Real ids win over
    optimistic stubs."""
    by_type = {}
    for ident in set(idents):
        kind, value = split_id(ident)
        if kind is not None and (kind != 'tvdb' or model is models.Show):
            by_type.setdefault(kind, {})[value] = ident
    found = {}
    for kind, wanted in by_type.items():
        column = getattr(model, kind)
        values = list(wanted)
        for start in range(0, len(values), _CHUNK):
            for trakt, value in model.select(model.trakt, column).where(
                    column.in_(values[start:start + _CHUNK])).order_by(model.trakt.desc()).tuples():
                found.setdefault(wanted[value], trakt)
    return found


# ---- decorations for browse lists ---------------------------------------------------------------------------

def decorations(items):
    """Per item {'playcount', 'resume', 'progress'} (None where unknown), in a few queries for the whole list.
    Local play state (plays not yet on Trakt, exact resume seconds) is merged in."""
    empty = [{'playcount': None, 'resume': None, 'progress': None} for _ in items]
    if not items or not _ready():
        return _merge_local(items, empty)
    movie_ids = resolve(models.Movie, [item.get('id') for item in items if item.get('kind') == 'movie'])
    show_ids = resolve(models.Show, [item.get('id') for item in items if item.get('kind') != 'movie'])
    movies = _watched_movies(set(movie_ids.values()))
    shows = show_progress({show_ids[item.get('id')] for item in items
                           if item.get('kind') in ('season', 'show') and item.get('id') in show_ids})
    episodes = _watched_episodes([(show_ids[item.get('id')], _int(item.get('season')), _int(item.get('episode')))
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


def _watched_episodes(keys) -> set:
    """The (show, season, number) keys that are watched since their show's rewatch reset: one query per chunk for
    exactly these episodes (SQLite row values), not every watched episode of the shows."""
    keys = [key for key in set(keys) if None not in key]
    if not keys:
        return set()
    shows = list({show for show, _, _ in keys})
    resets = dict(_rows('SELECT trakt, reset_at FROM trakt_show WHERE %s', 'trakt', shows))
    found = set()
    for start in range(0, len(keys), _CHUNK // 2):
        chunk = keys[start:start + _CHUNK // 2]
        sql = ('SELECT show, season, number, last_watched_at FROM trakt_watched_episode'
               ' WHERE (show, season, number) IN (VALUES %s)' % ','.join(['(?, ?, ?)'] * len(chunk)))
        for show, season, number, last in database.execute_sql(sql, [value for key in chunk for value in key]):
            reset = resets.get(show)
            if reset is None or (last is not None and last >= reset):
                found.add((show, season, number))
    return found


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


def _rows(sql, column, shows):
    """Raw rows of `sql` (its WHERE clause is the %s placeholder) for the given shows, or all rows when None.
    Raw cursors: Next Up reads thousands of rows per render and peewee's row handling would double the time."""
    if shows is None:
        return database.execute_sql(sql % '1 = 1').fetchall()
    found = []
    for start in range(0, len(shows), _CHUNK):
        chunk = shows[start:start + _CHUNK]
        found.extend(database.execute_sql(sql % ('%s IN (%s)' % (column, ','.join('?' * len(chunk)))),
                                          chunk).fetchall())
    return found


def show_progress(trakt_ids=None) -> dict:
    """{show: nextup.ShowProgress} with the stored episode lists (empty when none), watched episodes, rewatch
    reset, hidden seasons and Trakt's aired count; for the given shows, or every show with an episode list."""
    wanted = None if trakt_ids is None else list(trakt_ids)
    if wanted == []:
        return {}
    if wanted is None:
        shows = database.execute_sql(
            'SELECT trakt, last_watched_at, reset_at, aired_episodes FROM trakt_show'
            ' WHERE episodes_key IS NOT NULL AND last_watched_at IS NOT NULL').fetchall()
    else:
        shows = _rows('SELECT trakt, last_watched_at, reset_at, aired_episodes FROM trakt_show WHERE %s', 'trakt',
                      wanted)
    known = {row[0] for row in shows}
    episodes, watched, hidden = {}, {}, {}
    for show, season, number, aired in _rows(
            'SELECT show, season, number, first_aired FROM trakt_episode WHERE %s', 'show', wanted):
        if show in known:
            episodes.setdefault(show, []).append((season, number, aired))
    for show, season, number, last in _rows(
            'SELECT show, season, number, last_watched_at FROM trakt_watched_episode WHERE %s', 'show', wanted):
        if show in known:
            watched.setdefault(show, {})[(season, number)] = last
    for show, season in models.Hidden.select(models.Hidden.trakt, models.Hidden.season).where(
            (models.Hidden.section == 'progress_watched') & (models.Hidden.kind == 'season')).tuples():
        hidden.setdefault(show, set()).add(season)
    return {trakt: nextup.ShowProgress(trakt, last, episodes.get(trakt, []), watched.get(trakt, {}), reset,
                                       hidden.get(trakt, ()), aired_total)
            for trakt, last, reset, aired_total in shows}


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
    try:
        from addon.core.mediakey import media_key
        from addon.platform import playstate
    except ImportError:
        return result
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


def forget_account():
    """Logout: every synced row and every queued Trakt write of this device goes."""
    from addon.platform import outbox as outbox_store
    from addon.trakt import sync
    storage.open_db()
    sync.wipe_account()
    outbox_store.discard('trakt')


# ---- context-menu state -------------------------------------------------------------------------------------

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


# ---- optimistic local changes (the outbox carries them to Trakt) --------------------------------------------

def ensure_media(kind, ident, title=None, year=None) -> int:
    """The trakt id of a movie/show, creating a stub row (negative id) when the item was never synced."""
    storage.open_db()
    model = models.Movie if kind == 'movie' else models.Show
    found = resolve(model, [ident]).get(ident)
    if found is not None:
        return found
    id_type, value = split_id(ident)
    row = {'trakt': stub_id(kind, ident), 'title': title, 'year': year}
    if id_type:
        row[id_type] = value
    model.insert(row).on_conflict_ignore().execute()
    return row['trakt']


def trakt_ids(kind, ident) -> dict:
    """The ids block for a Trakt write body: the trakt id when known, plus imdb/tmdb/tvdb."""
    storage.open_db()
    model = models.Movie if kind == 'movie' else models.Show
    trakt = resolve(model, [ident]).get(ident)
    ids = {}
    row = model.get_or_none(model.trakt == trakt) if trakt is not None else None
    if row is not None:
        if row.trakt > 0:
            ids['trakt'] = row.trakt
        for key in ('imdb', 'tmdb') + (('tvdb',) if kind != 'movie' else ()):
            if getattr(row, key):
                ids[key] = getattr(row, key)
    id_type, value = split_id(ident)
    if id_type:
        ids.setdefault(id_type, value)
    return ids


def set_movie_watched(ident, watched, when=None, title=None, year=None):
    trakt = ensure_media('movie', ident, title, year)
    with database.atomic('IMMEDIATE'):
        if watched:
            models.WatchedMovie.insert(movie=trakt, plays=1, last_watched_at=times.iso(when or time.time())) \
                .on_conflict(conflict_target=[models.WatchedMovie.movie],
                             update={models.WatchedMovie.plays: models.WatchedMovie.plays + 1,
                                     models.WatchedMovie.last_watched_at: times.iso(when or time.time())}).execute()
            models.Playback.delete().where((models.Playback.kind == 'movie') &
                                           (models.Playback.movie == trakt)).execute()
        else:
            models.WatchedMovie.delete().where(models.WatchedMovie.movie == trakt).execute()


def set_episodes_watched(ident, episodes, watched, when=None, title=None):
    """Mark [(season, number)] of a show watched or unwatched locally."""
    trakt = ensure_media('show', ident, title)
    stamp = times.iso(when or time.time())
    with database.atomic('IMMEDIATE'):
        if watched:
            for season, number in episodes:
                models.WatchedEpisode.insert(show=trakt, season=season, number=number, plays=1,
                                             last_watched_at=stamp).on_conflict(
                    conflict_target=[models.WatchedEpisode.show, models.WatchedEpisode.season,
                                     models.WatchedEpisode.number],
                    update={models.WatchedEpisode.last_watched_at: stamp}).execute()
                models.Playback.delete().where((models.Playback.kind == 'episode') & (models.Playback.show == trakt)
                                               & (models.Playback.season == season)
                                               & (models.Playback.number == number)).execute()
            models.Show.update(last_watched_at=stamp).where(models.Show.trakt == trakt).execute()
            # marking an episode watched un-drops the show on Trakt
            models.Hidden.delete().where((models.Hidden.section == 'dropped')
                                         & (models.Hidden.trakt == trakt)).execute()
        else:
            for season, number in episodes:
                models.WatchedEpisode.delete().where(
                    (models.WatchedEpisode.show == trakt) & (models.WatchedEpisode.season == season)
                    & (models.WatchedEpisode.number == number)).execute()
    return trakt


def set_show_unwatched(ident, season=None):
    """Forget every watched episode of a show (or of one season)."""
    trakt = ensure_media('show', ident)
    query = models.WatchedEpisode.delete().where(models.WatchedEpisode.show == trakt)
    if season is not None:
        query = query.where(models.WatchedEpisode.season == season)
    query.execute()
    return trakt


def aired_episodes(ident, season=None, now=None):
    """[(season, number)] aired regular episodes of a show from the stored list ([] when there is none)."""
    trakt = ensure_media('show', ident)
    now_iso = times.iso(now or time.time())
    query = models.Episode.select(models.Episode.season, models.Episode.number).where(
        (models.Episode.show == trakt) & (models.Episode.season > 0) & (models.Episode.first_aired <= now_iso))
    if season is not None:
        query = query.where(models.Episode.season == season)
    return sorted(query.tuples())


def set_watchlisted(kind, ident, listed, title=None, year=None):
    trakt = ensure_media(kind, ident, title, year)
    kind = 'movie' if kind == 'movie' else 'show'
    if listed:
        models.WatchlistItem.insert(kind=kind, trakt=trakt, rank=0, listed_at=times.iso(time.time())) \
            .on_conflict_ignore().execute()
    else:
        models.WatchlistItem.delete().where((models.WatchlistItem.kind == kind) &
                                            (models.WatchlistItem.trakt == trakt)).execute()


def set_hidden(section, ident, hidden, title=None):
    trakt = ensure_media('show', ident, title)
    if hidden:
        models.Hidden.insert(section=section, kind='show', trakt=trakt, season=models.NO_SEASON,
                             hidden_at=times.iso(time.time())).on_conflict_ignore().execute()
    else:
        models.Hidden.delete().where((models.Hidden.section == section) & (models.Hidden.trakt == trakt)
                                     & (models.Hidden.kind == 'show')).execute()


def remove_playback(playback_id):
    storage.open_db()
    models.Playback.delete().where(models.Playback.id == playback_id).execute()


def is_hidden(section, ident) -> bool:
    storage.open_db()
    trakt = resolve(models.Show, [ident]).get(ident)
    return trakt is not None and models.Hidden.select().where(
        (models.Hidden.section == section) & (models.Hidden.kind == 'show') & (models.Hidden.trakt == trakt)).exists()


def hide_by_trakt_id(section, trakt):
    storage.open_db()
    models.Hidden.insert(section=section, kind='show', trakt=int(trakt), season=models.NO_SEASON,
                         hidden_at=times.iso(time.time())).on_conflict_ignore().execute()
