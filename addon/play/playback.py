"""Play a title: find its streams (kept from a recent scrape / the Next Up preload, or fetched behind a
cancellable progress dialog), pick one (the best, or the user's choice), check it before Kodi gets it, and hand
it over: resolve the plugin handle when Kodi invoked us as a resolver (list item, widget, Player.Open,
TMDbHelper), or play directly from RunPlugin contexts (handle -1). Failed streams count against their provider
and fall back per `fallback_behavior`. The played item carries full metadata, subtitles and the resume point,
and the 'AIOStreams.Handoff' Home property tells the service what is playing.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time

from addon import kodi
from addon.backend import aiostreams
from addon.core import stream_parse, stream_rank
from addon.core.mediakey import media_key
from addon.core.stream_model import ERROR
from addon.platform import settings
from addon.play import reliability, start_watch, stream_cache

BEST = 'best'            # play_first: always the best stream
SELECT = 'select'        # select_stream: the selection dialog
AUTO = 'auto'            # play: follows default_behavior
HANDOFF_PROPERTY = 'AIOStreams.Handoff'
START_WATCH_SECONDS = 45
SCRAPE_POLL_SECONDS = 0.2
SERIES_TYPES = ('series', 'episode', 'tvshow', 'show', 'shows', 'tv')


class PlayRequest:
    """What to play, from the seed's parameters (content_type, imdb_id | meta_id, season, episode, media_id)."""

    __slots__ = ('content_type', 'ident', 'season', 'episode', 'title', 'stream_id')

    def __init__(self, content_type, ident, season=None, episode=None, title=None, stream_id=None):
        episodic = content_type in SERIES_TYPES or (season is not None and episode is not None
                                                     and content_type != 'movie')
        self.content_type = 'series' if content_type in SERIES_TYPES else (content_type or 'movie')
        if episodic and self.content_type == 'movie':
            self.content_type = 'series'
        self.ident, self.title, self.stream_id = ident, title, stream_id
        self.season = season if episodic else None
        self.episode = episode if episodic else None

    @classmethod
    def from_media_id(cls, content_type, media_id, title=None):
        """show_streams' media_id, a stream id: 'tt1', 'tt1:1:2', 'tmdb:5', 'tmdb:5:1:2', 'kitsu:9:4' (absolute)."""
        parts = media_id.split(':')
        base_length = 1 if parts[0].startswith('tt') or len(parts) == 1 else 2
        numbers = parts[base_length:]
        if not all(number.isdigit() for number in numbers) or len(numbers) not in (0, 1, 2):
            return cls(content_type or 'movie', media_id, title=title)
        ident = ':'.join(parts[:base_length])
        if len(numbers) == 2:
            return cls(content_type or 'series', ident, int(numbers[0]), int(numbers[1]), title, media_id)
        if len(numbers) == 1:
            return cls(content_type or 'series', ident, 1, int(numbers[0]), title, media_id)
        return cls(content_type or 'movie', media_id, title=title)

    @property
    def is_episode(self) -> bool:
        return self.season is not None and self.episode is not None

    @property
    def valid(self) -> bool:
        return bool(self.ident) and (self.content_type != 'series' or self.is_episode)

    @property
    def key(self) -> str:
        return media_key('episode' if self.is_episode else 'movie', self.ident, self.season, self.episode)


class Resolver:
    """Answers Kodi exactly once: setResolvedUrl on a real handle, Player().play() without one."""

    def __init__(self, handle):
        self.handle = handle
        self.answered = False

    @property
    def has_handle(self) -> bool:
        return self.handle >= 0

    def succeed(self, item, play_url):
        if self.has_handle and not self.answered:
            kodi.resolve(self.handle, True, item)
        else:
            kodi.Player().play(play_url, item)
        self.answered = True

    def fail(self):
        if self.has_handle and not self.answered:
            kodi.resolve(self.handle, False)
        self.answered = True


class Cancelled(Exception):
    """The user backed out (progress dialog, selection, resume question): end quietly."""


