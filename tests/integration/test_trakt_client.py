"""The Trakt client against the fake Trakt server: token refresh and rotation (also across two interpreters),
401 handling, 429 waits, write pacing, GET retries and forced pagination."""
from __future__ import annotations

import multiprocessing
import os
import stat
import threading
import time

import pytest

from addon import kodi as kodi_door
from addon.platform.http import HttpFailure
from addon.trakt import client as trakt_client
from addon.trakt.client import NotAuthorized, NotConfigured, TraktClient, needs_refresh
from tests.integration.trakt_env import log_in, refresh_in_another_interpreter, trakt  # noqa: F401

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def stored():
    return trakt_client.token_store().load()


def test_requests_carry_the_api_headers_and_a_missing_client_id_is_refused(trakt, kodi):
    log_in(trakt)
    assert TraktClient().get('/users/settings')['user']['username'] == trakt.account.username
    kodi.set_setting('trakt_client_id', '')
    with pytest.raises(NotConfigured):
        TraktClient().get('/users/settings')
    assert trakt.count('/users/settings') == 1


def test_wrong_client_id_gets_trakts_403(trakt, kodi):
    log_in(trakt)
    kodi.set_setting('trakt_client_id', 'somebody-elses-app')
    with pytest.raises(HttpFailure) as failure:
        TraktClient().get('/sync/last_activities')
    assert failure.value.status == 403


def test_no_token_means_not_authorized_without_a_request(trakt):
    with pytest.raises(NotAuthorized):
        TraktClient().get('/sync/last_activities')
    assert trakt.requests == []


def test_expiry_is_created_at_plus_expires_in():
    token = {'created_at': 1000, 'expires_in': 7200}
    assert not needs_refresh(token, 1000 + 7200 - 721)
    assert needs_refresh(token, 1000 + 7200 - 719)  # 10 % of the lifetime left
    week = {'created_at': 0, 'expires_in': 604800}
    assert not needs_refresh(week, 604800 - 3601) and needs_refresh(week, 604800 - 3599)  # at most one hour


def test_a_token_close_to_expiry_is_refreshed_first_and_the_old_refresh_token_dies(trakt):
    old = log_in(trakt, expires_in=3600, created_at=time.time() - 3500)
    TraktClient().get('/sync/last_activities')
    new = stored()
    assert new['access_token'] != old['access_token'] and new['refresh_token'] != old['refresh_token']
    assert new['username'] == trakt.account.username
    assert [request.path for request in trakt.requests] == ['/oauth/token', '/sync/last_activities']
    assert old['refresh_token'] in trakt.used_refresh_tokens
    assert stat.S_IMODE(os.stat(trakt_client.token_store().path).st_mode) == 0o600


def test_a_401_refreshes_once_and_retries(trakt):
    old = log_in(trakt)
    trakt.tokens[old['access_token']]['revoked'] = True  # e.g. expired early on Trakt's side
    assert TraktClient().get('/sync/last_activities')['all']
    assert [(request.path, request.status) for request in trakt.requests] == [
        ('/sync/last_activities', 401), ('/oauth/token', 200), ('/sync/last_activities', 200)]


def test_a_401_after_a_refresh_is_not_retried_again(trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 401, times=5)
    with pytest.raises(NotAuthorized):
        TraktClient().get('/sync/last_activities')
    assert trakt.count('/sync/last_activities') == 2 and trakt.count('/oauth/token') == 1


def test_a_private_profile_401_is_no_auth_failure(trakt):
    log_in(trakt)
    trakt.fail('/users/settings', 401, headers={'x-private-user': 'true'})
    with pytest.raises(HttpFailure) as failure:
        TraktClient().get('/users/settings')
    assert failure.value.status == 401 and trakt.count('/oauth/token') == 0


def test_invalid_grant_requires_a_new_login_and_stops_calling_trakt(trakt):
    old = log_in(trakt, expires_in=3600, created_at=time.time() - 4000)
    trakt.refresh_tokens.pop(old['refresh_token'])  # e.g. used by another device sharing the token
    with pytest.raises(NotAuthorized):
        TraktClient().get('/sync/last_activities')
    assert stored()['reauth_required'] is True
    trakt.clear_log()
    with pytest.raises(NotAuthorized):
        TraktClient().get('/sync/last_activities')
    assert trakt.requests == []


