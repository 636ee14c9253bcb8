"""Similar titles from Trakt's related endpoint (public: needs the client id, no login), as list entries."""
from __future__ import annotations

from addon.platform import storage
from addon.trakt import models
from addon.trakt.client import TraktClient
from addon.trakt.lists import meta_id_of
from addon.trakt.media_ids import resolve

LIMIT = 20


def path_id(kind, ident):
    """The id Trakt accepts in /{movies|shows}/{id}: an IMDb id as given, else the synced trakt id, else None."""
    if str(ident).startswith('tt'):
        return ident
    storage.open_db()
    trakt = resolve(models.Movie if kind == 'movie' else models.Show, [ident]).get(ident)
    return str(trakt) if trakt is not None and trakt > 0 else None


def related(kind, ident, client=None):
    """Entries like addon.trakt.lists' for the titles Trakt relates to a movie / show ([] when unknown)."""
    target = path_id(kind, ident)
    if target is None:
        return []
    client = client or TraktClient()
    plural = 'movies' if kind == 'movie' else 'shows'
    answer = client.get('/%s/%s/related' % (plural, target), {'limit': LIMIT, 'page': 1}, auth=False)
    entries = []
    for obj in answer if isinstance(answer, list) else []:
        obj_ids = obj.get('ids') or {}
        ids = {'imdb': obj_ids.get('imdb'), 'tmdb': obj_ids.get('tmdb')}
        if kind != 'movie':
            ids['tvdb'] = obj_ids.get('tvdb')
        entry = {'kind': kind, 'trakt': obj_ids.get('trakt'), 'title': obj.get('title'), 'year': obj.get('year'),
                 'ids': ids, 'meta_id': meta_id_of(ids), 'content_type': 'movie' if kind == 'movie' else 'series'}
        if entry['meta_id']:
            entries.append(entry)
    return entries
