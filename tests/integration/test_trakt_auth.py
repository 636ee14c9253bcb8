"""Trakt device login and logout against the fake server: approval, slow down, denied, expired, already used,
unknown code, cancel; the token stored 0600 with the username; logout revokes and forgets everything."""
from __future__ import annotations

import os
import stat

from addon.platform import outbox as outbox_store
from addon.trakt import auth, models, sync
from addon.trakt.client import TraktClient, token_store
from tests.integration.trakt_env import log_in, trakt  # noqa: F401


def start(server, interval=1):
    server.device_interval = interval
    client = TraktClient()
    return client, auth.request_code(client)


def wait(client, code, cancelled=lambda: False):
    return auth.wait_for_approval(client, code, cancelled), None


def test_approval_after_pending_polls_gives_a_token(trakt):
    client, code = start(trakt)
    assert len(code['user_code']) == 8 and code['verification_url'].endswith('/activate')
    trakt.auto_approve_after = 2
    (outcome, token), _ = wait(client, code)
    assert outcome == 'approved' and token['access_token'] in trakt.tokens
    polls = [request.status for request in trakt.requests if request.path == '/oauth/device/token']
    assert polls == [400, 400, 200]
    assert auth.finish_login(client, token) == trakt.account.username
    stored = token_store().load()
    assert stored['access_token'] == token['access_token'] and stored['username'] == trakt.account.username
    assert stat.S_IMODE(os.stat(token_store().path).st_mode) == 0o600


def test_slow_down_makes_the_polls_slower(trakt):
    client, code = start(trakt, interval=2)
    code['interval'] = 1  # poll faster than the server allows
    trakt.auto_approve_after = 0
    (outcome, token), _ = wait(client, code)
    polls = [request.status for request in trakt.requests if request.path == '/oauth/device/token']
    assert polls[0] == 429 and outcome == 'approved'


def test_denied_expired_used_and_unknown_codes_end_the_login(trakt):
    client, code = start(trakt)
    trakt.deny(code['user_code'])
    assert wait(client, code)[0] == ('denied', None)
    client, code = start(trakt)
    trakt.expire(code['user_code'])
    assert wait(client, code)[0] == ('expired', None)
    client, code = start(trakt)
    trakt.approve(code['user_code'])
    assert wait(client, code)[0][0] == 'approved'
    assert auth.poll_once(client, code['device_code']) == ('used', None)
    assert auth.poll_once(client, 'no-such-device-code') == ('invalid', None)


def test_cancel_stops_polling(trakt):
    client, code = start(trakt)
    assert wait(client, code, cancelled=lambda: True)[0] == ('cancelled', None)
    assert trakt.count('/oauth/device/token') == 0


def test_interactive_login_shows_the_code_then_syncs_in_the_service(trakt, kodi):
    trakt.device_interval = 1
    trakt.auto_approve_after = 1
    assert auth.login() is True
    shown = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'window']
    assert [dialog['xml'] for dialog in shown] == ['aiostreams-login.xml'] and shown[0]['closed']
    assert token_store().load()['username'] == trakt.account.username
    assert any(trakt.account.username in note['message'] for note in kodi.notifications)
    # the settings' account row names the account, and log out shows instead of log in
    assert kodi.setting('trakt_logged_in') is True and kodi.setting('trakt_account') == trakt.account.username
    assert 'Container.Refresh' in kodi.builtins
    assert kodi.window_property(10000, 'AIOStreams.Trakt.SyncRequest')


def test_interactive_login_without_credentials_says_what_to_do(trakt, kodi):
    kodi.set_setting('trakt_client_secret', '')
    kodi.answer('ok', True)
    assert auth.login() is False
    assert 'client ID' in kodi.dialogs[-1]['message'] and trakt.requests == []


def test_an_expired_code_can_be_restarted_and_denied_is_reported(trakt, kodi):
    trakt.device_interval = 1
    trakt.device_expires_in = 0
    kodi.answer('yesno', True)   # "expired: start a new login?"
    kodi.answer('yesno', False)  # the second one expires too: give up
    assert auth.login() is False
    assert trakt.count('/oauth/device/code') == 2


def test_logout_revokes_and_forgets_tokens_data_and_queued_writes(trakt, kodi):
    token = log_in(trakt)
    sync.run_cycle(TraktClient())
    outbox_store.enqueue('trakt', 'watchlist_add', {'movies': [{'ids': {'trakt': 5000}}]}, wake=False)
    kodi.answer('yesno', True)
    kodi.set_setting('trakt_logged_in', True)
    kodi.set_setting('trakt_account', trakt.account.username)
    assert auth.logout() is True
    assert trakt.tokens[token['access_token']]['revoked'] is True
    assert not token_store().exists()
    assert kodi.setting('trakt_logged_in') is False and kodi.setting('trakt_account') == ''
    assert models.WatchedMovie.select().count() == 0 and models.SyncState.select().count() == 0
    assert outbox_store.pending('trakt') == 0


def test_logout_works_offline(trakt, kodi):
    log_in(trakt)
    trakt.set_offline(True)
    kodi.answer('yesno', True)
    assert auth.logout() is True and not token_store().exists()
