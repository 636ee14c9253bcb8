"""The outbox sender of the `punchplay` sink: POST /api/scrobble/<kind>, and the "scrobbled" notification once the
server has accepted a watched stop (never when it was only queued or dropped).

While the PunchPlay address setting is not usable, events wait in the outbox (auth_failed: not counted as attempts,
so none is given up) and the user is told once per bad value, not at every replay."""
from __future__ import annotations

from addon import kodi
from addon.core.outbox_policy import Outcome, outcome_for_status
from addon.platform import http
from addon.platform.tokenstore import LockTimeout
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
    if result.kind == Outcome.DELIVERED and kind == 'stop' and payload.get('watched'):
        notify_scrobbled(payload)
    return result


def scrobbled_label(payload) -> str:
    """'Title' for a movie, 'Show S01E02' for an episode."""
    if payload.get('media_type') == 'episode' and payload.get('episode') is not None:
        if payload.get('season') is not None:
            return '%s S%02dE%02d' % (payload['title'], payload['season'], payload['episode'])
        return '%s E%02d' % (payload['title'], payload['episode'])
    return payload.get('title') or ''


def notify_scrobbled(payload):
    if not kodi.get_bool('punchplay_notifications'):
        return
    if kodi.condition('Player.HasVideo') and not kodi.get_bool('punchplay_notify_during_playback'):
        return
    kodi.notify(kodi.localize(30901, scrobbled_label(payload)), heading=kodi.localize(30900), time_ms=4000)
