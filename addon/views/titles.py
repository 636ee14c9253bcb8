"""Rows of titles (catalog pages and search results) and a show's seasons and episodes, plus what the browse views
share: reading the content type, the manifest, failing a directory, rendering a page of titles. Failures end the
directory with succeeded=False and a localized notification (never a popup in widget mode).

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, plugin, route, url_for

MOVIE = 'movie'
SERIES = 'series'
CATALOG_SORTS = ('unsorted', 'title', 'year', 'rating')
CONTAINER = {MOVIE: 'movies', SERIES: 'tvshows'}


# ---- shared by the browse views ------------------------------------------------------------------------------

def content_type_of(value, default=MOVIE):
    """movie | series for the seed's content_type / media_type spellings; other values as given (lower case)."""
    value = (value or default).lower()
    if value in ('movies', 'movie'):
        return MOVIE
    if value in ('series', 'show', 'shows', 'tvshow', 'tvshows', 'tv', 'episode'):
        return SERIES
    return value


def type_params(default=MOVIE):
    """The content type the seed's parameters name (content_type, else media_type)."""
    return content_type_of(arg('content_type') or arg('media_type'), default)


def fail(outcome):
    """Tell the user (unless in a widget) and end the directory as failed."""
    from addon.backend import messages as backend_messages
    backend_messages.report(outcome, interactive=not is_widget())
    kodi.end_directory(plugin.handle, succeeded=False)


def manifest():
    """The manifest, or None (directory ended, user told)."""
    from addon.backend import aiostreams
    outcome = aiostreams.fetch_manifest()
    if outcome.kind != aiostreams.OK:
        fail(outcome)
        return None
    return outcome.data


def folder(label, target, icon='DefaultFolder.png'):
    item = kodi.list_item(label)
    item.setArt({'icon': icon, 'thumb': icon})
    return target, item, True


def notify_empty(message_id, *args):
    if not is_widget():
        kodi.notify(kodi.localize(message_id, *args))


def next_page_item(target):
    """The "Next page" folder, sorted last (catalogs, search, Next Up)."""
    item = kodi.list_item(kodi.localize(30020))
    item.setArt({'icon': 'DefaultFolder.png', 'thumb': 'DefaultFolder.png'})
    item.setProperty('SpecialSort', 'bottom')
    return target, item, True


def play_url(fields):
    """The play route of a movie or an episode (addon.views.playback; stream_id = videos[].id verbatim)."""
    from addon.views import playback
    return url_for(playback.play, content_type=fields.get('content_type') or MOVIE, imdb_id=fields.get('imdb_id'),
                   meta_id=fields.get('id'), stream_id=fields.get('stream_id'), season=fields.get('season'),
                   episode=fields.get('episode'), title=fields.get('tvshow_title') or fields.get('title'))


def meta_entry(meta, fallback_type):
    """A catalog or search result: movies are playable, everything else opens its seasons."""
    from addon.core import metadata
    from addon.platform import listing
    fields = metadata.from_meta(meta, meta.get('type') or fallback_type)
    if fields['media_type'] == 'movie':
        return listing.entry(fields, play_url(fields), playable=True)
    target = url_for(seasons, meta_id=fields['id'], content_type=fields['content_type'])
    return listing.entry(fields, target, playable=False)


def render_metas(metas, content_type, category, next_target=None):
    """A page of titles; "Next page" (not in widgets) when next_target is given."""
    items = [meta_entry(meta, content_type) for meta in metas]
    if next_target and not is_widget():
        items.append(next_page_item(next_target))
    kodi.begin_directory(plugin.handle, CONTAINER.get(content_type, 'videos'), category, CATALOG_SORTS)
    decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


def decorate(items):
    """Watched overlay, resume points and progress (addon.trakt.overlay), then per-item context menus
    (addon.surfaces.item_menus); each reads the state of the whole list in one batch."""
    from addon.surfaces import item_menus as context_items
    from addon.trakt import overlay
    overlay.apply(items)
    context_items.attach(items, widget=is_widget())


# ---- seasons and episodes ------------------------------------------------------------------------------------

