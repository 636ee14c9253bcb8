"""PunchPlay sink: turns playback emits into start / pause / resume / progress / stop events of the `punchplay` outbox
sink (payload: addon.core.punchplay_payload). Every video Kodi plays is scrobbled when logged in, long enough, and
its type (movies, TV, anime episodes) is enabled. A watched stop also offers the rating dialog (addon.punchplay.rating)
when the user wants it.
"""
from __future__ import annotations

import time
import uuid

from addon import kodi
from addon.core import punchplay_payload
from addon.core.punchplay_rating import target_of_stop
from addon.platform import outbox as outbox_store
from addon.platform import settings
from addon.punchplay import client, rating

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
            'account': client.account_of(tokens), 'rate_after': kodi.get_bool('punchplay_rate_after'),
            'clock': punchplay_payload.EventClock()}


def handle(emit, config) -> bool:
    """Queue what PunchPlay gets for one emit (under the account that was logged in at the start)."""
    found = event(emit, config)
    if found is None:
        return False
    kind, payload = found
    outbox_store.enqueue(SINK, kind, payload, account=config['account'], wake=False)
    if kind == 'stop' and payload['watched'] and config.get('rate_after'):
        rating.offer(target_of_stop(payload))
    return True


def type_setting(media) -> str:
    """The toggle that covers this item: anime applies to episodes only (anime movies follow the movie toggle)."""
    if media['media_type'] == 'movie':
        return 'punchplay_movies'
    return 'punchplay_anime' if media.get('anime') else 'punchplay_tv'


def event(emit, config):
    """(kind, payload) for one emit, or None (no I/O). Too-short videos (checked with the current duration) are
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
        punchplay_payload.add_stop_fields(payload, emit.duration, config['threshold'])
    return kind, payload


def payload_of(emit, config) -> dict:
    """The shared payload, stamped by the playback's clock (its creation time is kept in the queued event)."""
    clock = config.setdefault('clock', punchplay_payload.EventClock())
    return punchplay_payload.payload(emit.media, emit.progress, emit.position, emit.duration, config,
                                     str(uuid.uuid4()), clock.stamp(time.time()), emit.session_id)


def _number(setting_id) -> int:
    default, lowest, highest = SETTING_DEFAULTS[setting_id]
    return settings.number_or_default(setting_id, lowest, highest, default)
