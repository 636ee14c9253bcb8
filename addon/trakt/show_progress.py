"""Every show's progress from the local copy, as addon.core.next_up reads it: the reads behind Next Up and the
"5/10" of seasons and shows.
"""
from __future__ import annotations

from addon.core import next_up as nextup
from addon.platform.db import database
from addon.trakt import models

_CHUNK = 400


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


def load(trakt_ids=None) -> dict:
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


def watched_episodes(keys) -> set:
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
