"""Plugin entry: run(argv) loads the views (importing a view module declares its routes and ?action= names in
addon.platform.route_table) and dispatches one invocation, turning every failure into a message.

The views import their features inside each function: a plugin call pays only for the route it runs, so the main
menu loads no HTTP stack, database or file-name parser (tests/unit/test_main_menu_imports.py).
"""
from __future__ import annotations

import importlib

import routing

from addon import kodi
from addon.platform.route_table import UnknownAction, plugin

VIEW_MODULES = ('addon.views.menus', 'addon.views.punchplay', 'addon.views.playback', 'addon.views.catalogs',
                'addon.views.search', 'addon.views.titles', 'addon.views.connection', 'addon.views.trakt',
                'addon.views.trakt_lists', 'addon.views.trakt_discover', 'addon.views.tools',
                'addon.views.item_actions')


def load_views():
    """Import every view module once (their decorators fill the route table)."""
    for name in VIEW_MODULES:
        importlib.import_module(name)


def _tell_unknown(name):
    kodi.notify(kodi.localize(30009, name), icon='warning')
    if plugin.handle >= 0:
        kodi.end_directory(plugin.handle, succeeded=False)


def run(argv):
    """Dispatch one plugin invocation. The handle is read from argv on every run (reuselanguageinvoker-safe)."""
    load_views()
    plugin.handle = int(argv[1]) if len(argv) > 1 and argv[1].lstrip('-').isdigit() else -1
    # routing keeps the previous args when argv carries no query; make every run start clean.
    plugin.args = {}
    try:
        with kodi.one_settings_read():
            plugin.run(argv if len(argv) > 2 else list(argv[:2]) + [''])
    except UnknownAction as unknown:  # a link from an older or newer version, or a typo in a skin
        kodi.log('unknown action %r' % (unknown.name or '')[:64], 'warning')
        _tell_unknown((unknown.name or '')[:64])
    except routing.RoutingError:  # a path no route knows: an outdated or mistyped link, not a bug of ours
        kodi.log('no route for %s' % plugin.path[:200], 'warning')
        _tell_unknown(plugin.path[:64])
    except Exception:  # the last line of defence: log, tell the user, never leave Kodi spinning
        import traceback
        kodi.log('unhandled error in %s\n%s' % (plugin.path, traceback.format_exc()), 'error')
        kodi.notify(kodi.localize(30013), icon='error')
        if plugin.handle >= 0:
            kodi.end_directory(plugin.handle, succeeded=False)
