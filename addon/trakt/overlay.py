"""Watched overlay, resume points and "5/10" progress for any listing of the addon (catalogs, search, seasons,
episodes): one call per listing, after its items were built by addon.platform.listing.

    from addon.trakt import overlay
    overlay.apply(items)   # items: [(url, ListItem, is_folder)]

Each item is identified the way keymaps and context menus read it back (InfoTag media type, season, episode,
duration; the meta_id / imdb_id properties; TotalEpisodes for seasons), then addon.trakt.item_states.decorations
looks up the whole list in one batch (Trakt state and the local play state) and addon.platform.listing.decorate
paints it.
"""
from __future__ import annotations

from addon.platform import listing
from addon.trakt import item_states

_KINDS = {'movie': 'movie', 'tvshow': 'show', 'season': 'season', 'episode': 'episode'}


def describe(item):
    """The addon.trakt.item_states item of a ListItem, or None when it is not a title of ours."""
    tag = item.getVideoInfoTag()
    kind = _KINDS.get(tag.getMediaType())
    ident = item.getProperty('meta_id') or item.getProperty('imdb_id')
    if kind is None or not ident:
        return None
    described = {'kind': kind, 'id': ident, 'duration': tag.getDuration() or None}
    if kind in ('season', 'episode'):
        described['season'] = tag.getSeason() if tag.getSeason() >= 0 else None
    if kind == 'episode':
        described['episode'] = tag.getEpisode() if tag.getEpisode() >= 0 else None
    total = item.getProperty('TotalEpisodes')
    if kind in ('season', 'show') and total.isdigit():
        described['total'] = int(total)
    return described


def apply(entries):
    """Decorate every title of a listing in place; returns the entries."""
    found = [(item, describe(item)) for _, item, _ in entries]
    found = [(item, described) for item, described in found if described is not None]
    if not found:
        return entries
    for (item, _), decoration in zip(found, item_states.decorations([described for _, described in found])):
        if any(value is not None for value in decoration.values()):
            listing.decorate(item, **decoration)
    return entries
