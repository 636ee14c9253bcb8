"""Home-screen widgets: the reload token skins put into widget paths, and the documented widget paths.

Skins refetch a widget when its path changes. Widget paths carry
`&widget=true&reload=$INFO[Window(Home).Property(AIOStreams.Widgets.Reload)]`, so bumping that Home window property
after a watched / watchlist change or a sync refreshes every widget of ours (never UpdateLibrary: that starts a
library scan). Works from the plugin and from the service: window properties live in Kodi, not in a process.
"""
from __future__ import annotations

import time

from addon import kodi
from addon.platform.route_table import link

RELOAD_PROPERTY = 'AIOStreams.Widgets.Reload'
WIDGET_SUFFIX = 'widget=true&reload=$INFO[Window(Home).Property(%s)]' % RELOAD_PROPERTY

# (label id, action, parameters) of the lists that work as widgets; catalogs depend on the user's manifest.
WIDGETS = (
    (31150, 'trakt_next_up', {}),
    (31151, 'trakt_continue_watching', {}),
    (31152, 'trakt_watchlist', {'media_type': 'movies'}),
    (31153, 'trakt_watchlist', {'media_type': 'shows'}),
    (32800, 'trakt_lists', {}),
    (32801, 'trakt_liked_lists', {}),
    (33131, 'trakt_discover', {'kind': 'trending', 'media_type': 'movies'}),
    (33132, 'trakt_discover', {'kind': 'trending', 'media_type': 'shows'}),
    (33133, 'trakt_discover', {'kind': 'popular', 'media_type': 'movies'}),
    (33134, 'trakt_discover', {'kind': 'popular', 'media_type': 'shows'}),
    (33135, 'trakt_discover', {'kind': 'anticipated', 'media_type': 'movies'}),
    (33136, 'trakt_discover', {'kind': 'anticipated', 'media_type': 'shows'}),
    (33137, 'trakt_discover', {'kind': 'recommended', 'media_type': 'movies'}),
    (33138, 'trakt_discover', {'kind': 'recommended', 'media_type': 'shows'}),
    (33139, 'trakt_calendar', {}),
)


def next_token(previous, now_ms) -> str:
    """A token that differs from the previous one even when two bumps fall in the same millisecond."""
    try:
        previous_value = int(previous)
    except (TypeError, ValueError):
        previous_value = 0
    return str(max(int(now_ms), previous_value + 1))


def bump():
    """Make every widget of ours reload (call after a local state change the widgets show)."""
    token = next_token(kodi.window_property(RELOAD_PROPERTY), time.time() * 1000)
    kodi.set_window_property(RELOAD_PROPERTY, token)
    return token


def safe_bump():
    """bump() for callers that must never fail because of it (player callbacks, sync tasks)."""
    try:
        return bump()
    except Exception:  # a widget refresh is never worth breaking the caller's work
        kodi.log('widget reload bump failed', 'warning')
        return None


def widget_path(action, **params) -> str:
    """The path a skin uses for a list: its stable ?action= link plus the widget flag and the reload token (added
    unquoted: Kodi expands $INFO[...] only as written)."""
    return '%s&%s' % (link(action, **params), WIDGET_SUFFIX)


def catalog_path(content_type, catalog_id) -> str:
    return widget_path('browse_catalog', content_type=content_type, catalog_id=catalog_id)
