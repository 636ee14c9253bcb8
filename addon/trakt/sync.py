"""Delta sync of the Trakt account into the local database (trakt-api.md section 7).

One cycle: GET /sync/last_activities. When `all` equals the stored value the cycle ends there (one request).
Otherwise, for each category (addon.trakt.sync_categories) whose Trakt anchors moved: fetch every page of its
endpoint(s) first, then replace that category's rows and store Trakt's anchor value in ONE transaction. A failed
category keeps its old anchor and is retried next cycle; `all` is stored only when every category is current.
"""
from __future__ import annotations

import time

import peewee

from addon import kodi
from addon.core import trakt_times as times
from addon.platform import storage
from addon.platform.db import database
from addon.platform.http import HttpFailure
from addon.trakt import models, sync_categories, sync_lists

ALL = 'all'
CATEGORIES = sync_categories.CATEGORIES + sync_lists.CATEGORIES


class Cancelled(Exception):
    """The user cancelled a sync running with a progress dialog."""


class SyncResult:
    def __init__(self):
        self.changed = []
        self.failed = []
        self.unchanged = False

    @property
    def ok(self) -> bool:
        return not self.failed


# ---- local state --------------------------------------------------------------------------------------------

def state_value(key):
    row = models.SyncState.get_or_none(models.SyncState.key == key)
    return row.value if row else None


def state_time(key):
    row = models.SyncState.get_or_none(models.SyncState.key == key)
    return row.updated_at if row else None


def set_state(key, value):
    models.SyncState.insert(key=key, value=value, updated_at=time.time()).on_conflict(
        conflict_target=[models.SyncState.key],
        update={models.SyncState.value: value, models.SyncState.updated_at: time.time()}).execute()


def wipe_account():
    """Forget every synced row (another user logged in, or logout)."""
    with database.atomic('IMMEDIATE'):
        for model in models.ACCOUNT_MODELS:
            model.delete().execute()


# ---- the cycle ----------------------------------------------------------------------------------------------

class _Context:
    """Progress reporting and cancellation for one cycle."""

    def __init__(self, report, cancelled):
        self._report = report
        self._cancelled = cancelled
        self.position = (0, 1, '')

    def check_cancelled(self):
        if self._cancelled():
            raise Cancelled()

    def step(self, index, total, name):
        self.position = (index, total, name)
        self._report(float(index) / total, name)

    def report_detail(self, done, count):
        index, total, name = self.position
        self._report((index + float(done) / max(1, count)) / total, name)


def _due_refresh(category, now) -> bool:
    if category.refresh_every is None:
        return False
    last = state_time(category.name)
    return last is None or now - last >= category.refresh_every


def _check_user(client):
    """A different Trakt user than the one whose data is stored: start over."""
    username = client.store.load().get('username') or ''
    stored = state_value('username')
    if stored is not None and stored != username:
        kodi.log('Trakt user changed: clearing the local Trakt data', 'info')
        wipe_account()
    if stored != username:
        set_state('username', username)


def run_cycle(client, report=lambda fraction, name: None, cancelled=lambda: False) -> SyncResult:
    """One delta sync. Raises NotAuthorized / NotConfigured / HttpFailure when even last_activities fails."""
    storage.open_db()
    result = SyncResult()
    context = _Context(report, cancelled)
    activities = client.get('/sync/last_activities')
    if not isinstance(activities, dict):
        raise HttpFailure('invalid_json', 'last_activities is not an object')
    _check_user(client)
    now = time.time()
    set_state('last_poll', times.iso(now))
    due = [category for category in CATEGORIES if _due_refresh(category, now)]
    remote_all = activities.get(ALL) if isinstance(activities.get(ALL), str) else None
    if remote_all is not None and remote_all == state_value(ALL) and not due:
        result.unchanged = True
        return result
    pending = [category for category in CATEGORIES
               if category.remote_anchor(activities) != state_value(category.name) or category in due]
    for index, category in enumerate(pending):
        context.step(index, len(pending), category.name)
        try:
            context.check_cancelled()
            data = category.fetch(client, context)
            with database.atomic('IMMEDIATE'):
                category.store(data, context)
                set_state(category.name, category.remote_anchor(activities))
            result.changed.append(category.name)
        except HttpFailure as failure:
            kodi.log('Trakt sync of %s failed (kept for the next cycle): %s' % (category.name, failure), 'warning')
            result.failed.append(category.name)
        except (ValueError, TypeError, AttributeError, KeyError, peewee.DatabaseError) as failure:
            # an answer of a shape Trakt never sends (or a busy database): kept for the next cycle, like a failure
            kodi.log('Trakt sync of %s: unusable answer (kept for the next cycle): %s: %s'
                     % (category.name, type(failure).__name__, failure), 'warning')
            result.failed.append(category.name)
    context.step(len(pending), max(1, len(pending)), '')
    if not result.failed and remote_all is not None:
        set_state(ALL, remote_all)
    return result
