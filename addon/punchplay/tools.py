"""PunchPlay.tv tools (Tools menu, ?action= routes): Sync now with a background progress bar, Test connection
(GET /api/auth/me), Status (account, queued events per kind, last delivery, last error, last sync) and Clear queue.
Each runs in its own RunPlugin process: the background bar (DialogProgressBG) leaves Kodi usable meanwhile."""
from __future__ import annotations

import time

from addon import kodi
from addon.platform import http
from addon.platform import outbox as outbox_store
from addon.platform.tokenstore import LockTimeout
from addon.punchplay import auth, client, pull_sync, sync_state
from addon.punchplay.sender import SINK
from addon.trakt import home_properties

HEADING = 30900
NOT_LOGGED_IN, BAD_URL, LOGIN_EXPIRED = 30908, 30910, 30915
STAGES = {'fetch': 33051, 'apply': 33052}
# outcome of a pull -> (message id, icon); 'done' has its own message with the counts
OUTCOMES = {'unchanged': (33054, 'info'), 'not_logged_in': (NOT_LOGGED_IN, 'warning'),
            'bad_url': (BAD_URL, 'warning'), 'offline': (33055, 'warning'),
            'unauthorized': (LOGIN_EXPIRED, 'warning'), 'failed': (33057, 'warning'), 'malformed': (33056, 'error')}
# outcome of a pull -> its word in Status
OUTCOME_WORDS = {'done': 33080, 'unchanged': 33081, 'offline': 33082, 'unauthorized': 33083, 'failed': 33084,
                 'malformed': 33085, 'not_logged_in': 33086, 'bad_url': 33087}


def sync_now():
    """Sync now: one pull in this process, followed by a background bar; the outcome is told in words."""
    with kodi.progress(kodi.localize(HEADING), kodi.localize(STAGES['fetch']), background=True) as bar:
        result = pull_sync.run(lambda fraction, stage: bar.update(100 * fraction, kodi.localize(STAGES[stage])))
    if result.outcome == 'done':
        kodi.notify(kodi.localize(33053, result.watched, result.resume), heading=kodi.localize(HEADING))
        home_properties.refresh()   # the list on screen shows the new marks
        return result
    message, icon = OUTCOMES[result.outcome]
    kodi.notify(kodi.localize(message), heading=kodi.localize(HEADING), icon=icon)
    return result


def test_connection():
    """Ask /api/auth/me with the stored login; says the account name or what is wrong."""
    try:
        api = client.from_settings()
    except client.BadUrl:
        return _tell(BAD_URL)
    if not client.is_authenticated(api.tokens()):
        return _tell(LOGIN_EXPIRED if api.tokens().get('access_token') else NOT_LOGGED_IN)
    try:
        response = api.get('/api/auth/me')
    except (http.HttpFailure, LockTimeout) as failure:
        return _tell(30911, str(failure))
    if response.status_code == 401:
        return _tell(LOGIN_EXPIRED)
    if response.status_code != 200:
        return _tell(30911, 'HTTP %d' % response.status_code)
    try:
        name = auth.username_of(http.json_of(response))
    except http.HttpFailure:
        return _tell(30912)
    return _tell(33059, name or '-')


def _tell(message_id, *args) -> str:
    text = kodi.localize(message_id, *args)
    kodi.ok_dialog(text, heading=kodi.localize(HEADING))
    return text


def status_text() -> str:
    tokens = client.token_store().load()
    account = client.account_of(tokens) or '-'
    if client.is_authenticated(tokens):
        lines = [kodi.localize(33065, account)]
    elif tokens.get('access_token'):
        lines = [kodi.localize(33067, account)]
    else:
        lines = [kodi.localize(33066)]
    queued = outbox_store.pending_by_kind(SINK)
    lines.append(kodi.localize(33068, ', '.join('%s %d' % (kind, count) for kind, count in sorted(queued.items()))
                               or kodi.localize(33069)))
    delivered_at, error, error_at = outbox_store.sink_state(SINK)
    lines.append(kodi.localize(33070, _when(delivered_at) if delivered_at else kodi.localize(33071)))
    lines.append(kodi.localize(33072, '%s (%s)' % (error, _when(error_at)) if error else kodi.localize(33073)))
    last = sync_state.last_run()
    lines.append(kodi.localize(33074, _when(last[0]), kodi.localize(OUTCOME_WORDS.get(last[1], 33084))) if last
                 else kodi.localize(33074, kodi.localize(33071), '-'))
    return '\n'.join(lines)


def status():
    kodi.text_viewer(kodi.localize(HEADING), status_text())


def clear_queue() -> int:
    """Delete the queued PunchPlay events after asking; returns how many were deleted."""
    queued = outbox_store.pending(SINK)
    if not queued:
        kodi.notify(kodi.localize(33064), heading=kodi.localize(HEADING))
        return 0
    if not kodi.yes_no(kodi.localize(33062, queued), heading=kodi.localize(HEADING)):
        return 0
    deleted = outbox_store.discard(SINK)
    kodi.notify(kodi.localize(33063, deleted), heading=kodi.localize(HEADING))
    return deleted


def _when(epoch) -> str:
    return time.strftime('%Y-%m-%d %H:%M', time.localtime(epoch))
