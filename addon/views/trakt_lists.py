"""Trakt personal lists: My lists, Liked lists and the items of one list, all rendered from the database (the
service syncs them: addon.trakt.sync_lists), so no request is made while they open. Widgets too: no dialog, and
an unauthorised user gets a "log in" row instead of the lists.

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, link, plugin, route, url_for
from addon.views.trakt import database_failure

LIST_PAGE = 50


def _authorized() -> bool:
    from addon.trakt.actions import authorized  # views load features lazily (see above)
    return authorized()


def login_row(label_id=32802):
    """A "log in to Trakt" row (a list an unauthorised user cannot see): opens the login."""
    item = kodi.list_item(kodi.localize(label_id))
    item.setArt({'icon': 'DefaultUser.png', 'thumb': 'DefaultUser.png'})
    return link('trakt_auth'), item, False


def _show_lists(source, category_id):
    handle = plugin.handle
    if not _authorized():
        kodi.begin_directory(handle, category=kodi.localize(category_id))
        kodi.add_items(handle, [login_row()])
        return kodi.end_directory(handle, cache_to_disc=False)
    import peewee  # the database is loaded only for the Trakt lists (see above)

    from addon.trakt import lists
    try:
        found = lists.user_lists(source)
    except peewee.DatabaseError as error:
        return database_failure(handle, error)
    items = []
    for row in found:
        item = kodi.list_item(kodi.localize(32803, row['name'] or row['slug'] or row['trakt'], row['item_count'] or 0))
        item.setArt({'icon': 'DefaultPlaylist.png', 'thumb': 'DefaultPlaylist.png'})
        items.append((url_for(list_items, user=row['owner'], list_id=row['trakt']), item, True))
    if not items and not is_widget():
        kodi.notify(kodi.localize(32804))
    kodi.begin_directory(handle, category=kodi.localize(category_id))
    kodi.add_items(handle, items)
    kodi.end_directory(handle, cache_to_disc=False)


@route('/trakt/lists', legacy=('trakt_lists',))
def my_lists():
    _show_lists('mine', 32800)


@route('/trakt/liked_lists', legacy=('trakt_liked_lists',))
def liked_lists():
    _show_lists('liked', 32801)


@route('/trakt/list_items', legacy=('trakt_list_items',))
def list_items():
    """The movies and shows of one stored list (user=<owner slug>&list_id=<trakt id or slug>), LIST_PAGE a page
    (page = 1, 2, ...) like Next Up: a folder ends with "Next page" while there is more, a widget shows the first."""
    handle = plugin.handle
    page = max(1, int_arg('page', 1))
    start = (page - 1) * LIST_PAGE
    if not _authorized():
        kodi.begin_directory(handle)
        kodi.add_items(handle, [login_row()])
        return kodi.end_directory(handle, cache_to_disc=False)
    import peewee  # the database is loaded only for the Trakt lists (see above)

    from addon.trakt import lists, render
    try:
        found = lists.find_list(arg('user'), arg('list_id') or '')
        entries = lists.list_items(found['trakt']) if found else []
        items = render.directory_items(entries[start:start + LIST_PAGE])
    except peewee.DatabaseError as error:
        return database_failure(handle, error)
    if found is None:
        kodi.log('Trakt list %s/%s is not stored' % (arg('user'), arg('list_id')), 'warning')
        if not is_widget():
            kodi.notify(kodi.localize(32805), icon='warning')
        return kodi.end_directory(handle, succeeded=is_widget(), cache_to_disc=False)
    if len(entries) > start + LIST_PAGE and not is_widget():
        from addon.views.titles import next_page_item  # views load lazily (see above)
        items.append(next_page_item(url_for(list_items, user=arg('user'), list_id=arg('list_id'), page=page + 1)))
    kodi.begin_directory(handle, 'videos', found['name'] or '')
    kodi.add_items(handle, items)
    kodi.end_directory(handle, cache_to_disc=False)


# ---- add to / remove from a list (RunPlugin: context menus, keymaps, skins) --------------------------------

def _list_change_params():
    """(kind movie|show, imdb id, title, list id or None) of an add / remove."""
    kind = 'movie' if (arg('content_type') or arg('media_type') or 'movie').lower() in ('movie', 'movies') else 'show'
    return kind, arg('imdb_id') or arg('meta_id'), arg('title'), arg('list_id')


def _change_list(listed, kind, ident, title, list_id):
    """Add to or remove from the list list_id, or from one the user chooses among their lists."""
    if not ident:
        return kodi.notify(kodi.localize(30018), icon='warning')
    if not _authorized():
        return kodi.notify(kodi.localize(30014), icon='warning')
    from addon.trakt import actions, lists, local_changes  # views load features lazily (see above)
    own = lists.user_lists('mine')
    if not listed:
        holding = local_changes.lists_holding(kind, ident)
        own = [row for row in own if row['trakt'] in holding]
    if list_id:
        chosen = next((row for row in own if str(row['trakt']) == list_id or row['slug'] == list_id), None)
    elif own:
        index = kodi.select(kodi.localize(32810 if listed else 32811), [row['name'] or row['slug'] for row in own])
        if index < 0:
            return None
        chosen = own[index]
    else:
        chosen = None
    if chosen is None:
        message = 32815 if not listed else 32805 if list_id else 32814
        return kodi.notify(kodi.localize(message), icon='warning')
    actions.set_listed(chosen['trakt'], kind, ident, listed, title)


@route('/trakt/list/add', legacy=('trakt_list_add',))
def add_to_list():
    _change_list(True, *_list_change_params())


@route('/trakt/list/remove', legacy=('trakt_list_remove',))
def remove_from_list():
    _change_list(False, *_list_change_params())
