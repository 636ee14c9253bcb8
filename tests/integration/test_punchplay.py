"""PunchPlay against the fake server (real HTTP): device login flows, token refresh, the outbox sender, logout."""
from __future__ import annotations

import os
import stat
import threading

import pytest

from addon.core.outbox_policy import Outcome
from addon.platform import db
from addon.platform import outbox as outbox_store
from addon.punchplay import auth, client, sender
from tests.fakes.punchplay_server import FakePunchPlayServer

EPISODE_STOP = {'media_type': 'episode', 'title': 'Show Name', 'season': 2, 'episode': 3, 'progress': 0.95,
                'duration_seconds': 1800, 'position_seconds': 1710, 'device_id': 'dev', 'client_version': '4.0.0',
                'event_id': 'e-1', 'playback_session_id': 's-1', 'watched': True}


@pytest.fixture
def server(kodi):
    with FakePunchPlayServer(device_interval=0.05) as fake:
        kodi.set_setting('punchplay_url', fake.url)
        yield fake
    db.close()


@pytest.fixture
def fast_polls(monkeypatch):
    monkeypatch.setattr(auth, 'POLL_INTERVAL_SECONDS', 0.1)
    monkeypatch.setattr(auth, '_TICK_SECONDS', 0.02)


def logged_in(server, **token_options):
    tokens = server.issue_token(**token_options)
    client.token_store().save(tokens)
    return tokens


def messages(kodi):
    return [note['message'] for note in kodi.notifications]


def dialog_texts(kodi, kind='ok'):
    return [dialog['message'] for dialog in kodi.dialogs if dialog['kind'] == kind]


# ---- device-code login ---------------------------------------------------------------------------------------

def test_login_shows_url_and_code_and_stores_the_tokens_0600(server, kodi, fast_polls):
    server.script_device(3, 'approved')
    kodi.run_plugin('plugin://plugin.video.aiostreams/?action=punchplay_login', handle=-1)
    [window] = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'window']
    assert window['xml'] == 'aiostreams-login.xml' and window['closed']
    tokens = client.token_store().load()
    assert client.is_authenticated(tokens) and tokens['username'] == 'tester'
    assert stat.S_IMODE(os.stat(client.token_store().path).st_mode) == 0o600
    assert messages(kodi) == ['Login successful! Logged in as tester.']
    assert kodi.setting('punchplay_logged_in') is True and kodi.setting('punchplay_account') == 'tester'
    polls = [request for request in server.requests if request.path == '/api/auth/device/token']
    assert len(polls) == 3
    assert polls[0].body['device_id'] == client.device_id() and polls[0].body['device_name']
    assert 'authorization' not in polls[0].headers


def test_login_via_the_route(server, kodi, fast_polls):
    server.script_device(1, 'approved')
    kodi.run_plugin('plugin://plugin.video.aiostreams/punchplay/login', handle=-1)
    assert client.is_authenticated(client.token_store().load())


def test_slow_down_makes_the_poll_interval_longer(server, kodi, fast_polls, monkeypatch):
    monkeypatch.setattr(auth, 'SLOW_DOWN_STEP_SECONDS', 0.2)
    server.device_interval = 0.25  # the client starts at 0.1 s: too fast
    server.script_device(4, 'approved')
    auth.login()
    polls = [request for request in server.requests if request.path == '/api/auth/device/token']
    answers = [(request.answer or {}).get('error') for request in polls]
    assert answers[1] == 'slow_down' and polls[-1].status == 200
    gaps = [later.at - earlier.at for earlier, later in zip(polls, polls[1:])]
    assert gaps[0] < 0.2 and all(gap >= 0.28 for gap in gaps[1:])
    assert client.is_authenticated(client.token_store().load())


def test_429_waits_retry_after_clamped(server, kodi, fast_polls, monkeypatch):
    monkeypatch.setattr(auth, 'THROTTLE_MIN_SECONDS', 0.3)
    monkeypatch.setattr(auth, 'THROTTLE_MAX_SECONDS', 0.4)
    server.throttle_polls(1, retry_after=999)
    server.script_device(1, 'approved')
    auth.login()
    assert client.is_authenticated(client.token_store().load())
    assert server.count('/api/auth/device/token') == 2


