"""The route table: the routing.Plugin, the decorator every view is declared with, the root URL that dispatches the
seed's ?action= names, the URL builders and the helpers views read their parameters with.

A view is declared once: `@route('/trakt/next_up', legacy=('trakt_next_up',))` registers its path with
script.module.routing and its ?action= names (the seed's, and the stable names skins, keymaps and settings buttons
use) in the same place. Every URL the addon builds goes through plugin.url_for:
- `url_for(view, **params)`: the path form, for links between views of one listing;
- `link(action, **params)`: `plugin://<id>/?action=<name>&...`, for URLs handed out (context menus, Home
  properties, widgets, Up Next): they name a declared action, so moving a route's path cannot break them.
Knows no feature: views register themselves when their module is imported (addon.plugin_entry loads them).
"""
from __future__ import annotations

import routing

plugin = routing.Plugin()

# Values that mean "no value": TMDbHelper renders missing ids as the literal None, unknown placeholders as _.
MISSING_VALUES = ('', 'None', '_', 'none', 'null')

_by_action: dict = {}  # ?action= name -> view
_home: list = []       # the view the root URL shows without an action (the main menu)


class UnknownAction(routing.RoutingError):
    """An ?action= name no route declares (a link from an older or newer version, or a typo)."""

    def __init__(self, name):
        super().__init__('unknown action %r' % name)
        self.name = name


def route(pattern, legacy=()):
    """Decorator declaring a view: its path and the ?action= names that reach it. Returns the view unchanged
    (routing finds views by identity, so this stays the outermost decorator)."""
    def declare(view):
        for name in legacy:
            if _by_action.get(name, view) is not view:
                raise ValueError('action %r is declared twice' % name)
            _by_action[name] = view
        return plugin.route(pattern)(view)
    return declare


def home(view):
    """Decorator: the view the root URL shows when no ?action= is given."""
    _home[:] = [view]
    return view


def view_of_action(name):
    """The view an ?action= name reaches, or None."""
    return _by_action.get(name)


def actions() -> dict:
    """{action name: view} of every declared name."""
    return dict(_by_action)


@plugin.route('/')
def root():
    """The root URL: the home view, or the view that declared the ?action= name (the seed's query-string API)."""
    name = arg('action')
    view = _home[0] if name is None and _home else view_of_action(name)
    if view is None:
        raise UnknownAction(name)
    return view()


def _given(params) -> dict:
    """Parameters worth writing: routing would write None as the text 'None'."""
    return {key: value for key, value in params.items() if value is not None}


def url_for(view, **params) -> str:
    """plugin.url_for of a view with its parameters (None values left out)."""
    return plugin.url_for(view, **_given(params))


def link(action, **params) -> str:
    """The stable URL of a declared action: `plugin://<id>/?action=<action>&...` (None values left out). Which view
    answers is looked up when the link is opened; tests/unit/test_route_links.py proves every link resolves."""
    return plugin.url_for(root, action=action, **_given(params))


# ---- parameters ---------------------------------------------------------------------------------------------------

def arg(name, default=None):
    """First value of a query parameter, or `default` when absent or a placeholder for "missing"."""
    values = plugin.args.get(name)
    if not values or values[0].strip() in MISSING_VALUES:
        return default
    return values[0].strip()


def int_arg(name, default=None):
    """An integer parameter; `default` when absent, not a number, or beyond what SQLite stores (64 bits)."""
    value = arg(name)
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number is None or -2 ** 63 <= number < 2 ** 63 else default


def flag_arg(name) -> bool:
    return (arg(name) or '').lower() in ('1', 'true', 'yes')


def is_widget() -> bool:
    """Skins pass widget=true (TMDbHelper convention) when a list is rendered as a home-screen widget."""
    return flag_arg('widget')
