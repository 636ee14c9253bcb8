"""A title's streams for playing: its metadata, the stream id the backend knows it by, the stream list (kept
from a recent scrape or the Next Up preload, else fetched behind a cancellable progress dialog), ranked by the
user's settings; a clear localized PlayFailed when the backend cannot answer or nothing is playable.
"""
from __future__ import annotations

import threading
import time

from addon import kodi
from addon.backend import aiostreams, messages, rest_api
from addon.core import stream_parse, stream_rank
from addon.core.stream_model import ERROR
from addon.platform import settings
from addon.play import reliability, stream_cache
from addon.play.play_request import Cancelled, PlayFailed

SCRAPE_POLL_SECONDS = 0.2


def load_meta(request):
    """(meta, video) from the metadata cache, else the network; (None, None) when unavailable."""
    if request.ident is None:
        return None, None
    meta = aiostreams.cached_meta(request.content_type, request.ident)
    if meta is None:
        outcome = aiostreams.fetch_meta(request.content_type, request.ident)
        meta = outcome.data if outcome.kind == aiostreams.OK else None
        if meta is None:
            kodi.log('no meta for the played item: %s' % outcome.kind, 'info')
    video = None
    if meta and request.is_episode:
        video = next((entry for entry in meta.get('videos') or [] if isinstance(entry, dict)
                      and _same_number(entry.get('season'), request.season)
                      and _same_number(entry.get('episode'), request.episode)), None)
    return meta, video


def _same_number(value, wanted) -> bool:
    try:
        return int(value) == int(wanted)
    except (TypeError, ValueError):
        return False


def stream_id_for(request, meta, video) -> str:
    """videos[].id verbatim when known (tmdb/kitsu titles), else the seed's imdb[:season:episode] form."""
    if request.stream_id:
        return request.stream_id
    if video and video.get('id'):
        return str(video['id'])
    if request.is_episode:
        return '%s:%d:%d' % (request.ident, request.season, request.episode)
    default_id = ((meta or {}).get('behaviorHints') or {}).get('defaultVideoId')
    return str(default_id or request.ident)


def find_streams(request, stream_id, interactive=True):
    """The stream list: kept from the last 15 minutes, else fetched (cancellable when interactive)."""
    kept = stream_cache.fresh(request.key, stream_id)
    if kept is not None:
        kodi.log('using %d kept streams for %s' % (len(kept.playable), request.key))
        return kept
    if interactive:
        with kodi.progress(kodi.localize(30500), kodi.localize(30501)) as dialog:
            stream_list = run_cancellable(dialog, lambda: fetch_stream_list(request.content_type, stream_id),
                                          aiostreams.stream_timeout())
    else:
        stream_list = fetch_stream_list(request.content_type, stream_id)
    stream_cache.store(request.key, stream_id, stream_list)
    return stream_list


def run_cancellable(dialog, work, expected_seconds):
    """Run `work()` on a worker thread while the progress dialog stays responsive; Cancelled when the user
    cancels (the worker is abandoned: it only waits on the network)."""
    result = {}

    def target():
        try:
            result['value'] = work()
        except Exception as error:  # handed to the calling thread, which raises it
            result['error'] = error

    worker = threading.Thread(target=target, name='aiostreams-playback', daemon=True)
    worker.start()
    started = time.monotonic()
    while worker.is_alive():
        worker.join(SCRAPE_POLL_SECONDS)
        if dialog.cancelled():
            raise Cancelled()
        dialog.update(min(95, 100 * (time.monotonic() - started) / max(1, expected_seconds)))
    if 'error' in result:
        raise result['error']
    return result['value']


def fetch_stream_list(content_type, stream_id):
    """/api/v1/search when the manifest URL carries credentials (structured data), else /stream; PlayFailed
    with a clear message when the backend cannot answer."""
    outcome = rest_api.search(content_type, stream_id, required_fields=())
    if outcome.kind in (aiostreams.OK, aiostreams.EMPTY):
        return stream_parse.parse_search(outcome.data)
    if outcome.kind in (aiostreams.TIMEOUT, aiostreams.OFFLINE, aiostreams.NOT_SET, aiostreams.BAD_URL,
                        aiostreams.BAD_SETTING) or (outcome.kind == aiostreams.HTTP_ERROR and outcome.status == 429):
        raise PlayFailed(failure_message(outcome))
    kodi.log('search API unavailable (%s); using /stream' % outcome.kind)
    outcome = aiostreams.fetch_streams(content_type, stream_id)
    if outcome.kind in (aiostreams.OK, aiostreams.EMPTY, aiostreams.ERROR_ITEMS):
        return stream_parse.parse_streams((outcome.raw or {}).get('streams'))
    raise PlayFailed(failure_message(outcome))


def failure_message(outcome) -> str:
    kind = outcome.kind
    if kind == aiostreams.TIMEOUT:
        return kodi.localize(30510)
    if kind == aiostreams.OFFLINE:
        return kodi.localize(30511)
    if kind == aiostreams.HTTP_ERROR and outcome.status == 429:
        return kodi.localize(30517)
    if kind in (aiostreams.NOT_SET, aiostreams.BAD_URL, aiostreams.UNCONFIGURED):
        return kodi.localize(30012)
    if kind == aiostreams.BAD_SETTING and outcome.errors:
        return outcome.errors[0]
    if kind == aiostreams.BAD_VARIANT:
        return messages.message_for(outcome)
    if kind == aiostreams.INVALID_JSON:
        return kodi.localize(30513)
    return kodi.localize(30512, outcome.errors[0] if outcome.errors else 'HTTP %s' % (outcome.status or '?'))


def options_from_settings() -> stream_rank.RankOptions:
    return stream_rank.RankOptions(
        preferred_quality=settings.text('preferred_quality') or 'any',
        min_quality=settings.text('min_quality') if settings.flag('filter_low_quality') else None,
        max_streams=settings.number_in_range('max_streams_to_show', 1, 200),
        keep_server_order=settings.flag('keep_server_order'),
        learn_preferences=settings.flag('learn_preferences'),
    )


def rank_streams(stream_list) -> list:
    """Filtered, ranked, capped playable streams; [] when the server sent only info items (their rows are the list
    to offer); PlayFailed explaining why when nothing is left."""
    options = options_from_settings()
    keys = [stream.provider_key for stream in stream_list.playable]
    picks = reliability.picks_for(keys) if options.learn_preferences else {}
    ranked, hidden = stream_rank.choose(stream_list, options, reliability.stats_for(keys), picks)
    if ranked or (stream_list.infos and not stream_list.playable):
        return ranked
    raise PlayFailed(nothing_playable_message(stream_list, hidden, options))


def nothing_playable_message(stream_list, hidden, options) -> str:
    if hidden:
        return kodi.localize(30504, options.min_quality, hidden)
    if stream_list.p2p:
        return kodi.localize(30505, stream_list.p2p)
    notices = sorted(stream_list.notices or [], key=lambda notice: notice[0] != ERROR)  # errors first
    descriptions = [' '.join((description or title).split()) for _kind, title, description in notices
                    if description or title]
    if descriptions:
        return kodi.localize(30503, '; '.join(descriptions[:3]))
    return kodi.localize(30502)

