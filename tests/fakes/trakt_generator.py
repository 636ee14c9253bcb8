"""Deterministic (seeded) fake Trakt accounts: a large one for first-sync and Next Up scenarios, a small one with
the same edge cases for fast unit tests.

Every account holds these named edge shows (account.edge[name] -> show trakt id):
    gap              watched E1, E2, E5 of season 1             -> next S1E6 (gaps behind are ignored)
    season_boundary  watched all of season 1                     -> next S2E1
    rewatch          finished long ago, rewatch reset, then S1E1-E3 again -> next S1E4
    rewatch_started  finished, reset, nothing rewatched yet      -> next S1E1
    special_only     every regular episode watched, one special left -> not in Next Up
    unaired_next     caught up; the next episode airs next week  -> not in Next Up
    unaired_gap      a gap behind, the episode after the last watched one is unaired -> not in Next Up
    hidden           in progress but hidden from progress        -> not in Next Up
    dropped          in progress but dropped                     -> not in Next Up
    hidden_season    season 1 done, season 2 hidden from progress -> next S3E1
"""
from __future__ import annotations

import random
import time

from tests.fakes.trakt_account import Account

DAY = 86400.0
_WORDS = ('Silent', 'Crimson', 'Northern', 'Broken', 'Golden', 'Hidden', 'Last', 'Iron', 'Paper', 'Velvet',
          'Electric', 'Hollow', 'Distant', 'Frozen', 'Burning', 'Lucky', 'Midnight', 'Wild', 'Glass', 'Stone')
_NOUNS = ('River', 'Empire', 'Signal', 'Harbor', 'Garden', 'Protocol', 'Frontier', 'Orchard', 'Circuit', 'Tide',
          'Kingdom', 'Station', 'Mirror', 'Lantern', 'Valley', 'Engine', 'Archive', 'Saga', 'Code', 'Horizon')

EDGE_NAMES = ('gap', 'season_boundary', 'rewatch', 'rewatch_started', 'special_only', 'unaired_next', 'unaired_gap',
              'hidden', 'dropped', 'hidden_season')


def large_account(seed=20260701, now=None) -> Account:
    """>= 300 shows, >= 8,000 watched episodes, >= 1,000 watched movies, hidden and dropped shows, the edge shows."""
    return build_account(shows=330, movies=1100, seed=seed, now=now)


def small_account(seed=7, now=None) -> Account:
    return build_account(shows=14, movies=24, seed=seed, now=now)


def build_account(shows, movies, seed, now=None) -> Account:
    now = float(int(time.time() if now is None else now))
    rng = random.Random(seed)
    account = Account()
    account.edge = {}
    builder = _Builder(account, rng, now)
    builder.edge_shows()
    builder.regular_shows(shows - len(account.edge))
    builder.movies(movies)
    builder.library_extras()
    account.settle_activities()
    return account


