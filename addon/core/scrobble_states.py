"""The playback state machine (pure): player events and position samples in, scrobble events ("emits") out.

One playback is tracked at a time. A start while one is tracked first stops the old one; the natural end (or a stop
within a few seconds of it) counts as 100 %. Seeks settle for a moment before they are reported, so a burst of
skips gives one event. Heartbeats ("progress") come every `heartbeat` seconds while playing, never while paused.
"""
from __future__ import annotations

SEEK_SETTLE_SECONDS = 2.0
END_SLACK_SECONDS = 3.0


class Emit:
    """One scrobble event for the sinks: kind is start | pause | resume | seek | progress | stop."""

    def __init__(self, kind, playback):
        self.kind = kind
        self.media = playback.media
        self.session_id = playback.session_id
        self.position = playback.position
        self.duration = playback.duration
        self.paused = playback.paused
        self.context = playback.context

    @property
    def progress(self) -> float:
        """Watched fraction 0..1."""
        if self.duration <= 0:
            return 0.0
        return max(0.0, min(1.0, self.position / self.duration))

    def __repr__(self):
        return 'Emit(%s, %.1f/%.1f)' % (self.kind, self.position, self.duration)


class Playback:
    def __init__(self, media, session_id, position, duration, heartbeat, now, context):
        self.media = media
        self.session_id = session_id
        self.position = position
        self.duration = duration
        self.heartbeat = heartbeat
        self.context = context
        self.paused = False
        self.started = False
        self.last_progress_at = now
        self.seek_due = None


class StateMachine:
    def __init__(self):
        self.current = None

    @property
    def tracking(self) -> bool:
        return self.current is not None

    def start(self, media, session_id, position, duration, heartbeat, now, context=None) -> list:
        """A new playback (onAVStarted). `context` rides along unchanged to every emit (e.g. settings)."""
        emits = self.stop(now) if self.current else []
        self.current = Playback(media, session_id, position, duration, heartbeat, now, context)
        return emits + self._start_when_known(now)

    def pause(self) -> list:
        playback = self.current
        if playback is None or playback.paused:
            return []
        playback.paused = True
        return [Emit('pause', playback)] if playback.started else []

    def resume(self, now) -> list:
        playback = self.current
        if playback is None or not playback.paused:
            return []
        playback.paused = False
        playback.last_progress_at = now
        return [Emit('resume', playback)] if playback.started else []

    def seek(self, now) -> list:
        if self.current is not None:
            self.current.seek_due = now + SEEK_SETTLE_SECONDS
        return []

    def sample(self, position, duration, now) -> list:
        """A position reading (about every second while something plays)."""
        playback = self.current
        if playback is None:
            return []
        playback.position = max(0.0, position)
        if duration > 0:
            playback.duration = duration
        emits = self._start_when_known(now)
        if not playback.started:
            return emits
        if playback.seek_due is not None and now >= playback.seek_due:
            playback.seek_due = None
            playback.last_progress_at = now
            emits.append(Emit('seek', playback))
        elif not playback.paused and now - playback.last_progress_at >= playback.heartbeat:
            playback.last_progress_at = now
            emits.append(Emit('progress', playback))
        return emits

    def stop(self, now, ended=False) -> list:
        """Stop or natural end; a second stop (Kodi may send stopped and ended) does nothing."""
        playback, self.current = self.current, None
        if playback is None or not playback.started:
            return []
        if ended or (playback.duration > 0 and playback.position + END_SLACK_SECONDS >= playback.duration):
            playback.position = playback.duration
        return [Emit('stop', playback)]

    def _start_when_known(self, now) -> list:
        """Start once the duration is known (streams may report 0 for a moment after onAVStarted)."""
        playback = self.current
        if playback.started or playback.duration <= 0:
            return []
        playback.started = True
        playback.last_progress_at = now
        emits = [Emit('start', playback)]
        if playback.paused:
            emits.append(Emit('pause', playback))
        return emits
