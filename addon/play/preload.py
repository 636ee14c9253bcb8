"""Service task: fetch streams for the first Next Up episodes ahead of time into the stream cache (15-minute
TTL), so `play` starts without waiting for the scrape. Runs when woken (`request()`, e.g. after Next Up is
shown or a play ends), hourly otherwise; spaced requests stay far inside the backend's limits (aiostreams-api.md
§12: /api/v1/search 5 per 10 s, /stream 10 per 15 s). It complements the server's own precaching.
"""
from __future__ import annotations

from addon import kodi
from addon.backend import aiostreams
from addon.platform import abort, settings
from addon.platform.service_wakeup import PeriodicTask
from addon.play import stream_cache, stream_lookup
from addon.play.play_request import PlayFailed, PlayRequest
from addon.trakt import lists

TASK_NAME = 'preload'
PRELOAD_COUNT = 3
INTERVAL_SECONDS = 3600
FIRST_DELAY_SECONDS = 120
REFRESH_AFTER_SECONDS = 10 * 60     # a kept list younger than this is still good for the next play
REQUEST_GAP_SECONDS = 2.5


def tasks():
    return [PeriodicTask(TASK_NAME, INTERVAL_SECONDS, run, FIRST_DELAY_SECONDS)]


def request():
    """Ask the service to preload now (safe from the plugin process)."""
    kodi.wake_service(TASK_NAME)


def next_up_entries(limit) -> list:
    """The first Next Up episodes from the Trakt component's synced DB ([] when Trakt is not set up)."""
    return lists.next_up(limit=limit)


def run(entries=None, pause=abort.wait) -> int:
    """Preload what is missing or aging; returns how many lists were fetched. `pause(seconds)` spaces the requests
    and returns True when Kodi is quitting (then the run ends)."""
    stream_cache.purge_expired()   # kept playback URLs never outlive the TTL, whatever the setting
    if not settings.flag('preload_next_up') or not settings.base_url():
        return 0
    fetched = 0
    for entry in (next_up_entries(PRELOAD_COUNT) if entries is None else entries)[:PRELOAD_COUNT]:
        outcome = _preload_one(entry, pause if fetched else None)
        if outcome in ('failed', 'quitting'):
            break  # the backend is in trouble: do not add load, try again on the next run
        fetched += outcome == 'fetched'
    return fetched


def _preload_one(entry, pause) -> str:
    """'fetched', 'skipped' (invalid entry or a recent list), 'failed' or 'quitting' (Kodi quit during the pause)."""
    request = PlayRequest('series', entry.get('meta_id'), entry.get('season'), entry.get('episode'))
    if not request.valid:
        return 'skipped'
    age = stream_cache.age_seconds(request.key)
    if age is not None and 0 <= age < REFRESH_AFTER_SECONDS:
        return 'skipped'
    meta = aiostreams.cached_meta('series', request.ident)
    video = None
    if meta:
        video = next((item for item in meta.get('videos') or [] if isinstance(item, dict)
                      and item.get('season') == request.season and item.get('episode') == request.episode), None)
    stream_id = stream_lookup.stream_id_for(request, meta, video)
    if pause and pause(REQUEST_GAP_SECONDS):
        return 'quitting'
    try:
        stream_list = stream_lookup.fetch_stream_list('series', stream_id)
    except PlayFailed as failed:
        kodi.log('preload of %s failed: %s' % (request.key, failed.message), 'info')
        return 'failed'
    stream_cache.store(request.key, stream_id, stream_list)
    kodi.log('preloaded %d streams for %s' % (len(stream_list.playable), request.key))
    return 'fetched'
