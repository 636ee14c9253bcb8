"""Trakt routes: the /trakt menu, the lists (Next Up, Continue Watching, Watchlist, Collection, History, Similar),
and the actions (login, logout, sync, watchlist, watched, drop, resume points). Parameters are the seed's:
media_type (movie(s) | show(s) | series), imdb_id, season, episode, playback_id, show_trakt_id, content_type,
title, page. List routes never open dialogs (they are widgets); actions run through RunPlugin.

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, link, plugin, route, url_for

MOVIE, SHOW = 'movie', 'show'
HISTORY_PAGE = 100
NEXT_UP_PAGE = 50   # Next Up is paged like a catalog; a widget gets the first page and no "Next page"


def kind_params(default=None):
    """movie | show from the seed's media_type (or content_type) spellings; `default` when absent or unknown."""
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


@route('/trakt', legacy=('trakt_menu',))
def menu():
    from addon.trakt.client import token_store
    token = token_store().load()
    items = []
    if not token.get('access_token') or token.get('reauth_required'):
        items.append(_script(30752 if not token.get('access_token') else 30753, link('trakt_auth'),
                             'DefaultUser.png'))
    items += [
        _folder(30740, url_for(next_up), 'DefaultTVShows.png'),
        _folder(30741, url_for(continue_watching), 'DefaultInProgressShows.png'),
        _folder(30745, url_for(watchlist, media_type='movies'), 'DefaultMovies.png'),
        _folder(30746, url_for(watchlist, media_type='shows'), 'DefaultTVShows.png'),
        _folder(30747, url_for(collection, media_type='movies'), 'DefaultMovies.png'),
        _folder(30748, url_for(collection, media_type='shows'), 'DefaultTVShows.png'),
        _folder(30744, url_for(history), 'DefaultRecentlyAddedEpisodes.png'),
        _folder(32800, link('trakt_lists'), 'DefaultPlaylist.png'),
        _folder(32801, link('trakt_liked_lists'), 'DefaultPlaylist.png'),
        _folder(33130, link('trakt_discover'), 'DefaultAddonsSearch.png'),
        _folder(33139, link('trakt_calendar'), 'DefaultYear.png'),
        _script(30177, link('trakt_sync')),
    ]
    kodi.begin_directory(plugin.handle, category=kodi.localize(30004))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle, cache_to_disc=False)


def database_failure(handle, error):
    """A Trakt list the database could not read: logged, told (never in a widget), the directory ended failed."""
    kodi.log('Trakt list failed: %s' % error, 'error')
    if not is_widget():
        kodi.notify(kodi.localize(30016, str(error)), icon='error')
    kodi.end_directory(handle, succeeded=False)


def _list(load, content, category, paged=None):
    """Render one Trakt list from the database; an empty list when Trakt is not set up (widgets too). paged(entries)
    gives (the entries of this page, the URL of the next page or None); widgets get no "Next page"."""
    import peewee

    from addon.trakt import render
    handle = plugin.handle
    if not _authorized_or_tell():
        kodi.end_directory(handle, succeeded=is_widget(), cache_to_disc=False)
        return
    try:
        entries, more = paged(load()) if paged else (load(), None)
        items = render.directory_items(entries)
    except peewee.DatabaseError as error:
        database_failure(handle, error)
        return
    if more and not is_widget():
        from addon.views.titles import next_page_item  # views load lazily (see above)
        items.append(next_page_item(more))
    kodi.begin_directory(handle, content, category)
    kodi.add_items(handle, items)
    kodi.end_directory(handle, cache_to_disc=False)


