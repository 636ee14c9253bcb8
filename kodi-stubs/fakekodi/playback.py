"""A simulated Kodi player: tests drive it, and every live xbmc.Player instance gets the callbacks."""
from __future__ import annotations

from fakekodi.registry import WeakRegistry


class FakePlayerEngine:
    """State behind xbmc.Player: what plays, where, and for how long (seconds).

    Callbacks fire synchronously, after the state changed (like Kodi, isPlaying() is already False in
    onPlayBackStopped). An exception raised by a callback propagates to the test.
    """

    def __init__(self):
        self.players = WeakRegistry()
        self.reset()

    def reset(self) -> None:
        self.players.clear()
        self.playing = False
        self.paused = False
        self.path = ''
        self.listitem = None
        self.time = 0.0
        self.duration = 0.0
        self.history = []  # (path, listitem) of every play(), including xbmc.Player().play() by the addon

    def play(self, item, duration: float = 600.0, listitem=None) -> None:
        """Start `item` (a path or a ListItem): fires onPlayBackStarted, then onAVStarted."""
        self.path = item if isinstance(item, str) else item.getPath()
        self.listitem = listitem if listitem is not None or isinstance(item, str) else item
        self.playing, self.paused = True, False
        self.time, self.duration = 0.0, float(duration)
        self.history.append((self.path, self.listitem))
        self._fire('onPlayBackStarted')
        self._fire('onAVStarted')

    def pause(self) -> None:
        self._require_playing()
        self.paused = True
        self._fire('onPlayBackPaused')

    def resume(self) -> None:
        self._require_playing()
        self.paused = False
        self._fire('onPlayBackResumed')

    def advance(self, seconds: float) -> None:
        """Let playback run for `seconds` (no effect while paused; stops at the duration)."""
        self._require_playing()
        if not self.paused:
            self.time = min(self.duration, self.time + seconds)

    def seek(self, seconds: float) -> None:
        """Jump to `seconds`: onPlayBackSeek(time_ms, offset_ms) like Kodi."""
        self._require_playing()
        target = max(0.0, min(self.duration, float(seconds)))
        offset, self.time = target - self.time, target
        self._fire('onPlayBackSeek', int(target * 1000), int(offset * 1000))

    def stop(self) -> None:
        """The user stopped playback: onPlayBackStopped."""
        self._require_playing()
        self.playing = self.paused = False
        self._fire('onPlayBackStopped')

    def end(self) -> None:
        """Playback reached the end: onPlayBackEnded."""
        self._require_playing()
        self.time = self.duration
        self.playing = self.paused = False
        self._fire('onPlayBackEnded')

    def fail(self) -> None:
        """Playback failed: onPlayBackError."""
        self.playing = self.paused = False
        self._fire('onPlayBackError')

    def _require_playing(self) -> None:
        if not self.playing:
            raise RuntimeError('fakekodi.player: nothing is playing')

    def _fire(self, callback: str, *args) -> None:
        for player in self.players.alive():
            getattr(player, callback)(*args)
