"""Actions on one title, run through RunPlugin from context menus, the keymap and skins: quick actions, play the
trailer, toggle watchlist / watched, similar titles. Parameters are the seed's (content_type, imdb_id, meta_id,
media_type, season, episode, title) plus trailer, or focused=true for the item focused in Kodi (keymaps); an item
without usable ids gets a clear message."""
from __future__ import annotations

from addon.platform.route_table import arg, flag_arg, plugin

LEGACY_ACTIONS: dict = {}


def _ref():
    """The item named by the parameters; with focused=true (the keymap) and no ids, the focused item."""
    from addon.surfaces import item_menus as context_items
    ref = context_items.ref_from_args(arg)
    if ref is None and flag_arg('focused'):
        ref = context_items.ref_from_focus()
    return ref


@plugin.route('/item/actions')
def quick_actions():
    from addon.surfaces import quick_actions as actions
    actions.show(_ref())


@plugin.route('/item/trailer')
def play_trailer():
    from addon.backend import trailers
    from addon.surfaces import quick_actions as actions
    ref = _ref()
    if ref is None and trailers.youtube_url(arg('trailer')):
        ref = {'kind': 'movie', 'content_type': 'movie', 'imdb_id': None, 'meta_id': None, 'season': None,
               'episode': None, 'title': arg('title'), 'trailer': arg('trailer')}
    if actions.require_ref(ref):
        trailers.play(ref)


@plugin.route('/item/toggle/watchlist')
def toggle_watchlist():
    from addon.surfaces import quick_actions as actions
    actions.toggle(_ref(), 'watchlist')


@plugin.route('/item/toggle/watched')
def toggle_watched():
    from addon.surfaces import quick_actions as actions
    actions.toggle(_ref(), 'watched')


@plugin.route('/item/similar')
def similar():
    from addon.surfaces import quick_actions as actions
    actions.similar(_ref())


LEGACY_ACTIONS.update({
    'quick_actions': quick_actions,
    'play_trailer': play_trailer,
    'toggle_watchlist': toggle_watchlist,
    'toggle_watched': toggle_watched,
    'similar': similar,
})