def show_meta(meta_id, content_type):
    """The show's meta, or None (directory ended, user told) for a missing id or a backend failure."""
    from addon.backend import aiostreams, series
    if not meta_id:
        kodi.notify(kodi.localize(30018), icon='warning')
        kodi.end_directory(plugin.handle, succeeded=False)
        return None
    outcome = series.load(SERIES if content_type == MOVIE else content_type, meta_id)
    if outcome.kind != aiostreams.OK:
        fail(outcome)
        return None
    return outcome.data


def episode_count_label(label, count):
    """'Season 1 (1 episode)' / 'Season 1 (8 episodes)': one string per plural form, chosen by the count."""
    return kodi.localize(32003, label) if count == 1 else kodi.localize(32004, label, count)


@route('/seasons', legacy=('show_seasons',))
def seasons():
    """A show's seasons (meta_id, or imdb_id; content_type optional). Specials (season 0) sort last."""
    meta_id, content_type = arg('meta_id') or arg('imdb_id'), type_params(SERIES)
    from addon.backend import series
    from addon.platform import listing
    meta = show_meta(meta_id, content_type)
    if meta is None:
        return
    rows = series.season_rows(meta)
    if not rows:
        notify_empty(30315)
    items = []
    for number, count, aired, fields in rows:
        label = kodi.localize(30309) if number == 0 else kodi.localize(30310, number)
        target = url_for(episodes, meta_id=fields['id'], season=number, content_type=fields['content_type'])
        # skins show a season's title, so it is "Season N" (the show stays in tvshow_title), as in Kodi's library
        item = listing.build_item(dict(fields, title=label), target, label=episode_count_label(label, count))
        item.setProperty('TotalEpisodes', str(aired))   # progress counts aired episodes (addon.trakt.overlay)
        if number == 0:
            item.setProperty('SpecialSort', 'bottom')
        items.append((target, item, True))
    kodi.begin_directory(plugin.handle, 'seasons', str(meta.get('name') or ''), ('unsorted', 'label'))
    decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


@route('/show', legacy=('browse_show',))
def browse_show():
    """The newer seed's browse_show (meta_id): the show's seasons. Run as a script (RunPlugin) there is no folder to
    fill, so the seasons open in the Videos window."""
    meta_id, content_type = arg('meta_id') or arg('imdb_id'), type_params(SERIES)
    if plugin.handle >= 0:
        return seasons()
    if not meta_id:
        kodi.notify(kodi.localize(30018), icon='warning')
        return None
    return kodi.builtin('ActivateWindow(Videos,%s,return)' % url_for(seasons, meta_id=meta_id,
                                                                     content_type=content_type))


@route('/episodes', legacy=('show_episodes',))
def episodes():
    """The episodes of one season (meta_id or imdb_id, season); unaired ones say when they air."""
    meta_id, content_type, season = arg('meta_id') or arg('imdb_id'), type_params(SERIES), int_arg('season')
    from addon.backend import series
    from addon.platform import listing
    meta = show_meta(meta_id, content_type)
    if meta is None:
        return
    rows = series.episode_rows(meta, season) if season is not None else []
    if not rows:
        notify_empty(30315)
    items = []
    for fields in rows:
        label = kodi.localize(30314, fields.get('episode', 0), fields.get('title') or '')
        if fields.get('unaired'):
            label = kodi.localize(30312, label, fields.get('aired') or kodi.localize(30313))
            target = url_for(unaired, title=fields.get('title'), aired=fields.get('aired'))
            items.append(listing.entry(fields, target, playable=False, folder=False, label=label))
        else:
            items.append(listing.entry(fields, play_url(fields), playable=True, label=label))
    season_label = kodi.localize(30309) if season == 0 else kodi.localize(30310, season or 0)
    category = '%s - %s' % (meta.get('name') or '', season_label)
    kodi.begin_directory(plugin.handle, 'episodes', category, ('episode', 'title', 'date'))
    decorate(items)
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


@route('/unaired')
def unaired():
    title, aired = arg('title') or '?', arg('aired') or kodi.localize(30313)
    kodi.notify(kodi.localize(30316, title, aired))
