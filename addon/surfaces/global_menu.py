"""Global context-menu item (kodi.context.item): the quick actions of a library / widget / other add-on item that
carries an IMDb or TMDb id, forwarded to the plugin as RunPlugin(?action=quick_actions&<ids>).

addon.xml shows the entry only on such items and not on our own (those have their full per-item menu). Episodes
are named by their SHOW's ids: our items and TMDbHelper's carry them as tvshow.* unique ids; a library episode's
show is looked up through JSON-RPC (its own IMDb number names the episode, not the show).
"""
from __future__ import annotations

import sys

from addon import kodi
from addon.platform.route_table import link

MEDIA_TYPES = {'movie': 'movie', 'tvshow': 'tvshow', 'season': 'season', 'episode': 'episode'}


def _imdb(value):
    return value if value and str(value).startswith('tt') else None


def library_show_ids(tag) -> dict:
    """{'imdb', 'tmdb'} of the show of a library season / episode (JSON-RPC), {} when it is not in the library."""
    try:
        if tag.getMediaType() == 'episode' and tag.getDbId() > 0:
            details = kodi.jsonrpc('VideoLibrary.GetEpisodeDetails',
                                   {'episodeid': tag.getDbId(), 'properties': ['tvshowid']})
            show_id = details['episodedetails']['tvshowid']
        else:
            show_id = int(kodi.info_label('ListItem.TvShowDBID') or -1)
        if show_id is None or show_id < 0:
            return {}
        show = kodi.jsonrpc('VideoLibrary.GetTVShowDetails', {'tvshowid': show_id, 'properties': ['uniqueid']})
    except (RuntimeError, KeyError, TypeError, ValueError):
        return {}
    return dict((show.get('tvshowdetails') or {}).get('uniqueid') or {})


def focused_item_ids(item) -> dict:
    """The quick-actions parameters of a ListItem from a widget, the library or another add-on."""
    tag = item.getVideoInfoTag()
    media_type = MEDIA_TYPES.get(tag.getMediaType())
    if media_type in ('season', 'episode'):
        show = {'imdb': tag.getUniqueID('tvshow.imdb'), 'tmdb': tag.getUniqueID('tvshow.tmdb')}
        if not show['imdb'] and not show['tmdb']:
            show = library_show_ids(tag)
        imdb_id, tmdb_id = _imdb(item.getProperty('imdb_id') or show.get('imdb')), show.get('tmdb')
    else:
        imdb_id = _imdb(item.getProperty('imdb_id') or tag.getUniqueID('imdb') or tag.getIMDBNumber())
        tmdb_id = item.getProperty('tmdb_id') or tag.getUniqueID('tmdb')
    ids = {
        'media_type': media_type,
        'content_type': 'movie' if media_type == 'movie' else 'series' if media_type else None,
        'imdb_id': imdb_id,
        'meta_id': None if imdb_id or not tmdb_id else 'tmdb:%s' % tmdb_id,
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
    if not ids.get('imdb_id') and not ids.get('meta_id'):
        kodi.notify(kodi.localize(30018), icon='warning')
        return
    kodi.builtin('RunPlugin(%s)' % link(action, **ids))
