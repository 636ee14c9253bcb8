"""Global context-menu item (kodi.context.item): forward the focused item's ids to the plugin's quick actions."""
from __future__ import annotations

import sys

from addon import kodi
from addon.router import action_url

MEDIA_TYPES = {'movie': 'movie', 'tvshow': 'series', 'season': 'series', 'episode': 'series'}


def focused_item_ids(item) -> dict:
    """Ids and numbers of a ListItem from a widget, the library or our own listings."""
    tag = item.getVideoInfoTag()
    imdb_id = item.getProperty('imdb_id') or tag.getUniqueID('imdb') or tag.getIMDBNumber()
    media_type = tag.getMediaType()
    ids = {
        'imdb_id': imdb_id or None,
        'content_type': item.getProperty('content_type') or MEDIA_TYPES.get(media_type),
        'title': tag.getTVShowTitle() or tag.getTitle() or item.getLabel() or None,
    }
    if media_type in ('season', 'episode') and tag.getSeason() >= 0:
        ids['season'] = tag.getSeason()
    if media_type == 'episode' and tag.getEpisode() >= 0:
        ids['episode'] = tag.getEpisode()
    return ids


def run(argv):
    item = getattr(sys, 'listitem', None)
    action = argv[1] if len(argv) > 1 else 'quick_actions'
    ids = focused_item_ids(item) if item is not None else {}
    if not ids.get('imdb_id'):
        kodi.notify(kodi.localize(30018), icon='warning')
        return
    kodi.builtin('RunPlugin(%s)' % action_url(action, **ids))
