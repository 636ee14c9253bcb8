"""Similar titles from Trakt's related endpoint (public: needs the client id, no login), as list entries, and
their metadata: Trakt's answer has ids, title and year only, so the art, plot and runtime come from the AIOStreams
metas, through the same local copies (addon.trakt.metas) and paced service fetch as the other Trakt lists."""
from __future__ import annotations

from addon.backend import aiostreams
from addon.platform import storage
from addon.trakt import metas, models
from addon.trakt.client import TraktClient
from addon.trakt.lists import entry_of
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
    entries = [entry_of(kind, obj) for obj in answer if isinstance(obj, dict)] if isinstance(answer, list) else []
    return [entry for entry in entries if entry is not None]


def prepare_metas(entries, marker, widget=False) -> int:
    """Before the list renders: titles without a copy get one from the AIOStreams meta cache when it holds them (no
    request); the rest go to the front of the service's paced meta queue, and the list on screen (its folder path
    contains `marker`) is refreshed once they are fetched. Never a request to the backend here: a list of 20 would
    wait on 20 of them. Returns how many were queued."""
    found, wanted = metas.lookup([(entry['content_type'], entry['meta_id']) for entry in entries])
    missing = []
    for key in wanted:
        if key in found:
            continue  # an old copy: shown, and refreshed in the background as in every list
        cached = aiostreams.cached_meta(*key)
        if cached is not None:
            metas.store(key[0], key[1], cached)
        else:
            missing.append(key)
    if missing:
        metas.want(missing, first=True)
        if not widget:
            metas.refresh_when_fetched(marker)
    return len(missing)
