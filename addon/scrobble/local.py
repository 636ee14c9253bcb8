"""Local play state from playback emits: resume points in seconds, and a watched mark once the "mark watched at"
percentage (auto_mark_watched_percent) is reached. Only items with a media key (a known id) are remembered."""
from __future__ import annotations

from addon.platform import playstate, settings
from addon.surfaces import widgets

MIN_RESUME_PROGRESS = 0.01


def watched_percent() -> int:
    return settings.number_or_default('auto_mark_watched_percent', 50, 100, 90)


def begin(media):
    """Per-playback config, or None when the item has no media key."""
    if not media.get('media_key'):
        return None
    return {'threshold': watched_percent() / 100.0}


def apply(emit, config):
    key = emit.media['media_key']
    if emit.kind == 'stop' and emit.progress >= config['threshold']:
        playstate.mark_watched(key)
    elif emit.kind in ('stop', 'pause', 'seek', 'progress'):
        position = emit.position if emit.progress >= MIN_RESUME_PROGRESS else 0.0
        playstate.save_position(key, position, emit.duration)
    if emit.kind == 'stop':  # watched marks and resume points show in widgets (Continue Watching, Next Up)
        widgets.safe_bump()
