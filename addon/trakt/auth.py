"""Trakt device login and logout (trakt-api.md section 5).

login() runs from RunPlugin (settings button or ?action=trakt_auth): it shows the user code, the address and its
QR code (the address with the code, which Trakt pre-fills) in the login dialog (platform/login_dialog.py), polls at
Trakt's interval (slower after a "slow down") with Kodi waits while the dialog is shown, and handles denied, expired,
already used and unknown codes.
"""
from __future__ import annotations

import time

from addon import kodi
from addon.platform import account_rows, login_dialog, storage
from addon.platform import outbox as outbox_store
from addon.platform.http import HttpFailure, json_of
from addon.trakt import service_tasks, sync
from addon.trakt.client import NotAuthorized, NotConfigured, TraktClient

# Device-token poll status -> outcome.
POLL_OUTCOMES = {200: 'approved', 400: 'pending', 404: 'invalid', 409: 'used', 410: 'expired', 418: 'denied',
                 429: 'slow_down'}
MAX_SLOW_DOWN = 5
MAX_NETWORK_FAILURES = 3
TICK_SECONDS = 0.2

HEADING = 30700
ACCOUNT_ROWS = 'trakt'  # settings trakt_logged_in / trakt_account
_OUTCOME_MESSAGES = {'denied': 30703, 'invalid': 30706, 'error': 30714}


def poll_outcome(status) -> str:
    return POLL_OUTCOMES.get(status, 'error')


def request_code(client) -> dict:
    code = client.post('/oauth/device/code', {'client_id': client.client_id}, auth=False)
    if not isinstance(code, dict) or not code.get('device_code') or not code.get('user_code'):
        raise HttpFailure('invalid_json', 'the device code answer is incomplete')
    return code


def poll_once(client, device_code):
    """(outcome, token or None) of one poll."""
    response = client.request('POST', '/oauth/device/token', auth=False, wait_on_rate_limit=False,
                              body={'code': device_code, 'client_id': client.client_id,
                                    'client_secret': client.client_secret})
    outcome = poll_outcome(response.status_code)
    if outcome != 'approved':
        return outcome, None
    token = json_of(response)
    if not isinstance(token, dict) or not token.get('access_token'):
        return 'error', None
    return 'approved', token


def wait_for_approval(client, code, cancelled, sleep=time.sleep, clock=time.monotonic):
    """Poll until the user approves or something ends the login. Returns (outcome, token or None); outcome is
    approved | denied | expired | used | invalid | cancelled | error."""
    interval = max(1.0, float(code.get('interval') or 5))
    lifetime = max(1.0, float(code.get('expires_in') or 600))
    started = clock()
    slow_downs = failures = 0
    while True:
        next_poll = clock() + interval
        while clock() < next_poll:
            if cancelled():
                return 'cancelled', None
            sleep(TICK_SECONDS)
        left = lifetime - (clock() - started)
        try:
            outcome, token = poll_once(client, code['device_code'])
        except HttpFailure as failure:
            failures += 1
            kodi.log('Trakt login poll failed: %s' % failure, 'warning')
            if failures >= MAX_NETWORK_FAILURES:
                return 'error', None
            continue
        failures = 0
        if outcome == 'pending':
            if left <= 0:
                return 'expired', None
            continue
        if outcome == 'slow_down':
            slow_downs += 1
            interval += min(slow_downs, MAX_SLOW_DOWN)
            continue
        return outcome, token


def finish_login(client, token) -> str:
    """Store the new token, then ask who logged in (for the cache scope). Returns the username."""
    client.save_new_token(token)
    try:
        answer = client.get('/users/settings')
        username = ((answer or {}).get('user') or {}).get('username') or ''
    except (HttpFailure, NotAuthorized) as failure:
        kodi.log('Trakt user settings unavailable: %s' % failure, 'warning')
        username = ''
    if username:
        client.save_new_token(dict(token, username=username))
    account_rows.show(ACCOUNT_ROWS, username)
    return username


def login():
    """The interactive device login."""
    client = TraktClient()
    try:
        client.require_credentials()
    except NotConfigured as missing:
        kodi.ok_dialog(kodi.localize(missing.message_id), kodi.localize(HEADING))
        return False
    monitor = kodi.Monitor()
    while True:
        try:
            code = request_code(client)
        except HttpFailure as failure:
            kodi.ok_dialog(_failure_message(failure), kodi.localize(HEADING))
            return False
        outcome, token = _wait_in_dialog(client, code, monitor)
        if outcome == 'approved':
            username = finish_login(client, token)
            kodi.notify(kodi.localize(30702, username or 'Trakt'))
            _after_login()
            return True
        if outcome in ('expired', 'used') and kodi.yes_no(kodi.localize(30704 if outcome == 'expired' else 30705),
                                                          kodi.localize(HEADING)):
            continue
        if outcome in _OUTCOME_MESSAGES:
            kodi.ok_dialog(kodi.localize(_OUTCOME_MESSAGES[outcome]), kodi.localize(HEADING))
        return False


def _wait_in_dialog(client, code, monitor):
    """wait_for_approval while the login dialog shows the code; this thread's Kodi waits hand the dialog its keys."""
    url = code.get('verification_url') or 'https://trakt.tv/activate'
    expires_in = max(1.0, float(code.get('expires_in') or 600))
    with login_dialog.opened(kodi.localize(HEADING), url, code['user_code'], expires_in,
                             qr_address='%s/%s' % (url.rstrip('/'), code['user_code'])) as dialog:

        def cancelled():
            dialog.tick()
            return dialog.cancelled() or monitor.abortRequested()
        return wait_for_approval(client, code, cancelled, sleep=monitor.waitForAbort)


def _after_login():
    """Sync right away in the service (off the UI), and refresh whatever list is on screen."""
    service_tasks.request_sync()
    kodi.builtin('Container.Refresh')


def logout():
    """Revoke the token at Trakt (best effort), then forget it and every local Trakt record."""
    client = TraktClient()
    token = client.store.load()
    if not token.get('access_token'):
        account_rows.show(ACCOUNT_ROWS, None)
        kodi.notify(kodi.localize(30710))
        return False
    if not kodi.yes_no(kodi.localize(30708), kodi.localize(HEADING)):
        return False
    try:
        client.request('POST', '/oauth/revoke', auth=False, body={
            'token': token['access_token'], 'client_id': client.client_id, 'client_secret': client.client_secret})
    except (HttpFailure, NotConfigured) as failure:
        kodi.log('Trakt revoke failed (logging out locally anyway): %s' % failure, 'warning')
    with client.store.lock():
        client.store.clear()
    _forget_account()
    account_rows.show(ACCOUNT_ROWS, None)
    kodi.notify(kodi.localize(30709))
    kodi.builtin('Container.Refresh')
    return True


def _forget_account():
    """Every synced row and every queued Trakt write of this device goes."""
    storage.open_db()
    sync.wipe_account()
    outbox_store.discard('trakt')


def _failure_message(failure) -> str:
    if failure.kind in ('offline', 'timeout'):
        return kodi.localize(30712, str(failure))
    return kodi.localize(30713, str(failure))