class PlayFailed(Exception):
    """Nothing could be played; `message` is localized for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# ---- entry points (called by addon.views.playback) ------------------------------------------------------------

def play(request, mode, handle, kodi_resume=False, chosen_index=None):
    """The whole play flow for one invocation. Expected failures end in a message; a bug is re-raised after
    Kodi got its one answer."""
    resolver = Resolver(handle)
    try:
        if not request.valid:
            raise PlayFailed(kodi.localize(30514))
        _Play(request, mode, resolver, kodi_resume, chosen_index).run()
    except Cancelled:
        kodi.log('play cancelled by the user')
        resolver.fail()
    except PlayFailed as failed:
        kodi.log('play failed: %s' % failed.message, 'info')
        resolver.fail()
        kodi.notify(failed.message, icon='warning')
    except settings.BadSetting as bad:
        resolver.fail()
        kodi.notify(bad.message, icon='warning')
    except Exception:  # a bug: answer Kodi once, then let routes.run log it and tell the user
        resolver.fail()
        raise


def stream_rows(request, interactive=True):
    """For the streams folder: (meta, video, ranked streams, stats) or raises PlayFailed / Cancelled."""
    meta, video = load_meta(request)
    stream_id = stream_id_for(request, meta, video)
    stream_list = find_streams(request, stream_id, interactive)
    ranked = rank_streams(stream_list)
    return meta, video, ranked, reliability.stats_for([stream.provider_key for stream in ranked])


# ---- the flow -------------------------------------------------------------------------------------------------

class _Play:
    def __init__(self, request, mode, resolver, kodi_resume, chosen_index):
        self.request, self.mode, self.resolver = request, mode, resolver
        self.kodi_resume, self.chosen_index = kodi_resume, chosen_index
        self.fallback = settings.text('fallback_behavior') or 'show_streams'
        self.attempts_left = settings.number_in_range('fallback_attempts', 1, 20)

    def run(self):
        from addon.play import resume
        if self.resolver.has_handle:
            kodi.close_busy_dialogs()
        start = resume.choose_start(self.request.key, self.kodi_resume)
        if start == resume.CANCEL:
            raise Cancelled()
        meta, video = load_meta(self.request)
        stream_id = stream_id_for(self.request, meta, video)
        ranked = rank_streams(find_streams(self.request, stream_id, interactive=True))
        first, rest = self._first_choice(ranked)
        self._attempt(first, rest, meta, video, stream_id, start)

    def _first_choice(self, ranked):
        """(stream, the streams to fall back on) by mode: best, the user's pick, or the folder row clicked."""
        if self.chosen_index is not None:
            picked = next((stream for stream in ranked if stream.index == self.chosen_index), None)
            if picked is None:
                raise PlayFailed(kodi.localize(30502))
            if settings.flag('learn_preferences'):
                reliability.record_pick(picked.provider_key)
            return picked, [stream for stream in ranked if stream is not picked]
        behaviour = settings.text('default_behavior')
        if self.mode == SELECT or (self.mode == AUTO and behaviour == 'show_streams'):
            picked = self._ask(ranked)
            return picked, [stream for stream in ranked if stream is not picked]
        return ranked[0], ranked[1:]

    def _ask(self, candidates):
        picked = select_stream(candidates)
        if picked is None:
            raise Cancelled()
        if settings.flag('learn_preferences'):
            reliability.record_pick(picked.provider_key)
        return picked

    def _attempt(self, stream, rest, meta, video, stream_id, start):
        """Check the stream, fall back while allowed, then hand the first good one to Kodi."""
        from addon.play import preflight
        total, tried = 1 + len(rest), 0
        while True:
            tried += 1
            with kodi.progress(kodi.localize(30500), kodi.localize(30507, tried, total)) as dialog:
                verdict = run_cancellable(dialog, lambda url=stream.url, headers=stream.headers:
                                          preflight.check(url, headers), preflight.CHECK_TIMEOUT_SECONDS)
            if verdict.status != preflight.FAILED:
                break
            reason = preflight.reason_text(verdict, kodi.localize)
            kodi.log('stream %s failed before playback: %s' % (stream.provider_key, verdict), 'info')
            reliability.record_outcome(stream.provider_key, False)
            stream, rest = self._next(rest, reason)
        if self._hand_over(stream, meta, video, stream_id, start, watch=bool(rest)) == start_watch.FAILED:
            self._after_start_failure(rest, meta, video, stream_id, start)

    def _next(self, rest, reason):
        """The stream to try after a failure, or PlayFailed / Cancelled."""
        self.attempts_left -= 1
        if not rest or self.attempts_left <= 0:
            raise PlayFailed('%s\n%s' % (kodi.localize(30516, reason), kodi.localize(30509)))
        kodi.notify(kodi.localize(30508 if self.fallback == 'play_next' else 30516, reason), icon='warning',
                    time_ms=3000)
        if self.fallback == 'play_next':
            return rest[0], rest[1:]
        picked = self._ask(rest)
        return picked, [stream for stream in rest if stream is not picked]

    def _hand_over(self, stream, meta, video, stream_id, start, watch):
        """Resolve / play the stream; returns the start outcome when watched (resume seek or a fallback left)."""
        from addon.play import subtitles
        play_url = stream.play_url
        item = build_item(self.request, meta, video, play_url)
        subtitle_paths = subtitles.fetch_for(self.request.content_type, stream_id, stream)
        if subtitle_paths:
            item.setSubtitles(subtitle_paths)
        apply_start(item, start)
        write_handoff(self.request, meta, video, stream, stream_id, play_url)
        watch = start is not None or (watch and self.fallback == 'play_next' and self.attempts_left > 1)
        watcher = start_watch.StartWatcher() if watch else None
        self.resolver.succeed(item, play_url)
        if watcher is None:
            return None
        outcome = watcher.wait(START_WATCH_SECONDS)
        if outcome == start_watch.STARTED:
            watcher.seek_to(start)
        kodi.log('stream %s handed to Kodi: %s' % (stream.provider_key, outcome))
        return outcome

    def _after_start_failure(self, rest, meta, video, stream_id, start):
        """Kodi could not start the stream (the service records that outcome): play the next one directly."""
        self.attempts_left -= 1
        if self.fallback != 'play_next' or not rest or self.attempts_left <= 0:
            return
        kodi.notify(kodi.localize(30508, kodi.localize(30553)), icon='warning', time_ms=3000)
        start_watch.dismiss_failure()
        self._attempt(rest[0], rest[1:], meta, video, stream_id, start)


