"""The fake Trakt's discover lists and calendar, as Trakt v2 serves them (trakt/trakt-api contracts):

- GET /{movies|shows}/trending: [{watchers, movie|show}], /popular: the plain objects, /anticipated:
  [{list_count, movie|show}]; public (client id only), paged with the X-Pagination-* headers (default 10 a page).
- GET /recommendations/{movies|shows} (login): the objects with favorited_by / recommended_by, `limit` (default 10,
  at most 100) and no pagination; ignore_collected / ignore_watchlisted; minus the hidden 'recommendations'.
- DELETE /recommendations/{movies|shows}/{id} (login, paced like every write): 204, hidden from then on.
- GET /calendars/my/shows/{start_date}/{days} (login): [{first_aired, episode, show}] of the shows the user watched,
  collected or watchlisted (minus those hidden from the calendar), UTC dates, days 1..33 (400 beyond).

Mixed into FakeTraktServer (tests/fakes/trakt_server.py) with its ROUTES; the orders are made up but stable: a
test asks `trending_order(kind)` etc. for what the list should show.
"""
from __future__ import annotations

import calendar
import re
import time

from tests.fakes.trakt_account import iso

RECOMMENDATION_DEFAULT = 10
RECOMMENDATION_MAX = 100
PUBLIC_DEFAULT_LIMIT = 10
CALENDAR_MAX_DAYS = 33
DAY = 86400


def earlier_today(now) -> float:
    """An air time that has passed and falls on today's UTC date (a day of an account in UTC, the fake's default):
    two hours ago, or just after midnight during the first two hours of the day."""
    return max(now - 2 * 3600, now - now % DAY + 1)


class DiscoverEndpoints:
    """Methods of FakeTraktServer (self.account, self._page and HttpError come from it)."""

    def _table(self, plural):
        account = self.account
        return (account.movies, account.movie_object) if plural == 'movies' else (account.shows, account.show_object)

    def trending_order(self, plural):
        """Trakt ids in trending order: most watchers first (watchers made up from the id)."""
        table, _ = self._table(plural)
        return sorted(table, key=lambda trakt: (-_watchers(trakt), trakt))

    def popular_order(self, plural):
        table, _ = self._table(plural)
        return sorted(table, key=lambda trakt: (-(trakt * 7919 % 1000), trakt))

    def anticipated_order(self, plural):
        table, _ = self._table(plural)
        return sorted(table, reverse=True)

    def recommendation_order(self, plural, ignore_collected=False, ignore_watchlisted=False):
        account = self.account
        kind = 'movie' if plural == 'movies' else 'show'
        hidden = {entry['trakt'] for entry in account.hidden['recommendations'] if entry['type'] == kind}
        skipped = set(hidden)
        if ignore_watchlisted:
            skipped |= {entry['trakt'] for entry in account.watchlist if entry['type'] == kind}
        if ignore_collected:
            skipped |= set(account.collected_movies) if kind == 'movie' else {
                show for show, _season, _number in account.collected_episodes}
        return [trakt for trakt in self.popular_order(plural) if trakt not in skipped]

    def discover_list(self, query, body, plural, list_kind):
        table, shape = self._table(plural)
        kind = plural[:-1]
        if list_kind == 'trending':
            items = [{'watchers': _watchers(trakt), kind: shape(trakt)} for trakt in self.trending_order(plural)]
        elif list_kind == 'anticipated':
            items = [{'list_count': 500 + trakt % 97, kind: shape(trakt)} for trakt in self.anticipated_order(plural)]
        else:
            items = [shape(trakt) for trakt in self.popular_order(plural)]
        query = dict(query)
        query.setdefault('limit', str(PUBLIC_DEFAULT_LIMIT))
        return self._page(items, query)

    def recommendations(self, query, body, plural):
        try:
            limit = max(1, min(RECOMMENDATION_MAX, int(query.get('limit', RECOMMENDATION_DEFAULT))))
        except ValueError:
            raise _error(400, {'error': 'bad limit'}) from None
        _, shape = self._table(plural)
        order = self.recommendation_order(plural, query.get('ignore_collected') == 'true',
                                          query.get('ignore_watchlisted') == 'true')
        return 200, [dict(shape(trakt), favorited_by=[], recommended_by=[]) for trakt in order[:limit]], {}

    def recommendation_hide(self, query, body, plural, item_id):
        found = self.account.find_movie_by_path_id(item_id) if plural == 'movies' else \
            self.account.find_show_by_path_id(item_id)
        if found is None:
            raise _error(404, {'error': 'not found'})
        self.account.hide('recommendations', plural[:-1], found['trakt'])
        return 204, None, {}

    def my_show_ids(self):
        """The shows of "my" calendar: watched, collected or watchlisted, minus those hidden from the calendar."""
        account = self.account
        mine = {play['show'] for play in account.history if play['type'] == 'episode'}
        mine |= {show for show, _season, _number in account.collected_episodes}
        mine |= {entry['trakt'] for entry in account.watchlist if entry['type'] == 'show'}
        hidden = {entry['trakt'] for entry in account.hidden['calendar'] if entry['type'] == 'show'}
        return sorted(trakt for trakt in mine - hidden if trakt in account.shows)

    def calendar_items(self, start, days):
        """[{first_aired, episode, show}] of my shows airing from `start` (epoch, UTC midnight) for `days` days."""
        account = self.account
        found = []
        for show in self.my_show_ids():
            for season, episodes in account.shows[show]['seasons'].items():
                for episode in episodes:
                    aired = episode['first_aired']
                    if aired is not None and start <= aired < start + days * DAY:
                        found.append((aired, show, season, episode['number']))
        return [{'first_aired': iso(aired), 'episode': account.episode_object(show, season, number),
                 'show': account.show_object(show)} for aired, show, season, number in sorted(found)]

    def calendar_my_shows(self, query, body, start_date, days):
        if not re.match(r'\d{4}-\d{2}-\d{2}$', start_date) or not 1 <= int(days) <= CALENDAR_MAX_DAYS:
            raise _error(400, {'error': 'bad start_date or days'})
        start = calendar.timegm(time.strptime(start_date, '%Y-%m-%d'))
        return 200, self.calendar_items(start, int(days)), {}


def _error(status, body):
    from tests.fakes.trakt_server import HttpError  # the server imports this module
    return HttpError(status, body)


def _watchers(trakt):
    return 1 + trakt * 2654435761 % 977


def discover_routes(route):
    """The routes, built with the server's `_route(method, pattern, name, auth)`."""
    return (
        route('GET', r'/(movies|shows)/(trending|popular|anticipated)', 'discover_list'),
        route('GET', r'/recommendations/(movies|shows)', 'recommendations', auth=True),
        route('DELETE', r'/recommendations/(movies|shows)/([^/]+)', 'recommendation_hide', auth=True),
        route('GET', r'/calendars/my/shows/([^/]+)/(\d+)', 'calendar_my_shows', auth=True),
    )
