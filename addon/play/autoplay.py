"""Our own binge watching (issue 17), hosted by the service (PLAYER_MODULES): while an episode of ours plays, the
next aired episode (the next season's first after a finale, nothing after the last aired one) is looked up and its
stream list fetched ahead into the stream cache, so it starts without a new scrape; near the end a small countdown
(addon.play.next_countdown) offers Play now and Cancel, and when the episode ends the next one plays through our
play_first URL (which continues the show's last release, addon.play.binge_choice). With the Up Next add-on
installed it does the countdown instead (addon.play.upnext_addon); the preload serves both.

Kodi's callbacks only queue the event; one worker thread does everything else. Cancel, or a stop before the end,
means nothing plays next; a play continues at most once, so a seek to the end or a file shorter than its metadata
neither plays twice nor skips an episode.
"""
from __future__ import annotations

import queue
import threading
import traceback

from addon import kodi
from addon.backend import aiostreams
from addon.platform import abort, settings
from addon.platform.route_table import link
from addon.play import next_countdown, stream_lookup, upnext_addon
from addon.play.play_request import PlayFailed, PlayRequest

SETTING = 'autoplay_next_episode'
LEAD_SETTING = 'autoplay_countdown_seconds'
TICK_SECONDS = 0.5
PRELOAD_DELAY_SECONDS = 3.0
CALLBACK_PUMP_MS = 100
META_ATTEMPTS = 3              # the show's meta, tried again a moment later when the backend did not answer
META_RETRY_SECONDS = 2.0     # the current episode gets its first seconds of network to itself


def countdown_due(position, total, lead_seconds) -> bool:
    """The countdown shows from `lead_seconds` before the end (a file whose length is unknown never counts down)."""
    return total > 0 and total - position <= lead_seconds


def next_label(video) -> str:
    season, episode = int(video.get('season') or 0), int(video.get('episode') or 0)
    title = video.get('name') or video.get('title') or ''
    code = 'S%02dE%02d' % (season, episode)
    return '%s - %s' % (code, title) if title else code


class Plan:
    """The next episode of the playing one: its play URL, its stream list's state ('pending', 'ready', 'failed')."""

    def __init__(self, content_type, meta, video):
        self.content_type, self.meta, self.video = content_type, meta, video
        self.url = upnext_addon.play_url(meta, content_type, video)
        meta_id = str(meta.get('id') or '')
        id_name = 'imdb_id' if meta_id.startswith('tt') else 'meta_id'
        self.streams_url = link('select_stream', **{
            'content_type': content_type, id_name: meta_id, 'season': int(video.get('season')),
            'episode': int(video.get('episode')), 'stream_id': video.get('id'), 'title': meta.get('name')})
        self.state = 'pending'
        self.trouble = None

    def preload(self):
        """Fetch the next episode's streams into the stream cache (the play then finds them there)."""
        request = PlayRequest(self.content_type, str(self.meta.get('id') or ''), int(self.video.get('season')),
                              int(self.video.get('episode')))
        stream_id = stream_lookup.stream_id_for(request, self.meta, self.video)
        try:
            stream_list = stream_lookup.find_streams(request, stream_id, interactive=False)
            stream_lookup.rank_streams(stream_list)
        except PlayFailed as failed:
            self.trouble, self.state = kodi.localize(32508, failed.message), 'failed'
            kodi.log('autoplay: %s has no stream: %s' % (next_label(self.video), failed.message), 'info')
            return
        self.state = 'ready'
        kodi.log('autoplay: %d streams of %s ready' % (len(stream_list.playable), next_label(self.video)))

    def hold_up(self) -> str | None:
        """Why the next episode cannot start by itself right now (its streams failed, or are still on their way
        from a slow backend); None when they are ready."""
        if self.state == 'pending':
            return kodi.localize(33200)
        return self.trouble if self.state == 'failed' else None


def find_plan(found, attempts=META_ATTEMPTS) -> Plan | None:
    """The next aired episode of (content_type, meta id, season, episode), or None (logged: after the last aired
    episode, or no meta after a few tries)."""
    content_type, meta_id, season, episode = found
    meta = None
    for attempt in range(attempts):
        if attempt and abort.wait(META_RETRY_SECONDS):
            return None
        meta = aiostreams.cached_meta(content_type, meta_id)
        if meta is None:
            outcome = aiostreams.fetch_meta(content_type, meta_id)
            meta = outcome.data if outcome.kind == aiostreams.OK else None
        if meta is not None:
            break
    if meta is None:
        kodi.log('autoplay: no meta for %s; nothing follows' % meta_id, 'info')
        return None
    video = upnext_addon.following(meta, season, episode)
    if video is None:
        kodi.log('autoplay: %s S%02dE%02d is the last aired episode' % (meta_id, season, episode))
        return None
    return Plan(content_type, meta, video)


def wanted() -> bool:
    try:
        return kodi.get_bool(SETTING)
    except kodi.SettingError:
        return True


class Session:
    """One episode of ours being played, and what follows it."""

    def __init__(self, playing_file, plan, countdown_ours):
        self.file, self.plan, self.countdown_ours = playing_file, plan, countdown_ours
        self.countdown = None
        self.cancelled = self.done = False


