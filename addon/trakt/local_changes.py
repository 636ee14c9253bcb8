"""Optimistic local changes of user actions and the scrobbler: the local copy shows a change at once, while the
outbox carries the Trakt write (addon.trakt.actions). Items are named as in addon.trakt.media_ids.
"""
from __future__ import annotations

import time

import peewee

from addon.core import trakt_times as times
from addon.platform import storage
from addon.platform.db import database
from addon.trakt import models
from addon.trakt.media_ids import ensure_media, resolve


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


def set_listed(list_trakt, kind, ident, listed, title=None):
    """Add a movie or show to one of the user's stored lists, or take it out (its item count follows)."""
    trakt = ensure_media(kind, ident, title)
    kind = 'movie' if kind == 'movie' else 'show'
    where = ((models.UserListItem.list_trakt == list_trakt) & (models.UserListItem.kind == kind) &
             (models.UserListItem.trakt == trakt))
    with database.atomic('IMMEDIATE'):
        present = models.UserListItem.select().where(where).exists()
        if listed and not present:
            last = models.UserListItem.select(peewee.fn.MAX(models.UserListItem.rank)).where(
                models.UserListItem.list_trakt == list_trakt).scalar() or 0
            models.UserListItem.insert(list_trakt=list_trakt, kind=kind, trakt=trakt, rank=last + 1,
                                       listed_at=times.iso(time.time())).execute()
        elif not listed and present:
            models.UserListItem.delete().where(where).execute()
        else:
            return
        models.UserList.update(item_count=peewee.fn.MAX(0, peewee.fn.COALESCE(models.UserList.item_count, 0) +
                                                        (1 if listed else -1))).where(
            models.UserList.trakt == list_trakt).execute()


def has_own_lists() -> bool:
    storage.open_db()
    return models.UserList.select().where(models.UserList.source == 'mine').exists()


def lists_holding(kind, ident) -> set:
    """Trakt ids of the stored lists that hold this movie or show."""
    storage.open_db()
    trakt = resolve(models.Movie if kind == 'movie' else models.Show, [ident]).get(ident)
    if trakt is None:
        return set()
    return {row for (row,) in models.UserListItem.select(models.UserListItem.list_trakt).where(
        (models.UserListItem.kind == ('movie' if kind == 'movie' else 'show')) &
        (models.UserListItem.trakt == trakt)).tuples()}


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


def hide_by_trakt_id(section, trakt, kind='show'):
    storage.open_db()
    models.Hidden.insert(section=section, kind=kind, trakt=int(trakt), season=models.NO_SEASON,
                         hidden_at=times.iso(time.time())).on_conflict_ignore().execute()


def hidden_trakt_ids(section, kind) -> set:
    """Trakt ids of the movies / shows hidden in `section` (e.g. the recommendations the user hid)."""
    storage.open_db()
    return {row[0] for row in models.Hidden.select(models.Hidden.trakt).where(
        (models.Hidden.section == section) & (models.Hidden.kind == kind)).tuples()}
