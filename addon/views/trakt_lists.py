"""Trakt personal lists: My lists, Liked lists and the items of one list, all rendered from the database (the
service syncs them: addon.trakt.sync_lists), so no request is made while they open. Widgets too: no dialog, and
an unauthorised user gets a "log in" row instead of the lists.

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, is_widget, link, plugin, route, url_for


def _authorized() -> bool:
    from addon.trakt.actions import authorized  # views load features lazily (see above)
    return authorized()


def _login_row():
    item = kodi.list_item(kodi.localize(32802))
    item.setArt({'icon': 'DefaultUser.png', 'thumb': 'DefaultUser.png'})
    return link('trakt_auth'), item, False


def _show_lists(source, category_id):
    handle = plugin.handle
    if not _authorized():
        kodi.begin_directory(handle, category=kodi.localize(category_id))
        kodi.add_items(handle, [_login_row()])
        return kodi.end_directory(handle, cache_to_disc=False)
    import peewee  # the database is loaded only for the Trakt lists (see above)

    from addon.trakt import lists
    try:
        found = lists.user_lists(source)
    except peewee.DatabaseError as error:
        kodi.log('Trakt lists failed: %s' % error, 'error')
        if not is_widget():
            kodi.notify(kodi.localize(30016, str(error)), icon='error')
        return kodi.end_directory(handle, succeeded=False)
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
    """The movies and shows of one stored list (user=<owner slug>&list_id=<trakt id or slug>)."""
    handle = plugin.handle
    if not _authorized():
        kodi.begin_directory(handle)
        kodi.add_items(handle, [_login_row()])
        return kodi.end_directory(handle, cache_to_disc=False)
    import peewee  # the database is loaded only for the Trakt lists (see above)

    from addon.trakt import lists, render
    try:
        found = lists.find_list(arg('user'), arg('list_id') or '')
        entries = lists.list_items(found['trakt']) if found else []
        items = render.directory_items(entries)
    except peewee.DatabaseError as error:
        kodi.log('Trakt list failed: %s' % error, 'error')
        if not is_widget():
            kodi.notify(kodi.localize(30016, str(error)), icon='error')
        return kodi.end_directory(handle, succeeded=False)
    if found is None:
        kodi.log('Trakt list %s/%s is not stored' % (arg('user'), arg('list_id')), 'warning')
        if not is_widget():
            kodi.notify(kodi.localize(32805), icon='warning')
        return kodi.end_directory(handle, succeeded=is_widget(), cache_to_disc=False)
    kodi.begin_directory(handle, 'videos', found['name'] or '')
    kodi.add_items(handle, items)
    kodi.end_directory(handle, cache_to_disc=False)
