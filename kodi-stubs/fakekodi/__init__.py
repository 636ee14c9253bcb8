"""fakekodi: the test control API behind the fake Kodi modules in kodi-stubs/.

Tests set up and inspect Kodi's state here; the fakes (xbmc, xbmcgui, xbmcplugin, xbmcaddon, xbmcvfs) read and
record it. The interface is described in notes/fakekodi-api.md. Typical use (the `kodi` pytest fixture):

    fakekodi.reset(addon_root=repo, profile_dir=tmp_path / 'profile', home_dir=tmp_path / 'home')
    fakekodi.answer('select', 0)
    listing = fakekodi.run_plugin('plugin://plugin.video.x/movies?genre=drama', handle=3)
    assert listing.ended and listing.labels == [...]
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from fakekodi.addon_meta import AddonMeta
from fakekodi.dialogs import KINDS as DIALOG_KINDS  # noqa: F401  (API)
from fakekodi.dialogs import DialogScript
from fakekodi.dialogs import UnexpectedDialog as UnexpectedDialog
from fakekodi.jsonrpc import default_handler
from fakekodi.monitoring import FakeMonitorHub
from fakekodi.paths import SpecialPaths
from fakekodi.playback import FakePlayerEngine
from fakekodi.records import Directory
from fakekodi.records import Item as Item
from fakekodi.runner import run_plugin as run_plugin
from fakekodi.settings import UnknownSettingError as UnknownSettingError
from fakekodi.settings import load_settings
from fakekodi.strings import UnknownStringError as UnknownStringError
from fakekodi.strings import load_strings
from fakekodi.videodb import FakeVideoDatabase

LOGERROR = 3

# Recorded by the fakes. reset() empties these lists in place, so references to them stay valid.
dialogs = []        # {'kind', 'heading', 'message' | 'list', 'answer', ...} per dialog shown
notifications = []  # {'heading', 'message', 'icon', 'time', 'sound'}
log_lines = []      # (level, message) per xbmc.log call
builtins = []       # every xbmc.executebuiltin(...) string

# Set by tests; reset() restores these defaults.
jsonrpc_handler = default_handler      # request dict -> response dict, used by xbmc.executeJSONRPC
installed_addons = {}                  # other addon id -> enabled (System.HasAddon / System.AddonIsEnabled)
cond_visibility = {}                   # condition -> bool overrides for xbmc.getCondVisibility
info_labels = {}                       # label -> str overrides for xbmc.getInfoLabel

player = FakePlayerEngine()
monitor = FakeMonitorHub()


class _State:
    """Internal state the fakes share; replaced as a whole by reset()."""

    def __init__(self, addon_root: str, profile_dir: str, home_dir: str):
        self.meta = AddonMeta(addon_root)
        self.paths = SpecialPaths(profile_dir, home_dir, self.meta.id, addon_root)
        self.profile = 'special://profile/addon_data/%s/' % self.meta.id
        self.settings = load_settings(addon_root, os.path.join(self.paths.translate(self.profile), 'settings.xml'))
        self.strings = load_strings(addon_root)
        self.script = DialogScript(dialogs)
        self.directories = {}       # handle -> Directory
        self.closed_handles = set()  # handles whose plugin call is over (endOfDirectory, setResolvedUrl, run end)
        self.windows = {}           # window id -> {lower-cased key: value}
        self.playlists = {0: [], 1: []}  # xbmc.PLAYLIST_MUSIC / PLAYLIST_VIDEO -> [ListItem]
        self.active_window = 10025  # the Videos window, where plugin listings show
        self.shown_windows = []     # WindowXMLDialogs open through show() (fakekodi/windowxml.py)
        self.videodb = FakeVideoDatabase(self.paths.translate('special://database/'), monitor)


state = None
_temp_dirs = []


def reset(addon_root=None, profile_dir=None, home_dir=None) -> None:
    """Fresh Kodi state for the addon at `addon_root` (default: $FAKEKODI_ADDON_ROOT, else kodi-stubs/..).

    profile_dir is special://profile (the addon's own profile is <profile_dir>/addon_data/<id>/, user setting
    values overlay from its settings.xml); home_dir is special://home. Missing folders are created (temporary
    ones when not given), but not the addon's own profile folder: like Kodi, the addon must create it.
    """
    global state, jsonrpc_handler, installed_addons, cond_visibility, info_labels
    addon_root = os.fspath(addon_root or os.environ.get('FAKEKODI_ADDON_ROOT') or _repo_root())
    profile_dir = _folder(profile_dir)
    home_dir = _folder(home_dir)
    os.makedirs(os.path.join(home_dir, 'temp'), exist_ok=True)
    for recorded in (dialogs, notifications, log_lines, builtins):
        recorded[:] = []
    jsonrpc_handler = default_handler
    installed_addons, cond_visibility, info_labels = {}, {}, {}
    player.reset()
    monitor.reset()
    state = _State(addon_root, profile_dir, home_dir)


def videodb() -> FakeVideoDatabase:
    """Kodi's video database (play counts of files, library items): fakekodi.videodb().mark_watched(url)."""
    return state.videodb