def test_a_throttled_login_that_times_out_says_so(server, kodi, fast_polls, monkeypatch):
    monkeypatch.setattr(auth, 'THROTTLE_MIN_SECONDS', 0.2)
    server.device_expires_in = 1
    server.throttle_polls(1, retry_after=1)
    kodi.answer('ok', True)
    auth.login()
    assert dialog_texts(kodi) == [kodi.localized_string(30914)]
    assert not client.token_store().exists()


@pytest.mark.parametrize('state, reason', [('expired', 'the code expired'), ('denied', 'access denied')])
def test_expired_and_denied_codes_stop_at_once(server, kodi, fast_polls, state, reason):
    server.script_device(2, state)
    kodi.answer('ok', True)
    auth.login()
    assert dialog_texts(kodi) == ['Login failed (%s).' % reason]
    assert server.count('/api/auth/device/token') == 2
    assert not client.token_store().exists()


def test_the_user_can_cancel(server, kodi, fast_polls):
    kodi.answer('window', ['wait'] * 8 + ['back'])
    auth.login()
    polls = server.count('/api/auth/device/token')
    assert 0 < polls < 5
    assert not client.token_store().exists()
    assert kodi.notifications == []


def test_kodi_abort_ends_the_login(server, kodi, fast_polls):
    threading.Timer(0.3, kodi.monitor.abort).start()
    auth.login()
    assert not client.token_store().exists()


def test_network_errors_during_polling_keep_polling(server, kodi, fast_polls):
    server.fail(r'^/api/auth/device/token$', 502, times=2)
    server.script_device(1, 'approved')
    auth.login()
    assert client.is_authenticated(client.token_store().load())


def test_already_logged_in(server, kodi):
    logged_in(server)
    auth.login()
    assert messages(kodi) == ['Already logged in to PunchPlay.tv as tester.']
    assert server.count('/api/auth/device/code') == 0


def test_a_bad_answer_or_no_server_gives_a_clear_message(server, kodi):
    server.fail('/api/auth/device/code', 200, body={'user_code': 'ABCD'})
    kodi.answer('ok', True)
    auth.login()
    server.set_offline(True)
    kodi.answer('ok', True)
    auth.login()
    texts = dialog_texts(kodi)
    assert texts[0] == 'Invalid response from server.'
    assert texts[1].startswith('Could not reach PunchPlay.tv: ')


def test_plain_http_is_refused_for_remote_servers(server, kodi):
    kodi.set_setting('punchplay_url', 'http://punchplay.example')
    kodi.answer('ok', True)
    auth.login()
    assert dialog_texts(kodi) == [kodi.localized_string(30910)]
    assert client.checked_base_url('') == client.DEFAULT_URL
    with pytest.raises(client.BadUrl):
        client.checked_base_url('https://user:pw@punchplay.tv')


def test_logging_in_as_another_account_discards_the_old_accounts_events(server, kodi, fast_polls):
    client.token_store().save({'access_token': 'old', 'username': 'alice', 'reauth_required': True})
    outbox_store.enqueue('punchplay', 'stop', dict(EPISODE_STOP), account='alice', wake=False)
    server.script_device(1, 'approved')
    auth.login()
    assert outbox_store.pending('punchplay') == 0


# ---- tokens --------------------------------------------------------------------------------------------------

def test_an_expired_token_is_refreshed_once_and_the_event_sent(server, kodi):
    old = logged_in(server)
    server.expire_access_tokens()
    assert sender.send('stop', dict(EPISODE_STOP)).kind == Outcome.DELIVERED
    assert [request.path for request in server.requests] == ['/api/scrobble/stop', '/api/auth/refresh',
                                                              '/api/scrobble/stop']
    tokens = client.token_store().load()
    assert tokens['access_token'] != old['access_token'] and tokens['refresh_token'] != old['refresh_token']
    assert tokens['username'] == 'tester'


def test_a_refresh_answer_without_refresh_token_keeps_the_old_one(kodi):
    with FakePunchPlayServer(rotate_refresh=False) as server:
        kodi.set_setting('punchplay_url', server.url)
        old = logged_in(server)
        server.expire_access_tokens()
        assert sender.send('stop', dict(EPISODE_STOP)).kind == Outcome.DELIVERED
        assert client.token_store().load()['refresh_token'] == old['refresh_token']
        server.expire_access_tokens()
        assert sender.send('stop', dict(EPISODE_STOP, event_id='e-2')).kind == Outcome.DELIVERED
    db.close()