class AutoplayPlayer(kodi.Player):
    """Kodi's callbacks: each one queues its event and returns."""

    def __init__(self, events):
        super().__init__()
        self._events = events

    def onAVStarted(self):
        self._events.put('started')

    def onPlayBackStopped(self):
        self._events.put('stopped')

    def onPlayBackEnded(self):
        self._events.put('ended')

    def onPlayBackError(self):
        self._events.put('stopped')


class Worker(threading.Thread):
    def __init__(self, player, events, countdown_factory=next_countdown.Countdown):
        super().__init__(name='aiostreams-autoplay', daemon=True)
        self.player, self.events, self.countdown_factory = player, events, countdown_factory
        self.session = None

    def run(self):
        abort.on_quit(lambda: self.events.put(None))
        while not abort.requested():
            try:
                event = self.events.get(timeout=TICK_SECONDS if self.session else None)
            except queue.Empty:
                event = 'tick'
            if event is None:
                continue
            try:
                self.handle(event)
            except Exception:  # one bad event must not end autoplay for the session
                kodi.log('autoplay: %s failed\n%s' % (event, traceback.format_exc()), 'error')
        self._close_countdown()

    def handle(self, event):
        if event == 'started':
            self._close_countdown()
            self.session = self._begin()
        elif event == 'tick':
            self._tick()
        elif event == 'ended':
            session, self.session = self.session, None
            if session is not None and session.countdown_ours and not (session.cancelled or session.done):
                self._continue(session)
            self._close_countdown(session)
        elif event == 'stopped':   # a stop before the end: nothing plays next
            self._close_countdown()
            self.session = None

    def _begin(self):
        try:
            if not self.player.isPlayingVideo():
                return None
            playing_file = self.player.getPlayingFile()
            found = upnext_addon.playing_episode(self.player.getPlayingItem())
        except RuntimeError:  # playback already ended
            return None
        if found is None or not wanted():
            return None
        plan = find_plan(found)
        if plan is None:
            return None
        self.start_preload(plan)
        countdown_ours = not kodi.addon_enabled(upnext_addon.UPNEXT_ID)
        kodi.log('autoplay: next is %s (%s)' % (next_label(plan.video), 'ours' if countdown_ours else 'Up Next'))
        return Session(playing_file, plan, countdown_ours)

    @staticmethod
    def start_preload(plan):
        """Fetch the next episode's streams on a thread of their own: the current playback never waits for it."""
        threading.Thread(target=_preload, args=(plan,), name='aiostreams-next-preload', daemon=True).start()

    def _tick(self):
        session = self.session
        if session is None or not session.countdown_ours or session.cancelled or session.done:
            return
        try:
            if not self.player.isPlayingVideo() or self.player.getPlayingFile() != session.file:
                return
            position, total = self.player.getTime(), self.player.getTotalTime()
        except RuntimeError:
            return
        lead = settings.number_or_default(LEAD_SETTING, 10, 120, 30)
        if session.countdown is None:
            if not countdown_due(position, total, lead):
                return
            session.countdown = self.countdown_factory(next_label(session.plan.video))
        session.countdown.update(total - position, session.plan.hold_up())
        kodi.sleep_ms(CALLBACK_PUMP_MS)   # Kodi runs the window's onClick only while its thread sleeps in Kodi
        choice = session.countdown.choice
        if choice == next_countdown.CANCELLED:
            session.cancelled = True
            kodi.log('autoplay: cancelled by the user', 'info')
            self._close_countdown(session)
        elif choice == next_countdown.PLAY_NOW:
            self._continue(session)
            self._close_countdown(session)

    def _continue(self, session):
        """Play the next episode (once). With its streams not ready, Play now (it reads 'Choose a stream' then)
        offers the stream list; at the end a failure is told, and a list still on its way is scraped by the play."""
        session.done = True
        plan = session.plan
        if plan.state != 'ready' and session.countdown is not None \
                and session.countdown.choice == next_countdown.PLAY_NOW:
            kodi.log('autoplay: the streams of %s offered (%s)' % (next_label(plan.video), plan.state), 'info')
            kodi.builtin('PlayMedia(%s)' % plan.streams_url)
            return
        if plan.state == 'failed':
            kodi.notify(plan.trouble, icon='warning')
            return
        kodi.log('autoplay: playing %s' % next_label(plan.video), 'info')
        kodi.builtin('PlayMedia(%s)' % plan.url)

    def _close_countdown(self, session=None):
        session = session or self.session
        if session is not None and session.countdown is not None:
            session.countdown.close()
            session.countdown = None


def _preload(plan):
    if abort.wait(PRELOAD_DELAY_SECONDS):
        return
    try:
        plan.preload()
    except Exception:  # the preload is a bonus: the play scrapes itself when it fails
        plan.state = 'failed'
        kodi.log('autoplay: preload failed\n%s' % traceback.format_exc(), 'error')


def start_player():
    """Called by the service (PLAYER_MODULES): the player to keep alive; its worker ends when Kodi quits."""
    events = queue.Queue()
    player = AutoplayPlayer(events)
    player.threads = [Worker(player, events)]
    player.threads[0].start()
    return player
