"""Kodi's own watched toggles, as plain data: which of Kodi's play counts belong to our items, what changed since the
last look, and which changes are the user's toggles rather than echoes of a play or of our own marks. Pure.

Kodi keeps a play count per file path in its video database. For a `plugin://` item that path is the item's URL, so
a movie or an episode of ours is one of our play URLs (the `play` action and its variants), named by its ids.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from addon.core.mediakey import media_key

PLAY_ACTIONS = ('play', 'play_first', 'play_next', 'select_stream')
PLAY_PATHS = ('/play', '/play/first', '/play/select')
SERIES_TYPES = ('series', 'episode', 'tvshow', 'show', 'shows', 'tv', 'anime')
# Kodi counts a play when the player stops; the scrobbler records the same stop within seconds. A change this close to
# the last play of the item is that play's own count, never the user's toggle.
PLAY_ECHO_SECONDS = 30


def _first(query, name):
    values = query.get(name) or ['']
    return values[0].strip()


def _number(text):
    return int(text) if text.isdigit() else None


def item_of_url(url, addon_id):
    """{'kind', 'id', 'season', 'episode', 'title', 'key'} of one of our play URLs; None for any other path."""
    parts = urlsplit(url or '')
    if parts.scheme != 'plugin' or parts.netloc != addon_id:
        return None
    query = parse_qs(parts.query)
    action = _first(query, 'action')
    if not (action in PLAY_ACTIONS or (not action and parts.path.rstrip('/') in PLAY_PATHS)):
        return None
    ident = _first(query, 'imdb_id') or _first(query, 'meta_id')
    if not ident:
        return None
    season, episode = _number(_first(query, 'season')), _number(_first(query, 'episode'))
    episodic = _first(query, 'content_type') in SERIES_TYPES or (season is not None and episode is not None)
    if episodic and (season is None or episode is None):
        return None
    kind = 'episode' if episodic else 'movie'
    return {'kind': kind, 'id': ident, 'season': season if episodic else None,
            'episode': episode if episodic else None, 'title': _first(query, 'title') or None,
            'key': media_key(kind, ident, season, episode)}


def watched(row) -> bool:
    """Whether a (playcount, lastplayed) row of Kodi's counts a play."""
    return bool(row and row[0])


def changed(before, after):
    """[(url, watched)] of the rows Kodi wrote between two looks ({url: (playcount, lastplayed)} each). Kodi's mark
    adds one to the count and moves the last-played time; its un-mark clears both, creating the row when Kodi had
    none (so does the start of a play: the caller tells the two apart)."""
    return [(url, watched(row)) for url, row in after.items()
            if url not in before or tuple(before[url]) != tuple(row)]


def is_play_echo(kodi_lastplayed, last_play_at) -> bool:
    """A count Kodi wrote (at epoch `kodi_lastplayed`) when a play of the item ended (`last_play_at`, epoch)."""
    if kodi_lastplayed is None or last_play_at is None:
        return False
    return abs(kodi_lastplayed - last_play_at) <= PLAY_ECHO_SECONDS


def library_update(data):
    """{'type': 'movie' | 'episode', 'id': library id, 'watched': bool} of a VideoLibrary.OnUpdate that toggles a
    play count; None for anything else (scans, metadata edits, malformed data)."""
    try:
        payload = json.loads(data) if isinstance(data, str) else data
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get('transaction') or payload.get('added'):
        return None
    playcount = payload.get('playcount')
    item = payload.get('item') if isinstance(payload.get('item'), dict) else payload
    if isinstance(playcount, bool) or not isinstance(playcount, int) or playcount < 0:
        return None
    kind, library_id = item.get('type'), item.get('id')
    if kind not in ('movie', 'episode') or isinstance(library_id, bool) or not isinstance(library_id, int):
        return None
    return {'type': kind, 'id': library_id, 'watched': playcount > 0}


def library_item(kind, details, show=None):
    """Our item of a library movie or episode from its JSON-RPC details (and the show's, for an episode): named by
    its IMDb id (the show's for an episode), else by its TMDb id as 'tmdb:<n>'; None when it has neither."""
    ids = _ids(show if kind == 'episode' else details)
    if not ids:
        return None
    if kind == 'movie':
        return {'kind': 'movie', 'id': ids, 'season': None, 'episode': None, 'title': details.get('title') or None,
                'key': media_key('movie', ids)}
    season, episode = details.get('season'), details.get('episode')
    if not isinstance(season, int) or not isinstance(episode, int) or season < 0 or episode < 0:
        return None
    return {'kind': 'episode', 'id': ids, 'season': season, 'episode': episode,
            'title': (show or {}).get('title') or details.get('showtitle') or None,
            'key': media_key('episode', ids, season, episode)}


def _ids(details):
    details = details or {}
    unique = details.get('uniqueid') if isinstance(details.get('uniqueid'), dict) else {}
    imdb = unique.get('imdb') or details.get('imdbnumber') or ''
    if isinstance(imdb, str) and imdb.startswith('tt') and imdb[2:].isdigit():
        return imdb
    tmdb = str(unique.get('tmdb') or '')
    return 'tmdb:%s' % tmdb if tmdb.isdigit() else None


def punchplay_entry(item, watched_at):
    """One entry of PunchPlay's POST /api/scrobble/import for a watched mark (its client's live toggle push); keys
    left out when unknown, never null."""
    entry = {'media_type': item['kind'], 'playcount': 1, 'watched_at': watched_at}
    if item.get('title'):
        entry['title'] = item['title']
    ident = item['id']
    if ident.startswith('tt'):
        entry['imdb_id'] = ident
    elif ident.startswith('tmdb:') and ident[5:].isdigit():
        entry['tmdb_id'] = int(ident[5:])
    if item['kind'] == 'episode':
        entry['season'], entry['episode'] = item['season'], item['episode']
    return entry