def test_a_token_refreshed_by_another_process_is_taken_not_refreshed_again(trakt):
    old = log_in(trakt)
    client = TraktClient()
    newer = dict(trakt.issue_token(), username='x')
    client.store.save(newer)  # the other process stored a fresh pair meanwhile
    assert client.refresh(old['access_token'])['access_token'] == newer['access_token']
    assert trakt.count('/oauth/token') == 0


def test_two_interpreters_refreshing_at_once_keep_a_working_refresh_token(trakt, kodi):
    """Plugin and service are separate interpreters: both find the token expiring and both want to refresh.
    The store lock and the re-read make exactly one refresh; the stored refresh token still works afterwards."""
    log_in(trakt, expires_in=3600, created_at=time.time() - 3590)
    trakt.refresh_delay = 0.5  # widen the race window
    context = multiprocessing.get_context('spawn')
    arguments = (REPO, kodi_door.profile_dir(), trakt.url)
    with context.Pool(2) as pool:
        results = pool.map(refresh_in_another_interpreter, [arguments, arguments])
    assert [status for status, _ in results] == [200, 200]
    assert trakt.count('/oauth/token') == 1
    final = stored()
    assert final['refresh_token'] in trakt.refresh_tokens  # not lost: it can still be used
    trakt.refresh_delay = 0.0
    assert TraktClient().refresh(final['access_token'])['refresh_token'] != final['refresh_token']


def test_429_waits_retry_after_then_succeeds(trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 429, times=2, headers={'Retry-After': '3'})
    waits = []
    assert TraktClient(sleep=waits.append).get('/sync/last_activities')['all']
    assert waits == [3, 3] and trakt.count('/sync/last_activities') == 3


def test_429_with_a_long_wait_is_returned_not_slept(trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 429, headers={'Retry-After': '600'})
    waits = []
    with pytest.raises(HttpFailure) as failure:
        TraktClient(sleep=waits.append).get('/sync/last_activities')
    assert failure.value.status == 429 and failure.value.retry_after == 600 and waits == []


def test_gets_retry_server_errors_twice_but_writes_do_not(trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 502, times=2)
    assert TraktClient(sleep=lambda seconds: None).get('/sync/last_activities')['all']
    trakt.fail('/sync/watchlist', 503, times=1, method='POST')
    response = TraktClient(sleep=lambda seconds: None).request('POST', '/sync/watchlist', body={'movies': []})
    assert response.status_code == 503 and trakt.count('/sync/watchlist', 'POST') == 1


def test_429_without_a_readable_retry_after_waits_one_second(trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 429, headers={'Retry-After': 'soon'})
    trakt.fail('/sync/last_activities', 429)
    waits = []
    assert TraktClient(sleep=waits.append).get('/sync/last_activities')['all']
    assert waits == [1, 1] and trakt.count('/sync/last_activities') == 3


def test_429_is_waited_three_times_at_most_then_returned(trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 429, times=4, headers={'Retry-After': '2'})
    waits = []
    response = TraktClient(sleep=waits.append).request('GET', '/sync/last_activities')
    assert response.status_code == 429 and waits == [2, 2, 2] and trakt.count('/sync/last_activities') == 4


def test_writes_also_wait_a_429_unless_the_caller_handles_it(trakt):
    """A 429 means Trakt did nothing: a write may be sent again. The outbox sender and the device-code poll ask for
    the 429 itself (wait_on_rate_limit=False): no wait, one request."""
    log_in(trakt)
    trakt.fail('/sync/watchlist', 429, headers={'Retry-After': '1'}, method='POST')
    waits = []
    response = TraktClient(sleep=waits.append).request('POST', '/sync/watchlist', body={'movies': []})
    assert response.status_code == 201 and waits == [1] and trakt.count('/sync/watchlist', 'POST') == 2
    trakt.fail('/sync/watchlist', 429, headers={'Retry-After': '1'}, method='POST')
    response = TraktClient(sleep=waits.append).request('POST', '/sync/watchlist', body={'movies': []},
                                                        wait_on_rate_limit=False)
    assert response.status_code == 429 and waits == [1] and trakt.count('/sync/watchlist', 'POST') == 3


