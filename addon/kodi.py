"""The Kodi door: the only module that imports kodi_six / xbmc*.

Everything the addon needs from Kodi goes through here: settings with typed getters, localized strings, logging
with redaction, notifications and dialogs, paths, directory listings and resolution, window properties, builtins,
JSON-RPC, the Player / Monitor base classes for the service and the WindowXMLDialog base of our windows.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager

from kodi_six import xbmc, xbmcaddon, xbmcgui, xbmcplugin, xbmcvfs

from addon.core.redact import redact

ADDON_ID = 'plugin.video.aiostreams'
HOME_WINDOW = 10000

Player = xbmc.Player
Monitor = xbmc.Monitor
Actor = xbmc.Actor
WindowXMLDialog = xbmcgui.WindowXMLDialog  # base of the addon's own windows (resources/skins/Default/)
ACTION_SELECT_ITEM = xbmcgui.ACTION_SELECT_ITEM
ACTION_SHOW_INFO = xbmcgui.ACTION_SHOW_INFO
ACTION_PREVIOUS_MENU = xbmcgui.ACTION_PREVIOUS_MENU
ACTION_NAV_BACK = xbmcgui.ACTION_NAV_BACK
ACTION_STOP = xbmcgui.ACTION_STOP

_LEVELS = {'debug': xbmc.LOGDEBUG, 'info': xbmc.LOGINFO, 'warning': xbmc.LOGWARNING, 'error': xbmc.LOGERROR}
_ICONS = {'info': xbmcgui.NOTIFICATION_INFO, 'warning': xbmcgui.NOTIFICATION_WARNING,
          'error': xbmcgui.NOTIFICATION_ERROR}
_SORT_METHODS = {
    'unsorted': xbmcplugin.SORT_METHOD_UNSORTED, 'label': xbmcplugin.SORT_METHOD_LABEL_IGNORE_THE,
    'title': xbmcplugin.SORT_METHOD_TITLE_IGNORE_THE, 'year': xbmcplugin.SORT_METHOD_VIDEO_YEAR,
    'rating': xbmcplugin.SORT_METHOD_VIDEO_RATING, 'date': xbmcplugin.SORT_METHOD_DATE,
    'episode': xbmcplugin.SORT_METHOD_EPISODE, 'duration': xbmcplugin.SORT_METHOD_DURATION,
    'lastplayed': xbmcplugin.SORT_METHOD_LASTPLAYED,
}


class SettingError(Exception):
    """A setting id that does not exist or holds a value of another type."""


_call_addon = None


def _addon():
    return _call_addon if _call_addon is not None else xbmcaddon.Addon(ADDON_ID)


@contextmanager
def one_settings_read():
    """Share one xbmcaddon.Addon for the duration of a plugin call. Kodi 20 loads the settings again for every new
    Addon object (about 0.7 ms per setting read, 90 ms for a 160-item widget); a kept one is never refreshed, so it
    must not outlive the call (reuselanguageinvoker keeps modules between calls)."""
    global _call_addon
    _call_addon = xbmcaddon.Addon(ADDON_ID)
    try:
        yield
    finally:
        _call_addon = None


# ---- settings -------------------------------------------------------------------------------------------------

SETTING_READS = 3   # Kodi 20 answers "Invalid setting type" for a moment while another process saves the settings
SETTING_RETRY_MS = 50


def _typed_get(getter_name, setting_id):
    """The setting's value; read again (from a fresh Addon object) when Kodi refuses it, as it does for any setting
    while the service saves one. A wrong type or id still fails, after SETTING_READS reads."""
    for attempt in range(SETTING_READS):
        addon = _addon() if attempt == 0 else xbmcaddon.Addon(ADDON_ID)
        try:
            return getattr(addon, getter_name)(setting_id)
        except (TypeError, RuntimeError, ValueError, KeyError) as exc:
            failure = exc
        if attempt + 1 < SETTING_READS:
            xbmc.sleep(SETTING_RETRY_MS)
    raise SettingError('setting %r: %s' % (setting_id, failure)) from None


def get_bool(setting_id) -> bool:
    return bool(_typed_get('getSettingBool', setting_id))


def get_int(setting_id) -> int:
    return int(_typed_get('getSettingInt', setting_id))


def get_number(setting_id) -> float:
    return float(_typed_get('getSettingNumber', setting_id))


def get_string(setting_id) -> str:
    return _typed_get('getSettingString', setting_id)


def set_setting(setting_id, value):
    addon = _addon()
    setter = {bool: addon.setSettingBool, int: addon.setSettingInt, float: addon.setSettingNumber}.get(
        type(value), addon.setSettingString)
    try:
        setter(setting_id, value)
    except (TypeError, RuntimeError, ValueError, KeyError) as exc:
        raise SettingError('setting %r: %s' % (setting_id, exc)) from None


def open_settings():
    _addon().openSettings()


# ---- strings, info, paths -------------------------------------------------------------------------------------

def localize(string_id, *args) -> str:
    text = _addon().getLocalizedString(string_id) if string_id >= 30000 else xbmc.getLocalizedString(string_id)
    return text % args if args else text


def addon_info(key) -> str:
    return _addon().getAddonInfo(key)


def translate_path(path) -> str:
    return xbmcvfs.translatePath(path)


def profile_dir() -> str:
    """The addon's profile folder (created on first use)."""
    path = translate_path(addon_info('profile'))
    if not os.path.isdir(path):
        os.makedirs(path, exist_ok=True)
    return path


