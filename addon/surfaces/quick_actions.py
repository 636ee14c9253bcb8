"""Quick actions (keymap A, the global context item, our context menus): one select dialog with every action of the
focused or given item, labels following its current Trakt state; the chosen action then runs. Also the keymap
toggles (Q watchlist, W watched) and S (similar). Keymaps fire on any item, so an item without ids is told so."""
from __future__ import annotations

from addon import kodi
from addon.surfaces import item_menus as context_items

NO_IDS = 31120
NOT_A_TITLE = 31124
HEADING = 30050
TRAKT_NOT_AUTHORIZED = 30014


def require_ref(ref) -> bool:
    if ref is None:
        kodi.notify(kodi.localize(NO_IDS), icon='warning')
        return False
    return True


def choices(ref) -> list:
    """[(label, command)] offered for a title (the quick-actions entry itself left out)."""
    menu = context_items.trakt_menus([ref])[0]
    found = context_items.entries(ref, menu, with_info=True)
    return [(label, command) for label, command in found if 'action=quick_actions' not in command]


def show(ref):
    """The select dialog; runs the chosen builtin. Returns the chosen command or None."""
    if not require_ref(ref):
        return None
    offered = choices(ref)
    index = kodi.select(ref['title'] or kodi.localize(HEADING), [label for label, _ in offered])
    if index < 0:
        return None
    command = offered[index][1]
    kodi.builtin(command)
    return command


def toggle(ref, what):
    """Keymap Q (what='watchlist') / W (what='watched'): add or remove according to the current Trakt state.
    A movie or an episode toggles watched without Trakt too (the local mark, and PunchPlay.tv when logged in).
    Returns the new state (True = now listed / watched) or None when nothing changed."""
    if not require_ref(ref):
        return None
    if what == 'watchlist' and ref['kind'] not in (context_items.MOVIE, context_items.SHOW):
        kodi.notify(kodi.localize(NOT_A_TITLE), icon='warning')
        return None
    ident = ref['imdb_id'] or ref['meta_id']
    if what == 'watched' and ref['kind'] in (context_items.MOVIE, context_items.EPISODE):
        from addon.scrobble import watched_marks  # lazy: as Trakt's below (the database, ~50 ms)
        marked = watched_marks.item(ref['kind'], ident, ref['season'], ref['episode'], ref['title'])
        now = not watched_marks.shown_watched([marked])[0]
        watched_marks.apply(marked, now)
        return now
    if not context_items.trakt_authorized():
        kodi.notify(kodi.localize(TRAKT_NOT_AUTHORIZED), icon='warning')
        return None
    from addon.trakt import actions  # lazy: trailer, information and similar need no Trakt code (~50 ms)
    current = context_items.trakt_states([ref])[0]
    if what == 'watchlist':
        actions.set_watchlisted(ref['kind'], ident, not current['watchlisted'], ref['title'])
        return not current['watchlisted']
    actions.set_watched(ref['kind'], ident, not current['watched'], ref['season'], ref['episode'],
                        title=ref['title'])
    return not current['watched']


def similar(ref):
    """Keymap S: open the "similar to this" list of the item (of its show for an episode), from anywhere."""
    if not require_ref(ref):
        return None
    if ref['kind'] not in (context_items.MOVIE, context_items.SHOW):
        ref = dict(ref, kind=context_items.SHOW, season=None, episode=None)
    label = kodi.localize(context_items.SIMILAR)
    command = dict(context_items.entries(ref))[label]
    kodi.builtin(command)
    return command
