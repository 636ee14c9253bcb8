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
FAILURE_DIALOG = 'Window.IsActive(okdialog)'
DIALOG_WAIT_SECONDS = 2.0


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
        if self.outcome == STOPPED and failure_dialog_shown(monitor):
            self.outcome = FAILED    # Kodi reports a failed open as a stop, then shows "Playback failed"
        return self.outcome or UNKNOWN

    def seek_to(self, start_point, tolerance=3.0) -> None:
        """After onAVStarted: jump to the resume point unless Kodi already started there."""
        if start_point is None or not self.isPlayingVideo():
            return
        target = start_point.seconds_of(self.getTotalTime())
        if target and self.getTime() < target - tolerance:
            self.seekTime(float(target))


def failure_dialog_shown(monitor, seconds=DIALOG_WAIT_SECONDS) -> bool:
    """Whether Kodi's "Playback failed" OK dialog comes up (it follows a failed open within a moment)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if kodi.condition(FAILURE_DIALOG):
            return True
        if monitor.waitForAbort(0.1):
            break
    return False


def dismiss_failure(seconds=5.0) -> None:
    """Close Kodi's "Playback failed" dialog and wait until the player is idle: Kodi 20 aborts when a new play
    starts while that dialog is open."""
    monitor = kodi.Monitor()
    player = kodi.Player()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if kodi.condition(FAILURE_DIALOG):
            kodi.builtin('Dialog.Close(okdialog,true)')
        elif not player.isPlaying():
            return
        if monitor.waitForAbort(0.1):
            return