def addon_dir() -> str:
    return translate_path(addon_info('path'))


# ---- logging --------------------------------------------------------------------------------------------------

def debug_enabled() -> bool:
    try:
        return get_bool('debug_logging')
    except SettingError:
        return False


def log(message, level='debug'):
    """Log one redacted line. With `debug_logging` on, debug lines are raised to INFO so users can share them."""
    kodi_level = _LEVELS[level]
    if level == 'debug' and debug_enabled():
        kodi_level = xbmc.LOGINFO
    xbmc.log('[%s] %s' % (ADDON_ID, redact(message)), level=kodi_level)


# ---- notifications and dialogs --------------------------------------------------------------------------------

def notify(message, heading=None, icon='info', time_ms=5000, sound=False):
    log('notification (%s): %s' % (icon, message))  # debug level: lets the real-Kodi tests see what users saw
    xbmcgui.Dialog().notification(redact(heading or addon_info('name')), redact(message),
                                  _ICONS.get(icon, icon), time_ms, sound)


def ok_dialog(message, heading=None):
    xbmcgui.Dialog().ok(redact(heading or addon_info('name')), redact(message))


def yes_no(message, heading=None, yes_label='', no_label='') -> bool:
    return bool(xbmcgui.Dialog().yesno(redact(heading or addon_info('name')), redact(message),
                                       nolabel=no_label, yeslabel=yes_label))


def select(heading, options, use_details=False, preselect=-1) -> int:
    """Index of the chosen option, or -1 when cancelled. Options are labels or ListItems."""
    return xbmcgui.Dialog().select(heading, options, useDetails=use_details, preselect=preselect)


def keyboard(heading, default='', hidden=False) -> str | None:
    """Text typed by the user, or None when cancelled. hidden: mask the input (passwords)."""
    option = xbmcgui.ALPHANUM_HIDE_INPUT if hidden else 0
    text = xbmcgui.Dialog().input(heading, default, type=xbmcgui.INPUT_ALPHANUM, option=option)
    return text if text else None


def text_viewer(heading, text):
    xbmcgui.Dialog().textviewer(heading, redact(text))


def info_dialog(item):
    """Kodi's own video information dialog for a ListItem: plot, cast with photos, crew, trailer, ratings."""
    xbmcgui.Dialog().info(item)


def close_busy_dialogs():
    """Kodi shows a busy dialog while a plugin resolves; close it before opening our own modal dialogs."""
    xbmc.executebuiltin('Dialog.Close(busydialog)')
    xbmc.executebuiltin('Dialog.Close(busydialognocancel)')


