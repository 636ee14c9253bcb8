"""Fake of Kodi's `xbmcgui` module (Kodi 20 API): ListItem, scripted Dialogs, progress dialogs, Window, and
WindowXMLDialog with its controls (fakekodi/windowxml.py)."""
from __future__ import annotations

import xbmc as _xbmc

import fakekodi as _fk
from fakekodi.checks import BOOL as _BOOL
from fakekodi.checks import INT as _INT
from fakekodi.checks import STR as _STR
from fakekodi.checks import expect as _expect
from fakekodi.checks import expect_str_dict as _expect_str_dict
from fakekodi.checks import expect_str_list as _expect_str_list
from fakekodi.windowxml import (  # noqa: F401  (API)
    ACTION_CONTEXT_MENU,
    ACTION_MOVE_DOWN,
    ACTION_MOVE_LEFT,
    ACTION_MOVE_RIGHT,
    ACTION_MOVE_UP,
    ACTION_NAV_BACK,
    ACTION_PAGE_DOWN,
    ACTION_PAGE_UP,
    ACTION_PREVIOUS_MENU,
    ACTION_SELECT_ITEM,
    ACTION_SHOW_INFO,
    ACTION_STOP,
    Action,
    Control,
    ControlImage,
    ControlLabel,
    ControlList,
    ControlTextBox,
    WindowXMLDialog,
)

NOTIFICATION_INFO = 'info'
NOTIFICATION_WARNING = 'warning'
NOTIFICATION_ERROR = 'error'

INPUT_ALPHANUM = 0
INPUT_NUMERIC = 1
INPUT_DATE = 2
INPUT_TIME = 3
INPUT_IPADDRESS = 4
INPUT_PASSWORD = 5
ALPHANUM_HIDE_INPUT = 2
PASSWORD_VERIFY = 1

DLG_YESNO_NO_BTN = 10
DLG_YESNO_YES_BTN = 11
DLG_YESNO_CUSTOM_BTN = 12

_DEPRECATED_PROPERTIES = ('resumetime', 'totaltime')


def _deprecated(name: str) -> None:
    _fk.record_log(_xbmc.LOGWARNING, '"%s" is deprecated and might be removed in future Kodi versions. '
                                     'Please use InfoTagVideo setters instead.' % name)


