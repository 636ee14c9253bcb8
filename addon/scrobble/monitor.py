"""The playback monitor, hosted by the service: an xbmc.Player whose callbacks only queue the event and return.

A tracker thread reads the queue, samples the position every second while it tracks a play, identifies what plays,
runs the state machine and turns its emits into local play state and outbox events; one delivery thread per sink
replays the outbox, so a slow or offline server never delays the tracker, and nothing ever blocks Kodi's callbacks.
The PunchPlay rating question after a watched stop has its own thread too (addon.punchplay.rating.Prompter).
With nothing playing and nothing to deliver, both sleep until an event (or Kodi's quit) wakes them.
"""
from __future__ import annotations

import json
import queue
import threading
import time
import traceback
import uuid

from addon import kodi
from addon.core import identify
from addon.core.scrobble_states import StateMachine
from addon.platform import abort, settings
from addon.platform import outbox as outbox_store
from addon.play import binge_memory, reliability
from addon.punchplay import rating
from addon.scrobble import local, punchplay_sink, trakt_sink

HANDOFF_PROPERTY = 'AIOStreams.Handoff'
HANDOFF_MAX_AGE_SECONDS = 300
SAMPLE_SECONDS = 1.0
SINKS = (trakt_sink, punchplay_sink)
_UNIQUE_ID_KEYS = ('imdb', 'tmdb', 'tvdb', 'themoviedb', 'thetvdb', 'tvshow.imdb', 'tvshow.tmdb', 'tvshow.tvdb')


class ScrobblePlayer(kodi.Player):
    """Kodi's player callbacks: each one records (event, time) and returns at once."""

    def __init__(self, events):
        super().__init__()
        self._events = events

    def _record(self, name):
        self._events.put((name, time.monotonic(), time.time()))

    def onPlayBackStarted(self):
        self._record('opening')

    def onAVStarted(self):
        self._record('started')

    def onPlayBackPaused(self):
        self._record('paused')

    def onPlayBackResumed(self):
        self._record('resumed')

    def onPlayBackSeek(self, time_ms, offset_ms):
        self._record('seek')

    def onPlayBackSeekChapter(self, chapter):
        self._record('seek')

    def onPlayBackStopped(self):
        self._record('stopped')

    def onPlayBackEnded(self):
        self._record('ended')

    def onPlayBackError(self):
        self._record('error')


class Deliverer(threading.Thread):
    """Replays one outbox sink whenever woken (the service also replays every sink once a minute)."""

    def __init__(self, sink):
        super().__init__(name='aiostreams-deliver-%s' % sink, daemon=True)
        self.sink = sink
        self._wake = threading.Event()

    def wake(self):
        self._wake.set()

    def run(self):
        abort.on_quit(self._wake.set)
        while True:
            self._wake.wait()
            self._wake.clear()
            if abort.requested():
                return
            try:
                outbox_store.replay(self.sink)
            except Exception:  # keep delivering later events
                kodi.log('outbox %s replay failed\n%s' % (self.sink, traceback.format_exc()), 'error')


