"""PunchPlay.tv pull sync (PunchPlay -> this device): GET /api/scrobble/sync?since=<cursor> (punchplay-api.md 4.1),
merged by addon.core.punchplay_merge into the local watched marks and resume points (addon.platform.playstate), which
our listings, widgets and resume read whether or not Trakt is used.

One request a run: the endpoint answers the whole change set at once (no pages); with nothing changed that is all it
costs. The merge and the new cursor are written in one transaction, so a run is applied whole or not at all; a
malformed answer is logged and nothing of it applied, the cursor stays. A 401 the token refresh could not cure marks
the account "log in again" (addon.punchplay.client), which pauses the sink as for scrobbles.

The service pulls every SYNC_INTERVAL seconds on its worker thread (`tasks`); "Sync now" runs `run` in its own
RunPlugin process (addon.punchplay.tools).
"""
from __future__ import annotations

import time

from addon import kodi
from addon.core import punchplay_merge as merge
from addon.platform import http, playstate, storage
from addon.platform.db import database
from addon.platform.service_wakeup import PeriodicTask
from addon.platform.tokenstore import LockTimeout
from addon.punchplay import client, sync_state
from addon.surfaces import widgets

TASK = 'punchplay_sync'
SYNC_INTERVAL = 300        # as Trakt's automatic sync (addon.trakt.service_tasks)
FIRST_SYNC_DELAY = 20
PATH = '/api/scrobble/sync'
# Outcomes of a run: done | unchanged | not_logged_in | bad_url | offline | unauthorized | failed | malformed


class Result:
    def __init__(self, outcome, watched=0, resume=0, unmatched=0):
        self.outcome = outcome
        self.watched = watched
        self.resume = resume
        self.unmatched = unmatched

    def __repr__(self):
        return 'Result(%s, watched=%d, resume=%d, unmatched=%d)' % (self.outcome, self.watched, self.resume,
                                                                      self.unmatched)


def run(progress=None) -> Result:
    """One pull. progress(fraction, stage) is told 'fetch' then 'apply' (the "Sync now" bar)."""
    result = _pull(progress or (lambda fraction, stage: None))
    sync_state.save_last_run(time.time(), result.outcome)
    kodi.log('PunchPlay pull sync: %r' % result, 'info')
    return result


def _pull(progress) -> Result:
    try:
        api = client.from_settings()
    except client.BadUrl:
        return Result('bad_url')
    tokens = api.tokens()
    if not client.is_authenticated(tokens):
        return Result('not_logged_in')
    account = client.account_of(tokens)
    started_ms = int(time.time() * 1000)
    since = merge.since_param(sync_state.cursor(account))
    progress(0.1, 'fetch')
    try:
        response = api.get(PATH if since is None else '%s?since=%d' % (PATH, since))
    except (http.HttpFailure, LockTimeout) as failure:
        kodi.log('PunchPlay pull sync: no answer (%s)' % failure, 'warning')
        return Result('offline')
    if response.status_code == 401:
        return Result('unauthorized')
    try:
        remotes, unmatched = merge.parse(http.json_of(response))
    except http.HttpFailure as failure:
        if failure.kind == 'status':
            kodi.log('PunchPlay pull sync: HTTP %s' % failure.status, 'warning')
            return Result('failed')
        kodi.log('PunchPlay pull sync: malformed answer skipped (%s)' % failure, 'warning')
        return Result('malformed')
    except merge.Malformed as problem:
        kodi.log('PunchPlay pull sync: malformed answer skipped (%s)' % problem, 'warning')
        return Result('malformed')
    progress(0.5, 'apply')
    changed = _apply(remotes, account, started_ms)
    progress(1.0, 'apply')
    if changed:
        widgets.safe_bump()   # overlays, Continue Watching and Next Up widgets show the new marks
    return Result('done' if changed else 'unchanged', sum(1 for state in changed.values() if state.watched),
                  sum(1 for state in changed.values() if state.position > 0), unmatched)


def _apply(remotes, account, started_ms) -> dict:
    """Merge against the play state and store the result and the cursor, in one write transaction."""
    storage.open_db()
    with database.atomic('IMMEDIATE'):
        local = {key: merge.State(*row) for key, row in playstate.states_of([item.key for item in remotes]).items()}
        changed = merge.merge(remotes, local)
        playstate.write_states(changed)
        sync_state.save_cursor(account, started_ms)
    return changed


def _service_run():
    if client.is_authenticated(client.token_store().load()):
        run()


def tasks():
    return [PeriodicTask(TASK, SYNC_INTERVAL, _service_run, first_delay=FIRST_SYNC_DELAY)]
