"""Fuzz: whatever Trakt answers, the service's delta sync either stores it or keeps the old anchor for the next
cycle (never an exception other than the documented HttpFailure / NotAuthorized), the lists (Next Up, Continue
Watching, Watchlist, Collection, History) still read and render from the database, Next Up (pure) keeps its
semantics on arbitrary progress data, and the client and the outbox sender classify any answer (status, body,
Retry-After) without crashing or waiting longer than allowed."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addon.core import next_up as nextup
from addon.core import outbox_policy as outbox
from addon.platform import http, storage
from addon.platform.http import HttpFailure
from addon.trakt import client as trakt_client
from addon.trakt import lists, render, sender, sync
from addon.trakt.client import NotAuthorized, NotConfigured, TraktClient
from tests.fuzz.fuzzing import (
    FUZZ,
    CannedResponse,
    example,
    json_values,
    last_activities,
    quiet_trakt_lists,
    responses,
    shaped,
    small_ints,
    some,
    trakt_season,
)

ALLOWED = (HttpFailure, NotAuthorized, NotConfigured)


LIST_PATHS = ('/sync/watched/movies', '/sync/watched/shows', '/sync/collection/movies', '/sync/collection/shows',
              '/sync/watchlist/movies/rank/asc', '/sync/watchlist/shows/rank/asc', '/sync/playback/movies',
              '/sync/playback/episodes', '/users/hidden/progress_watched', '/users/hidden/dropped')
# Everything one sync cycle may ask, drawn up front (hypothesis replays an example only if its draws are fixed).
cycle_answers = st.fixed_dictionaries(dict({'activities': last_activities,
                                            'seasons': st.one_of(some(trakt_season, 3), json_values)},
                                           **{path: quiet_trakt_lists for path in LIST_PATHS}))


class FuzzedTrakt:
    """A TraktClient stand-in answering with drawn documents; the token store is the real one."""

    def __init__(self, answers):
        self.answers = answers
        self.store = trakt_client.token_store()

    def get(self, path, params=None, auth=True):
        return self.answers['activities' if path == '/sync/last_activities' else 'seasons']

    def get_all(self, path, params=None, limit=None, auth=True):
        answer = self.answers.get(path, [])
        if not isinstance(answer, list):  # the real client refuses a page that is not a list
            raise HttpFailure('invalid_json', '%s did not answer a list' % path)
        return answer


@pytest.fixture(scope='module')
def database(fuzz_kodi):
    storage.open_db()
    trakt_client.token_store().save({'access_token': 'fuzz-access-token', 'username': 'fuzzer'})
    return fuzz_kodi


@FUZZ
@given(cycles=st.lists(cycle_answers, min_size=1, max_size=2), now=st.floats(min_value=0, max_value=4e9))
def test_sync_cycles_survive_any_answer(database, cycles, now):
    """One or two cycles from an empty local copy (each example starts from the same state)."""
    with example('trakt sync cycle'):
        sync.wipe_account()
        for answers in cycles:
            try:
                result = sync.run_cycle(FuzzedTrakt(answers))
            except ALLOWED:
                continue
            assert set(result.changed).isdisjoint(result.failed)
        entries = (lists.next_up(limit=20, now=now) + lists.continue_watching() + lists.watchlist('movie')
                   + lists.watchlist('show') + lists.collection('movie') + lists.collection('show') + lists.history())
        for entry in entries:
            assert entry['meta_id'] and entry['kind'] in ('movie', 'show', 'episode')
        for url, _item, is_folder in render.directory_items(entries):
            assert url.startswith('plugin://') and isinstance(is_folder, bool)


times = st.one_of(st.none(), st.integers(min_value=0, max_value=100))
# (season, number) is the stored list's primary key: unique per show
episodes = st.lists(st.tuples(st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=12), times),
                    max_size=25, unique_by=lambda episode: episode[:2])
progress_of = st.builds(
    lambda show, last, episodes, watched, reset, hidden, aired: nextup.ShowProgress(
        show, last, episodes, watched, reset, hidden, aired),
    st.integers(min_value=1, max_value=6), times, episodes,
    st.dictionaries(st.tuples(st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=12)), times,
                    max_size=20),
    times, st.sets(st.integers(min_value=0, max_value=4), max_size=2), st.one_of(st.none(), small_ints))


@FUZZ
@given(shows=st.lists(progress_of, max_size=6, unique_by=lambda progress: progress.show),
       now=st.integers(min_value=0, max_value=100), excluded=st.sets(st.integers(min_value=1, max_value=6)))
def test_next_up_semantics_hold_on_any_progress(shows, now, excluded):
    with example('trakt next up (pure)'):
        found = nextup.next_up(shows, now, excluded)
        by_show = {progress.show: progress for progress in shows}
        assert len({show for show, _, _ in found}) == len(found)
        for show, season, number in found:
            progress = by_show[show]
            assert show not in excluded and season > 0 and season not in progress.hidden_seasons
            aired = [first for s, n, first in progress.episodes if (s, n) == (season, number)]
            assert aired and aired[0] is not None and aired[0] <= now
            watched_after = nextup.watched_after_reset(progress)
            later = [(s, n) for s, n, _ in nextup.regular_episodes(progress) if (s, n) > (season, number)]
            assert not watched_after.intersection(later)
            done, total = nextup.counts(progress, now)
            assert 0 <= done <= total
        stamps = [(by_show[show].last_watched_at is not None, by_show[show].last_watched_at or 0)
                  for show, _, _ in found]
        assert stamps == sorted(stamps, reverse=True)


class Replies:
    """Stands in for addon.platform.http.request: answers with the drawn responses in turn (the last one repeats).
    Below it, so not here: the session's retries (tests/fuzz/test_fuzz_trakt_retry.py)."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.calls = []

    def __call__(self, session, method, url, timeout, **kwargs):
        self.calls.append((method, url, kwargs.get('json')))
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