def test_concurrent_401s_refresh_only_once(server, kodi):
    logged_in(server)
    server.expire_access_tokens()
    results = []

    def send(number):
        api = client.from_settings()  # as if in another Kodi process
        results.append(api.post('/api/scrobble/progress', dict(EPISODE_STOP, event_id='c-%d' % number)).status_code)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert results.count(422) == 4  # progress with `watched` is refused by the payload check, but authorized
    assert server.count('/api/auth/refresh') == 1


def test_a_refused_refresh_requires_a_new_login_and_stops_sending(server, kodi):
    client.token_store().save({'access_token': 'gone', 'refresh_token': 'unknown', 'username': 'tester'})
    assert sender.send('stop', dict(EPISODE_STOP)).kind == Outcome.AUTH_FAILED
    assert client.token_store().load()['reauth_required'] is True
    assert messages(kodi) == [kodi.localized_string(30915)]
    requests = len(server.requests)
    assert sender.send('stop', dict(EPISODE_STOP)).kind == Outcome.AUTH_FAILED
    assert len(server.requests) == requests and len(kodi.notifications) == 1


def test_a_refresh_during_an_outage_is_retried_later_without_logging_out(server, kodi):
    logged_in(server)
    server.expire_access_tokens()
    server.fail('/api/auth/refresh', 503)
    assert sender.send('stop', dict(EPISODE_STOP)).kind == Outcome.RETRY
    assert client.is_authenticated(client.token_store().load())
    assert sender.send('stop', dict(EPISODE_STOP)).kind == Outcome.DELIVERED


# ---- the sender ----------------------------------------------------------------------------------------------

def test_a_delivered_watched_stop_notifies(server, kodi):
    logged_in(server)
    assert sender.send('stop', dict(EPISODE_STOP)).kind == Outcome.DELIVERED
    assert kodi.notifications[-1]['message'] == 'Show Name S02E03 scrobbled'
    assert kodi.notifications[-1]['heading'] == 'PunchPlay.tv'
    request = server.requests[-1]
    assert request.headers['authorization'].startswith('Bearer ')
    assert request.headers['user-agent'].startswith('plugin.video.aiostreams/')


def test_no_notification_for_partial_stops_failures_or_when_switched_off(server, kodi):
    logged_in(server)
    sender.send('stop', dict(EPISODE_STOP, watched=False, event_id='a'))
    server.fail('/api/scrobble/stop', 503)
    assert sender.send('stop', dict(EPISODE_STOP, event_id='b')).kind == Outcome.RETRY
    kodi.set_setting('punchplay_notifications', False)
    sender.send('stop', dict(EPISODE_STOP, event_id='c'))
    assert kodi.notifications == []


def test_notifications_wait_while_a_video_plays_unless_allowed(server, kodi):
    logged_in(server)
    kodi.cond_visibility['Player.HasVideo'] = True
    sender.send('stop', dict(EPISODE_STOP, event_id='a'))
    assert kodi.notifications == []
    kodi.set_setting('punchplay_notify_during_playback', True)
    movie = dict(EPISODE_STOP, event_id='b', media_type='movie', title='Inception')
    del movie['season'], movie['episode']
    assert sender.send('stop', movie).kind == Outcome.DELIVERED
    assert messages(kodi) == ['Inception scrobbled']


def test_status_classes(server, kodi):
    logged_in(server)
    server.fail('/api/scrobble/progress', 429, headers={'Retry-After': '7'})
    assert sender.send('progress', dict(EPISODE_STOP)) == Outcome.retry(7)
    assert sender.send('progress', dict(EPISODE_STOP)).kind == Outcome.DROP  # the fake refuses `watched` here
    server.set_offline(True)
    assert sender.send('start', dict(EPISODE_STOP)).kind == Outcome.RETRY
    assert sender.send('rate', {}).kind == Outcome.DROP


def test_not_logged_in_sends_nothing(server, kodi):
    assert sender.send('start', dict(EPISODE_STOP)).kind == Outcome.AUTH_FAILED
    assert server.requests == []


# ---- logout --------------------------------------------------------------------------------------------------