class ListItem:
    """A directory entry or a playable item; records everything set on it."""

    def __init__(self, label: str = '', label2: str = '', path: str = '', offscreen: bool = False):
        for arg, value, types in (('label', label, _STR), ('label2', label2, _STR), ('path', path, _STR),
                                  ('offscreen', offscreen, _BOOL)):
            _expect('ListItem', arg, value, types)
        self._label, self._label2, self._path, self.offscreen = label, label2, path, offscreen
        self._art, self._properties = {}, {}
        self.context_menu = []
        self.subtitles = []
        self.mime_type = ''
        self.content_lookup = True
        self.is_folder = None
        self.selected = False
        self.deprecated_info = {}  # what the deprecated setInfo/setCast/... calls passed
        self._tag = _xbmc.InfoTagVideo(offscreen)

    def getLabel(self) -> str:
        return self._label

    def setLabel(self, label: str) -> None:
        _expect('setLabel', 'label', label, _STR)
        self._label = label

    def getLabel2(self) -> str:
        return self._label2

    def setLabel2(self, label: str) -> None:
        _expect('setLabel2', 'label', label, _STR)
        self._label2 = label

    def getPath(self) -> str:
        return self._path

    def setPath(self, path: str) -> None:
        _expect('setPath', 'path', path, _STR)
        self._path = path

    def setArt(self, dictionary: dict) -> None:
        _expect_str_dict('setArt', 'dictionary', dictionary)
        self._art.update(dictionary)

    def getArt(self, key: str) -> str:
        return self._art.get(key, '')

    def setProperty(self, key: str, value: str) -> None:
        """Keys are case-insensitive, like Kodi's; the resume properties log Kodi's deprecation warning."""
        _expect('setProperty', 'key', key, _STR)
        _expect('setProperty', 'value', value, _STR)
        if key.lower() in _DEPRECATED_PROPERTIES:
            _deprecated('ListItem.setProperty(%s)' % key)
        self._properties[key.lower()] = value

    def setProperties(self, dictionary: dict) -> None:
        _expect_str_dict('setProperties', 'dictionary', dictionary)
        for key, value in dictionary.items():
            self.setProperty(key, value)

    def getProperty(self, key: str) -> str:
        _expect('getProperty', 'key', key, _STR)
        return self._properties.get(key.lower(), '')

    def addContextMenuItems(self, items: list) -> None:
        _expect('addContextMenuItems', 'items', items, (list,))
        for index, entry in enumerate(items):
            _expect('addContextMenuItems', 'items[%d]' % index, entry, (tuple, list))
            if len(entry) != 2:
                raise TypeError('addContextMenuItems(): items[%d] must be a (label, action) pair' % index)
            _expect_str_list('addContextMenuItems', 'items[%d]' % index, entry)
        self.context_menu.extend(tuple(entry) for entry in items)

    def setSubtitles(self, subtitleFiles: list) -> None:
        _expect_str_list('setSubtitles', 'subtitleFiles', subtitleFiles)
        self.subtitles = list(subtitleFiles)

    def setMimeType(self, mimetype: str) -> None:
        _expect('setMimeType', 'mimetype', mimetype, _STR)
        self.mime_type = mimetype

    def setContentLookup(self, enable: bool) -> None:
        _expect('setContentLookup', 'enable', enable, _BOOL)
        self.content_lookup = enable

    def setIsFolder(self, isFolder: bool) -> None:
        _expect('setIsFolder', 'isFolder', isFolder, _BOOL)
        self.is_folder = isFolder

    def select(self, selected: bool) -> None:
        _expect('select', 'selected', selected, _BOOL)
        self.selected = selected

    def isSelected(self) -> bool:
        return self.selected

    def getVideoInfoTag(self):
        return self._tag

    # Deprecated since Kodi 20: logged as a WARNING and kept in deprecated_info (not applied to the tag).
    def setInfo(self, type: str, infoLabels: dict) -> None:
        _deprecated('ListItem.setInfo()')
        self.deprecated_info.setdefault('info', {}).update(infoLabels)

    def setCast(self, actors: list) -> None:
        _deprecated('ListItem.setCast()')
        self.deprecated_info['cast'] = list(actors)

    def setUniqueIDs(self, values: dict, defaultrating: str = '') -> None:
        _deprecated('ListItem.setUniqueIDs()')
        self.deprecated_info['uniqueids'] = dict(values)

    def setRating(self, type: str, rating: float, votes: int = 0, defaultt: bool = False) -> None:
        _deprecated('ListItem.setRating()')
        self.deprecated_info.setdefault('ratings', {})[type] = (rating, votes)

    def addStreamInfo(self, cType: str, dictionary: dict) -> None:
        _deprecated('ListItem.addStreamInfo()')
        self.deprecated_info.setdefault('streams', []).append((cType, dict(dictionary)))

    def __repr__(self) -> str:
        return 'ListItem(%r, path=%r)' % (self._label, self._path)


def _labels(items: list) -> list:
    return [item.getLabel() if isinstance(item, ListItem) else item for item in items]