token_answers = st.one_of(shaped({'access_token': st.text(min_size=1, max_size=12)},
                                 {'refresh_token': st.text(max_size=12), 'expires_in': small_ints,
                                  'created_at': small_ints}), json_values)
pages = st.one_of(some(shaped(optional={'movie': json_values}), 5), json_values)


def trakt_replies():
    """A short run of Trakt answers: fuzzed statuses, token bodies, list pages and pagination headers."""
    page_headers = st.dictionaries(st.sampled_from(['X-Pagination-Page-Count', 'X-Pagination-Limit', 'Retry-After',
                                                    'x-private-user']),
                                   st.one_of(st.sampled_from(['1', '2', '0', '-1', '9999999', 'x', 'true']),
                                             st.text(max_size=4)), max_size=3)
    reply = st.builds(lambda status, body, headers: CannedResponse(status, json.dumps(body).encode('utf-8'), headers),
                      st.sampled_from([200, 200, 201, 204, 401, 409, 420, 429, 500, 502, 400, 404]),
                      st.one_of(token_answers, pages), page_headers)
    return st.lists(st.one_of(reply, responses(token_answers)), min_size=1, max_size=6)


@pytest.fixture(scope='module')
def trakt_http(database):
    original = http.request
    yield
    http.request = original


def fresh_client(slept):
    trakt_client.token_store().save({'access_token': 'fuzz-access', 'refresh_token': 'fuzz-refresh',
                                     'created_at': 4e9, 'expires_in': 3600, 'username': 'fuzzer'})
    return TraktClient(api_url='http://127.0.0.1:9', client_id='fuzz-id', client_secret='fuzz-secret',
                       write_interval=0.0, sleep=slept.append)


@FUZZ
@given(answers=trakt_replies(), kind=st.sampled_from(sorted(sender.ROUTES) + ['unknown_kind']),
       payload=st.one_of(st.fixed_dictionaries({}, optional={
           'id': json_values, 'movies': some(json_values),
           'episodes': some(shaped(optional={'watched_at': json_values})), 'progress': json_values,
           'playback_session_id': json_values}),
           st.dictionaries(st.text(max_size=5), json_values, max_size=3)))
def test_trakt_client_and_sender_classify_any_answer(trakt_http, answers, kind, payload):
    with example('trakt client + sender'):
        slept = []
        http.request = Replies(answers)
        client = fresh_client(slept)
        outcome = sender.send(kind, payload, client=client)
        assert isinstance(outcome, outbox.Outcome)
        assert outcome.kind in (outbox.Outcome.DELIVERED, outbox.Outcome.RETRY, outbox.Outcome.DROP,
                                outbox.Outcome.AUTH_FAILED)
        assert 0.0 <= outbox.retry_delay(outcome) <= outbox.MAX_RETRY_AFTER_SECONDS
        token = trakt_client.token_store().load()
        assert isinstance(token.get('access_token'), str) and token['access_token']
        http.request = Replies(answers)
        try:
            items = fresh_client(slept).get_all('/sync/watched/movies')
        except ALLOWED:
            items = []
        assert isinstance(items, list)
