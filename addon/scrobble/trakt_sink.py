"""Trakt sink: turns playback emits into scrobble_start / scrobble_pause / scrobble_stop events of the `trakt` outbox
sink (the Trakt sender posts each payload as the body of /scrobble/<action>).

Trakt records a play for a stop at >= 80 %. The user's "mark watched at" percentage decides instead: a stop that
reaches it is sent with max(progress, 80); one that does not is kept just below 80 so that Trakt stores it as paused
progress, like the local state. A stop below 1 % is not sent (Trakt answers 422). Resume and seeks re-send start.
"""
from __future__ import annotations

from addon import kodi
from addon.scrobble.local import watched_percent
from addon.tokenstore import TokenStore

SINK = 'trakt'
TRAKT_PLAY_PERCENT = 80.0
BELOW_TRAKT_PLAY_PERCENT = 79.9
MIN_STOP_PERCENT = 1.0


def begin(media):
    """Per-playback config, or None when this playback is not scrobbled to Trakt (read once per playback)."""
    if not kodi.get_bool('trakt_scrobble') or not (media['own'] or kodi.get_bool('trakt_scrobble_all')):
        return None
    if media['media_type'] == 'episode' and media.get('season') is None:
        return None  # absolute numbering: Trakt needs a season
    if not TokenStore(kodi.profile_dir(), 'trakt').exists():
        return None
    return {'threshold': watched_percent(), 'app_version': kodi.addon_info('version')}


def event(emit, config):
    """(kind, payload) for one emit, or None when Trakt is not told about it. Pure."""
    percent = round(emit.progress * 100.0, 2)
    if emit.kind in ('start', 'resume') or (emit.kind == 'seek' and not emit.paused):
        kind = 'scrobble_start'
    elif emit.kind == 'pause' or emit.kind == 'seek':
        kind = 'scrobble_pause'
    elif emit.kind == 'stop':
        if percent < MIN_STOP_PERCENT:
            return None
        if percent >= config['threshold']:
            percent = max(percent, TRAKT_PLAY_PERCENT)
        elif percent >= TRAKT_PLAY_PERCENT:
            percent = BELOW_TRAKT_PLAY_PERCENT
        kind = 'scrobble_stop'
    else:
        return None
    return kind, body(emit.media, percent, config['app_version'])


def body(media, percent, app_version) -> dict:
    """The /scrobble/* body: movie, or show + episode (show ids), with progress in percent."""
    ids = {}
    for name in ('imdb', 'tmdb', 'tvdb'):
        if media.get(name + '_id'):
            ids[name] = media[name + '_id']
    item = {'title': media['title'], 'ids': ids}
    if media.get('year'):
        item['year'] = media['year']
    payload = {'progress': percent, 'app_version': app_version}
    if media['media_type'] == 'movie':
        payload['movie'] = item
    else:
        payload['show'] = item
        payload['episode'] = {'season': media['season'], 'number': media['episode']}
    return payload
