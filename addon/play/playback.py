"""Play a title: find its streams (addon.play.stream_lookup), pick one (the best, or the user's choice), check it
before Kodi gets it, and hand it over: resolve the plugin handle when Kodi invoked us as a resolver (list item,
widget, Player.Open, TMDbHelper), or play directly from RunPlugin contexts (handle -1). Failed streams count against
their provider and fall back per `fallback_behavior`. The played item (addon.play.played_item) carries full
metadata, subtitles and the resume point.

Uncached streams (the debrid service would first download the file) are never tried automatically while a cached or
unknown one is left, and their failures are not their provider's; chosen on purpose, they play with a plain word
that the service is downloading them. Info items (server actions) are rows in the dialog that nothing plays.
"""
from __future__ import annotations

from addon import kodi
from addon.core import binge_match
from addon.core.stream_rank import auto_play_order, is_uncached
from addon.platform import settings
from addon.play import (
    binge_choice,
    preflight,
    reliability,
    resume,
    source_window,
    start_watch,
    stream_display,
    subtitles,
)
from addon.play.play_request import Cancelled, PlayFailed
from addon.play.played_item import apply_start, build_item, write_handoff
from addon.play.stream_lookup import find_streams, load_meta, rank_streams, run_cancellable, stream_id_for

BEST = 'best'            # play_first: always the best stream
SELECT = 'select'        # select_stream: the selection dialog
AUTO = 'auto'            # play: follows default_behavior
START_WATCH_SECONDS = 45


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
    """For the streams folder: (meta, video, ranked streams with the show's last release first, that stream or
    None, stats, info items' (title, message)) or raises PlayFailed / Cancelled."""
    meta, video = load_meta(request)
    stream_id = stream_id_for(request, meta, video)
    stream_list = find_streams(request, stream_id, interactive)
    ranked, same, _level = binge_match.put_first(rank_streams(stream_list), binge_choice.remembered_for(request))
    stats = reliability.stats_for([stream.provider_key for stream in ranked])
    return meta, video, ranked, same, stats, stream_list.infos


def nothing_to_auto_play(ranked):
    """The localized reason auto-play has nothing to try (only info items, or only uncached streams), else None."""
    if not ranked:
        return kodi.localize(30519)
    if all(is_uncached(stream) for stream in ranked):
        return kodi.localize(30534)
    return None


class _Play:
    def __init__(self, request, mode, resolver, kodi_resume, chosen_index):
        self.request, self.mode, self.resolver = request, mode, resolver
        self.kodi_resume, self.chosen_index = kodi_resume, chosen_index
        self.fallback = settings.text('fallback_behavior') or 'show_streams'
        self.attempts_left = settings.number_in_range('fallback_attempts', 1, 20)
        self.heading = ''  # 'Title (2019)' / 'Show S01E02' for the picker, once the meta is loaded
        self.meta = self.video = None  # the title's art and plot for the source window

    def run(self):
        if self.resolver.has_handle:
            kodi.close_busy_dialogs()
        start = resume.choose_start(self.request.key, self.kodi_resume)
        if start == resume.CANCEL:
            raise Cancelled()
        meta, video = load_meta(self.request)
        self.meta, self.video = meta, video
        stream_id = stream_id_for(self.request, meta, video)
        stream_list = find_streams(self.request, stream_id, interactive=True)
        self.heading = stream_display.heading(self.request, meta)
        first, rest = self._first_choice(rank_streams(stream_list), stream_list.infos)
        self._attempt(first, rest, meta, video, stream_id, start)

    def _first_choice(self, ranked, infos):
        """(stream, the streams to fall back on) by mode: best, the user's pick, or the folder row clicked. With
        nothing auto-play may try, say why and offer the list."""
        if self.chosen_index is not None:
            picked = next((stream for stream in ranked if stream.index == self.chosen_index), None)
            if picked is None:
                raise PlayFailed(kodi.localize(30502))
            return self._picked(picked, ranked)
        remembered = binge_choice.remembered_for(self.request)
        behaviour = settings.text('default_behavior')
        if self.mode == SELECT or (self.mode == AUTO and behaviour == 'show_streams'):
            return self._ask(ranked, infos, remembered)
        reason = nothing_to_auto_play(ranked)
        if reason:
            kodi.notify(reason, icon='warning')
            return self._ask(ranked, infos, remembered)
        ordered, _match = binge_choice.auto_choice(auto_play_order(ranked), remembered)
        return ordered[0], auto_play_order(ordered[1:])

    def _ask(self, candidates, infos=(), remembered=None):
        candidates, same, _level = binge_match.put_first(candidates, remembered)
        picked = select_stream(candidates, infos, self.heading, (self.meta, self.video, self.request), same)
        if picked is None:
            raise Cancelled()
        return self._picked(picked, candidates)

    def _picked(self, picked, candidates):
        """The user's own choice: learned, announced when the service must download it first; the others stay
        the fallbacks, uncached last."""
        if settings.flag('learn_preferences'):
            reliability.record_pick(picked.provider_key)
        if is_uncached(picked):
            kodi.notify(kodi.localize(30518), time_ms=6000)
        return picked, auto_play_order([stream for stream in candidates if stream is not picked])

    def _attempt(self, stream, rest, meta, video, stream_id, start):
        """Check the stream, fall back while allowed, then hand the first good one to Kodi."""
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
            if not is_uncached(stream):
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
        return self._ask(rest)

    def _hand_over(self, stream, meta, video, stream_id, start, watch):
        """Resolve / play the stream; returns the start outcome when watched (resume seek or a fallback left)."""
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


def select_stream(candidates, infos=(), heading='', title=(None, None, None), same=None):
    """The source window (addon.play.source_window; title: (meta, video, request) for its art and plot), or with
    source_select_style 'dialog' Kodi's selection dialog (useDetails): badge, provider, service, reliability; the
    detail line below. `same`: the stream of the show's last release, marked "same as last episode". Info items
    follow as rows that play nothing: choosing one shows its message and offers the list again."""
    stats = reliability.stats_for([stream.provider_key for stream in candidates])
    show_badges, show_stars = settings.flag('show_quality_badges'), settings.flag('show_reliability_icons')
    if settings.text('source_select_style') != 'dialog':
        meta, video, request = title
        return source_window.choose(candidates, infos, heading, stats, show_badges, show_stars, meta, video, request,
                                    same)
    words = stream_display.default_words()
    rows = []
    for stream in candidates:
        label, label2 = stream_display.labels(stream, stats.get(stream.provider_key), show_badges, show_stars, words)
        if stream is same:
            label = '%s  [%s]' % (label, binge_choice.marker())
        item = kodi.list_item(label, label2)
        item.setArt({'icon': 'DefaultVideo.png', 'thumb': 'DefaultVideo.png'})
        rows.append(item)
    for title, message in infos:
        item = kodi.list_item(stream_display.info_label(title, message), kodi.localize(30535))
        item.setArt({'icon': 'DefaultIconInfo.png', 'thumb': 'DefaultIconInfo.png'})
        rows.append(item)
    while True:
        choice = kodi.select(kodi.localize(32006, heading) if heading else kodi.localize(30506), rows,
                             use_details=True)
        if not len(candidates) <= choice < len(rows):
            return candidates[choice] if 0 <= choice < len(candidates) else None
        title, message = infos[choice - len(candidates)]
        kodi.ok_dialog(stream_display.plain(message or title), heading=stream_display.plain(title or ''))

