"""Plugin entry: root menu, the seed's ?action= compatibility dispatcher, and run(argv).

Feature views live in addon/views/*; importing them registers their routes on the shared `plugin`. Each view
module also maps the seed's legacy action names to its views in LEGACY_ACTIONS.
"""
from __future__ import annotations

import importlib

import routing

from addon import kodi
from addon.platform.route_table import arg, plugin

VIEW_MODULES = ('addon.views.menus', 'addon.views.punchplay', 'addon.views.playback', 'addon.views.browse',
                'addon.views.trakt', 'addon.views.tools', 'addon.views.item_actions')

_legacy_actions: dict = {}


def _load_views():
    if _legacy_actions:
        return
    for name in VIEW_MODULES:
        _legacy_actions.update(importlib.import_module(name).LEGACY_ACTIONS)


@plugin.route('/')
def root():
    action = arg('action')
    if action is None:
        from addon.views import menus
        return menus.main_menu()
    view = _legacy_actions.get(action)
    if view is None:
        kodi.log('unknown action %r' % action[:64], 'warning')
        _tell_unknown(action[:64])
        return None
    return view()


def _tell_unknown(name):
    kodi.notify(kodi.localize(30009, name), icon='warning')
    if plugin.handle >= 0:
        kodi.end_directory(plugin.handle, succeeded=False)


def run(argv):
    """Dispatch one plugin invocation. The handle is read from argv on every run (reuselanguageinvoker-safe)."""
    _load_views()
    plugin.handle = int(argv[1]) if len(argv) > 1 and argv[1].lstrip('-').isdigit() else -1
    # routing keeps the previous args when argv carries no query; make every run start clean.
    plugin.args = {}
    try:
        with kodi.one_settings_read():
            plugin.run(argv if len(argv) > 2 else list(argv[:2]) + [''])
    except routing.RoutingError:  # a path no route knows: an outdated or mistyped link, not a bug of ours
        kodi.log('no route for %s' % plugin.path[:200], 'warning')
        _tell_unknown(plugin.path[:64])
    except Exception:  # the last line of defence: log, tell the user, never leave Kodi spinning
        import traceback
        kodi.log('unhandled error in %s\n%s' % (plugin.path, traceback.format_exc()), 'error')
        kodi.notify(kodi.localize(30013), icon='error')
        if plugin.handle >= 0:
            kodi.end_directory(plugin.handle, succeeded=False)
