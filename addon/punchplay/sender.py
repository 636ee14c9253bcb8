"""The outbox sender of the `punchplay` sink: POST /api/scrobble/<kind>, and the "scrobbled" notification once the
server has accepted a watched stop (never when it was only queued or dropped). The canonical ids a stop's answer
names are kept for ratings (addon.punchplay.canonical_ids).

While the PunchPlay address setting is not usable, events wait in the outbox (auth_failed: not counted as attempts,
so none is given up) and the user is told once per bad value, not at every replay."""
from __future__ import annotations

from addon import kodi
from addon.core.identify import key_of
from addon.core.outbox_policy import Outcome, outcome_for_status
from addon.core.punchplay_payload import canonical_ids
from addon.core.punchplay_rating import label_of
from addon.platform import http
from addon.platform.tokenstore import LockTimeout
from addon.punchplay import canonical_ids as kept_ids
from addon.punchplay import client

SINK = 'punchplay'
KINDS = ('start', 'pause', 'resume', 'progress', 'stop', 'import')  # import: watched marks ({'entries': [...]})
BAD_URL_MESSAGE = 33900

_told_bad_url = None  # the unusable address the user was last told about


def send(kind, payload) -> Outcome:
    global _told_bad_url
    if kind not in KINDS:
        return Outcome.drop('unknown PunchPlay event %r' % kind)
    try:
        api = client.from_settings()
    except client.BadUrl as bad:
        if str(bad) != _told_bad_url:
            _told_bad_url = str(bad)
            kodi.log('PunchPlay address not usable (https only): scrobbles wait in the outbox', 'warning')
            kodi.notify(kodi.localize(BAD_URL_MESSAGE), heading=kodi.localize(30900), icon='warning')
        return Outcome.auth_failed('the PunchPlay address is not a valid https URL')
    _told_bad_url = None
    if not client.is_authenticated(api.tokens()):
        return Outcome.auth_failed('not logged in to PunchPlay')
    try:
        response = api.post('/api/scrobble/%s' % kind, payload)
    except http.HttpFailure as failure:
        return Outcome.retry(failure.retry_after, reason=str(failure))
    except LockTimeout:
        return Outcome.retry(reason='token lock busy')
    result = outcome_for_status(response.status_code, http.retry_after_seconds(response))
    if result.kind == Outcome.AUTH_FAILED:
        kodi.log('PunchPlay rejected the token after a refresh; log in again', 'warning')
    if result.kind == Outcome.DELIVERED and kind == 'stop':
        keep_canonical_ids(payload, response)
        if payload.get('watched'):
            notify_scrobbled(payload)
    return result


def keep_canonical_ids(payload, response):
    try:
        answer = http.json_of(response)
    except http.HttpFailure:  # an empty or non-JSON answer names no ids
        return
    kept_ids.remember(key_of(payload), canonical_ids(answer))


def notify_scrobbled(payload):
    if not kodi.get_bool('punchplay_notifications'):
        return
    if kodi.condition('Player.HasVideo') and not kodi.get_bool('punchplay_notify_during_playback'):
        return
    kodi.notify(kodi.localize(30901, label_of(payload)), heading=kodi.localize(30900), time_ms=4000)
