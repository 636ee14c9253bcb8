"""What skins read: the Next Up Home-window properties, play URLs, and the widget reload token.

Home window (10000) properties, slots 0..19 (unused slots cleared):
AIOStreams.NextUp.{i}.ShowTitle / .ShowIMDB / .Season / .Episode / .EpisodeIMDB / .Label ("Show S01E02") /
.LastWatched / .PlayURL, and AIOStreams.NextUp.Count.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import link
from addon.surfaces import widgets

NEXT_UP_SLOTS = 20
NEXT_UP_PREFIX = 'AIOStreams.NextUp'
NEXT_UP_STAMP = NEXT_UP_PREFIX + '.Stamp'  # ours, not for skins: which stored list the properties show
NEXT_UP_FIELDS = ('ShowTitle', 'ShowIMDB', 'Season', 'Episode', 'EpisodeIMDB', 'Label', 'LastWatched', 'PlayURL')
OUR_CONTAINER = 'String.StartsWith(Container.FolderPath,plugin://%s/)' % kodi.ADDON_ID


def play_url(entry) -> str:
    """The playback route of a movie or episode entry (implemented by the playback views)."""
    if entry['kind'] == 'movie':
        return link('play', content_type='movie', imdb_id=entry['meta_id'])
    return link('play', content_type='series', imdb_id=entry['meta_id'], season=entry['season'],
                      episode=entry['episode'])


def episode_label(entry) -> str:
    return '%s S%02dE%02d' % (entry.get('title') or '', int(entry['season']), int(entry['episode']))


def publish_next_up(entries, stamp=None):
    """The first 20 Next Up entries as Home-window properties for skins. `stamp` names the list (nextup_store): a
    list already published under the same stamp is not written again."""
    if stamp is not None and kodi.window_property(NEXT_UP_STAMP) == stamp:
        return
    shown = entries[:NEXT_UP_SLOTS]
    for index, entry in enumerate(shown):
        values = {'ShowTitle': entry.get('title') or '', 'ShowIMDB': entry['ids'].get('imdb') or '',
                  'Season': str(entry['season']), 'Episode': str(entry['episode']),
                  'EpisodeIMDB': entry.get('episode_imdb') or '', 'Label': episode_label(entry),
                  'LastWatched': entry.get('last_watched_at') or '', 'PlayURL': play_url(entry)}
        for field in NEXT_UP_FIELDS:
            kodi.set_window_property('%s.%d.%s' % (NEXT_UP_PREFIX, index, field), values[field])
    for index in range(len(shown), NEXT_UP_SLOTS):
        for field in NEXT_UP_FIELDS:
            kodi.clear_window_property('%s.%d.%s' % (NEXT_UP_PREFIX, index, field))
    kodi.set_window_property('%s.Count' % NEXT_UP_PREFIX, str(len(shown)))
    kodi.set_window_property(NEXT_UP_STAMP, stamp or '')


def clear_next_up():
    publish_next_up([])


def refresh(container=True):
    """After a change: a new widget reload token (addon.surfaces.widgets), and - for changes the user just made -
    a refresh
    of our list if one is on screen. Background work passes container=False: re-running the list the user is in
    would re-open a search keyboard, lose the scroll position, or run behind an open dialog."""
    widgets.safe_bump()
    if container and kodi.condition(OUR_CONTAINER) and not kodi.condition('System.HasModalDialog'):
        kodi.builtin('Container.Refresh')
