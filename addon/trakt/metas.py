"""Compact copies of AIOStreams metas for the Trakt lists, so a widget renders without importing the HTTP stack.

The service's meta task fetches what a list found missing through addon.backend.aiostreams.fetch_meta (served from the
AIOStreams meta cache when it is fresh, else from the backend within its rate limit) and keeps a trimmed copy here:
the title fields, art, and per episode only what addon.core.metadata.from_video reads. A title without a usable meta is
remembered as such (None) and asked for again after RETRY_MISSING_SECONDS; copies older than REFRESH_SECONDS are
refreshed in the background while the old copy keeps being shown. A list the user opened before its metas were
fetched (Similar) asks to be refreshed once they are (refresh_when_fetched).
"""
from __future__ import annotations

import json
import time

from addon import kodi
from addon.platform import storage
from addon.trakt import models

TASK = 'trakt_meta'
REFRESH_SECONDS = 7 * 24 * 3600
RETRY_MISSING_SECONDS = 24 * 3600
WAITING_LIST = 'AIOStreams.Metas.WaitingList'  # Home property: a list shown while its metas are fetched
_CHUNK = 300
_META_KEYS = ('id', 'type', 'name', 'description', 'poster', 'background', 'logo', 'landscapePoster', 'genres',
              'releaseInfo', 'released', 'runtime', 'imdbRating', 'imdb_id', 'tmdb_id', 'tvdb_id', 'moviedb_id',
              'certification', 'country', 'status', 'director', 'writer', 'cast', 'links', 'trailers',
              'behaviorHints', 'app_extras')
_VIDEO_KEYS = ('id', 'season', 'episode', 'title', 'name', 'overview', 'thumbnail', 'released', 'runtime', 'rating',
               'available')


def trim(meta) -> dict:
    """The parts of a meta the lists use (videos reduced to their episode fields)."""
    small = {key: meta[key] for key in _META_KEYS if key in meta}
    videos = [{key: video[key] for key in _VIDEO_KEYS if key in video}
              for video in meta.get('videos') or [] if isinstance(video, dict)]
    if videos:
        small['videos'] = videos
    return small


def store(content_type, meta_id, meta):
    """Keep a trimmed meta (or None: the backend has none) for a title."""
    storage.open_db()
    text = json.dumps(trim(meta), separators=(',', ':')) if meta else None
    models.MetaCopy.insert(content_type=content_type, meta_id=meta_id, meta=text, fetched_at=time.time()) \
        .on_conflict_replace().execute()


def lookup(keys, now=None):
    """({(content_type, meta_id): meta dict} of the keys with a usable copy, [keys to fetch in the background])."""
    storage.open_db()
    now = time.time() if now is None else now
    keys = list(set(keys))
    rows = {}
    for content_type in {key[0] for key in keys}:
        ids = [meta_id for kind, meta_id in keys if kind == content_type]
        for start in range(0, len(ids), _CHUNK):
            for meta_id, text, fetched_at in models.MetaCopy.select(
                    models.MetaCopy.meta_id, models.MetaCopy.meta, models.MetaCopy.fetched_at).where(
                    (models.MetaCopy.content_type == content_type)
                    & models.MetaCopy.meta_id.in_(ids[start:start + _CHUNK])).tuples():
                rows[(content_type, meta_id)] = (text, fetched_at)
    found, wanted = {}, []
    for key in keys:
        text, fetched_at = rows.get(key, (None, None))
        if text:
            found[key] = json.loads(text)
        age = None if fetched_at is None else now - fetched_at
        if age is None or age > (REFRESH_SECONDS if text else RETRY_MISSING_SECONDS):
            wanted.append(key)
    return found, wanted


def want(keys, first=False):
    """Queue (content_type, meta_id) pairs for the service's meta task and wake it. first: ahead of the queue (a
    list on screen waits for them)."""
    if not keys:
        return
    storage.open_db()
    now = 0.0 if first else time.time()
    rows = [{'content_type': content_type, 'meta_id': meta_id, 'requested_at': now} for content_type, meta_id in keys]
    for start in range(0, len(rows), 100):
        insert = models.MetaWanted.insert_many(rows[start:start + 100])
        (insert.on_conflict_replace() if first else insert.on_conflict_ignore()).execute()
    try:
        kodi.wake_service(TASK)
    except (RuntimeError, ValueError) as exc:
        kodi.log('could not wake the service: %s' % exc, 'warning')


def refresh_when_fetched(marker):
    """A list on screen (its folder path contains `marker`) is shown before its metas arrived: the service
    refreshes it once after its next meta batch (refresh_waiting_list)."""
    kodi.set_window_property(WAITING_LIST, marker)


def refresh_waiting_list():
    """After the service stored new copies: refresh the waiting list if it is still on screen and no dialog is
    open over it (the user's place in it is not worth a refresh behind a dialog). Returns True when refreshed."""
    marker = kodi.window_property(WAITING_LIST)
    if not marker:
        return False
    kodi.clear_window_property(WAITING_LIST)
    if marker not in kodi.info_label('Container.FolderPath') or kodi.condition('System.HasModalDialog'):
        return False
    kodi.builtin('Container.Refresh')
    return True
