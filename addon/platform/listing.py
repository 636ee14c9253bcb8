"""Render the plain field dicts of addon.core.metadata as Kodi ListItems (InfoTagVideo setters only, never setInfo).

build_item(fields, url, playable, context_menu) works for movies, shows, seasons and episodes from any feature;
decorate(item, playcount=, resume=, progress=) adds watched / resume / episode progress state that Trakt or the
local play state supplies, in Kodi's own fields, honouring the `show_progress_bars` and `color_code_items` settings.
"""
from __future__ import annotations

from addon import kodi

IN_PROGRESS_COLOR = 'FFE8B84A'
_SCALAR_SETTERS = (
    ('title', 'setTitle', str), ('tvshow_title', 'setTvShowTitle', str), ('plot', 'setPlot', str),
    ('year', 'setYear', int), ('premiered', 'setPremiered', str), ('aired', 'setFirstAired', str),
    ('duration', 'setDuration', int), ('mpaa', 'setMpaa', str), ('trailer', 'setTrailer', str),
    ('season', 'setSeason', int), ('episode', 'setEpisode', int), ('status', 'setTvShowStatus', str),
)
_LIST_SETTERS = (
    ('genres', 'setGenres'), ('countries', 'setCountries'), ('studios', 'setStudios'),
    ('directors', 'setDirectors'), ('writers', 'setWriters'),
)


def build_item(fields, url='', playable=False, context_menu=None, label=None):
    """A ListItem carrying every known field, art and the properties skins and keymaps read."""
    item = kodi.list_item(label if label is not None else str(fields.get('title') or ''), path=url)
    tag = item.getVideoInfoTag()
    tag.setMediaType(fields.get('media_type') or 'video')
    for key, setter, kind in _SCALAR_SETTERS:
        if fields.get(key) is not None:
            getattr(tag, setter)(kind(fields[key]))
    for key, setter in _LIST_SETTERS:
        if fields.get(key):
            getattr(tag, setter)([str(value) for value in fields[key]])
    if fields.get('rating') is not None:
        tag.setRating(float(fields['rating']), int(fields.get('votes') or 0), 'imdb', True)
    if fields.get('cast'):
        tag.setCast([kodi.Actor(str(person['name']), str(person.get('role') or ''), int(person.get('order', -1)),
                                str(person.get('thumbnail') or '')) for person in fields['cast']])
    ids = {key: str(value) for key, value in (fields.get('unique_ids') or {}).items() if value}
    if ids:
        tag.setUniqueIDs(ids, 'imdb' if 'imdb' in ids else sorted(ids)[0])
    if fields.get('imdb_id') and fields.get('media_type') in ('movie', 'tvshow'):
        tag.setIMDBNumber(str(fields['imdb_id']))
    art = dict(fields.get('art') or {})
    if art:
        art.setdefault('icon', art.get('thumb') or art.get('poster', ''))
        item.setArt(art)
    for key in ('imdb_id', 'tmdb_id', 'content_type'):
        if fields.get(key):
            item.setProperty(key, str(fields[key]))
    if fields.get('id'):  # the meta id (the show's for seasons and episodes): keymaps and context menus read it
        item.setProperty('meta_id', str(fields['id']))
    if playable:
        item.setProperty('IsPlayable', 'true')
    if context_menu:
        item.addContextMenuItems(list(context_menu))
    return item


def entry(fields, url, playable=False, folder=None, context_menu=None, label=None):
    """(url, ListItem, is_folder) for kodi.add_items; folders are the non-playable items unless told."""
    item = build_item(fields, url, playable, context_menu, label)
    return url, item, (not playable) if folder is None else folder


def _flag(setting_id) -> bool:
    try:
        return kodi.get_bool(setting_id)
    except kodi.SettingError:
        return True


def decorate(item, playcount=None, resume=None, progress=None):
    """Watched state on an item built by build_item, in Kodi's own fields (the skin draws the overlay, the resume
    bar and the episode counts). playcount: int; resume: (position_s, total_s); progress: (watched episodes, aired
    episodes) of a show or season. All default to "no data". Only an item in progress is coloured: a watched one
    keeps the skin's colours (grey was unreadable on Estuary's blue focus bar) and shows Kodi's watched overlay."""
    tag = item.getVideoInfoTag()
    in_progress = False
    if playcount is not None:
        tag.setPlaycount(int(playcount))
    if resume and _flag('show_progress_bars'):
        position, total = resume
        if position and total and 0 < position < total:
            tag.setResumePoint(float(position), float(total))
            in_progress = not playcount
    if progress:
        watched, total = int(progress[0]), int(progress[1])
        item.setProperty('TotalEpisodes', str(total))
        item.setProperty('WatchedEpisodes', str(watched))
        item.setProperty('UnWatchedEpisodes', str(max(0, total - watched)))
        if total and watched >= total:
            tag.setPlaycount(max(1, int(playcount or 0)))
        in_progress = bool(watched) and watched < total
    if in_progress and _flag('color_code_items'):
        item.setLabel('[COLOR %s]%s[/COLOR]' % (IN_PROGRESS_COLOR, item.getLabel()))
    return item
