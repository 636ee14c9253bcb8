"""The Trakt sender of the durable outbox (addon.platform.outbox finds `send` through SENDER_MODULES).

Every payload is the Trakt request body itself (the DELETEs, playback_remove and recommendation_hide_*:
{'id': <playback / trakt id>}). Outcomes:
2xx and 409 (already scrobbled) delivered; 429 retry after Retry-After; 5xx and network failures retry; 401 once
the client's refresh-and-retry failed: auth_failed; 400/403/404/420/422/426 dropped (they never succeed).
A history add whose request timed out may have been recorded: Trakt does not deduplicate plays, so the sender asks
Trakt for plays at the exact watched_at it sent before deciding to send it again.
"""
from __future__ import annotations

from addon import kodi
from addon.core import outbox_policy as outbox
from addon.platform import http
from addon.platform.http import HttpFailure
from addon.trakt import service_tasks
from addon.trakt.client import NotAuthorized, NotConfigured, TraktClient

ROUTES = {
    'scrobble_start': ('POST', '/scrobble/start'),
    'scrobble_pause': ('POST', '/scrobble/pause'),
    'scrobble_stop': ('POST', '/scrobble/stop'),
    'history_add': ('POST', '/sync/history'),
    'history_remove': ('POST', '/sync/history/remove'),
    'watchlist_add': ('POST', '/sync/watchlist'),
    'watchlist_remove': ('POST', '/sync/watchlist/remove'),
    'dropped_add': ('POST', '/users/hidden/dropped'),
    'dropped_remove': ('POST', '/users/hidden/dropped/remove'),
    'hidden_add': ('POST', '/users/hidden/progress_watched'),
    'hidden_remove': ('POST', '/users/hidden/progress_watched/remove'),
    'playback_remove': ('DELETE', '/sync/playback/%d'),
    'list_add': ('POST', '/users/me/lists/%d/items'),
    'list_remove': ('POST', '/users/me/lists/%d/items/remove'),
    'recommendation_hide_movie': ('DELETE', '/recommendations/movies/%d'),
    'recommendation_hide_show': ('DELETE', '/recommendations/shows/%d'),
}
SUCCESS = (200, 201, 204, 409)
PERMANENT = (400, 403, 404, 420, 422, 426)
# Keys the addon adds to a payload for its own bookkeeping; never sent.
LOCAL_KEYS = ('playback_session_id',)
# Kinds after which the account changed on Trakt: the next sync picks up the server's truth.
_CHANGES_ACCOUNT = ('scrobble_stop', 'history_add', 'history_remove', 'watchlist_add', 'watchlist_remove',
                    'dropped_add', 'dropped_remove', 'hidden_add', 'hidden_remove', 'playback_remove', 'list_add',
                    'list_remove')


def send(kind, payload, client=None) -> outbox.Outcome:
    route = ROUTES.get(kind)
    if route is None:
        return outbox.Outcome.drop('unknown Trakt event kind %r' % kind)
    method, path = route
    body = {key: value for key, value in payload.items() if key not in LOCAL_KEYS}
    try:
        client = client or TraktClient()
        if method == 'DELETE':
            path, body = path % int(body['id']), None
        elif '%d' in path:  # a list's items: the list id names the path, the rest is the body
            path = path % int(body.pop('list_id'))
        response = client.request(method, path, body=body, wait_on_rate_limit=False)
    except (KeyError, TypeError, ValueError):
        return outbox.Outcome.drop('malformed %s payload' % kind)
    except (NotAuthorized, NotConfigured) as failure:
        return outbox.Outcome.auth_failed(str(failure))
    except HttpFailure as failure:
        if kind == 'history_add' and failure.kind == 'timeout':
            return _after_history_timeout(client, body)
        return outbox.Outcome.retry(reason=str(failure))
    success = SUCCESS + ((404,) if kind == 'playback_remove' else ())
    outcome = outbox.outcome_for_status(response.status_code, http.retry_after_seconds(response), success=success,
                                        permanent=PERMANENT)
    if response.status_code == 420:
        kodi.notify(kodi.localize(30790), icon='warning')
    if outcome.kind == outbox.Outcome.DELIVERED and kind in _CHANGES_ACCOUNT:
        _request_sync()
    return outcome


def _watched_at(body):
    """The one watched_at the addon puts on every item of its history adds, or None."""
    stamps = set()
    for group in ('movies', 'shows', 'episodes', 'seasons'):
        for item in body.get(group) or []:
            stamps.add(item.get('watched_at'))
    return stamps.pop() if len(stamps) == 1 else None


def _after_history_timeout(client, body) -> outbox.Outcome:
    """Delivered when Trakt already holds plays at the watched_at we sent; retry when it verifiably does not."""
    stamp = _watched_at(body)
    if stamp:
        try:
            plays = client.get('/sync/history', {'start_at': stamp, 'end_at': stamp, 'limit': 1})
        except (HttpFailure, NotAuthorized, NotConfigured) as failure:
            kodi.log('Trakt history add timed out and could not be checked (%s); it will be sent again'
                     % failure, 'warning')
            return outbox.Outcome.retry(reason='timeout')
        if plays:
            _request_sync()
            return outbox.Outcome.delivered()
    return outbox.Outcome.retry(reason='timeout')


def _request_sync():
    service_tasks.request_sync()
