"""Trakt routes: the /trakt menu, the lists (Next Up, Continue Watching, Watchlist, Collection, History, Similar),
and the actions (login, logout, sync, watchlist, watched, drop, resume points). Parameters are the seed's:
media_type (movie(s) | show(s) | series), imdb_id, season, episode, playback_id, show_trakt_id, content_type,
title, page. List routes never open dialogs (they are widgets); actions run through RunPlugin.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import action_url, arg, int_arg, is_widget, plugin

MOVIE, SHOW = 'movie', 'show'
HISTORY_PAGE = 100


def _media_kind(default=None):
    value = (arg('media_type') or arg('content_type') or '').lower()
    if value in ('movie', 'movies'):
        return MOVIE
    if value in ('show', 'shows', 'series', 'tvshow', 'tvshows', 'episode', 'season', 'anime'):
        return SHOW
    return default


def _folder(label_id, url, icon='DefaultFolder.png'):
    item = kodi.list_item(kodi.localize(label_id))
    item.setArt({'icon': icon, 'thumb': icon})
    return url, item, True


def _script(label_id, url, icon='DefaultAddonService.png'):
    url, item, _ = _folder(label_id, url, icon)
    return url, item, False


def _authorized_or_tell() -> bool:
    from addon.trakt.actions import authorized
    if authorized():
        return True
    if not is_widget():
        kodi.notify(kodi.localize(30014), icon='warning')
    return False


@plugin.route('/trakt')
def menu():
    from addon.trakt.client import token_store
    token = token_store().load()
    items = []
    if not token.get('access_token') or token.get('reauth_required'):
        items.append(_script(30752 if not token.get('access_token') else 30753, action_url('trakt_auth'),
                             'DefaultUser.png'))
    items += [
        _folder(30740, plugin.url_for(next_up), 'DefaultTVShows.png'),
        _folder(30741, plugin.url_for(continue_watching), 'DefaultInProgressShows.png'),
        _folder(30745, plugin.url_for(watchlist, media_type='movies'), 'DefaultMovies.png'),
        _folder(30746, plugin.url_for(watchlist, media_type='shows'), 'DefaultTVShows.png'),
        _folder(30747, plugin.url_for(collection, media_type='movies'), 'DefaultMovies.png'),
        _folder(30748, plugin.url_for(collection, media_type='shows'), 'DefaultTVShows.png'),
        _folder(30744, plugin.url_for(history), 'DefaultRecentlyAddedEpisodes.png'),
        _script(30177, action_url('trakt_sync')),
    ]
    kodi.begin_directory(plugin.handle, category=kodi.localize(30004))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle, cache_to_disc=False)


def _list(load, content, category):
    """Render one Trakt list from the database; an empty list when Trakt is not set up (widgets too)."""
    import peewee

    from addon.trakt import render
    handle = plugin.handle
    if not _authorized_or_tell():
        kodi.end_directory(handle, succeeded=is_widget(), cache_to_disc=False)
        return
    try:
        entries = load()
        items = render.directory_items(entries)
    except peewee.DatabaseError as error:
        kodi.log('Trakt list failed: %s' % error, 'error')
        if not is_widget():
            kodi.notify(kodi.localize(30016, str(error)), icon='error')
        kodi.end_directory(handle, succeeded=False)
        return
    kodi.begin_directory(handle, content, category)
    kodi.add_items(handle, items)
    kodi.end_directory(handle, cache_to_disc=False)


@plugin.route('/trakt/next_up')
def next_up():
    from addon.trakt import home_properties as widgets
    from addon.trakt import nextup_store

    def load():
        entries, stamp = nextup_store.current()
        widgets.publish_next_up(entries, stamp)
        return entries
    _list(load, 'episodes', kodi.localize(30740))


@plugin.route('/trakt/continue')
def continue_watching():
    from addon.trakt import lists
    _list(lists.continue_watching, 'videos', kodi.localize(30741))


def _kind_menu(route, movies_label, shows_label):
    """The seed's watchlist/collection actions without media_type: a choice of movies or shows."""
    kodi.begin_directory(plugin.handle)
    kodi.add_items(plugin.handle, [
        _folder(movies_label, plugin.url_for(route, media_type='movies'), 'DefaultMovies.png'),
        _folder(shows_label, plugin.url_for(route, media_type='shows'), 'DefaultTVShows.png')])
    kodi.end_directory(plugin.handle)


@plugin.route('/trakt/watchlist')
def watchlist():
    _kind_list(watchlist, 'watchlist', (30745, 30746))


@plugin.route('/trakt/collection')
def collection():
    _kind_list(collection, 'collection', (30747, 30748))


def _kind_list(route, loader_name, labels):
    """A list of movies or of shows (addon.trakt.lists.<loader_name>); without media_type, the choice of the two.
    labels: the (movies, shows) string ids."""
    from addon.trakt import lists
    kind = _media_kind()
    if kind is None:
        return _kind_menu(route, *labels)
    _list(lambda: getattr(lists, loader_name)(kind), 'movies' if kind == MOVIE else 'tvshows',
          kodi.localize(labels[0] if kind == MOVIE else labels[1]))