def addon_id() -> str:
    return state.meta.id


def set_setting(setting_id: str, value) -> None:
    """Change a setting like the user would. KeyError on an unknown id, TypeError on a wrong type,
    ValueError outside its options or range."""
    state.settings.set(setting_id, value)


def setting(setting_id: str):
    """Current typed value of a setting (KeyError on an unknown id)."""
    return state.settings.get(setting_id)


def localized_string(string_id: int) -> str:
    """The en_gb text of an addon string. An id >= 30000 missing from strings.po logs an ERROR and raises
    UnknownStringError (Kodi would show an empty label)."""
    if string_id in state.strings:
        return state.strings[string_id]
    if string_id >= 30000:
        record_log(LOGERROR, 'string id %d is not in strings.po' % string_id)
        raise UnknownStringError('string id %d is not in strings.po' % string_id)
    return ''


def answer(kind: str, value) -> None:
    """Queue the answer of the next `kind` dialog (FIFO per kind); see DIALOG_KINDS."""
    state.script.answer(kind, value)


def pending_answers() -> dict:
    """Scripted answers no dialog consumed, by kind."""
    return state.script.pending()


def directory(handle: int) -> Directory:
    """Everything recorded for `handle` (an empty record if the plugin never used it)."""
    return state.directories.get(handle) or Directory(handle)


def resolved(handle: int) -> list:
    """(succeeded, ListItem) of each setResolvedUrl call on `handle`."""
    return directory(handle).resolved


def window_property(window_id: int, key: str) -> str:
    return state.windows.get(window_id, {}).get(key.lower(), '')


def window_properties(window_id: int) -> dict:
    return dict(state.windows.get(window_id, {}))


def errors() -> list:
    """Messages logged at LOGERROR or above (by the addon or by the fakes, e.g. an invalid handle)."""
    return [message for level, message in log_lines if level >= LOGERROR]


def translate_path(path: str) -> str:
    return state.paths.translate(path)


def record_log(level: int, message: str) -> None:
    """Used by the fakes: one log line, exactly like xbmc.log records it."""
    log_lines.append((level, message))


def open_handle(handle: int) -> None:
    """Used by run_plugin: a new plugin call owns `handle`, with a fresh record."""
    state.closed_handles.discard(handle)
    state.directories[handle] = Directory(handle)


def close_handle(handle: int) -> None:
    state.closed_handles.add(handle)


def plugin_record(handle: int, caller: str):
    """Used by xbmcplugin: the record for a live `handle`, or None after logging Kodi's invalid-handle error."""
    if handle < 0 or handle in state.closed_handles:
        record_log(LOGERROR, 'xbmcplugin.%s called with an invalid handle %d' % (caller, handle))
        return None
    return state.directories.setdefault(handle, Directory(handle))


def _repo_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _folder(path) -> str:
    if path is None:
        path = tempfile.mkdtemp(prefix='fakekodi-')
        _temp_dirs.append(path)
    path = os.fspath(path)
    os.makedirs(path, exist_ok=True)
    return path


@atexit.register
def _remove_temp_dirs() -> None:
    for path in _temp_dirs:
        shutil.rmtree(path, ignore_errors=True)


reset()
