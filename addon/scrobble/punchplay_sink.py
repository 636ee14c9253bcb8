"""PunchPlay sink: turns playback emits into start / pause / resume / progress / stop events of the `punchplay` outbox
sink, with the seed's payload (plus event_id and playback_session_id). Every video Kodi plays is scrobbled when
logged in, long enough, and its type (movies, TV, anime episodes) is enabled.
"""
from __future__ import annotations

import uuid

from addon import kodi
from addon.platform import outbox as outbox_store
from addon.platform import settings
from addon.punchplay import client

SINK = 'punchplay'
SETTING_DEFAULTS = {'punchplay_watched_threshold': (70, 50, 100), 'punchplay_min_length': (5, 0, 60)}


def begin(media):
    """Per-playback config, or None when PunchPlay does not get this playback (read once per playback)."""
    tokens = client.token_store().load()
    if not client.is_authenticated(tokens) or not kodi.get_bool(type_setting(media)):
        return None
    return {'threshold': _number('punchplay_watched_threshold') / 100.0,
            'min_seconds': _number('punchplay_min_length') * 60,
            'device_id': client.device_id(), 'client_version': kodi.addon_info('version'),
            'account': client.account_of(tokens)}


def handle(emit, config) -> bool:
    """Queue what PunchPlay gets for one emit (under the account that was logged in at the start)."""
    found = event(emit, config)
    if found is None:
        return False
    outbox_store.enqueue(SINK, found[0], found[1], account=config['account'], wake=False)
    return True


def type_setting(media) -> str:
    """The toggle that covers this item: anime applies to episodes only (anime movies follow the movie toggle)."""
    if media['media_type'] == 'movie':
        return 'punchplay_movies'
    return 'punchplay_anime' if media.get('anime') else 'punchplay_tv'


def event(emit, config):
    """(kind, payload) for one emit, or None. Pure. Too-short videos (checked with the current duration) are
    skipped; seeks become a progress event while playing; heartbeats are never sent while paused."""
    if emit.duration < config['min_seconds']:
        return None
    kind = emit.kind
    if kind == 'seek':
        if emit.paused:
            return None
        kind = 'progress'
    payload = payload_of(emit, config)
    if kind == 'stop':
        payload['watched'] = emit.duration > 0 and payload['progress'] >= config['threshold']
    return kind, payload


def payload_of(emit, config) -> dict:
    """The shared payload; optional keys are left out when unknown (never null)."""
    media = emit.media
    payload = {'media_type': media['media_type'], 'title': media['title']}
    for key in ('year', 'tmdb_id', 'tvdb_id', 'imdb_id'):
        if media.get(key):
            payload[key] = media[key]
    if media['media_type'] == 'episode':
        for key in ('season', 'episode'):
            if media.get(key) is not None:
                payload[key] = media[key]
    payload.update({
        'progress': round(emit.progress, 4),
        'duration_seconds': int(emit.duration),
        'position_seconds': int(emit.position),
        'device_id': config['device_id'],
        'client_version': config['client_version'],
        'event_id': str(uuid.uuid4()),
        'playback_session_id': emit.session_id,
    })
    return payload


def _number(setting_id) -> int:
    default, lowest, highest = SETTING_DEFAULTS[setting_id]
    return settings.number_or_default(setting_id, lowest, highest, default)