class Tracker(threading.Thread):
    def __init__(self, player, events, deliverers):
        super().__init__(name='aiostreams-scrobble', daemon=True)
        self.player = player
        self.events = events
        self.deliverers = deliverers
        self.machine = StateMachine()
        self.configs = {}          # playback session id -> {'local' | sink name: config or None}
        self.playing_file = None   # the file of the tracked playback
        self.opening = False       # onPlayBackStarted seen, onAVStarted not yet

    def run(self):
        abort.on_quit(lambda: self.events.put(None))
        while not abort.requested():
            try:  # samples once a second while a play is tracked; otherwise sleeps until an event
                event = self.events.get(timeout=SAMPLE_SECONDS if self.machine.tracking else None)
            except queue.Empty:
                event = None
            name, at, wall = event if event is not None else (None, time.monotonic(), time.time())
            try:
                self._dispatch(self._handle(name, at, wall) + self._sample(time.monotonic()))
            except Exception:  # one bad event must not end scrobbling for the session
                kodi.log('scrobble monitor: %s failed\n%s' % (name, traceback.format_exc()), 'error')
        # Kodi is closing while something plays: keep what was watched (queued; sent after the restart).
        self._dispatch(self.machine.stop(time.monotonic()))

    def _handle(self, name, at, wall) -> list:
        if name is not None:
            kodi.log('scrobble: player event %s' % name)
        if name == 'opening':
            self.opening = True
        elif name == 'started':
            self.opening = False
            return self._start(at)
        elif name == 'paused':
            return self._sample(at) + self.machine.pause()
        elif name == 'resumed':
            return self._sample(at) + self.machine.resume(at)
        elif name == 'seek':
            return self.machine.seek(at)
        elif name in ('stopped', 'ended', 'error'):
            if name == 'error' or self.opening:
                self._handoff_failed(wall)
            self.opening = False
            self.playing_file = None
            return self.machine.stop(at, ended=name == 'ended')
        return []

    def _start(self, at) -> list:
        playing = self._snapshot()
        media = identify.identify(playing) if playing else None
        if media is not None and media['own'] and playing['handoff'] is not None:
            # our play reached the screen: its handoff is used up, and its provider delivered
            kodi.clear_window_property(HANDOFF_PROPERTY)
            if playing['handoff'].get('stream_key'):
                reliability.record_outcome(playing['handoff']['stream_key'], True)
            remember_release(playing['handoff'])
        if media is None:
            self.playing_file = None
            kodi.log('scrobble: playing something that is not identified; not tracked')
            return self.machine.stop(at)
        kodi.log('scrobble: tracking %s %s (%s)' % (media['media_type'], media['title'], media['source']))
        self.playing_file = playing['file']
        return self.machine.start(media, str(uuid.uuid4()), playing['position'], playing['duration'],
                                  heartbeat_seconds(), at)

    def _sample(self, now) -> list:
        """Position and duration of the tracked file (never of a newer file whose start is not handled yet)."""
        if not self.machine.tracking:
            return []
        try:
            if not self.player.isPlayingVideo() or self.player.getPlayingFile() != self.playing_file:
                return []
            position, duration = self.player.getTime(), self.player.getTotalTime()
        except RuntimeError:  # playback ended between the calls
            return []
        return self.machine.sample(position, duration, now)

    def _snapshot(self):
        """What Kodi plays, as plain data for identify(); None when it is not a video any more."""
        try:
            if not self.player.isPlayingVideo():
                return None
            playing_file = self.player.getPlayingFile()
            tag = tag_fields(self.player.getVideoInfoTag())
            properties = {'script.trakt.exclude': self.player.getPlayingItem().getProperty('script.trakt.exclude')}
            position, duration = self.player.getTime(), self.player.getTotalTime()
        except RuntimeError:
            return None
        return {'file': playing_file, 'tag': tag, 'properties': properties, 'handoff': read_handoff(),
                'show': library_show(tag), 'position': position, 'duration': duration}

    def _handoff_failed(self, wall):
        """Our play stopped before onAVStarted: count the failure for its provider. A handoff written after the
        failure belongs to the next attempt (playback falls back to another stream) and is left alone."""
        handoff = read_handoff()
        started_at = float((handoff or {}).get('started_at') or 0)
        if handoff is None or started_at > wall or wall - started_at > HANDOFF_MAX_AGE_SECONDS:
            return
        kodi.clear_window_property(HANDOFF_PROPERTY)
        if handoff.get('stream_key'):
            reliability.record_outcome(handoff['stream_key'], False)

    def _dispatch(self, emits):
        for emit in emits:
            if emit.kind == 'start':
                self.configs[emit.session_id] = self._begin(emit.media)
            configs = self.configs.get(emit.session_id) or {}
            if emit.kind == 'stop':
                self.configs.pop(emit.session_id, None)
            if configs.get('local'):
                local.apply(emit, configs['local'])
            for sink in SINKS:
                if configs.get(sink.SINK) and sink.handle(emit, configs[sink.SINK]):
                    self.deliverers[sink.SINK].wake()

    @staticmethod
    def _begin(media) -> dict:
        configs = {}
        for name, module in (('local', local),) + tuple((sink.SINK, sink) for sink in SINKS):
            try:
                configs[name] = module.begin(media)
            except Exception:  # a broken sink must not keep the others from scrobbling
                kodi.log('scrobble: %s cannot start\n%s' % (name, traceback.format_exc()), 'error')
                configs[name] = None
        return configs


def remember_release(handoff) -> None:
    """An episode of ours started: its release is the one the show's next episode continues with."""
    release = handoff.get('release')
    if not isinstance(release, dict) or handoff.get('content_type') != 'series' or not handoff.get('show_key'):
        return
    binge_memory.remember(handoff['show_key'], release, handoff.get('season'), handoff.get('episode'))


def heartbeat_seconds() -> int:
    return settings.number_or_default('punchplay_heartbeat', 10, 300, 30)


def read_handoff():
    """The plugin's handoff for its own plays (JSON in a Home window property), or None."""
    text = kodi.window_property(HANDOFF_PROPERTY)
    try:
        handoff = json.loads(text) if text else None
    except ValueError:
        return None
    return handoff if isinstance(handoff, dict) else None


def tag_fields(tag) -> dict:
    """The InfoTagVideo fields identification uses, as plain data."""
    ids = {key: tag.getUniqueID(key) for key in _UNIQUE_ID_KEYS}
    return {'mediatype': tag.getMediaType(), 'title': tag.getTitle(), 'tvshowtitle': tag.getTVShowTitle(),
            'year': tag.getYear(), 'season': tag.getSeason(), 'episode': tag.getEpisode(),
            'imdbnumber': tag.getIMDBNumber(), 'genres': tag.getGenres(), 'dbid': tag.getDbId(),
            'uniqueids': {key: value for key, value in ids.items() if value}}


def library_show(tag) -> dict:
    """The show of a library episode (its ids and year), through JSON-RPC; {} when not a library episode."""
    if tag.get('mediatype') != 'episode' or not tag.get('dbid') or tag['dbid'] < 0:
        return {}
    try:
        episode = kodi.jsonrpc('VideoLibrary.GetEpisodeDetails',
                               {'episodeid': tag['dbid'], 'properties': ['tvshowid']})['episodedetails']
        show = kodi.jsonrpc('VideoLibrary.GetTVShowDetails',
                            {'tvshowid': episode['tvshowid'], 'properties': ['uniqueid', 'year', 'imdbnumber']})
    except (RuntimeError, KeyError, TypeError):
        return {}
    details = show.get('tvshowdetails') or {}
    found = dict(details.get('uniqueid') or {})
    found.setdefault('imdb', details.get('imdbnumber'))
    found['year'] = details.get('year')
    return found


def start_player():
    """Called by the service: the player to keep alive. Its threads (player.threads) end when Kodi aborts."""
    deliverers = {sink.SINK: Deliverer(sink.SINK) for sink in SINKS}
    events = queue.Queue()
    player = ScrobblePlayer(events)
    player.threads = list(deliverers.values()) + [rating.Prompter(), Tracker(player, events, deliverers)]
    for thread in player.threads:
        thread.start()
    return player