class Progress:
    """A cancellable progress dialog (modal, or a background bar with background=True)."""

    def __init__(self, heading, message='', background=False):
        self._dialog = xbmcgui.DialogProgressBG() if background else xbmcgui.DialogProgress()
        self._background = background
        self._dialog.create(heading, message)

    def update(self, percent, message=None):
        percent = max(0, min(100, int(percent)))
        if self._background:
            self._dialog.update(percent, message=message)
        elif message is None:
            self._dialog.update(percent)
        else:
            self._dialog.update(percent, message)

    def cancelled(self) -> bool:
        return False if self._background else bool(self._dialog.iscanceled())

    def close(self):
        self._dialog.close()


@contextmanager
def progress(heading, message='', background=False):
    dialog = Progress(heading, message, background)
    try:
        yield dialog
    finally:
        dialog.close()


# ---- list items and directories -------------------------------------------------------------------------------

def list_item(label='', label2='', path='') -> 'xbmcgui.ListItem':
    return xbmcgui.ListItem(label, label2, path=path, offscreen=True)


def add_items(handle, items):
    """items: iterable of (url, ListItem, is_folder). An item without fanart gets the add-on's, so menus and lists
    keep a background in skins that show the focused item's fanart."""
    items = list(items)
    fanart = addon_info('fanart')
    for _, item, _ in items:
        if not item.getArt('fanart'):
            item.setArt({'fanart': fanart})
    xbmcplugin.addDirectoryItems(handle, items)


def begin_directory(handle, content=None, category=None, sort_methods=('unsorted',)):
    """Every sort method keeps the label the add-on gave ('%L': "Show S01E02 - Title", "2. Title  (airs ...)",
    progress and colour); Kodi's default mask ('%T', '%H. %T') would show the bare InfoTag title instead."""
    if content:
        xbmcplugin.setContent(handle, content)
    if category:
        xbmcplugin.setPluginCategory(handle, category)
    for name in sort_methods:
        xbmcplugin.addSortMethod(handle, _SORT_METHODS[name], '%L')


def end_directory(handle, succeeded=True, update_listing=False, cache_to_disc=True):
    xbmcplugin.endOfDirectory(handle, succeeded, update_listing, cache_to_disc and succeeded)


def resolve(handle, succeeded, item=None):
    xbmcplugin.setResolvedUrl(handle, succeeded, item if item is not None else xbmcgui.ListItem(offscreen=True))


# ---- Kodi state -----------------------------------------------------------------------------------------------

def window_property(key, window=HOME_WINDOW) -> str:
    return xbmcgui.Window(window).getProperty(key)


def set_window_property(key, value, window=HOME_WINDOW):
    xbmcgui.Window(window).setProperty(key, str(value))


def clear_window_property(key, window=HOME_WINDOW):
    xbmcgui.Window(window).clearProperty(key)


def builtin(command):
    xbmc.executebuiltin(command)


def condition(expression) -> bool:
    return bool(xbmc.getCondVisibility(expression))


def info_label(label) -> str:
    return xbmc.getInfoLabel(label)


def addon_enabled(addon_id) -> bool:
    return condition('System.AddonIsEnabled(%s)' % addon_id)


def jsonrpc(method, params=None):
    """Call Kodi's JSON-RPC in process; returns the `result` or raises RuntimeError with the error message."""
    request = {'jsonrpc': '2.0', 'id': 1, 'method': method, 'params': params or {}}
    answer = json.loads(xbmc.executeJSONRPC(json.dumps(request)))
    if 'error' in answer:
        raise RuntimeError('%s: %s' % (method, answer['error'].get('message')))
    return answer.get('result')


def sleep_ms(milliseconds):
    xbmc.sleep(milliseconds)


def kodi_version() -> int:
    """Kodi's major version (20 for Nexus, 21 for Omega)."""
    build = xbmc.getInfoLabel('System.BuildVersion')
    try:
        return int(build.split('.', 1)[0])
    except ValueError:
        return 0


def wake_service(task):
    """Ask the background service (another interpreter) to run one of its tasks now."""
    jsonrpc('JSONRPC.NotifyAll', {'sender': ADDON_ID, 'message': 'wake', 'data': {'task': task}})
