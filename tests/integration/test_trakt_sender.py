"""The Trakt outbox sender against the fake server: every kind reaches its endpoint, statuses become outcomes,
a timed-out history add is checked instead of duplicated, and queued events survive an outage in order."""
from __future__ import annotations

import pytest

from addon.core.outbox_policy import Outcome
from addon.platform import outbox as outbox_store
from addon.trakt import sender
from addon.trakt.client import TraktClient
from tests.integration.trakt_env import edge, log_in, trakt  # noqa: F401

MOVIE = 5000


@pytest.fixture
def logged_in(trakt):
    log_in(trakt)
    return trakt


def movie_ids(server, movie=MOVIE):
    return {'imdb': server.account.movies[movie]['ids']['imdb']}


def show_ids(server, name):
    return {'trakt': edge(server, name)}


def test_every_kind_reaches_its_endpoint(logged_in):
    server = logged_in
    show = show_ids(server, 'gap')
    playback_id = next(iter(server.account.playback))
    events = [
        ('watchlist_add', {'movies': [{'ids': movie_ids(server)}]}, '/sync/watchlist'),
        ('watchlist_remove', {'movies': [{'ids': movie_ids(server)}]}, '/sync/watchlist/remove'),
        ('history_add', {'shows': [{'ids': show, 'seasons': [{'number': 1, 'episodes': [{'number': 6}]}]}]},
         '/sync/history'),
        ('history_remove', {'shows': [{'ids': show, 'seasons': [{'number': 1, 'episodes': [{'number': 6}]}]}]},
         '/sync/history/remove'),
        ('dropped_add', {'shows': [{'ids': show}]}, '/users/hidden/dropped'),
        ('dropped_remove', {'shows': [{'ids': show}]}, '/users/hidden/dropped/remove'),
        ('hidden_add', {'shows': [{'ids': show}]}, '/users/hidden/progress_watched'),
        ('hidden_remove', {'shows': [{'ids': show}]}, '/users/hidden/progress_watched/remove'),
        ('playback_remove', {'id': playback_id}, '/sync/playback/%d' % playback_id),
        ('scrobble_start', {'movie': {'ids': movie_ids(server)}, 'progress': 5.0, 'playback_session_id': 's'},
         '/scrobble/start'),
        ('scrobble_pause', {'movie': {'ids': movie_ids(server)}, 'progress': 40.0}, '/scrobble/pause'),
        ('scrobble_stop', {'movie': {'ids': movie_ids(server)}, 'progress': 95.0}, '/scrobble/stop'),
    ]
    for kind, payload, path in events:
        server.clear_log()
        assert sender.send(kind, payload) == Outcome.delivered(), kind
        assert [request.path for request in server.requests][0] == path, kind
    assert server.requests[0].body == {'movie': {'ids': movie_ids(server)}, 'progress': 95.0}
    assert any(play['type'] == 'movie' and play['movie'] == MOVIE and play['action'] == 'scrobble'
               for play in server.account.history)


def test_a_repeated_scrobble_stop_is_a_409_and_counts_as_delivered(logged_in):
    body = {'movie': {'ids': movie_ids(logged_in)}, 'progress': 99.0}
    assert sender.send('scrobble_stop', body) == Outcome.delivered()
    assert sender.send('scrobble_stop', body) == Outcome.delivered()
    assert [request.status for request in logged_in.requests if request.path == '/scrobble/stop'] == [201, 409]


def test_statuses_map_to_outcomes(logged_in):
    server = logged_in
    body = {'movies': [{'ids': movie_ids(server)}]}
    server.fail('/sync/watchlist', 429, headers={'Retry-After': '7'})
    assert sender.send('watchlist_add', body) == Outcome.retry(7)
    server.fail('/sync/watchlist', 502)
    assert sender.send('watchlist_add', body).kind == Outcome.RETRY
    for status in (400, 403, 404, 420, 422):
        server.fail('/sync/watchlist', status)
        assert sender.send('watchlist_add', body).kind == Outcome.DROP, status
    assert sender.send('scrobble_stop', {'movie': {'ids': movie_ids(server)}, 'progress': 0.5}).kind == Outcome.DROP
    assert sender.send('playback_remove', {'id': 424242}) == Outcome.delivered()  # already gone
    assert sender.send('no_such_kind', {}).kind == Outcome.DROP
    assert sender.send('playback_remove', {}).kind == Outcome.DROP


def test_offline_is_a_retry_and_a_dead_login_is_auth_failed(logged_in):
    server = logged_in
    body = {'movies': [{'ids': movie_ids(server)}]}
    server.set_offline(True)
    assert sender.send('watchlist_add', body).kind == Outcome.RETRY
    server.set_offline(False)
    for token in server.tokens.values():
        token['revoked'] = True
    server.refresh_tokens.clear()
    assert sender.send('watchlist_add', body).kind == Outcome.AUTH_FAILED


def test_a_timed_out_history_add_is_checked_not_sent_twice(logged_in, kodi):
    server = logged_in
    kodi.set_setting('timeout', 3)
    stamp = '2026-01-02T03:04:05.000Z'
    body = {'movies': [{'ids': movie_ids(server), 'watched_at': stamp}]}
    plays_before = len(server.account.history)
    server.slow('/sync/history', 5)
    assert sender.send('history_add', body, client=TraktClient(timeout=3)) == Outcome.delivered()
    assert len(server.account.history) == plays_before + 1
    server.slow('/sync/history', 5)
    server.fail('/sync/history', 500, method='POST')  # nothing recorded this time
    fresh = {'movies': [{'ids': movie_ids(server, MOVIE + 1), 'watched_at': '2026-01-03T00:00:00.000Z'}]}
    assert sender.send('history_add', fresh, client=TraktClient(timeout=3)).kind == Outcome.RETRY


def test_queued_writes_wait_for_the_network_and_go_out_in_order(logged_in):
    server = logged_in
    server.set_offline(True)
    first = {'movies': [{'ids': movie_ids(server)}]}
    second = {'movies': [{'ids': movie_ids(server)}]}
    outbox_store.enqueue('trakt', 'watchlist_add', first, wake=False)
    outbox_store.enqueue('trakt', 'watchlist_remove', second, wake=False)
    assert outbox_store.replay('trakt') == 0 and outbox_store.pending('trakt') == 2
    server.set_offline(False)
    outbox_store.OutboxEvent.update(not_before=0).execute()
    assert outbox_store.replay('trakt') == 2 and outbox_store.pending('trakt') == 0
    assert [request.path for request in server.requests if request.method == 'POST'] == [
        '/sync/watchlist', '/sync/watchlist/remove']
