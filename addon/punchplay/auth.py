"""PunchPlay device-code login and logout, run from the plugin process (settings buttons / ?action=), never inside
the service loop. The poll loop runs while the login dialog (platform/login_dialog.py) shows the URL, the code and
the QR code (PunchPlay's own `verification_uri_qr` when sent), and honours slow_down and 429."""
from __future__ import annotations

import time
from collections import namedtuple

from addon import kodi
from addon.core.redact import register_secret
from addon.platform import account_rows, http, login_dialog
from addon.platform import outbox as outbox_store
from addon.punchplay import client
from addon.punchplay.sender import SINK

POLL_INTERVAL_SECONDS = 5
SLOW_DOWN_STEP_SECONDS = 5
THROTTLE_MIN_SECONDS, THROTTLE_MAX_SECONDS = 30, 60
DEFAULT_EXPIRES_SECONDS = 600
_TICK_SECONDS = 0.25
ACCOUNT_ROWS = 'punchplay'  # settings punchplay_logged_in / punchplay_account
_MIN_WAIT_SECONDS = 0.01  # Kodi's waitForAbort(0) waits for ever

# action: success | wait | expired | denied; delay: seconds before the next poll; interval: the new poll interval.
Step = namedtuple('Step', 'action delay interval throttled')


def next_step(status, body, retry_after, interval) -> Step:
    """What to do after one /api/auth/device/token answer (status None: network error). Pure."""
    body = body if isinstance(body, dict) else {}
    if status == 200 and body.get('access_token'):
        return Step('success', 0, interval, False)
    if status == 429:
        wait = max(THROTTLE_MIN_SECONDS, min(THROTTLE_MAX_SECONDS, retry_after or THROTTLE_MIN_SECONDS))
        return Step('wait', wait, interval, True)
    error = body.get('error')
    if error == 'slow_down':
        interval += SLOW_DOWN_STEP_SECONDS
    elif error == 'expired' or error == 'expired_token':
        return Step('expired', 0, interval, False)
    elif error == 'access_denied':
        return Step('denied', 0, interval, False)
    # authorization_pending, 5xx and network errors: keep polling
    return Step('wait', interval, interval, False)


def username_of(document) -> str:
    """The account name in a token or /api/auth/me answer: username, name, email or user.*."""
    if not isinstance(document, dict):
        return ''
    for holder in (document, document.get('user') if isinstance(document.get('user'), dict) else {}):
        for field in ('username', 'name', 'email'):
            if holder.get(field):
                return str(holder[field])
    return ''


def login():
    try:
        api = client.from_settings()
    except client.BadUrl:
        kodi.ok_dialog(kodi.localize(30910), heading=kodi.localize(30900))
        return
    previous = api.tokens()
    if client.is_authenticated(previous):
        account_rows.show(ACCOUNT_ROWS, client.account_of(previous))
        kodi.notify(kodi.localize(30904, client.account_of(previous) or '-'), heading=kodi.localize(30900))
        return
    try:
        code = http.json_of(api.post('/api/auth/device/code', {}, auth=False))
    except http.HttpFailure as failure:
        kodi.ok_dialog(kodi.localize(30911, str(failure)), heading=kodi.localize(30900))
        return
    if not isinstance(code, dict) or not code.get('device_code') or not code.get('user_code'):
        kodi.ok_dialog(kodi.localize(30912), heading=kodi.localize(30900))
        return
    register_secret(code['device_code'])
    tokens = _poll(api, code)
    if tokens is not None:
        _save_login(api, previous, tokens)


def _poll(api, code):
    """Poll until approved (the token document), or None after cancel, abort, expiry, denial or the deadline."""
    expires_in = _positive(code.get('expires_in'), DEFAULT_EXPIRES_SECONDS)
    deadline = time.monotonic() + expires_in
    uri = code.get('verification_uri') or api.base_url
    body = {'device_code': code['device_code'], 'device_id': client.device_id(),
            'device_name': kodi.info_label('System.FriendlyName') or 'Kodi'}
    monitor = kodi.Monitor()
    with login_dialog.opened(kodi.localize(30900), uri, code['user_code'], expires_in,
                             qr_data_uri=code.get('verification_uri_qr')) as dialog:
        tokens, failure = _poll_in_dialog(api, body, dialog, monitor, deadline)
    if failure:
        kodi.ok_dialog(failure, heading=kodi.localize(30900))
    return tokens


def _poll_in_dialog(api, body, dialog, monitor, deadline):
    """(token document, None) once approved, else (None, the message to show or None after a cancel or abort)."""
    interval, delay, throttled = POLL_INTERVAL_SECONDS, POLL_INTERVAL_SECONDS, False
    while True:
        waited = _wait(dialog, monitor, delay, deadline)
        if waited == 'cancelled':
            return None, None
        if waited == 'deadline':
            return None, kodi.localize(30914 if throttled else 30913)
        try:
            response = api.post('/api/auth/device/token', body, auth=False)
            status, answer = response.status_code, _body(response)
            retry_after = http.retry_after_seconds(response)
        except http.HttpFailure as failure:
            kodi.log('PunchPlay login poll: %s' % failure, 'warning')
            status, answer, retry_after = None, None, None
        step = next_step(status, answer, retry_after, interval)
        if step.action == 'success':
            return answer, None
        if step.action in ('expired', 'denied'):
            return None, kodi.localize(30916, kodi.localize(30917 if step.action == 'expired' else 30918))
        interval, delay, throttled = step.interval, step.delay, throttled or step.throttled


def _wait(dialog, monitor, seconds, deadline) -> str:
    """Sleep `seconds` with Kodi waits (they hand the dialog its keys): 'ok', 'cancelled' (user or Kodi abort) or
    'deadline'."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if dialog.cancelled() or monitor.abortRequested():
            return 'cancelled'
        now = time.monotonic()
        if now >= deadline:
            return 'deadline'
        dialog.tick()
        monitor.waitForAbort(min(_TICK_SECONDS, max(_MIN_WAIT_SECONDS, until - now)))
    return 'deadline' if time.monotonic() >= deadline else 'ok'


def _save_login(api, previous, tokens):
    tokens = dict(tokens)
    tokens.pop('reauth_required', None)
    api.store.save(tokens)
    try:
        me = api.get('/api/auth/me')
        name = username_of(_body(me)) if me.status_code == 200 else ''
    except http.HttpFailure:
        name = ''
    tokens['username'] = name or username_of(tokens)
    api.store.save(tokens)
    old_account = client.account_of(previous)
    if previous and old_account != tokens['username']:
        # events queued under another account must never be replayed into this one
        outbox_store.discard(SINK, account=old_account)
    account_rows.show(ACCOUNT_ROWS, tokens['username'])
    kodi.notify(kodi.localize(30906, tokens['username'] or '-'), heading=kodi.localize(30900))


def logout():
    store = client.token_store()
    queued = outbox_store.pending(SINK)
    if not store.exists() and not queued:
        kodi.notify(kodi.localize(30908), heading=kodi.localize(30900))
        return
    if queued and not kodi.yes_no(kodi.localize(30909, queued), heading=kodi.localize(30900)):
        return
    store.clear()
    outbox_store.discard(SINK)
    account_rows.show(ACCOUNT_ROWS, None)
    kodi.notify(kodi.localize(30907), heading=kodi.localize(30900), time_ms=3000)


def _body(response):
    try:
        return http.json_of(response, ok_statuses=(response.status_code,))
    except http.HttpFailure:
        return None


def _positive(value, default) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default
