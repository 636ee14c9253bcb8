"""Actions on one title, run through RunPlugin from context menus, the keymap and skins: quick actions, play the
trailer, toggle watchlist / watched, similar titles. Parameters are the seed's (content_type, imdb_id, meta_id,
media_type, season, episode, title) plus trailer, or focused=true for the item focused in Kodi (keymaps); an item
without usable ids gets a clear message.

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, flag_arg, plugin, route


def _ref_params():
    """The item named by the parameters; with focused=true (the keymap) and no ids, the focused item."""
    from addon.surfaces import item_menus as context_items
    ref = context_items.ref_from_args(arg)
    if ref is None and flag_arg('focused'):
        ref = context_items.ref_from_focus()
    return ref


@route('/item/actions', legacy=('quick_actions',))
def quick_actions():
    ref = _ref_params()
    from addon.surfaces import quick_actions as actions
    actions.show(ref)


@route('/item/trailer', legacy=('play_trailer',))
def play_trailer():
    """The title's trailer; a bare YouTube trailer URL (trailer=..., title=...) plays without a title id."""
    ref, trailer, title = _ref_params(), arg('trailer'), arg('title')
    from addon.backend import trailers
    from addon.surfaces import quick_actions as actions
    if ref is None and trailers.youtube_url(trailer):
        ref = {'kind': 'movie', 'content_type': 'movie', 'imdb_id': None, 'meta_id': None, 'season': None,
               'episode': None, 'title': title, 'trailer': trailer}
    if actions.require_ref(ref):
        trailers.play(ref)


@route('/item/toggle/watchlist', legacy=('toggle_watchlist',))
def toggle_watchlist():
    ref = _ref_params()
    from addon.surfaces import quick_actions as actions
    actions.toggle(ref, 'watchlist')


@route('/item/toggle/watched', legacy=('toggle_watched',))
def toggle_watched():
    ref = _ref_params()
    from addon.surfaces import quick_actions as actions
    actions.toggle(ref, 'watched')


@route('/item/similar', legacy=('similar',))
def similar():
    ref = _ref_params()
    from addon.surfaces import quick_actions as actions
    actions.similar(ref)


@route('/item/info', legacy=('info',))
def information():
    """Show information: the title's full meta in Kodi's information dialog. Parameters as the other actions, or
    the newer seed's id (with content_type); focused=true for the focused item."""
    ref = _ref_params()
    ident = arg('id')
    if ref is None and ident:
        from addon.surfaces import item_menus as context_items
        movie = (arg('content_type') or arg('media_type') or 'movie').lower() in ('movie', 'movies')
        ref = context_items.make_ref(None, 'movie' if movie else 'series', ident, ident)
    from addon.surfaces import quick_actions as actions
    from addon.surfaces import title_info
    if actions.require_ref(ref):
        title_info.show(ref)
    if plugin.handle >= 0:  # opened as a folder: there is nothing to list
        kodi.end_directory(plugin.handle, succeeded=False)
