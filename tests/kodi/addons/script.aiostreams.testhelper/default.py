"""Test helper run by the harness through Addons.ExecuteAddon: argv = [script, command, token, *args].

It answers on one log line: "[script.aiostreams.testhelper] <token> <json>" with {"ok": true/false, ...}.
"""
import importlib
import importlib.metadata as importlib_metadata
import json
import locale
import os
import sys
import traceback

import xbmc
import xbmcaddon
import xbmcgui
import xbmcvfs

HELPER_ID = 'script.aiostreams.testhelper'
PLUGIN_ID = 'plugin.video.aiostreams'
# Bundled libraries the plugin uses directly, and one representative submodule each.
VENDORED_MODULES = ('requests_cache', 'requests_cache.backends.sqlite', 'peewee', 'playhouse.migrate', 'guessit',
                    'rebulk', 'babelfish', 'dateutil.parser', 'attrs', 'cattrs', 'platformdirs', 'url_normalize')


def builtin(command):
    xbmc.executebuiltin(command)
    return {}


def set_setting(addon_id, setting_id, value):
    """Answers whether the value was stored, not the value: a setting may be a secret (base_url)."""
    xbmcaddon.Addon(addon_id).setSetting(setting_id, value)
    return {'stored': xbmcaddon.Addon(addon_id).getSetting(setting_id) == value}


def vendor_imports():
    """Import the plugin's bundled libraries the way its entry scripts do, inside Kodi's Python."""
    vendor = os.path.join(xbmcvfs.translatePath('special://home/addons/%s' % PLUGIN_ID), 'resources', 'lib',
                          'vendor')
    sys.path.insert(0, vendor)
    modules = {}
    for name in VENDORED_MODULES:
        module = importlib.import_module(name)
        modules[name] = {'file': getattr(module, '__file__', ''), 'version': _version(module)}
    import guessit
    guess = guessit.guessit('The.Movie.2019.1080p.WEB-DL.x264-GROUP.mkv')
    return {'python': sys.version.split()[0], 'vendor': vendor, 'modules': modules,
            'guess': {'title': guess.get('title'), 'year': guess.get('year'),
                      'screen_size': guess.get('screen_size')}}


def _version(module) -> str:
    """The module's __version__, else its distribution's (requests-cache 1.3 has no __version__)."""
    version = getattr(module, '__version__', '')
    if version or '.' in module.__name__:
        return str(version)
    try:
        return importlib_metadata.version(module.__name__.replace('_', '-'))
    except importlib_metadata.PackageNotFoundError:
        return ''


def window_labels(window_id, *control_ids):
    """Labels of controls in an open window, e.g. the notification toast (10107: 401 heading, 402 message)."""
    window = xbmcgui.Window(int(window_id))
    labels = {}
    for control_id in control_ids:
        try:
            labels[control_id] = window.getControl(int(control_id)).getLabel()
        except (RuntimeError, TypeError, AttributeError):  # no such control, or not a label
            labels[control_id] = None
    return {'labels': labels}


def python_info():
    return {'version': sys.version.split()[0], 'prefix': sys.prefix, 'path': sys.path,
            'encoding': locale.getpreferredencoding(False)}


COMMANDS = {'builtin': builtin, 'set_setting': set_setting, 'vendor_imports': vendor_imports,
            'python_info': python_info, 'window_labels': window_labels}


def main(argv):
    command, token, args = argv[1], argv[2], argv[3:]
    try:
        answer = dict(COMMANDS[command](*args), ok=True)
    except Exception as exc:  # report every failure back to the harness instead of dying silently
        answer = {'ok': False, 'error': '%s: %s' % (type(exc).__name__, exc), 'trace': traceback.format_exc()}
    xbmc.log('[%s] %s %s' % (HELPER_ID, token, json.dumps(answer)), xbmc.LOGINFO)


main(sys.argv)
