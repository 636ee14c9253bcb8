"""Watch, from the plugin process, whether the play we just handed to Kodi really starts (onAVStarted), so a
failure can fall back to the next stream and a resume point can be reached exactly."""
from __future__ import annotations

import time

from addon import kodi

STARTED = 'started'
FAILED = 'failed'
STOPPED = 'stopped'     # the user stopped it before it started: not a failure
UNKNOWN = 'unknown'     # nothing decisive within the wait
POLL_SECONDS = 0.25


class StartWatcher(kodi.Player):
    """Create it BEFORE resolving / playing: Kodi may fire the callbacks at once."""

    def __init__(self):
        super().__init__()
        self.outcome = None

    def onAVStarted(self):
        self.outcome = self.outcome or STARTED

    def onPlayBackError(self):
        self.outcome = self.outcome or FAILED

    def onPlayBackEnded(self):
        self.outcome = self.outcome or FAILED

    def onPlayBackStopped(self):
        self.outcome = self.outcome or STOPPED

    def wait(self, seconds) -> str:
        monitor = kodi.Monitor()
        deadline = time.monotonic() + seconds
        while self.outcome is None and time.monotonic() < deadline:
            if monitor.waitForAbort(POLL_SECONDS):
                break
        return self.outcome or UNKNOWN

    def seek_to(self, start_point, tolerance=3.0) -> None:
        """After onAVStarted: jump to the resume point unless Kodi already started there."""
        if start_point is None or not self.isPlayingVideo():
            return
        target = start_point.seconds_of(self.getTotalTime())
        if target and self.getTime() < target - tolerance:
            self.seekTime(float(target))
