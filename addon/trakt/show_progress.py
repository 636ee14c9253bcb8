"""Every show's progress from the local copy, as addon.core.next_up reads it: the reads behind Next Up and the
"5/10" of seasons and shows.

The queries are peewee's; their rows are read from the cursor as SQLite gives them (database.execute), not through
peewee's per-row conversion, which the stored columns do not need. Measured on the large generated account (330
shows, 8,242 listed and 11,869 watched episodes; peewee 3.19, minimum of 5x10 runs, 2026-12-05): reading every
show's progress takes 15.7 ms (raw SQL before: 16.8 ms; with peewee's .tuples() conversion 47 ms), computing Next
Up 24.9 ms (24.8 ms). Filtered reads pay for peewee building each id into the SQL (~8 us per id): the overlay of
a 200-episode list takes 7.6 ms (5.5 ms), of 100 shows 10.2 ms (7.6 ms), of a 20-episode season 2.2 ms (2.2 ms);
kept, as those lists take far longer to render in Kodi than the difference.
"""
from __future__ import annotations

import peewee

from addon.core import next_up as nextup
from addon.platform.db import database
from addon.trakt.models import Episode, Hidden, Show, WatchedEpisode

_CHUNK = 400


def _rows(query, column, values):
    """The rows of `query` where `column` is one of `values` (in chunks), or every row when values is None."""
    if values is None:
        return database.execute(query).fetchall()
    found = []
    for start in range(0, len(values), _CHUNK):
        found.extend(database.execute(query.where(column.in_(values[start:start + _CHUNK]))).fetchall())
    return found


def load(trakt_ids=None) -> dict:
    """{show: nextup.ShowProgress} with the stored episode lists (empty when none), watched episodes, rewatch
    reset, hidden seasons and Trakt's aired count; for the given shows, or every show with an episode list."""
    wanted = None if trakt_ids is None else list(trakt_ids)
    if wanted == []:
        return {}
    shows = Show.select(Show.trakt, Show.last_watched_at, Show.reset_at, Show.aired_episodes)
    if wanted is None:
        shows = shows.where(Show.episodes_key.is_null(False) & Show.last_watched_at.is_null(False))
    shows = _rows(shows, Show.trakt, wanted)
    known = {row[0] for row in shows}
    episodes, watched, hidden = {}, {}, {}
    for show, season, number, aired in _rows(
            Episode.select(Episode.show, Episode.season, Episode.number, Episode.first_aired), Episode.show, wanted):
        if show in known:
            episodes.setdefault(show, []).append((season, number, aired))
    for show, season, number, last in _rows(
            WatchedEpisode.select(WatchedEpisode.show, WatchedEpisode.season, WatchedEpisode.number,
                                  WatchedEpisode.last_watched_at), WatchedEpisode.show, wanted):
        if show in known:
            watched.setdefault(show, {})[(season, number)] = last
    for show, season in Hidden.select(Hidden.trakt, Hidden.season).where(
            (Hidden.section == 'progress_watched') & (Hidden.kind == 'season')).tuples():
        hidden.setdefault(show, set()).add(season)
    return {trakt: nextup.ShowProgress(trakt, last, episodes.get(trakt, []), watched.get(trakt, {}), reset,
                                       hidden.get(trakt, ()), aired_total)
            for trakt, last, reset, aired_total in shows}


def of_episodes(query, model, keys):
    """`query` on an episode-keyed model (show, season, number) limited to exactly these keys: a join with the keys
    as a VALUES list, so SQLite looks each one up by the primary key."""
    wanted = peewee.ValuesList(keys, alias='wanted')
    return query.join(wanted, on=((model.show == wanted.c.column1) & (model.season == wanted.c.column2)
                                  & (model.number == wanted.c.column3)))


def watched_episodes(keys) -> set:
    """The (show, season, number) keys that are watched since their show's rewatch reset: one query per chunk for
    exactly these episodes, not every watched episode of the shows."""
    keys = [key for key in set(keys) if None not in key]
    if not keys:
        return set()
    resets = dict(_rows(Show.select(Show.trakt, Show.reset_at), Show.trakt, list({show for show, _, _ in keys})))
    query = WatchedEpisode.select(WatchedEpisode.show, WatchedEpisode.season, WatchedEpisode.number,
                                  WatchedEpisode.last_watched_at)
    found = set()
    for start in range(0, len(keys), _CHUNK // 2):
        for show, season, number, last in database.execute(
                of_episodes(query, WatchedEpisode, keys[start:start + _CHUNK // 2])):
            reset = resets.get(show)
            if reset is None or (last is not None and last >= reset):
                found.add((show, season, number))
    return found
