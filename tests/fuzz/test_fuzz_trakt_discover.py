"""Fuzz: whatever Trakt answers to a discover list or the calendar (any status, body, pagination header), the
entries come out usable or the documented HttpFailure / NotAuthorized / NotConfigured is raised, and the rows
render like every Trakt list (the calendar's grouped by day, its unaired rows included)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addon.platform import http, storage
from addon.platform.http import HttpFailure
from addon.trakt import client as trakt_client
from addon.trakt import discover, render
from addon.trakt.client import NotAuthorized, NotConfigured, TraktClient
from tests.fuzz.fuzzing import (
    FUZZ,
    CannedResponse,
    example,
    json_values,
    shaped,
    some,
    trakt_episode,
    trakt_movie,
    trakt_show,
    trakt_times,
)

ALLOWED = (HttpFailure, NotAuthorized, NotConfigured)
discover_items = st.one_of(trakt_movie, trakt_show, shaped(optional={'watchers': json_values, 'movie': trakt_movie}),
                           shaped(optional={'list_count': json_values, 'show': trakt_show}))
calendar_items = shaped(optional={'first_aired': trakt_times, 'episode': trakt_episode, 'show': trakt_show})
page_headers = st.dictionaries(st.sampled_from(['X-Pagination-Page-Count', 'X-Pagination-Limit']),
                               st.sampled_from(['1', '2', '0', '-1', '9999999', 'x', '']), max_size=2)


def replies(items):
    return st.lists(st.builds(lambda status, body, headers: CannedResponse(
        status, json.dumps(body).encode('utf-8'), headers),
        st.sampled_from([200, 200, 200, 401, 404, 429, 500]), st.one_of(some(items, 6), json_values), page_headers),
        min_size=1, max_size=3)


class Replies:
    """Stands in for addon.platform.http.request: the drawn answers in turn (the last one repeats)."""

    def __init__(self, answers):
        self.answers = list(answers)

    def __call__(self, session, method, url, timeout, **kwargs):
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture(scope='module')
def trakt_http(fuzz_kodi):
    storage.open_db()
    original = http.request
    yield
    http.request = original


def client():
    trakt_client.token_store().save({'access_token': 'fuzz-access', 'refresh_token': 'fuzz-refresh',
                                     'created_at': 4e9, 'expires_in': 3600, 'username': 'fuzzer'})
    return TraktClient(api_url='http://127.0.0.1:9', client_id='fuzz-id', client_secret='fuzz-secret',
                       sleep=lambda seconds: None)


def rendered(entries):
    for url, item, is_folder in render.directory_items(entries):
        assert url.startswith('plugin://') and isinstance(is_folder, bool) and isinstance(item.getLabel(), str)


@FUZZ
@given(answers=replies(discover_items), list_kind=st.sampled_from(discover.KINDS),
       kind=st.sampled_from(['movie', 'show']), page=st.integers(min_value=1, max_value=3))
def test_discover_pages_survive_any_answer(trakt_http, answers, list_kind, kind, page):
    with example('trakt discover page'):
        http.request = Replies(answers)
        try:
            entries, more = discover.discover_page(list_kind, kind, page, client())
        except ALLOWED:
            return
        assert isinstance(more, bool) and len(entries) <= discover.PAGE_SIZE
        assert all(entry['meta_id'] and entry['kind'] == kind for entry in entries)
        rendered(entries)


@FUZZ
@given(answers=replies(calendar_items), now=st.floats(min_value=1.7e9, max_value=1.95e9),
       zone=st.sampled_from(['UTC', 'Pacific/Kiritimati', 'Pacific/Honolulu', 'Not/A_Zone', '']),
       hours24=json_values)
def test_the_calendar_survives_any_answer(trakt_http, answers, now, zone, hours24):
    with example('trakt calendar'):
        account = {'timezone': zone, 'time_24hr': hours24}
        settings = CannedResponse(200, json.dumps({'account': account}).encode('utf-8'))
        http.request = Replies([settings] + answers)
        try:
            days, clock = discover.calendar(client(), now=now)
        except ALLOWED:
            return
        assert clock.zone is not None and isinstance(clock.hours24, bool)
        assert [day for day, _ in days] == sorted(day for day, _ in days)
        for _day, entries in days:
            assert all(isinstance(entry['aired'], bool) and entry['kind'] == 'episode' for entry in entries)
            rendered(entries)
