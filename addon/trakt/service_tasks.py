"""Trakt work in the background service: delta sync and the meta fetcher, on a thread of their own.

The service's periodic tasks only ask; a dedicated thread does the (possibly long, network-bound) work, so a first
sync of a large account never delays the outbox or scrobbles, and never runs on a Kodi callback.
- `trakt_sync` every 5 minutes when `trakt_sync_auto` is on, after wake from sleep, and when asked: the plugin's
  "Sync now", the login, a delivered Trakt write. Asking sets the Home property SYNC_REQUEST (so it runs even with
  automatic sync off), then wakes the task. Requests within MIN_GAP seconds of the previous cycle are coalesced.
- While Trakt writes of this device wait in the outbox, the sync waits (a full replacement would briefly undo
  them on screen); it goes on anyway once the oldest one is PENDING_WRITES_GRACE old.
- Progress for the "Sync now" dialog is published as Home properties SYNC_STATE / SYNC_PERCENT / SYNC_LABEL /
  SYNC_FINISHED.
- `trakt_meta`: metas the lists found missing are fetched at most 15 per 5 seconds (the backend's meta limit).
"""
from __future__ import annotations

import threading
import time
import traceback

import peewee

from addon import kodi
from addon.backend import aiostreams
from addon.platform import abort, storage
from addon.platform import outbox as outbox_store
from addon.platform.http import HttpFailure
from addon.platform.service_wakeup import PeriodicTask
from addon.play import preload
from addon.trakt import home_properties as widgets
from addon.trakt import lists, metas, models, nextup_store, sync
from addon.trakt.client import NotAuthorized, NotConfigured, TraktClient, token_store

SYNC_TASK = 'trakt_sync'
META_TASK = 'trakt_meta'
SYNC_INTERVAL = 300
META_INTERVAL = 60
FIRST_SYNC_DELAY = 15
MIN_GAP = 15.0
JOB_GAP = 1.0
PENDING_WRITES_GRACE = 15 * 60
META_SPACING = 5.0 / 15
META_BATCH = 45
META_MAX_ATTEMPTS = 5

SYNC_REQUEST = 'AIOStreams.Trakt.SyncRequest'
SYNC_STATE = 'AIOStreams.Trakt.SyncState'
SYNC_PERCENT = 'AIOStreams.Trakt.SyncPercent'
SYNC_LABEL = 'AIOStreams.Trakt.SyncLabel'
SYNC_FINISHED = 'AIOStreams.Trakt.SyncFinished'

# Sync category -> label id shown while it is fetched.
CATEGORY_LABELS = {'watched_movies': 30725, 'watched_shows': 30726, 'collection_movies': 30727,
                   'collection_shows': 30727, 'watchlist_movies': 30728, 'watchlist_shows': 30728,
                   'playback_movies': 30729, 'playback_episodes': 30729, 'progress_watched': 30730,
                   'dropped': 30730}

_runner = None


def request_sync():
    """Ask for a sync cycle now, from any process (the plugin, or the service itself)."""
    kodi.set_window_property(SYNC_REQUEST, str(time.time()))
    if _runner is not None:
        _runner.want_sync()
        return
    try:
        kodi.wake_service(SYNC_TASK)
    except (RuntimeError, ValueError) as exc:
        kodi.log('could not wake the service: %s' % exc, 'warning')


def _publish(state, percent=0, label=''):
    kodi.set_window_property(SYNC_STATE, state)
    kodi.set_window_property(SYNC_PERCENT, str(int(percent)))
    kodi.set_window_property(SYNC_LABEL, label)
    if state not in ('running',):
        kodi.set_window_property(SYNC_FINISHED, str(time.time()))


def _writes_pending(now) -> bool:
    """Trakt writes of this device still waiting in the outbox, the oldest younger than the grace period."""
    oldest = outbox_store.OutboxEvent.select(peewee.fn.MIN(outbox_store.OutboxEvent.created_at)).where(
        outbox_store.OutboxEvent.sink == 'trakt').scalar()
    return oldest is not None and now - oldest < PENDING_WRITES_GRACE


def sync_now(cancelled=lambda: False, report=None):
    """One sync cycle with its aftermath (Next Up properties, widgets, metas). Returns the SyncResult or None."""
    if not token_store().exists():
        return None
    storage.open_db()
    if _writes_pending(time.time()):
        kodi.log('Trakt sync postponed: local changes are still being sent', 'info')
        _publish('postponed')
        return None

    def progress(fraction, name):
        label = kodi.localize(CATEGORY_LABELS[name]) if name in CATEGORY_LABELS else ''
        _publish('running', 100 * fraction, label)
        if report is not None:
            report(fraction, label)
    _publish('running', 0)
    try:
        result = sync.run_cycle(TraktClient(), progress, cancelled)
    except NotAuthorized:
        _publish('unauthorized')
        _tell_once_reauth()
        return None
    except NotConfigured as missing:
        kodi.log('Trakt sync not possible: %s' % missing, 'warning')
        _publish('failed', 0, 'config')
        return None
    except sync.Cancelled:
        _publish('cancelled')
        return None
    except HttpFailure as failure:
        kodi.log('Trakt sync failed: %s' % failure, 'warning')
        _publish('failed', 0, failure.kind)
        return None
    after_sync(result)
    _publish('done' if result.ok else 'failed', 100)
    return result