class Dialog:
    """Modal dialogs take their answer from fakekodi.answer(kind, value) and raise UnexpectedDialog without
    one. notification() is not modal: it is only recorded in fakekodi.notifications."""

    @staticmethod
    def _show(kind: str, **details):
        return _fk.state.script.show(kind, **details)

    def select(self, heading: str, list: list, autoclose: int = 0, preselect: int = -1,
               useDetails: bool = False) -> int:
        """The index chosen, -1 when cancelled."""
        _expect('select', 'heading', heading, _STR)
        _expect('select', 'list', list, (type([]), tuple))
        choice = self._show('select', heading=heading, list=_labels(list), preselect=preselect)
        _expect('fakekodi.answer(select)', 'value', choice, _INT)
        if not -1 <= choice < len(list):
            raise ValueError('scripted select answer %d is outside the %d options' % (choice, len(list)))
        return choice

    def multiselect(self, heading: str, options: list, autoclose: int = 0, preselect=None,
                    useDetails: bool = False):
        """A list of chosen indexes, or None when cancelled."""
        _expect('multiselect', 'heading', heading, _STR)
        _expect('multiselect', 'options', options, (list, tuple))
        chosen = self._show('multiselect', heading=heading, list=_labels(options), preselect=preselect)
        return None if chosen is None else list(chosen)

    def yesno(self, heading: str, message: str, nolabel: str = '', yeslabel: str = '', autoclose: int = 0,
              defaultbutton: int = DLG_YESNO_NO_BTN) -> bool:
        _expect('yesno', 'heading', heading, _STR)
        _expect('yesno', 'message', message, _STR)
        return bool(self._show('yesno', heading=heading, message=message, nolabel=nolabel, yeslabel=yeslabel))

    def yesnocustom(self, heading: str, message: str, customlabel: str, nolabel: str = '', yeslabel: str = '',
                    autoclose: int = 0, defaultbutton: int = DLG_YESNO_NO_BTN) -> int:
        """-1 cancelled, 0 no, 1 yes, 2 custom."""
        _expect('yesnocustom', 'heading', heading, _STR)
        _expect('yesnocustom', 'message', message, _STR)
        return self._show('yesnocustom', heading=heading, message=message, customlabel=customlabel,
                          nolabel=nolabel, yeslabel=yeslabel)

    def ok(self, heading: str, message: str) -> bool:
        _expect('ok', 'heading', heading, _STR)
        _expect('ok', 'message', message, _STR)
        return bool(self._show('ok', heading=heading, message=message))

    def textviewer(self, heading: str, text: str, usemono: bool = False) -> None:
        _expect('textviewer', 'heading', heading, _STR)
        _expect('textviewer', 'text', text, _STR)
        self._show('textviewer', heading=heading, message=text)

    def info(self, item: 'ListItem') -> bool:
        """Kodi's video information dialog for a ListItem (modal; the record keeps the item)."""
        _expect('info', 'item', item, (ListItem,))
        self._show('info', heading=item.getLabel(), item=item)
        return True

    def input(self, heading: str, defaultt: str = '', type: int = INPUT_ALPHANUM, option: int = 0,
              autoclose: int = 0) -> str:
        """The text entered; '' when cancelled (scripted answer None)."""
        _expect('input', 'heading', heading, _STR)
        _expect('input', 'defaultt', defaultt, _STR)
        typed = self._show('input', heading=heading, default=defaultt, type=type, option=option)
        return '' if typed is None else typed

    def numeric(self, type: int, heading: str, defaultt: str = '', bHiddenInput: bool = False) -> str:
        _expect('numeric', 'heading', heading, _STR)
        typed = self._show('numeric', heading=heading, default=defaultt, type=type)
        return '' if typed is None else str(typed)

    def browse(self, type: int, heading: str, shares: str, mask: str = '', useThumbs: bool = False,
               treatAsFolder: bool = False, defaultt: str = '', enableMultiple: bool = False):
        """The chosen path(s); `defaultt` when cancelled (scripted answer None)."""
        _expect('browse', 'heading', heading, _STR)
        chosen = self._show('browse', heading=heading, shares=shares, mask=mask, default=defaultt)
        return defaultt if chosen is None else chosen

    def browseSingle(self, type: int, heading: str, shares: str, mask: str = '', useThumbs: bool = False,
                     treatAsFolder: bool = False, defaultt: str = '') -> str:
        return self.browse(type, heading, shares, mask, useThumbs, treatAsFolder, defaultt)

    def contextmenu(self, list: list) -> int:
        """The index chosen, -1 when cancelled."""
        _expect('contextmenu', 'list', list, (type([]), tuple))
        return self._show('contextmenu', heading='', list=_labels(list))

    def notification(self, heading: str, message: str, icon: str = NOTIFICATION_INFO, time: int = 5000,
                     sound: bool = True) -> None:
        for arg, value, types in (('heading', heading, _STR), ('message', message, _STR), ('icon', icon, _STR),
                                  ('time', time, _INT), ('sound', sound, _BOOL)):
            _expect('notification', arg, value, types)
        _fk.notifications.append({'heading': heading, 'message': message, 'icon': icon, 'time': time,
                                  'sound': sound})


