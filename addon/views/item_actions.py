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
    """The newer seed's info (id | imdb_id | meta_id, content_type): the title's details in a text window."""
    ident = arg('id') or arg('imdb_id') or arg('meta_id')
    content_type = 'movie' if (arg('content_type') or arg('media_type') or 'movie').lower() in ('movie', 'movies') \
        else 'series'
    from addon.backend import aiostreams
    from addon.backend import messages as backend_messages
    from addon.core import metadata
    if ident is None:
        kodi.notify(kodi.localize(30018), icon='warning')
    else:
        outcome = aiostreams.fetch_meta(content_type, ident)
        if outcome.kind != aiostreams.OK:
            backend_messages.report(outcome)
        else:
            fields = metadata.from_meta(outcome.data, content_type)
            kodi.text_viewer(_info_heading(fields, ident), _info_text(fields))
    if plugin.handle >= 0:  # opened as a folder: there is nothing to list
        kodi.end_directory(plugin.handle, succeeded=False)


def _info_heading(fields, ident) -> str:
    title, year = fields.get('title') or ident, fields.get('year')
    return '%s (%s)' % (title, year) if year else title


def _info_text(fields) -> str:
    facts = [' / '.join(fields.get('genres') or [])]
    if fields.get('rating'):
        facts.append(kodi.localize(30061, '%.1f' % fields['rating']))
    if fields.get('duration'):
        facts.append(kodi.localize(30062, fields['duration'] // 60))
    return '%s\n\n%s' % ('  |  '.join(fact for fact in facts if fact), fields.get('plot') or kodi.localize(30063))