def test_logout_asks_then_clears_tokens_and_queued_events(server, kodi):
    logged_in(server)
    kodi.set_setting('punchplay_logged_in', True)
    kodi.set_setting('punchplay_account', 'tester')
    outbox_store.enqueue('punchplay', 'stop', dict(EPISODE_STOP), account='tester', wake=False)
    outbox_store.enqueue('trakt', 'history_add', {'movies': []}, wake=False)
    device = client.device_id()
    kodi.answer('yesno', False)
    kodi.run_plugin('plugin://plugin.video.aiostreams/?action=punchplay_logout', handle=-1)
    assert client.token_store().exists() and outbox_store.pending('punchplay') == 1
    kodi.answer('yesno', True)
    kodi.run_plugin('plugin://plugin.video.aiostreams/?action=punchplay_logout', handle=-1)
    assert not client.token_store().exists()
    assert outbox_store.pending('punchplay') == 0 and outbox_store.pending('trakt') == 1
    assert kodi.setting('punchplay_logged_in') is False and kodi.setting('punchplay_account') == ''
    assert messages(kodi) == ['Logged out.']
    assert client.device_id() == device


def test_logout_when_not_logged_in(server, kodi):
    auth.logout()
    assert messages(kodi) == ['You are not logged in to PunchPlay.tv.']


def test_username_sources():
    assert auth.username_of({'user': {'email': 'a@b.c'}}) == 'a@b.c'
    assert auth.username_of({'name': 'N', 'username': 'U'}) == 'U'
    assert auth.username_of(None) == ''


def test_poll_steps_follow_the_contract():
    assert auth.next_step(200, {'access_token': 'x'}, None, 5).action == 'success'
    assert auth.next_step(400, {'error': 'authorization_pending'}, None, 5) == auth.Step('wait', 5, 5, False)
    assert auth.next_step(400, {'error': 'slow_down'}, None, 5) == auth.Step('wait', 10, 10, False)
    assert auth.next_step(429, None, 5, 5) == auth.Step('wait', 30, 5, True)
    assert auth.next_step(429, None, 300, 5) == auth.Step('wait', 60, 5, True)
    assert auth.next_step(400, {'error': 'expired'}, None, 5).action == 'expired'
    assert auth.next_step(400, {'error': 'access_denied'}, None, 5).action == 'denied'
    assert auth.next_step(None, None, None, 5) == auth.Step('wait', 5, 5, False)
    assert auth.next_step(503, None, None, 5) == auth.Step('wait', 5, 5, False)


# ---- the outbox against the server ---------------------------------------------------------------------------

def test_a_flapping_server_gets_every_event_once_in_order(server, kodi):
    logged_in(server)
    kinds = ['start', 'pause', 'resume', 'progress', 'progress', 'stop']
    for number, kind in enumerate(kinds):
        payload = dict(EPISODE_STOP, event_id='f-%d' % number, playback_session_id='flap-%d' % number)
        if kind != 'stop':
            del payload['watched']
        outbox_store.enqueue('punchplay', kind, payload, wake=False)
    server.set_flapping(503)
    for _ in range(20):
        if outbox_store.pending('punchplay') == 0:
            break
        outbox_store.replay('punchplay')
    assert outbox_store.pending('punchplay') == 0
    assert server.scrobble_kinds() == kinds
    assert [payload['event_id'] for _, payload in server.scrobbles] == ['f-%d' % n for n in range(6)]
    assert sum(1 for request in server.requests if request.status == 503) >= 5
    assert messages(kodi) == ['Show Name S02E03 scrobbled']


def test_offline_then_back_online_replays_in_order_with_one_notification(server, kodi):
    logged_in(server)
    server.set_offline(True)
    for number, kind in enumerate(['start', 'stop']):
        payload = dict(EPISODE_STOP, event_id='o-%d' % number, playback_session_id='off')
        if kind != 'stop':
            del payload['watched']
        outbox_store.enqueue('punchplay', kind, payload, wake=False)
    outbox_store.replay('punchplay')
    assert outbox_store.pending('punchplay') == 2 and kodi.notifications == []
    server.set_offline(False)
    assert outbox_store.replay('punchplay') == 2
    assert server.scrobble_kinds() == ['start', 'stop']
    assert messages(kodi) == ['Show Name S02E03 scrobbled']
