"""User actions on Trakt state, and the context-menu entries that offer them with labels that follow the state.

An action updates the local database at once (lists and widgets show it immediately), queues the Trakt write in
the durable outbox (the service delivers it, also after Kodi restarts or the network comes back) and refreshes the
screen. Items are described as in addon.trakt.item_states: {'kind', 'id', 'season', 'episode', 'title', 'year'}.
"""
from __future__ import annotations

import time

from addon import kodi
from addon.core import metadata
from addon.core import trakt_times as times
from addon.platform import outbox as outbox_store
from addon.platform.route_table import link
from addon.trakt import discover, item_states, lists, local_changes
from addon.trakt import home_properties as widgets
from addon.trakt.client import token_store
from addon.trakt.media_ids import trakt_ids

SINK = 'trakt'
SERIES_TYPES = ('series', 'show', 'shows', 'tvshow', 'tvshows', 'episode', 'season', 'anime')


def authorized() -> bool:
    return token_store().exists()


def item_kind(media_type, season=None, episode=None) -> str:
    """movie | show | season | episode from the seed's media_type/content_type plus season/episode params."""
    if (media_type or 'movie').lower() in ('movie', 'movies'):
        return 'movie'
    if season is not None and episode is not None:
        return 'episode'
    return 'season' if season is not None else 'show'


# ---- context menus ------------------------------------------------------------------------------------------

def context_menus(items, extra=None):
    """[[(label, builtin)]] for a whole listing, state read in one batch. `extra`: per-item optional dicts with
    'playback_id' (Continue Watching entries) for a "remove from Continue Watching" entry."""
    if not items:
        return []
    logged_in = authorized()
    states = item_states.menu_states(items) if logged_in else [None] * len(items)
    if logged_in:
        has_lists = local_changes.has_own_lists()
        states = [dict(state, has_lists=has_lists) for state in states]
    extra = extra or [{}] * len(items)
    return [_menu(item, item_state, more or {}, logged_in) for item, item_state, more in zip(items, states, extra)]


def _run(action, **params) -> str:
    return 'RunPlugin(%s)' % link(action, **params)


def _menu(item, item_state, more, logged_in):
    kind, ident = item.get('kind'), item.get('id')
    if not ident:
        return []
    entries = []
    media_type = 'movie' if kind == 'movie' else 'series'
    title = item.get('title')
    if logged_in:
        if kind in ('movie', 'show'):
            listed = item_state['watchlisted']
            entries.append((kodi.localize(30761 if listed else 30760),
                            _run('trakt_remove_watchlist' if listed else 'trakt_add_watchlist',
                                 media_type=media_type, imdb_id=ident, title=title)))
        watched_labels = {'movie': (30763, 30762), 'episode': (30763, 30762), 'season': (30765, 30764),
                          'show': (30767, 30766)}[kind]
        watched = item_state['watched']
        entries.append((kodi.localize(watched_labels[0] if watched else watched_labels[1]),
                        _run('trakt_mark_unwatched' if watched else 'trakt_mark_watched', media_type=media_type,
                             imdb_id=ident, season=item.get('season'), episode=item.get('episode'), title=title)))
        if kind in ('show', 'episode'):
            dropped = item_state['dropped']
            entries.append((kodi.localize(30769 if dropped else 30768),
                            _run('trakt_unhide_from_progress' if dropped else 'trakt_hide_from_progress',
                                 media_type='series', imdb_id=ident, title=title)))
        if kind in ('movie', 'show') and item_state.get('has_lists'):
            entries.append((kodi.localize(32810), _run('trakt_list_add', content_type=media_type, imdb_id=ident,
                                                      title=title)))
            entries.append((kodi.localize(32811), _run('trakt_list_remove', content_type=media_type,
                                                      imdb_id=ident, title=title)))
        if more.get('playback_id'):
            entries.append((kodi.localize(30779), _run('trakt_remove_playback', playback_id=more['playback_id'])))
    if kind in ('movie', 'show'):
        entries.append((kodi.localize(30770), 'ActivateWindow(Videos,%s,return)' % link(
            'show_related', content_type=media_type, imdb_id=ident, title=title)))
    return entries


# ---- actions ------------------------------------------------------------------------------------------------

def _queue(kind, payload):
    outbox_store.enqueue(SINK, kind, payload)