@route('/trakt/next_up', legacy=('trakt_next_up',))
def next_up():
    """Next Up, NEXT_UP_PAGE entries a page (page = 1, 2, ...)."""
    from addon.trakt import home_properties as widgets
    from addon.trakt import nextup_store
    start = (max(1, int_arg('page', 1)) - 1) * NEXT_UP_PAGE

    def load():
        entries, stamp = nextup_store.current()
        widgets.publish_next_up(entries, stamp)
        return entries

    def paged(entries):
        more = len(entries) > start + NEXT_UP_PAGE
        return entries[start:start + NEXT_UP_PAGE], url_for(next_up, page=start // NEXT_UP_PAGE + 2) if more else None
    _list(load, 'episodes', kodi.localize(30740), paged)


@route('/trakt/continue', legacy=('trakt_continue_watching',))
def continue_watching():
    from addon.trakt import lists
    _list(lists.continue_watching, 'videos', kodi.localize(30741))


def _kind_menu(view, movies_label, shows_label):
    """The seed's watchlist/collection actions without media_type: a choice of movies or shows."""
    kodi.begin_directory(plugin.handle)
    kodi.add_items(plugin.handle, [
        _folder(movies_label, url_for(view, media_type='movies'), 'DefaultMovies.png'),
        _folder(shows_label, url_for(view, media_type='shows'), 'DefaultTVShows.png')])
    kodi.end_directory(plugin.handle)


@route('/trakt/watchlist', legacy=('trakt_watchlist',))
def watchlist():
    _kind_list(watchlist, 'watchlist', (30745, 30746), kind_params())


@route('/trakt/collection', legacy=('trakt_collection',))
def collection():
    _kind_list(collection, 'collection', (30747, 30748), kind_params())


def _kind_list(view, loader_name, labels, kind):
    """A list of movies or of shows (addon.trakt.lists.<loader_name>); without a kind, the choice of the two.
    labels: the (movies, shows) string ids."""
    from addon.trakt import lists
    if kind is None:
        return _kind_menu(view, *labels)
    _list(lambda: getattr(lists, loader_name)(kind), 'movies' if kind == MOVIE else 'tvshows',
          kodi.localize(labels[0] if kind == MOVIE else labels[1]))


@route('/trakt/history', legacy=('trakt_history',))
def history():
    page = max(1, int_arg('page', 1))
    from addon.trakt import lists
    _list(lambda: lists.history(HISTORY_PAGE, (page - 1) * HISTORY_PAGE), 'videos', kodi.localize(30744))


@route('/trakt/related', legacy=('show_related',))
def related():
    """Similar to this: Trakt's related titles (one request); metadata from the local copies and the meta cache,
    the rest fetched by the service, which then refreshes this list (addon.trakt.related.prepare_metas)."""
    kind, ident, title = _item_params()
    from addon.platform.http import HttpFailure
    from addon.trakt import related as related_titles
    from addon.trakt import render
    from addon.trakt.client import NotConfigured
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
    related_titles.prepare_metas(entries, ident, widget=is_widget())
    kodi.begin_directory(plugin.handle, 'movies' if kind == MOVIE else 'tvshows',
                         kodi.localize(30781, title or ident or ''))
    kodi.add_items(plugin.handle, render.directory_items(entries))
    kodi.end_directory(plugin.handle)


# ---- account ------------------------------------------------------------------------------------------------

@route('/trakt/login', legacy=('trakt_auth',))
def login():
    from addon.trakt import auth
    auth.login()


@route('/trakt/logout', legacy=('trakt_revoke',))
def logout():
    from addon.trakt import auth
    from addon.trakt import home_properties as widgets
    if auth.logout():
        widgets.clear_next_up()


@route('/trakt/sync', legacy=('trakt_sync', 'force_trakt_sync'))
def sync():
    from addon.trakt import manual_sync
    manual_sync.run()


# ---- actions (RunPlugin) ------------------------------------------------------------------------------------

def _item_params():
    """(kind, ident, title) of the item an action is about: media_type / content_type, imdb_id or meta_id, title."""
    return kind_params(MOVIE), arg('imdb_id') or arg('meta_id'), arg('title')


def _target(item):
    """The item when it has an id and Trakt is authorized; otherwise None (the user is told)."""
    if not item[1]:
        kodi.notify(kodi.localize(30018), icon='warning')
        return None
    if not _authorized_or_tell():
        return None
    return item


@route('/trakt/watchlist/add', legacy=('trakt_add_watchlist',))
def add_to_watchlist():
    target = _target(_item_params())
    from addon.trakt import actions
    if target:
        actions.set_watchlisted(target[0], target[1], True, target[2])


@route('/trakt/watchlist/remove', legacy=('trakt_remove_watchlist',))
def remove_from_watchlist():
    target = _target(_item_params())
    from addon.trakt import actions
    if target:
        actions.set_watchlisted(target[0], target[1], False, target[2])


def _episode_params():
    """(season, episode, playback_id) of a watched / unwatched action."""
    return int_arg('season'), int_arg('episode'), int_arg('playback_id')


def _set_watched(watched, item, season, episode, playback_id):
    from addon.trakt import actions
    target = _target(item)
    if not target:
        return
    kind = actions.item_kind('movie' if target[0] == MOVIE else 'series', season, episode)
    if kind in ('movie', 'episode'):   # one title goes where a play goes: the local mark, Trakt and PunchPlay
        from addon.scrobble import watched_marks
        watched_marks.apply(watched_marks.item(kind, target[1], season, episode, target[2]), watched, playback_id)
        return
    actions.set_watched(kind, target[1], watched, season, episode, playback_id, target[2])


@route('/trakt/watched', legacy=('trakt_mark_watched',))
def mark_watched():
    _set_watched(True, _item_params(), *_episode_params())


@route('/trakt/unwatched', legacy=('trakt_mark_unwatched',))
def mark_unwatched():
    _set_watched(False, _item_params(), *_episode_params())


@route('/trakt/playback/remove', legacy=('trakt_remove_playback',))
def remove_playback():
    _act_on_id(int_arg('playback_id'), 'remove_playback')


@route('/trakt/hide', legacy=('trakt_hide_show',))
def hide_show():
    _act_on_id(int_arg('show_trakt_id'), 'hide_show')


def _act_on_id(trakt_id, action_name):
    """addon.trakt.actions.<action_name>(trakt_id); a missing or bad id (None) is said."""
    from addon.trakt import actions
    if trakt_id is None:
        kodi.notify(kodi.localize(30018), icon='warning')
    elif _authorized_or_tell():
        getattr(actions, action_name)(trakt_id)


@route('/trakt/drop', legacy=('trakt_hide_from_progress',))
def drop_show():
    target = _target(_item_params())
    from addon.trakt import actions
    if target:
        actions.set_dropped(target[1], True, target[2])


@route('/trakt/undrop', legacy=('trakt_unhide_from_progress',))
def undrop_show():
    target = _target(_item_params())
    from addon.trakt import actions
    if target:
        actions.set_dropped(target[1], False, target[2])

