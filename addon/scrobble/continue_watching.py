"""Continue Watching for users without Trakt: the resume points of the local play state (plays on this device and
PunchPlay.tv's pull sync), the most recent first, as entries shaped like addon.trakt.lists' so addon.trakt.render
lists them the same way (meta copies, art, overlays and context menus; no network while the list renders)."""
from __future__ import annotations

from addon.core.mediakey import parse_media_key
from addon.platform import playstate
from addon.trakt import render

LIMIT = 50


def entries(limit=LIMIT) -> list:
    found = []
    for key, position, total, at in playstate.in_progress(limit):
        kind, ident, season, episode = parse_media_key(key)
        tmdb = ident[5:] if ident.startswith('tmdb:') else ''
        entry = {'kind': kind, 'meta_id': ident, 'content_type': 'movie' if kind == 'movie' else 'series',
                 'ids': {'imdb': ident if ident.startswith('tt') else None,
                         'tmdb': int(tmdb) if tmdb.isdigit() else None},
                 'title': None, 'year': None, 'paused_at': at, 'progress': 100.0 * position / total if total else None}
        if kind == 'episode':
            entry.update(season=season, episode=episode)
        found.append(entry)
    return found


def directory_items(limit=LIMIT) -> list:
    return render.directory_items(entries(limit))
