"""Fake of Kodi's `xbmc` module (Kodi 20 API) backed by fakekodi's state.

As on Kodi 20, there is no xbmc.translatePath (it moved to xbmcvfs in Kodi 19 and was removed in 20).
"""
from __future__ import annotations

import json as _json
import re as _re
import time as _time

import fakekodi as _fk
from fakekodi.checks import BOOL as _BOOL
from fakekodi.checks import NUMBER as _NUMBER
from fakekodi.checks import STR as _STR
from fakekodi.checks import expect as _expect
from fakekodi.videotag import (  # noqa: F401
    Actor,
    AudioStreamDetail,
    InfoTagVideo,
    SubtitleStreamDetail,
    VideoStreamDetail,
)
from fakekodi.windowxml import deliver_callbacks as _deliver_window_callbacks

LOGDEBUG = 0
LOGINFO = 1
LOGWARNING = 2
LOGERROR = 3
LOGFATAL = 4
LOGNONE = 5

PLAYLIST_MUSIC = 0
PLAYLIST_VIDEO = 1

ISO_639_1 = 0
ISO_639_2 = 1
ENGLISH_NAME = 2

_CORE_STRINGS = {106: 'No', 107: 'Yes', 137: 'Search', 186: 'OK', 222: 'Cancel', 257: 'Error'}
# Kodi's day (11 Monday .. 17 Sunday) and month names (21 January .. 32 December)
_CORE_STRINGS.update(enumerate(('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'), 11))
_CORE_STRINGS.update(enumerate(('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                                'September', 'October', 'November', 'December'), 21))
_INFO_LABELS = {'System.BuildVersion': '20.1 (20.1.0) Git:20230311-fake', 'System.Language': 'English',
                'System.ProfileName': 'Master user'}
_ADDON_CONDITION = _re.compile(r'^system\.(hasaddon|addonisenabled)\((.+)\)$', _re.IGNORECASE)


def log(msg: str, level: int = LOGDEBUG) -> None:
    _expect('log', 'msg', msg, _STR)
    _expect('log', 'level', level, (int,))
    _fk.record_log(level, msg)


def sleep(timemillis: int) -> None:
    _expect('sleep', 'timemillis', timemillis, (int,))
    _deliver_window_callbacks()
    _time.sleep(timemillis / 1000.0)


def executebuiltin(function: str, wait: bool = False) -> None:
    """Recorded in fakekodi.builtins; NotifyAll(sender,message[,data]) reaches the live Monitors."""
    _expect('executebuiltin', 'function', function, _STR)
    _expect('executebuiltin', 'wait', wait, _BOOL)
    _fk.builtins.append(function)
    match = _re.match(r'^NotifyAll\((.*)\)$', function.strip(), _re.IGNORECASE)
    if match:
        parts = [part.strip() for part in match.group(1).split(',', 2)] + ['', '']
        _fk.monitor.notify(parts[0], 'Other.' + parts[1], parts[2])


def executeJSONRPC(jsonrpccommand: str) -> str:
    """Answered by fakekodi.jsonrpc_handler (request dict -> response dict)."""
    _expect('executeJSONRPC', 'jsonrpccommand', jsonrpccommand, _STR)
    return _json.dumps(_fk.jsonrpc_handler(_json.loads(jsonrpccommand)))


def getCondVisibility(condition: str) -> bool:
    """fakekodi.cond_visibility first; then System.HasAddon / System.AddonIsEnabled and Player.* states."""
    _expect('getCondVisibility', 'condition', condition, _STR)
    if condition in _fk.cond_visibility:
        return bool(_fk.cond_visibility[condition])
    addon = _ADDON_CONDITION.match(condition.strip())
    if addon:
        addon_id = addon.group(2).strip()
        if addon_id == _fk.addon_id():
            return True
        if addon.group(1).lower() == 'hasaddon':
            return addon_id in _fk.installed_addons
        return bool(_fk.installed_addons.get(addon_id, False))
    player_states = {'player.hasmedia': _fk.player.playing, 'player.hasvideo': _fk.player.playing,
                     'player.playing': _fk.player.playing and not _fk.player.paused,
                     'player.paused': _fk.player.paused}
    return player_states.get(condition.strip().lower(), False)


def getInfoLabel(cLine: str) -> str:
    _expect('getInfoLabel', 'cLine', cLine, _STR)
    return _fk.info_labels.get(cLine, _INFO_LABELS.get(cLine, ''))


def getLocalizedString(id: int) -> str:
    """Core strings from a small table; ids 30000-30999 and 32000-32999 are the calling addon's strings."""
    _expect('getLocalizedString', 'id', id, (int,))
    if 30000 <= id <= 30999 or 32000 <= id <= 32999:
        return _fk.localized_string(id)
    return _CORE_STRINGS.get(id, '')


def getSkinDir() -> str:
    return 'skin.estuary'


def getLanguage(format: int = ENGLISH_NAME, region: bool = False) -> str:
    return {ISO_639_1: 'en', ISO_639_2: 'eng'}.get(format, 'English')


def getUserAgent() -> str:
    return 'Kodi/20.1 (X11; Linux x86_64) Debian/12 App_Bitness/64 Version/20.1-fake'


class Player:
    """Reflects fakekodi.player; every instance (subclasses too) is registered weakly for its callbacks."""

    def __new__(cls, *args, **kwargs):
        instance = super().__new__(cls)
        _fk.player.players.add(instance)
        return instance

    def play(self, item='', listitem=None, windowed: bool = False, startpos: int = -1) -> None:
        if isinstance(item, PlayList):
            if not len(item):
                return
            item = item[0]
        _fk.player.play(item, listitem=listitem)

    def stop(self) -> None:
        if _fk.player.playing:
            _fk.player.stop()

    def pause(self) -> None:
        """Toggles pause, like Kodi."""
        if _fk.player.playing:
            (_fk.player.resume if _fk.player.paused else _fk.player.pause)()

    def isPlaying(self) -> bool:
        return _fk.player.playing

    def isPlayingVideo(self) -> bool:
        return _fk.player.playing

    def isPlayingAudio(self) -> bool:
        return False

    def getPlayingFile(self) -> str:
        self._require_playing()
        return _fk.player.path

    def getPlayingItem(self):
        import xbmcgui

        self._require_playing()
        return _fk.player.listitem or xbmcgui.ListItem(path=_fk.player.path)

    def getTime(self) -> float:
        self._require_playing()
        return _fk.player.time

    def getTotalTime(self) -> float:
        self._require_playing()
        return _fk.player.duration

    def seekTime(self, seekTime: float) -> None:
        _expect('seekTime', 'seekTime', seekTime, _NUMBER)
        self._require_playing()
        _fk.player.seek(seekTime)

    def getVideoInfoTag(self) -> InfoTagVideo:
        self._require_playing()
        listitem = _fk.player.listitem
        return listitem.getVideoInfoTag() if listitem is not None else InfoTagVideo()

    @staticmethod
    def _require_playing() -> None:
        if not _fk.player.playing:
            raise RuntimeError('Kodi is not playing any media file')

    # Callbacks (no-ops, for subclasses to override)
    def onPlayBackStarted(self) -> None:
        pass

    def onAVStarted(self) -> None:
        pass

    def onAVChange(self) -> None:
        pass

    def onPlayBackEnded(self) -> None:
        pass

    def onPlayBackStopped(self) -> None:
        pass

    def onPlayBackError(self) -> None:
        pass

    def onPlayBackPaused(self) -> None:
        pass

    def onPlayBackResumed(self) -> None:
        pass

    def onQueueNextItem(self) -> None:
        pass

    def onPlayBackSpeedChanged(self, speed: int) -> None:
        pass

    def onPlayBackSeek(self, time: int, seekOffset: int) -> None:
        pass

    def onPlayBackSeekChapter(self, chapter: int) -> None:
        pass


class Monitor:
    """Reflects fakekodi.monitor; every instance (subclasses too) is registered weakly for its callbacks."""

    def __new__(cls, *args, **kwargs):
        instance = super().__new__(cls)
        _fk.monitor.monitors.add(instance)
        return instance

    def abortRequested(self) -> bool:
        return _fk.monitor.aborted

    def waitForAbort(self, timeout: float = -1) -> bool:
        if timeout is not None:
            _expect('waitForAbort', 'timeout', timeout, _NUMBER)
        _deliver_window_callbacks()
        return _fk.monitor.wait(timeout)

    # Callbacks (no-ops, for subclasses to override)
    def onSettingsChanged(self) -> None:
        pass

    def onScreensaverActivated(self) -> None:
        pass

    def onScreensaverDeactivated(self) -> None:
        pass

    def onDPMSActivated(self) -> None:
        pass

    def onDPMSDeactivated(self) -> None:
        pass

    def onScanStarted(self, library: str) -> None:
        pass

    def onScanFinished(self, library: str) -> None:
        pass

    def onCleanStarted(self, library: str) -> None:
        pass

    def onCleanFinished(self, library: str) -> None:
        pass

    def onNotification(self, sender: str, method: str, data: str) -> None:
        pass


class Keyboard:
    """Answered from the 'input' queue: a str is typed and confirmed, None cancels."""

    def __init__(self, line: str = '', heading: str = '', hidden: bool = False):
        _expect('Keyboard', 'line', line, _STR)
        _expect('Keyboard', 'heading', heading, _STR)
        self._text, self._heading, self._hidden, self._confirmed = line, heading, hidden, False

    def doModal(self, autoclose: int = 0) -> None:
        typed = _fk.state.script.show('input', heading=self._heading, default=self._text, hidden=self._hidden)
        self._confirmed = typed is not None
        if self._confirmed:
            self._text = typed

    def setDefault(self, line: str = '') -> None:
        self._text = line

    def setHeading(self, heading: str) -> None:
        self._heading = heading

    def setHiddenInput(self, hidden: bool = False) -> None:
        self._hidden = hidden

    def getText(self) -> str:
        return self._text

    def isConfirmed(self) -> bool:
        return self._confirmed


class PlayList:
    """Kodi's shared playlists of ListItems: every PlayList(PLAYLIST_VIDEO) is the same list."""

    def __init__(self, playList: int):
        if playList not in (PLAYLIST_MUSIC, PLAYLIST_VIDEO):
            raise RuntimeError('PlayList: invalid playlist id %r' % playList)
        self._id = playList

    @property
    def _entries(self) -> list:
        return _fk.state.playlists[self._id]

    def add(self, url: str, listitem=None, index: int = -1) -> None:
        """Queue `url`; the entry is `listitem` (or a new ListItem) with its path set to `url`."""
        import xbmcgui

        _expect('PlayList.add', 'url', url, _STR)
        entry = listitem if listitem is not None else xbmcgui.ListItem()
        entry.setPath(url)
        if index >= 0:
            self._entries.insert(index, entry)
        else:
            self._entries.append(entry)

    def clear(self) -> None:
        self._entries[:] = []

    def size(self) -> int:
        return len(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int):
        return self._entries[index]

    def getPlayListId(self) -> int:
        return self._id

    def getposition(self) -> int:
        return 0 if self._entries else -1