def test_server_errors_back_off_two_then_four_seconds_then_the_error_is_returned(trakt):
    log_in(trakt)
    trakt.fail('/sync/last_activities', 503, times=3)
    waits = []
    response = TraktClient(sleep=waits.append).request('GET', '/sync/last_activities')
    assert response.status_code == 503 and waits == [2.0, 4.0] and trakt.count('/sync/last_activities') == 3


def test_a_timeout_stays_a_timeout_and_is_not_retried(trakt):
    log_in(trakt)
    trakt.slow('/sync/last_activities', 2.0)
    with pytest.raises(HttpFailure) as failure:
        TraktClient(timeout=0.5, sleep=pytest.fail).get('/sync/last_activities')
    assert failure.value.kind == 'timeout' and trakt.count('/sync/last_activities') == 1


def test_a_60_second_retry_after_ends_at_once_when_kodi_quits(trakt, kodi):
    """The wait is Kodi's waitForAbort, not time.sleep: quitting Kodi ends it, and nothing is sent again."""
    log_in(trakt)
    trakt.fail('/sync/last_activities', 429, headers={'Retry-After': '60'})
    outcome = []

    def fetch():
        try:
            outcome.append(TraktClient().get('/sync/last_activities'))
        except HttpFailure as failure:
            outcome.append(failure)
    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    deadline = time.monotonic() + 5
    while trakt.count('/sync/last_activities') < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)  # into the wait
    asked = time.monotonic()
    kodi.monitor.abort()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - asked < 1.0
    assert isinstance(outcome[0], HttpFailure) and outcome[0].kind == 'aborted'
    assert trakt.count('/sync/last_activities') == 1


def test_no_retry_wait_starts_once_kodi_is_quitting(trakt, kodi):
    log_in(trakt)
    kodi.monitor.abort()
    trakt.fail('/sync/last_activities', 503)
    started = time.monotonic()
    with pytest.raises(HttpFailure) as failure:
        TraktClient().get('/sync/last_activities')
    assert failure.value.kind == 'aborted' and time.monotonic() - started < 1.0


def test_writes_are_paced_to_one_per_second_across_clients(trakt, monkeypatch):
    """Trakt allows one write per second; the fake answers 429 to a faster second write. Two client objects
    (as in two processes) share the pacing file, so neither is refused."""
    monkeypatch.setattr(trakt_client, 'WRITE_INTERVAL', 1.0)
    trakt.write_interval = 1.0
    log_in(trakt)
    started = time.monotonic()
    for client in (TraktClient(), TraktClient(), TraktClient()):
        client.post('/sync/watchlist', {'movies': [{'ids': {'trakt': 5000}}]})
    assert time.monotonic() - started >= 1.9
    assert [request.status for request in trakt.requests] == [201, 201, 201]


def test_get_all_walks_every_page(trakt):
    log_in(trakt)
    movies = TraktClient().get_all('/sync/watched/movies', limit=5)
    assert len(movies) == len(trakt.account.watched_movies())
    pages = [request for request in trakt.requests if request.path == '/sync/watched/movies']
    assert [request.query['page'] for request in pages] == [str(page) for page in range(1, len(pages) + 1)]
    assert len(pages) == -(-len(movies) // 5)


def test_get_all_without_pagination_headers_stops_at_a_short_page(trakt):
    log_in(trakt)
    trakt.pagination_headers = False
    movies = TraktClient().get_all('/sync/watched/movies', limit=5)
    assert len(movies) == len(trakt.account.watched_movies())


def test_the_server_caps_the_page_size(trakt):
    log_in(trakt)
    client = TraktClient()
    response = client.request('GET', '/sync/watched/shows', params={'extended': 'progress', 'limit': 250})
    assert response.headers['X-Pagination-Limit'] == '100'