def _tell_once_reauth():
    """One notification per lost login (the flag lives in the token file, cleared by the next login)."""
    store = token_store()
    with store.lock():
        token = store.load()
        if not token or token.get('reauth_notified'):
            return
        token['reauth_notified'] = True
        store.save(token)
    kodi.notify(kodi.localize(30711), icon='warning')


def after_sync(result):
    """Next Up stored (computed again when the sync changed its data) and published for skins (every cycle:
    episodes air without any sync change), missing metas queued, and a widget reload plus a stream preload of the
    first Next Up episodes when something changed."""
    entries, stamp = nextup_store.current()
    widgets.publish_next_up(entries, stamp)
    wanted = (entries[:widgets.NEXT_UP_SLOTS] + lists.continue_watching() + lists.watchlist('movie')
              + lists.watchlist('show'))
    metas.want(metas.lookup([(entry['content_type'], entry['meta_id']) for entry in wanted])[1])
    if result.changed:
        widgets.refresh(container=False)
        preload.request()


def fetch_wanted_metas(cancelled=lambda: False, sleep=abort.wait) -> int:
    """Fetch up to META_BATCH queued metas, paced for the backend (`sleep` returns True when Kodi is quitting).
    Returns how many were fetched."""
    storage.open_db()
    rows = list(models.MetaWanted.select().order_by(models.MetaWanted.requested_at).limit(META_BATCH))
    fetched = 0
    for index, row in enumerate(rows):
        if cancelled():
            break
        if index and sleep(META_SPACING):
            break
        outcome = aiostreams.fetch_meta(row.content_type, row.meta_id)
        done = outcome.kind in (aiostreams.OK, aiostreams.EMPTY, aiostreams.ERROR_ITEMS) or (
            outcome.kind == aiostreams.HTTP_ERROR and outcome.status == 404)  # no addon of the user has a meta
        if outcome.kind in (aiostreams.NOT_SET, aiostreams.BAD_URL, aiostreams.UNCONFIGURED, aiostreams.BAD_SETTING,
                            aiostreams.BAD_VARIANT):
            break  # the backend is not set up: keep the queue for later
        if done:
            metas.store(row.content_type, row.meta_id, outcome.data if outcome.kind == aiostreams.OK else None)
        if done or row.attempts + 1 >= META_MAX_ATTEMPTS:
            models.MetaWanted.delete().where((models.MetaWanted.content_type == row.content_type)
                                             & (models.MetaWanted.meta_id == row.meta_id)).execute()
            fetched += outcome.kind == aiostreams.OK
        else:
            models.MetaWanted.update(attempts=row.attempts + 1).where(
                (models.MetaWanted.content_type == row.content_type)
                & (models.MetaWanted.meta_id == row.meta_id)).execute()
            if outcome.kind in (aiostreams.OFFLINE, aiostreams.TIMEOUT):
                break
    if fetched:
        widgets.refresh(container=False)
        metas.refresh_waiting_list()  # a Similar list opened before its metas came
    return fetched


class Runner(threading.Thread):
    """The Trakt thread of the service: runs the sync and the meta fetcher when asked, one job at a time. Idle, it
    sleeps until asked (or until Kodi quits); it wakes on a timer only while a job waits for its turn."""

    def __init__(self):
        super().__init__(name='aiostreams-trakt', daemon=True)
        self._wake = threading.Event()
        self._sync_wanted = False
        self._metas_wanted = False
        self._last_sync = 0.0

    def want_sync(self):
        self._sync_wanted = True
        self._wake.set()

    def want_metas(self):
        self._metas_wanted = True
        self._wake.set()

    def run(self):
        abort.on_quit(self._wake.set)
        while not abort.requested():
            self._wake.wait(self._seconds_to_next_job())
            self._wake.clear()
            if abort.requested():
                break
            if self._sync_wanted and time.time() >= self._last_sync + MIN_GAP:
                self._sync_wanted = False
                self._guarded(lambda: sync_now(abort.requested))
                self._last_sync = time.time()
            if self._metas_wanted and not abort.requested():
                self._metas_wanted = False
                if self._guarded(lambda: fetch_wanted_metas(abort.requested)):
                    self._metas_wanted = True  # more may be queued: go on after the next wait

    def _seconds_to_next_job(self):
        """None (until woken) when nothing is asked; the rest of MIN_GAP for a sync asked too soon; a short pause
        between meta batches (their requests are already spaced)."""
        waits = [JOB_GAP] if self._metas_wanted else []
        if self._sync_wanted:
            waits.append(max(JOB_GAP, self._last_sync + MIN_GAP - time.time()))
        return min(waits) if waits else None

    def _guarded(self, job):
        try:
            return job()
        except Exception:  # a failing cycle must not end the thread
            kodi.log('Trakt background job failed\n%s' % traceback.format_exc(), 'error')
            return None


def _periodic_sync():
    """The 5-minute tick (also run on wake from sleep): a cycle when automatic sync is on or one was asked for."""
    requested = kodi.window_property(SYNC_REQUEST)
    if requested:
        kodi.clear_window_property(SYNC_REQUEST)
    try:
        automatic = kodi.get_bool('trakt_sync_auto')
    except kodi.SettingError:
        automatic = True
    if requested or automatic:
        _runner.want_sync()


def tasks():
    global _runner
    _runner = Runner()
    _runner.start()
    return [PeriodicTask(SYNC_TASK, SYNC_INTERVAL, _periodic_sync, first_delay=FIRST_SYNC_DELAY),
            PeriodicTask(META_TASK, META_INTERVAL, _runner.want_metas, first_delay=FIRST_SYNC_DELAY * 2)]
