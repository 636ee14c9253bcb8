"""The PunchPlay.tv scrobble payload (pure): one JSON object per event of a playback, built from the identified
`media` (addon.core.identify), the position, the per-playback config and the event's own id and creation time.

Optional keys are left out when unknown, never sent as null (punchplay-api.md §5). The stop adds `watched` and the
user's `watched_threshold`; a stop's answer may name canonical ids, which later ratings use.
"""
from __future__ import annotations

import re

ID_KEYS = ('year', 'tmdb_id', 'tvdb_id', 'imdb_id')
EPISODE_KEYS = ('season', 'episode', 'episode_end', 'absolute_episode')
CANONICAL_KEYS = ('tmdb_id', 'tvdb_id', 'imdb_id', 'punchplay_id')


class EventClock:
    """Creation times (epoch ms) of one playback's events: the wall clock, but always later than the last one, so
    they stay strictly increasing when two events share a millisecond or the clock steps back."""

    def __init__(self):
        self.last_ms = 0

    def stamp(self, now_seconds) -> int:
        self.last_ms = max(int(now_seconds * 1000), self.last_ms + 1)
        return self.last_ms


def payload(media, progress, position, duration, config, event_id, created_at_ms, session_id) -> dict:
    """The shared payload of every event. `config`: device_id and client_version of the playback."""
    found = {'media_type': media['media_type'], 'title': media['title']}
    for key in ID_KEYS:
        if media.get(key):
            found[key] = media[key]
    if media['media_type'] == 'episode':
        for key in EPISODE_KEYS:
            if media.get(key) is not None:
                found[key] = media[key]
        if media.get('episode_title'):
            found['episode_title'] = media['episode_title']
        if media.get('episode_end') is not None:
            found['multi_episode'] = True
    if media.get('anime'):
        found['anime'] = True
    found.update({
        'progress': round(progress, 4),
        'duration_seconds': int(duration),
        'position_seconds': int(position),
        'device_id': config['device_id'],
        'client_version': config['client_version'],
        'event_id': event_id,
        'event_created_at': created_at_ms,
        'playback_session_id': session_id,
    })
    return found


def add_stop_fields(found, duration, threshold) -> dict:
    """A stop says whether the play counts as watched, and against which threshold (0..1)."""
    found['watched'] = duration > 0 and found['progress'] >= threshold
    found['watched_threshold'] = round(threshold, 4)
    return found


def canonical_ids(answer) -> dict:
    """The ids a stop's answer names (tmdb_id, tvdb_id, imdb_id, punchplay_id), each of the right type; {} when it
    names none or is not an object."""
    if not isinstance(answer, dict):
        return {}
    found = {}
    for key in ('tmdb_id', 'tvdb_id'):
        value = answer.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            found[key] = value
    imdb = answer.get('imdb_id')
    if isinstance(imdb, str) and re.match(r'^tt\d+$', imdb):
        found['imdb_id'] = imdb
    punchplay = answer.get('punchplay_id')
    if isinstance(punchplay, (int, str)) and not isinstance(punchplay, bool) and str(punchplay).strip():
        found['punchplay_id'] = punchplay
    return found
