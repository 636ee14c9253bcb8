"""Per-item context menus that follow each item's state, for every listing of the addon.

`attach(entries, widget)` is called once per listing with the (url, ListItem, is_folder) entries a view built: it
reads each item's ids back from the ListItem (the same properties keymaps and skins read) and adds: play / show
streams, trailer, the Trakt entries (watchlist add or remove, watched or unwatched, drop or undrop, similar - built
by addon.trakt.actions.context_menus from ONE batched state lookup for the whole listing), browse the show (from
seasons and episodes, with ActivateWindow so it works from widgets) and quick actions.
Widgets skip the state lookup (kodi-platform.md §9): their watchlist / watched entries are toggles that look the
state up when chosen. Commands use the seed's stable ?action= URLs, so they survive route changes.
"""
from __future__ import annotations

import re

from addon import kodi
from addon.platform.route_table import MISSING_VALUES, link
from addon.platform.tokenstore import TokenStore

MOVIE, SHOW, SEASON, EPISODE = 'movie', 'show', 'season', 'episode'
SERIES = 'series'
KINDS = {'movie': MOVIE, 'movies': MOVIE, 'tvshow': SHOW, 'show': SHOW, 'shows': SHOW, 'series': SHOW,
         'season': SEASON, 'episode': EPISODE}

PLAY, SHOW_STREAMS, TRAILER, SIMILAR = 31100, 31101, 31102, 31103
BROWSE_SHOW, QUICK_ACTIONS, TOGGLE_WATCHLIST, TOGGLE_WATCHED, INFO = 31110, 31111, 31112, 31113, 31114
RATE_ON_PUNCHPLAY = 33000
_ID_CHARS = re.compile(r'^[A-Za-z0-9_.:-]{1,80}$')


# ---- item references (plain dicts) ----------------------------------------------------------------------------

def make_ref(kind=None, content_type=None, imdb_id=None, meta_id=None, season=None, episode=None, title=None,
             trailer=None):
    """A normalized reference to a title, or None without a usable id (empty, or an unexpanded skin label).
    kind: movie | show | season | episode."""
    imdb_id = imdb_id if _usable(imdb_id) and str(imdb_id).startswith('tt') else None
    meta_id = meta_id if _usable(meta_id) else imdb_id
    if not meta_id:
        return None
    season, episode = _int(season), _int(episode)
    kind = KINDS.get(str(kind or '').lower())
    if kind is None:
        if content_type == 'movie':
            kind = MOVIE
        elif season is not None and episode is not None:
            kind = EPISODE
        elif season is not None:
            kind = SEASON
        else:
            kind = SHOW
    if content_type in (None, '', 'both') or (content_type == 'movie') != (kind == MOVIE):
        content_type = 'movie' if kind == MOVIE else SERIES
    if kind in (MOVIE, SHOW):
        season = episode = None
    elif kind == SEASON:
        episode = None
    if kind == EPISODE and (season is None or episode is None):
        kind = SHOW
        season = episode = None
    return {'kind': kind, 'content_type': content_type, 'imdb_id': imdb_id, 'meta_id': meta_id,
            'season': season, 'episode': episode, 'title': title or None, 'trailer': trailer or None}


def ref_from_listitem(item):
    """The reference of a ListItem built by addon.platform.listing (properties imdb_id / meta_id / content_type)."""
    tag = item.getVideoInfoTag()
    return make_ref(tag.getMediaType(), item.getProperty('content_type') or None,
                    item.getProperty('imdb_id') or None, item.getProperty('meta_id') or None,
                    tag.getSeason() if tag.getSeason() >= 0 else None,
                    tag.getEpisode() if tag.getEpisode() >= 0 else None,
                    tag.getTVShowTitle() or tag.getTitle() or None, tag.getTrailer() or None)


def ref_from_args(arg):
    """The reference a keymap, quick action or context script passed (seed parameter names); arg = router.arg."""
    return make_ref(arg('media_type') or arg('dbtype'), arg('content_type'), arg('imdb_id'), arg('meta_id'),
                    arg('season'), arg('episode'), arg('title'), arg('trailer'))


# Info labels of the focused item (keymaps: Kodi does not expand $INFO[] in keymap commands, so we read them).
FOCUS_LABELS = (('media_type', 'ListItem.DBTYPE'), ('content_type', 'ListItem.Property(content_type)'),
                ('imdb_id', 'ListItem.Property(imdb_id)'), ('meta_id', 'ListItem.Property(meta_id)'),
                ('season', 'ListItem.Season'), ('episode', 'ListItem.Episode'), ('show', 'ListItem.TVShowTitle'),
                ('title', 'ListItem.Title'), ('trailer', 'ListItem.Trailer'))


def ref_from_focus():
    """The reference of the item focused in Kodi (our list or widget), or None when it is not one of ours."""
    found = {key: kodi.info_label(label) or None for key, label in FOCUS_LABELS}
    return make_ref(found['media_type'], found['content_type'], found['imdb_id'], found['meta_id'],
                    found['season'], found['episode'], found['show'] or found['title'], found['trailer'])


def ids_of(ref) -> dict:
    """The URL parameters that name the title (and the episode)."""
    params = {'content_type': ref['content_type'], 'imdb_id': ref['imdb_id'], 'season': ref['season'],
              'episode': ref['episode']}
    if ref['meta_id'] != ref['imdb_id']:
        params['meta_id'] = ref['meta_id']
    return params


def trakt_item(ref) -> dict:
    """The item form of addon.trakt.item_states."""
    return {'kind': ref['kind'], 'id': ref['imdb_id'] or ref['meta_id'], 'season': ref['season'],
            'episode': ref['episode'], 'title': ref['title']}