@plugin.route('/trakt/history')
def history():
    from addon.trakt import lists
    page = max(1, int_arg('page', 1))
    _list(lambda: lists.history(HISTORY_PAGE, (page - 1) * HISTORY_PAGE), 'videos', kodi.localize(30744))


@plugin.route('/trakt/related')
def related():
    """Similar to this: Trakt's related titles (one request), metadata from the cache."""
    from addon.platform.http import HttpFailure
    from addon.trakt import related as related_titles
    from addon.trakt import render
    from addon.trakt.client import NotConfigured
    kind, ident = _media_kind(MOVIE), arg('imdb_id') or arg('meta_id')
    try:
        entries = related_titles.related(kind, ident) if ident else []
    except NotConfigured as missing:
        kodi.notify(kodi.localize(missing.message_id), icon='warning')
        return kodi.end_directory(plugin.handle, succeeded=False)
    except HttpFailure as failure:
        kodi.notify(kodi.localize(30712, str(failure)), icon='error')
        return kodi.end_directory(plugin.handle, succeeded=False)
    if not entries and not is_widget():
        kodi.notify(kodi.localize(30780))
    kodi.begin_directory(plugin.handle, 'movies' if kind == MOVIE else 'tvshows',
                         kodi.localize(30781, arg('title') or ident or ''))
    kodi.add_items(plugin.handle, render.directory_items(entries))
    kodi.end_directory(plugin.handle)


# ---- account ------------------------------------------------------------------------------------------------

@plugin.route('/trakt/login')
def login():
    from addon.trakt import auth
    auth.login()


@plugin.route('/trakt/logout')
def logout():
    from addon.trakt import auth
    from addon.trakt import home_properties as widgets
    if auth.logout():
        widgets.clear_next_up()


@plugin.route('/trakt/sync')
def sync():
    from addon.trakt import manual_sync
    manual_sync.run()


# ---- actions (RunPlugin) ------------------------------------------------------------------------------------

def _target():
    """(kind, ident, title) of the item an action is about, or None (told to the user)."""
    ident = arg('imdb_id') or arg('meta_id')
    if not ident:
        kodi.notify(kodi.localize(30018), icon='warning')
        return None
    if not _authorized_or_tell():
        return None
    return _media_kind(MOVIE), ident, arg('title')


@plugin.route('/trakt/watchlist/add')
def add_to_watchlist():
    from addon.trakt import actions
    target = _target()
    if target:
        actions.set_watchlisted(target[0], target[1], True, target[2])


@plugin.route('/trakt/watchlist/remove')
def remove_from_watchlist():
    from addon.trakt import actions
    target = _target()
    if target:
        actions.set_watchlisted(target[0], target[1], False, target[2])


def _set_watched(watched):
    from addon.trakt import actions
    target = _target()
    if not target:
        return
    season, episode = int_arg('season'), int_arg('episode')
    kind = actions.item_kind('movie' if target[0] == MOVIE else 'series', season, episode)
    actions.set_watched(kind, target[1], watched, season, episode, int_arg('playback_id'), target[2])


@plugin.route('/trakt/watched')
def mark_watched():
    _set_watched(True)


@plugin.route('/trakt/unwatched')
def mark_unwatched():
    _set_watched(False)


@plugin.route('/trakt/playback/remove')
def remove_playback():
    _act_on_id('playback_id', 'remove_playback')


@plugin.route('/trakt/hide')
def hide_show():
    _act_on_id('show_trakt_id', 'hide_show')


def _act_on_id(param, action_name):
    """addon.trakt.actions.<action_name>(id) for the numeric id in `param`; a missing or bad id is said."""
    from addon.trakt import actions
    trakt_id = int_arg(param)
    if trakt_id is None:
        kodi.notify(kodi.localize(30018), icon='warning')
    elif _authorized_or_tell():
        getattr(actions, action_name)(trakt_id)


@plugin.route('/trakt/drop')
def drop_show():
    from addon.trakt import actions
    target = _target()
    if target:
        actions.set_dropped(target[1], True, target[2])


@plugin.route('/trakt/undrop')
def undrop_show():
    from addon.trakt import actions
    target = _target()
    if target:
        actions.set_dropped(target[1], False, target[2])


LEGACY_ACTIONS = {
    'trakt_menu': menu,
    'trakt_next_up': next_up,
    'trakt_continue_watching': continue_watching,
    'trakt_watchlist': watchlist,
    'trakt_collection': collection,
    'trakt_history': history,
    'show_related': related,
    'trakt_auth': login,
    'trakt_revoke': logout,
    'trakt_sync': sync,
    'force_trakt_sync': sync,
    'trakt_add_watchlist': add_to_watchlist,
    'trakt_remove_watchlist': remove_from_watchlist,
    'trakt_mark_watched': mark_watched,
    'trakt_mark_unwatched': mark_unwatched,
    'trakt_remove_playback': remove_playback,
    'trakt_hide_show': hide_show,
    'trakt_hide_from_progress': drop_show,
    'trakt_unhide_from_progress': undrop_show,
}
