"""Trakt list entries (addon.trakt.lists) -> directory items, with metadata and art from the local meta copies
(addon.trakt.metas, filled by the service from the AIOStreams meta cache).

Never a network request while a list renders, and no HTTP library imported: a title without a copy is queued and
the service fetches it within the backend's rate limit (the item shows Trakt's title until then). Watched overlay,
resume point and context menus come from one batch of local lookups for the whole list.
"""
from __future__ import annotations

from addon import kodi
from addon.core import metadata
from addon.platform import listing
from addon.platform.route_table import is_widget, link
from addon.surfaces import item_menus as context_items
from addon.trakt import home_properties as widgets
from addon.trakt import item_states, metas


def _metas(entries):
    """{(content_type, meta_id): meta} from the local copies; missing or old ones are queued for the service."""
    found, wanted = metas.lookup([(entry['content_type'], entry['meta_id']) for entry in entries])
    metas.want(wanted)
    return found


def _fallback_fields(entry):
    """Kodi fields from what Trakt told us, for items whose meta is not cached yet."""
    ids = entry['ids']
    unique = {key: str(value) for key, value in ids.items() if value}
    fields = {'media_type': 'movie' if entry['kind'] == 'movie' else 'tvshow', 'content_type': entry['content_type'],
              'id': entry['meta_id'], 'title': entry.get('title') or entry['meta_id'], 'year': entry.get('year'),
              'unique_ids': unique, 'imdb_id': ids.get('imdb'), 'tmdb_id': ids.get('tmdb')}
    return {key: value for key, value in fields.items() if value not in (None, '', {})}


def _episode_fields(entry, meta):
    season, number = entry['season'], entry['episode']
    if meta is not None:
        for video in meta.get('videos') or []:
            if video.get('season') == season and video.get('episode') == number:
                fields = metadata.from_video(meta, video)
                break
        else:
            show = metadata.from_meta(meta, 'series')
            fields = {'tvshow_title': show.get('title'), 'art': show.get('art'), 'imdb_id': show.get('imdb_id'),
                      'tmdb_id': show.get('tmdb_id'), 'show_ids': show.get('unique_ids'),
                      'content_type': show.get('content_type'), 'id': show.get('id')}
    else:
        show = _fallback_fields(entry)
        fields = {'tvshow_title': show.get('title'), 'imdb_id': show.get('imdb_id'), 'tmdb_id': show.get('tmdb_id'),
                  'show_ids': show.get('unique_ids'), 'content_type': 'series', 'id': entry['meta_id']}
    fields.update({'media_type': 'episode', 'season': season, 'episode': number})
    fields.setdefault('title', entry.get('episode_title') or '')
    fields.setdefault('tvshow_title', entry.get('title'))
    if fields.get('show_ids') and not fields.get('unique_ids'):
        fields['unique_ids'] = dict(fields['show_ids'])
    return {key: value for key, value in fields.items() if value is not None}


def fields_of(entry, meta):
    if entry['kind'] == 'episode':
        return _episode_fields(entry, meta)
    if meta is not None:
        return metadata.from_meta(meta, entry['content_type'])
    return _fallback_fields(entry)


def _describe(entry, fields):
    """The item as addon.trakt.item_states / actions know it."""
    return {'kind': entry['kind'], 'id': entry['meta_id'], 'season': entry.get('season'),
            'episode': entry.get('episode'), 'title': entry.get('title'), 'year': entry.get('year'),
            'duration': fields.get('duration')}


def _label(entry, fields):
    """A title; an episode is always 'Show S04E17 - Title', 'Episode 17' standing in for an unknown title."""
    if entry['kind'] != 'episode':
        return fields.get('title') or entry.get('title') or ''
    label = widgets.episode_label(dict(entry, title=fields.get('tvshow_title') or entry.get('title')))
    title = fields.get('title') or entry.get('episode_title') or kodi.localize(32005, int(entry['episode']))
    return '%s - %s' % (label, title)


def target_of(entry):
    """(url, playable) of an entry: movies and episodes play, shows open their seasons."""
    if entry['kind'] == 'show':
        return link('show_seasons', meta_id=entry['meta_id'], content_type='series'), False
    return widgets.play_url(entry), True


def directory_items(entries):
    """[(url, ListItem, is_folder)] for kodi.add_items."""
    unfilled = [entry for entry in entries if 'fields' not in entry]  # the stored Next Up list carries its fields
    copies = _metas(unfilled) if unfilled else {}
    rendered = [(entry, entry['fields'] if 'fields' in entry else
                 fields_of(entry, copies.get((entry['content_type'], entry['meta_id'])))) for entry in entries]
    described = [_describe(entry, fields) for entry, fields in rendered]
    decorations = item_states.decorations(described)
    items = []
    for (entry, fields), decoration in zip(rendered, decorations):
        url, playable = target_of(entry)
        item = listing.build_item(fields, url, playable, label=_label(entry, fields))
        listing.decorate(item, **decoration)
        items.append((url, item, not playable))
    # the full context menu: play, streams, trailer, browse show, quick actions around actions.context_menus
    context_items.attach(items, widget=is_widget(),
                         extras=[{'playback_id': entry.get('playback_id')} for entry in entries])
    return items