# ---- commands ---------------------------------------------------------------------------------------------------

def _run(action, **params):
    return 'RunPlugin(%s)' % link(action, **params)


def _open(action, **params):
    """Navigate to a list: ActivateWindow works from widgets and other windows too (Container.Update does not)."""
    return 'ActivateWindow(Videos,%s,return)' % link(action, **params)


def entries(ref, trakt_menu=None, toggles=False, with_info=False, punchplay=None) -> list:
    """[(label, builtin command)] for one item, labels localized. trakt_menu: the Trakt entries of the item from
    addon.trakt.actions.context_menus (labels following the batched state; None when unavailable); toggles: no
    state known (widgets), toggle entries that look the state up when chosen; punchplay: logged in to PunchPlay.tv
    (None: look)."""
    ids = ids_of(ref)
    named = dict(ids, title=ref['title']) if ref['title'] else ids
    kind = ref['kind']
    found = []
    if kind in (MOVIE, EPISODE):
        found.append((PLAY, 'PlayMedia(%s)' % link('play', **named)))
        found.append((SHOW_STREAMS, _open('show_streams', **named)))
    if with_info:  # the full meta (cast, crew, trailer) in Kodi's dialog, not Action(Info) on the list's preview
        found.append((INFO, _run('info', **ids)))
    if kind in (MOVIE, SHOW):  # catalog previews rarely carry trailers: without one the route reads the meta
        found.append((TRAILER, _run('play_trailer', trailer=ref['trailer'], **ids)))
    found = [(kodi.localize(label), command) for label, command in found]
    if toggles or trakt_menu is None:
        if kind in (MOVIE, SHOW):
            found.append((kodi.localize(SIMILAR), _open('show_related', **named)))
        if toggles:
            media = dict(ids, media_type=kind)
            if kind in (MOVIE, SHOW):
                found.append((kodi.localize(TOGGLE_WATCHLIST), _run('toggle_watchlist', **media)))
            found.append((kodi.localize(TOGGLE_WATCHED), _run('toggle_watched', **media)))
        elif kind in (MOVIE, EPISODE):   # without Trakt: the local mark, and PunchPlay.tv when logged in
            found.append((kodi.localize(TOGGLE_WATCHED), _run('toggle_watched', **dict(ids, media_type=kind))))
    else:
        found.extend(trakt_menu)
    if kind in (MOVIE, EPISODE) and (punchplay_logged_in() if punchplay is None else punchplay):
        found.append((kodi.localize(RATE_ON_PUNCHPLAY), _run('punchplay_rate', **named)))
    if kind in (SEASON, EPISODE):
        found.append((kodi.localize(BROWSE_SHOW), _open('show_seasons', meta_id=ref['meta_id'],
                                                         content_type=ref['content_type'])))
    found.append((kodi.localize(QUICK_ACTIONS), _run('quick_actions', media_type=kind, **named)))
    return found


# ---- Trakt state (one batch per listing; owned by addon.trakt) ------------------------------------------------

def trakt_menus(refs, extras=None) -> list:
    """The Trakt entries of every item (watchlist, watched, drop, similar, ...), one batched state lookup; None per
    item without an authorized account (the Trakt package and its database are then not even loaded)."""
    if not trakt_authorized():
        return [None] * len(refs)
    try:
        from addon.trakt import actions  # lazy: listings without a Trakt account load no Trakt nor database
        return actions.context_menus([trakt_item(ref) for ref in refs], extras)
    except Exception:  # a context menu must never break the listing it decorates
        kodi.log('Trakt context entries unavailable; plain entries used', 'warning')
        return [None] * len(refs)


def trakt_authorized() -> bool:
    return TokenStore(kodi.profile_dir(), 'trakt').exists()


def punchplay_logged_in() -> bool:
    """A PunchPlay.tv login is kept (read from the token file: the client would load the HTTP stack)."""
    tokens = TokenStore(kodi.profile_dir(), 'punchplay').load()
    return bool(tokens.get('access_token')) and not tokens.get('reauth_required')


def trakt_states(refs) -> list:
    """{'watchlisted', 'watched', 'dropped'} per reference in one batch (the keymap toggles decide with it)."""
    from addon.trakt import item_states  # lazy: see trakt_menus
    return item_states.menu_states([trakt_item(ref) for ref in refs])


def attach(listing_entries, widget=False, extras=None):
    """Add the context menu of every item of ours in a listing: (url, ListItem, is_folder) entries, in place.
    extras: per-entry dicts for the Trakt entries (e.g. {'playback_id'} on Continue Watching)."""
    located = [(index, item, ref_from_listitem(item)) for index, (_, item, _) in enumerate(listing_entries)]
    located = [(index, item, ref) for index, item, ref in located if ref is not None]
    if not located:
        return listing_entries
    refs = [ref for _, _, ref in located]
    punchplay = punchplay_logged_in()
    if widget:
        toggles = trakt_authorized()
        menus = [entries(ref, toggles=toggles, punchplay=punchplay) for ref in refs]
    else:
        wanted = [(extras[index] if extras else None) or {} for index, _, _ in located]
        menus = [entries(ref, menu, punchplay=punchplay) for ref, menu in zip(refs, trakt_menus(refs, wanted))]
    for (_, item, _), menu in zip(located, menus):
        item.addContextMenuItems(menu)
    return listing_entries


def _usable(ident) -> bool:
    return bool(ident) and str(ident) not in MISSING_VALUES and bool(_ID_CHARS.match(str(ident)))


def _int(value):
    try:
        return int(value) if value not in (None, '', 'None') else None
    except (TypeError, ValueError):
        return None