class DialogProgress:
    """Modal progress. iscanceled() turns True after N polls when the test queued
    fakekodi.answer('progress_cancel_after', N) before create()."""

    def __init__(self):
        self._record = None
        self._cancel_after = None
        self._polls = 0

    def create(self, heading: str, message: str = '') -> None:
        _expect('DialogProgress.create', 'heading', heading, _STR)
        _expect('DialogProgress.create', 'message', message, _STR)
        self._cancel_after = _fk.state.script.take('progress_cancel_after')
        self._record = {'kind': 'progress', 'heading': heading, 'message': message, 'updates': [],
                        'closed': False, 'answer': self._cancel_after}
        _fk.dialogs.append(self._record)

    def update(self, percent: int, message: str = '') -> None:
        _expect('DialogProgress.update', 'percent', percent, _INT)
        _expect('DialogProgress.update', 'message', message, _STR)
        self._require_created()
        self._record['updates'].append((percent, message))

    def iscanceled(self) -> bool:
        self._require_created()
        self._polls += 1
        return self._cancel_after is not None and self._polls > self._cancel_after

    def close(self) -> None:
        if self._record is not None:
            self._record['closed'] = True

    def _require_created(self) -> None:
        if self._record is None:
            raise RuntimeError('DialogProgress used before create()')


class DialogProgressBG:
    """Background (non-modal) progress, recorded in fakekodi.dialogs as kind 'progress_bg'."""

    def __init__(self):
        self._record = None

    def create(self, heading: str, message: str = '') -> None:
        _expect('DialogProgressBG.create', 'heading', heading, _STR)
        _expect('DialogProgressBG.create', 'message', message, _STR)
        self._record = {'kind': 'progress_bg', 'heading': heading, 'message': message, 'updates': [],
                        'closed': False}
        _fk.dialogs.append(self._record)

    def update(self, percent: int = 0, heading: str = '', message: str = '') -> None:
        _expect('DialogProgressBG.update', 'percent', percent, _INT)
        if self._record is None:
            raise RuntimeError('DialogProgressBG used before create()')
        self._record['updates'].append((percent, heading, message))

    def isFinished(self) -> bool:
        return self._record is None or self._record['closed']

    def close(self) -> None:
        if self._record is not None:
            self._record['closed'] = True


class Window:
    """Window properties live in fakekodi (shared by every Window object with the same id, like Kodi's)."""

    def __init__(self, existingWindowId: int = -1):
        _expect('Window', 'existingWindowId', existingWindowId, _INT)
        self._id = existingWindowId if existingWindowId >= 0 else _fk.state.active_window

    @property
    def _properties(self) -> dict:
        return _fk.state.windows.setdefault(self._id, {})

    def getProperty(self, key: str) -> str:
        _expect('getProperty', 'key', key, _STR)
        return self._properties.get(key.lower(), '')

    def setProperty(self, key: str, value: str) -> None:
        _expect('setProperty', 'key', key, _STR)
        _expect('setProperty', 'value', value, _STR)
        self._properties[key.lower()] = value

    def clearProperty(self, key: str) -> None:
        _expect('clearProperty', 'key', key, _STR)
        self._properties.pop(key.lower(), None)

    def clearProperties(self) -> None:
        self._properties.clear()

    def getId(self) -> int:
        return self._id


def getCurrentWindowId() -> int:
    return _fk.state.active_window


def getCurrentWindowDialogId() -> int:
    return 9999  # no dialog open