class _Builder:
    def __init__(self, account, rng, now):
        self.account = account
        self.rng = rng
        self.now = now
        self.next_show = 1
        self.next_movie = 1

    def title(self, number):
        return '%s %s %d' % (self.rng.choice(_WORDS), self.rng.choice(_NOUNS), number)

    def show(self, title, season_sizes, premiere, specials=0, future=None):
        """A show with weekly episodes from `premiere`; `future`: {season: [days from now or None (TBA)]}."""
        trakt = 100 + self.next_show
        self.next_show += 1
        seasons, aired = {}, premiere
        for season, size in enumerate(season_sizes, start=1):
            episodes = []
            for number in range(1, size + 1):
                episodes.append(('Episode %d' % number, aired))
                aired += 7 * DAY
            seasons[season] = episodes
            aired += 120 * DAY
        for season, offsets in (future or {}).items():
            start = len(seasons.get(season, []))
            seasons.setdefault(season, [])
            for index, offset in enumerate(offsets):
                seasons[season].append(('Episode %d' % (start + index + 1),
                                        None if offset is None else self.now + offset * DAY))
        if specials:
            seasons[0] = [('Special %d' % number, premiere + number * 30 * DAY) for number in range(1, specials + 1)]
        self.account.add_show(trakt, title, int(time.gmtime(premiere).tm_year), seasons,
                              imdb='tt%07d' % (4000000 + trakt * 7), tmdb=60000 + trakt, tvdb=300000 + trakt)
        return trakt

    def watch(self, show, keys, start, plays=1):
        """Plays of `keys` [(season, number)] in order, from `start`; returns the last watch time."""
        when = start
        for _ in range(plays):
            for season, number in keys:
                episode = self.account.episode(show, season, number)
                when = min(self.now - 3600.0, max(when + self.rng.uniform(0.5, 72) * 3600.0,
                                                  (episode['first_aired'] or when) + 3600.0))
                self.account.add_play('episode', (show, season, number), when)
        return when

    def regular_keys(self, show, aired_only=True):
        seasons = self.account.shows[show]['seasons']
        return [(season, episode['number']) for season in sorted(seasons) if season > 0
                for episode in seasons[season] if not aired_only or self.account.aired(episode, self.now)]

    def recent(self):
        """A start time that leaves the edge shows among the recently watched."""
        return self.now - self.rng.uniform(5, 40) * DAY

    # ---- the named edge cases -----------------------------------------------------------------------------

    def edge_shows(self):
        edge, old = self.account.edge, self.now - 6 * 365 * DAY
        edge['gap'] = show = self.show('Edge Gap Show', [10, 8], old)
        self.watch(show, [(1, 1), (1, 2), (1, 5)], self.recent())
        edge['season_boundary'] = show = self.show('Edge Season Boundary', [6, 6], old)
        self.watch(show, [(1, number) for number in range(1, 7)], self.recent())
        edge['rewatch'] = show = self.show('Edge Rewatch Reset', [8, 8], old)
        finished = self.watch(show, self.regular_keys(show), old + 400 * DAY)
        self.account.resets[show] = finished + 30 * DAY
        self.watch(show, [(1, 1), (1, 2), (1, 3)], self.recent())
        edge['rewatch_started'] = show = self.show('Edge Rewatch Started', [5, 5], old)
        finished = self.watch(show, self.regular_keys(show), old + 300 * DAY)
        self.account.resets[show] = finished + 10 * DAY
        edge['special_only'] = show = self.show('Edge Only A Special Left', [6, 4], old, specials=2)
        self.watch(show, [(0, 1)] + self.regular_keys(show), self.recent())
        edge['unaired_next'] = show = self.show('Edge Next Episode Unaired', [8], self.now - 12 * 7 * DAY,
                                                future={1: [7, None]})
        self.watch(show, self.regular_keys(show), self.now - 10 * DAY)
        edge['unaired_gap'] = show = self.show('Edge Gap Before Unaired', [6], self.now - 10 * 7 * DAY,
                                               future={1: [10]})
        self.watch(show, [key for key in self.regular_keys(show) if key != (1, 3)], self.now - 8 * DAY)
        edge['hidden'] = show = self.show('Edge Hidden From Progress', [10], old)
        self.watch(show, [(1, 1), (1, 2), (1, 3)], self.recent())
        self.account.hide('progress_watched', 'show', show, at=self.now - 2 * DAY)
        edge['dropped'] = show = self.show('Edge Dropped Show', [10], old)
        self.watch(show, [(1, 1), (1, 2), (1, 3)], self.recent())
        self.account.hide('dropped', 'show', show, at=self.now - DAY)
        edge['hidden_season'] = show = self.show('Edge Hidden Season', [6, 6, 6], old)
        self.watch(show, [(1, number) for number in range(1, 7)], self.recent())
        self.account.hide('progress_watched', 'season', show, season=2, at=self.now - 3 * DAY)

    # ---- the bulk of the library --------------------------------------------------------------------------

    def regular_shows(self, count):
        rng = self.rng
        for _ in range(count):
            premiere = self.now - rng.uniform(2, 16) * 365 * DAY
            sizes = [rng.randint(6, 22) for _ in range(rng.randint(1, 6))]
            show = self.show(self.title(self.next_show), sizes, premiere, specials=rng.choice((0, 0, 0, 1, 3)))
            keys = self.regular_keys(show)
            start = premiere + rng.uniform(0, 0.8) * (self.now - premiere)
            style = rng.random()
            if style < 0.5:
                specials = [(0, episode['number']) for episode in self.account.shows[show]['seasons'].get(0, [])
                            if rng.random() < 0.5]
                self.watch(show, keys + specials, start, plays=2 if rng.random() < 0.1 else 1)
            elif style < 0.88:
                self.watch(show, keys[:rng.randint(1, len(keys) - 1)], start)
            else:
                cut = rng.randint(3, len(keys) - 1)
                skipped = rng.randint(1, cut - 2)
                self.watch(show, [key for index, key in enumerate(keys[:cut]) if index != skipped], start)

    def movies(self, count):
        rng, account = self.rng, self.account
        for index in range(count):
            trakt = 5000 + index
            account.add_movie(trakt, self.title(index), rng.randint(1970, 2026), imdb='tt%07d' % (1000000 + index * 3),
                              tmdb=100000 + index, runtime=rng.randint(80, 170))
            if index % 22 != 21:  # about 95 % watched
                when = self.now - rng.uniform(1, 3000) * DAY
                account.add_play('movie', trakt, when)
                if rng.random() < 0.08:
                    account.add_play('movie', trakt, min(self.now - 3600.0, when + rng.uniform(1, 200) * DAY))

    def library_extras(self):
        rng, account = self.rng, self.account
        movies = sorted(account.movies)
        shows = sorted(account.shows)
        for movie in rng.sample(movies, max(1, len(movies) // 3)):
            account.collected_movies[movie] = self.now - rng.uniform(1, 2000) * DAY
        for show in rng.sample(shows, max(1, len(shows) // 10)):
            for season, number in self.regular_keys(show)[:rng.randint(1, 12)]:
                account.collected_episodes[(show, season, number)] = self.now - rng.uniform(1, 900) * DAY
        unwatched = [movie for movie in movies if movie not in account.watched_movies()]
        for movie in unwatched[:max(1, len(movies) // 22)]:
            account.watchlist.append({'id': account.next_id(), 'listed_at': self.now - rng.uniform(1, 500) * DAY,
                                      'type': 'movie', 'trakt': movie, 'notes': None})
        for show in rng.sample(shows, max(1, len(shows) // 16)):
            account.watchlist.append({'id': account.next_id(), 'listed_at': self.now - rng.uniform(1, 500) * DAY,
                                      'type': 'show', 'trakt': show, 'notes': None})
        for movie in rng.sample(movies, min(6, len(movies))):
            entry_id = account.next_id()
            account.playback[entry_id] = {'id': entry_id, 'progress': round(rng.uniform(5, 75), 2),
                                          'paused_at': self.now - rng.uniform(0.1, 30) * DAY, 'type': 'movie',
                                          'movie': movie}
        watched = account.watched_episodes()
        in_progress = [show for show in shows if show not in account.edge.values()
                       and len(watched.get(show, {})) < len(self.regular_keys(show))]
        for show in in_progress[:5]:
            season, number = self.regular_keys(show)[len(watched.get(show, {}))]
            entry_id = account.next_id()
            account.playback[entry_id] = {'id': entry_id, 'progress': round(rng.uniform(5, 75), 2),
                                          'paused_at': self.now - rng.uniform(0.1, 30) * DAY, 'type': 'episode',
                                          'show': show, 'season': season, 'number': number}
        extra_hidden = in_progress[5:5 + max(1, len(in_progress) // 40)]
        extra_dropped = in_progress[5 + len(extra_hidden):5 + 2 * len(extra_hidden)]
        for show in extra_hidden:
            account.hide('progress_watched', 'show', show, at=self.now - rng.uniform(1, 400) * DAY)
        for show in extra_dropped:
            account.hide('dropped', 'show', show, at=self.now - rng.uniform(1, 400) * DAY)
        account.hide('calendar', 'show', shows[-1], at=self.now - 50 * DAY)
        account.hide('recommendations', 'movie', movies[-1], at=self.now - 60 * DAY)
