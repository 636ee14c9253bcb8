"""Playback monitor and scrobbling: identification, state machine, Trakt and PunchPlay sinks."""