def _after_change(message_id):
    kodi.notify(kodi.localize(message_id))
    discover.clear_cache()  # recommendations and the calendar follow watched, watchlist, collection and lists
    widgets.publish_next_up(lists.next_up(limit=widgets.NEXT_UP_SLOTS))
    widgets.refresh()


def _show_body(ident, seasons=None, stamp=None):
    entry = {'ids': trakt_ids('show', ident)}
    if seasons is not None:
        entry['seasons'] = seasons
    if stamp:
        entry['watched_at'] = stamp
    return {'shows': [entry]}


def _episodes_from_meta(ident, season=None):
    """[(season, number)] aired regular episodes from the cached AIOStreams meta (no network)."""
    # lazy: every Trakt list loads this module; the backend client (~5 ms of imports) only this rare fallback needs
    from addon.backend import aiostreams
    meta = aiostreams.cached_meta('series', ident) or {}
    found = []
    for video in meta.get('videos') or []:
        number, season_number = video.get('episode'), video.get('season')
        if not isinstance(number, int) or not isinstance(season_number, int) or season_number <= 0:
            continue
        if (season is None or season_number == season) and not metadata.is_unaired(video):
            found.append((season_number, number))
    return sorted(set(found))


def set_watched(kind, ident, watched, season=None, episode=None, playback_id=None, title=None):
    """Mark a movie, episode, season or show watched / unwatched."""
    now = time.time()
    stamp = times.iso(now) if watched else None
    if kind == 'movie':
        local_changes.set_movie_watched(ident, watched, now, title)
        entry = {'ids': trakt_ids('movie', ident)}
        if stamp:
            entry['watched_at'] = stamp
        body = {'movies': [entry]}
    elif kind == 'episode':
        local_changes.set_episodes_watched(ident, [(season, episode)], watched, now, title)
        body = _show_body(ident, [{'number': season, 'episodes': [{'number': episode}]}], stamp)
    else:
        scope = season if kind == 'season' else None
        if watched:
            episodes = local_changes.aired_episodes(ident, scope) or _episodes_from_meta(ident, scope)
            local_changes.set_episodes_watched(ident, episodes, True, now, title)
        else:
            local_changes.set_show_unwatched(ident, scope)
        body = _show_body(ident, [{'number': season}] if kind == 'season' else None, stamp)
    _queue('history_add' if watched else 'history_remove', body)
    if watched and playback_id:
        remove_playback(playback_id, notify=False)
    _after_change(30773 if watched else 30774)


def set_watchlisted(kind, ident, listed, title=None):
    local_changes.set_watchlisted(kind, ident, listed, title)
    group = 'movies' if kind == 'movie' else 'shows'
    _queue('watchlist_add' if listed else 'watchlist_remove', {group: [{'ids': trakt_ids(kind, ident)}]})
    _after_change(30771 if listed else 30772)


def set_listed(list_trakt, kind, ident, listed, title=None):
    """Add a movie or show to one of the user's lists, or remove it: local copy at once, Trakt through the outbox."""
    local_changes.set_listed(list_trakt, kind, ident, listed, title)
    group = 'movies' if kind == 'movie' else 'shows'
    _queue('list_add' if listed else 'list_remove', {'list_id': int(list_trakt),
                                                      group: [{'ids': trakt_ids(kind, ident)}]})
    _after_change(32812 if listed else 32813)


def set_dropped(ident, dropped, title=None):
    """Drop a show (Trakt's "stop watching"), or take it back: undrop also un-hides it from progress."""
    was_hidden = not dropped and local_changes.is_hidden('progress_watched', ident)
    local_changes.set_hidden('dropped', ident, dropped, title)
    body = _show_body(ident)
    _queue('dropped_add' if dropped else 'dropped_remove', body)
    if was_hidden:
        local_changes.set_hidden('progress_watched', ident, False)
        _queue('hidden_remove', body)
    _after_change(30775 if dropped else 30776)


def hide_show(trakt_id):
    """The seed's trakt_hide_show: hide a show (by trakt id) from progress."""
    local_changes.hide_by_trakt_id('progress_watched', trakt_id)
    _queue('hidden_add', {'shows': [{'ids': {'trakt': trakt_id}}]})
    _after_change(30778)


def remove_playback(playback_id, notify=True):
    local_changes.remove_playback(playback_id)
    _queue('playback_remove', {'id': int(playback_id)})
    if notify:
        _after_change(30777)