# ---- pieces ---------------------------------------------------------------------------------------------------

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
    outcome = aiostreams.search_api(content_type, stream_id, required_fields=())
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
    """Filtered, ranked, capped playable streams; PlayFailed explaining why when none is left."""
    options = options_from_settings()
    keys = [stream.provider_key for stream in stream_list.playable]
    picks = reliability.picks_for(keys) if options.learn_preferences else {}
    ranked, hidden = stream_rank.choose(stream_list, options, reliability.stats_for(keys), picks)
    if ranked:
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


def select_stream(candidates):
    """The selection dialog (useDetails): badge, provider, service, stars; the detail line below."""
    from addon.play import stream_display
    stats = reliability.stats_for([stream.provider_key for stream in candidates])
    show_badges, show_stars = settings.flag('show_quality_badges'), settings.flag('show_reliability_icons')
    words = stream_display.default_words()
    rows = []
    for stream in candidates:
        label, label2 = stream_display.labels(stream, stats.get(stream.provider_key), show_badges, show_stars, words)
        item = kodi.list_item(label, label2)
        item.setArt({'icon': 'DefaultVideo.png', 'thumb': 'DefaultVideo.png'})
        rows.append(item)
    choice = kodi.select(kodi.localize(30506), rows, use_details=True)
    return candidates[choice] if 0 <= choice < len(candidates) else None


def build_item(request, meta, video, play_url):
    """The played ListItem: full metadata and unique ids (an episode names its show's ids as tvshow.<kind>, the
    convention scrobblers read), excluded from script.trakt (our own service scrobbles it)."""
    from addon.core import metadata
    from addon.platform import listing
    if meta and video:
        fields = metadata.from_video(meta, video)
        fields['unique_ids'] = {'tvshow.%s' % kind: value for kind, value in (fields.get('show_ids') or {}).items()}
    elif meta and not request.is_episode:
        fields = metadata.from_meta(meta)
    else:
        fields = minimal_fields(request)
    item = listing.build_item(fields, play_url, True)
    item.setProperty('script.trakt.exclude', 'true')
    return item


def minimal_fields(request) -> dict:
    """What the request itself says when no meta is available."""
    imdb_id = request.ident if str(request.ident).startswith('tt') else None
    fields = {'media_type': 'episode' if request.is_episode else 'movie', 'title': request.title or request.ident,
              'imdb_id': imdb_id, 'content_type': request.content_type}
    if request.is_episode:
        fields.update({'season': request.season, 'episode': request.episode, 'tvshow_title': request.title,
                       'unique_ids': {'tvshow.imdb': imdb_id} if imdb_id else {}})
    else:
        fields['unique_ids'] = {'imdb': imdb_id} if imdb_id else {}
    return fields


def apply_start(item, start):
    """Start at the resume point: exact seconds via the resume point and StartOffset (the watcher checks)."""
    if start is None or start.seconds is None:
        return
    item.getVideoInfoTag().setResumePoint(float(start.seconds), float(start.total or 0.0))
    item.setProperty('StartOffset', '%.3f' % start.seconds)


def write_handoff(request, meta, video, stream, stream_id, play_url):
    """The Home property the service monitor reads on onAVStarted (format owned here, see interfaces.md)."""
    from addon.core import metadata
    meta = meta or {}
    ids = metadata.unique_ids(meta) if meta else {}
    if not ids.get('imdb') and str(request.ident).startswith('tt'):
        ids['imdb'] = request.ident
    year = meta.get('year') or str(meta.get('releaseInfo') or '')[:4]
    handoff = {
        'media_key': request.key,
        'content_type': 'series' if request.is_episode else 'movie',
        'imdb_id': ids.get('imdb'), 'tmdb_id': ids.get('tmdb'), 'tvdb_id': ids.get('tvdb'),
        'meta_id': meta.get('id') or request.ident,
        'stream_id': stream_id,
        'season': request.season, 'episode': request.episode,
        'title': (video or {}).get('title') or (video or {}).get('name') or meta.get('name') or request.title,
        'show_title': meta.get('name') if request.is_episode else None,
        'year': int(year) if str(year).isdigit() else None,
        'genres': list(meta.get('genres') or []),
        'stream_key': stream.provider_key,
        'url_sha1': hashlib.sha1(play_url.encode('utf-8')).hexdigest(),
        'started_at': time.time(),
    }
    kodi.set_window_property(HANDOFF_PROPERTY, json.dumps(handoff, separators=(',', ':')))
