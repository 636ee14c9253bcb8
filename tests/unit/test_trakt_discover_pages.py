"""Paging and cache rules of the Trakt discover lists (addon.trakt.discover, TraktClient.get_page): another page is
known from X-Pagination-Page-Count (or a full page without it), recommendations are paged here in 50s without the
hidden ones, and the response cache keeps discover answers 1 h, the calendar 6 h and nothing else Trakt answers."""
from __future__ import annotations

import json

import pytest
from requests_cache import DO_NOT_CACHE
from requests_cache.policy.expiration import get_url_expiration

from addon.platform import http
from addon.trakt import discover
from addon.trakt.client import TraktClient


class Answer:
    def __init__(self, body, headers=None, status=200):
        self.content = json.dumps(body).encode('utf-8')
        self.headers = headers or {}
        self.status_code = status


class Client(TraktClient):
    """A client whose requests are answered by `answer(path, params)` (no network)."""

    def __init__(self, answer):
        self.answer, self.asked = answer, []

    def request(self, method, path, params=None, body=None, auth=True, wait_on_rate_limit=True):
        self.asked.append((path, dict(params or {}), auth))
        return self.answer(path, params or {})


def movies(first, count):
    return [{'title': 'Movie %d' % number, 'year': 2020, 'ids': {'trakt': number, 'imdb': 'tt%07d' % number}}
            for number in range(first, first + count)]


@pytest.mark.parametrize('headers, size, more', [
    ({'X-Pagination-Page-Count': '3'}, 50, True),
    ({'X-Pagination-Page-Count': '2'}, 50, False),     # page 2 of 2
    ({}, 50, True),                                     # no header: a full page may have a next one
    ({}, 49, False),                                    # a short page is the last
    ({'X-Pagination-Limit': '10'}, 10, True),           # Trakt's own limit decides what "full" means
])
def test_get_page_tells_whether_another_page_follows(headers, size, more):
    client = Client(lambda path, params: Answer(movies(1, size), headers))
    items, following = client.get_page('/movies/trending', 2, 50, auth=False)
    assert len(items) == size and following is more
    assert client.asked == [('/movies/trending', {'page': 2, 'limit': 50}, False)]


def test_a_public_list_is_asked_page_by_page_without_login():
    client = Client(lambda path, params: Answer([{'watchers': 5, 'movie': movie} for movie in movies(
        (params['page'] - 1) * 50 + 1, 50)], {'X-Pagination-Page-Count': '2'}))
    entries, more = discover.discover_page('trending', 'movie', 2, client)
    assert [entry['title'] for entry in entries][:2] == ['Movie 51', 'Movie 52'] and not more
    assert client.asked[0][2] is False  # no token needed


def test_objects_without_a_usable_id_are_skipped(kodi):
    found = movies(1, 3)
    found[1]['ids'] = {'trakt': 2, 'slug': 'no-ids'}
    client = Client(lambda path, params: Answer(found, {'X-Pagination-Page-Count': '1'}))
    entries, _ = discover.discover_page('popular', 'movie', 1, client)
    assert [entry['meta_id'] for entry in entries] == ['tt0000001', 'tt0000003']
    assert any('without an IMDb' in message for _level, message in kodi.log_lines)


def test_recommendations_are_paged_here_without_the_hidden_ones(monkeypatch):
    monkeypatch.setattr(discover.local_changes, 'hidden_trakt_ids', lambda section, kind: {3})
    client = Client(lambda path, params: Answer(movies(1, 100)))  # Trakt's most
    first, more = discover.discover_page('recommended', 'movie', 1, client)
    assert more and len(first) == 50 and 3 not in [entry['trakt'] for entry in first]
    last, more = discover.discover_page('recommended', 'movie', 2, client)
    assert not more and len(last) == 49 and last[-1]['trakt'] == 100  # 99 left after the hidden one
    path, params, auth = client.asked[0]
    assert path == '/recommendations/movies' and auth is True
    assert params == {'limit': 100, 'ignore_collected': 'true', 'ignore_watchlisted': 'true'}


def test_recommendations_with_ids_of_the_wrong_shape_are_skipped_not_a_crash(monkeypatch):
    monkeypatch.setattr(discover.local_changes, 'hidden_trakt_ids', lambda section, kind: {3})
    found = movies(1, 3)
    found[0]['ids'] = ['tt0000001']                       # a list where Trakt sends an object
    found[1]['ids'] = {'trakt': [2], 'imdb': 'tt0000002'}  # an id that is no number
    client = Client(lambda path, params: Answer(found))
    entries, more = discover.discover_page('recommended', 'movie', 1, client)
    assert [entry['meta_id'] for entry in entries] == ['tt0000002'] and not more


def test_a_non_list_answer_is_a_failure():
    client = Client(lambda path, params: Answer({'error': 'odd'}))
    with pytest.raises(http.HttpFailure):
        discover.discover_page('recommended', 'show', 1, client)


@pytest.mark.parametrize('url, seconds', [
    ('https://api.trakt.tv/movies/trending?limit=50&page=2', 3600),
    ('https://api.trakt.tv/shows/popular?limit=50&page=1', 3600),
    ('https://api.trakt.tv/shows/anticipated?limit=50&page=1', 3600),
    ('https://api.trakt.tv/recommendations/shows?limit=100', 3600),
    ('https://api.trakt.tv/calendars/my/shows/2026-12-04/16', 6 * 3600),
    ('https://api.trakt.tv/users/settings', 6 * 3600),
    ('https://api.trakt.tv/movies/tt0111161/related?limit=20&page=1', DO_NOT_CACHE),
    ('https://api.trakt.tv/sync/last_activities', DO_NOT_CACHE),
    ('https://api.trakt.tv/sync/watchlist/movies?page=1&limit=250', DO_NOT_CACHE),
    ('https://api.trakt.tv/users/me/lists', DO_NOT_CACHE),
])
def test_the_cache_keeps_discover_an_hour_the_calendar_six_and_nothing_else(url, seconds):
    rules = dict(discover.cache_rules(), **{'*': DO_NOT_CACHE})  # as addon.platform.http adds it
    assert get_url_expiration(url, rules) == seconds
