"""Trakt sink: turns playback emits into scrobble_start / scrobble_pause / scrobble_stop events of the `trakt` outbox
sink (the Trakt sender, addon/trakt/sender.py, posts each payload as the body of /scrobble/<action>).

Trakt records a play for a stop at >= 80 %. The user's "mark watched at" percentage decides instead: a stop that
reaches it is sent with max(progress, 80); one that does not is kept just below 80 so that Trakt stores it as paused
progress, like the local state. A stop below 1 % is not sent (Trakt answers 422). Resume and seeks re-send start.
A stop that records a play also marks the item watched in the local Trakt state at once, so Next Up moves on
before the sender's sync brings Trakt's own answer.
"""
from __future__ import annotations

from addon import kodi
from addon.core.mediakey import parse_media_key
from addon.platform import outbox as outbox_store
from addon.scrobble.local import watched_percent
from addon.trakt import home_properties as widgets
from addon.trakt import lists, local_changes
from addon.trakt.client import token_store

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
    if not _authorized():
        return None
    return {'threshold': watched_percent(), 'app_version': kodi.addon_info('version')}


def _authorized() -> bool:
    token = token_store().load()
    return bool(token.get('access_token')) and not token.get('reauth_required')


def handle(emit, config) -> bool:
    """Queue what Trakt gets for one emit; True when something was queued."""
    found = event(emit, config)
    if found is None:
        return False
    kind, payload = found
    outbox_store.enqueue(SINK, kind, payload, wake=False)
    if kind == 'scrobble_stop' and payload['progress'] >= TRAKT_PLAY_PERCENT:
        record_play(emit.media)
    return True


def record_play(media):
    """The local Trakt state learns the play now (lists, widgets and Next Up follow)."""
    if not media.get('media_key'):
        return
    kind, ident, season, episode = parse_media_key(media['media_key'])
    if kind == 'movie':
        local_changes.set_movie_watched(ident, True, title=media['title'], year=media.get('year'))
    else:
        local_changes.set_episodes_watched(ident, [(season, episode)], True, title=media['title'])
    widgets.publish_next_up(lists.next_up(limit=widgets.NEXT_UP_SLOTS))
    widgets.refresh()  # widget reload token (addon.surfaces.widgets) and our list, if one is on screen


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
    payload = body(emit.media, percent, config['app_version'])
    # not sent (the sender strips it): lets a queued stop make the same playback's queued pauses stale
    payload['playback_session_id'] = emit.session_id
    return kind, payload


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
