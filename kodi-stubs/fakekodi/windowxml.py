"""Fake of xbmcgui.WindowXMLDialog and the controls of its XML (Kodi 20 API), driven by scripted input.

Like Kodi, the window reads its XML from <scriptPath>/resources/skins/<defaultSkin>/<defaultRes>/<xmlFilename>
when it is created (RuntimeError when missing); its controls exist only once doModal() has opened it, so
getControl() before onInit() raises RuntimeError, as does an id the XML lacks. doModal() takes the next
fakekodi.answer('window', [inputs]) (UnexpectedDialog without one), calls onInit(), then plays the inputs:
'up' / 'down' move the focused list and reach onAction; 'select' reaches onClick(focused id) then onAction
(ACTION_SELECT_ITEM); 'info', 'back', 'menu' and 'context' reach onAction only. The base onAction closes the window
on back and previous-menu, like Kodi's. When the inputs run out with the window still open, UnexpectedDialog.

show() opens the window without waiting, like Kodi: its callbacks (onInit first, then one scripted input each, 'wait'
meaning none) reach it during the Kodi waits (Monitor.waitForAbort, xbmc.sleep) of the thread that created it, as
Kodi delivers a Python window's callbacks; other threads' waits deliver nothing. No input queued: none comes.
"""
from __future__ import annotations

import os
import threading
import xml.etree.ElementTree as ElementTree

import fakekodi as _fk
from fakekodi.checks import BOOL, INT, STR, expect
from fakekodi.dialogs import UnexpectedDialog

ACTION_MOVE_LEFT = 1
ACTION_MOVE_RIGHT = 2
ACTION_MOVE_UP = 3
ACTION_MOVE_DOWN = 4
ACTION_PAGE_UP = 5
ACTION_PAGE_DOWN = 6
ACTION_SELECT_ITEM = 7
ACTION_PREVIOUS_MENU = 10
ACTION_SHOW_INFO = 11
ACTION_STOP = 13
ACTION_NAV_BACK = 92
ACTION_CONTEXT_MENU = 117

INPUTS = {'up': ACTION_MOVE_UP, 'down': ACTION_MOVE_DOWN, 'select': ACTION_SELECT_ITEM, 'info': ACTION_SHOW_INFO,
          'back': ACTION_NAV_BACK, 'menu': ACTION_PREVIOUS_MENU, 'context': ACTION_CONTEXT_MENU}


class Action:
    """What onAction receives: getId() is the action id (xbmcgui.ACTION_*)."""

    def __init__(self, action_id: int, button_code: int = 0):
        self._id, self._button = action_id, button_code

    def getId(self) -> int:
        return self._id

    def getButtonCode(self) -> int:
        return self._button

    def getAmount1(self) -> float:
        return 0.0

    def getAmount2(self) -> float:
        return 0.0


class Control:
    """A control of the window's XML; `kind` is its XML type."""

    def __init__(self, control_id: int, kind: str):
        self._id, self.kind = control_id, kind
        self.visible = True
        self.enabled = True

    def getId(self) -> int:
        return self._id

    def setVisible(self, visible: bool) -> None:
        expect('setVisible', 'visible', visible, BOOL)
        self.visible = visible

    def isVisible(self) -> bool:
        return self.visible

    def setEnabled(self, enabled: bool) -> None:
        expect('setEnabled', 'enabled', enabled, BOOL)
        self.enabled = enabled


class ControlLabel(Control):
    def __init__(self, control_id: int, kind: str = 'label'):
        super().__init__(control_id, kind)
        self.label = ''

    def setLabel(self, label: str = '', font=None, textColor=None, disabledColor=None, shadowColor=None,
                 focusedColor=None, label2: str = '') -> None:
        expect('setLabel', 'label', label, STR)
        self.label = label

    def getLabel(self) -> str:
        return self.label


class ControlTextBox(Control):
    def __init__(self, control_id: int, kind: str = 'textbox'):
        super().__init__(control_id, kind)
        self.text = ''

    def setText(self, text: str) -> None:
        expect('setText', 'text', text, STR)
        self.text = text

    def getText(self) -> str:
        return self.text

    def reset(self) -> None:
        self.text = ''


class ControlImage(Control):
    def __init__(self, control_id: int, kind: str = 'image'):
        super().__init__(control_id, kind)
        self.image = ''

    def setImage(self, imageFilename: str, useCache: bool = True) -> None:
        expect('setImage', 'imageFilename', imageFilename, STR)
        self.image = imageFilename

    def setColorDiffuse(self, colorDiffuse: str) -> None:
        expect('setColorDiffuse', 'colorDiffuse', colorDiffuse, STR)


class ControlList(Control):
    """A list or panel: its ListItems and the selected position (-1 while empty)."""

    def __init__(self, control_id: int, kind: str = 'list'):
        super().__init__(control_id, kind)
        self.items = []
        self.position = -1

    def addItem(self, item, sendMessage: bool = True) -> None:
        import xbmcgui  # the fake xbmcgui imports this module
        if isinstance(item, str):
            item = xbmcgui.ListItem(item)
        expect('ControlList.addItem', 'item', item, (xbmcgui.ListItem,))
        self.items.append(item)
        if self.position < 0:
            self.position = 0

    def addItems(self, items: list) -> None:
        expect('ControlList.addItems', 'items', items, (list, tuple))
        for item in items:
            self.addItem(item)

    def reset(self) -> None:
        self.items, self.position = [], -1

    def size(self) -> int:
        return len(self.items)

    def getSelectedPosition(self) -> int:
        return self.position

    def getSelectedItem(self):
        return self.items[self.position] if self.items else None

    def selectItem(self, item: int) -> None:
        expect('selectItem', 'item', item, INT)
        if 0 <= item < len(self.items):
            self.position = item

    def getListItem(self, index: int):
        expect('getListItem', 'index', index, INT)
        if not 0 <= index < len(self.items):
            raise RuntimeError('Index out of range')
        return self.items[index]

    def move(self, step: int) -> None:
        """Kodi's up/down inside the list: one row, stopping at either end."""
        if self.items:
            self.position = max(0, min(len(self.items) - 1, self.position + step))


_CONTROL_TYPES = {'label': ControlLabel, 'fadelabel': ControlLabel, 'button': ControlLabel,
                  'textbox': ControlTextBox, 'image': ControlImage, 'list': ControlList, 'panel': ControlList,
                  'wraplist': ControlList, 'fixedlist': ControlList}


def _read_xml(path: str):
    """(default control id or None, {id: XML type}) of a window XML."""
    root = ElementTree.parse(path).getroot()
    default = root.findtext('defaultcontrol')
    controls = {}
    for element in root.iter('control'):
        if element.get('id'):
            controls[int(element.get('id'))] = element.get('type', '')
    return (int(default) if default and default.strip().isdigit() else None), controls


class WindowXMLDialog:
    """A modal window from the addon's own skin XML (see the module's docstring for the scripted input)."""

    def __new__(cls, xmlFilename: str, scriptPath: str, defaultSkin: str = 'Default', defaultRes: str = '720p',
                isMedia: bool = False, *args, **kwargs):
        for arg, value in (('xmlFilename', xmlFilename), ('scriptPath', scriptPath), ('defaultSkin', defaultSkin),
                           ('defaultRes', defaultRes)):
            expect('WindowXMLDialog', arg, value, STR)
        path = os.path.join(scriptPath, 'resources', 'skins', defaultSkin, defaultRes, xmlFilename)
        if not os.path.isfile(path):
            raise RuntimeError('XML File for Window is missing')
        window = super().__new__(cls)
        window._xml = xmlFilename
        window._default_focus, window._control_types = _read_xml(path)
        window._controls = {}
        window._focus = None
        window._open = False
        window._properties = {}
        window._record = None
        window._thread = threading.get_ident()
        window._pending = None  # show(): [onInit, inputs...] not yet delivered
        return window

    def __init__(self, *args, **kwargs):
        """Kodi builds the window in __new__; a subclass need not call this."""

    # ---- what the addon overrides ----
    def onInit(self) -> None:
        pass

    def onAction(self, action: Action) -> None:
        if action.getId() in (ACTION_PREVIOUS_MENU, ACTION_NAV_BACK):
            self.close()

    def onClick(self, controlId: int) -> None:
        pass

    def onFocus(self, controlId: int) -> None:
        pass

    # ---- the API ----
    def doModal(self) -> None:
        inputs = _fk.state.script.take('window')
        self._record = {'kind': 'window', 'xml': self._xml, 'inputs': inputs, 'closed': False}
        _fk.dialogs.append(self._record)
        if inputs is None:
            raise UnexpectedDialog('window %r opened without scripted input (fakekodi.answer(\'window\', [...]))'
                                   % self._xml)
        self._controls = {control_id: _CONTROL_TYPES.get(kind, Control)(control_id, kind)
                          for control_id, kind in self._control_types.items()}
        self._focus = self._default_focus
        self._open = True
        self.onInit()
        for name in inputs:
            if not self._open:
                raise ValueError('scripted window input %r after the window closed' % name)
            self._input(name)
        if self._open:
            self._open = False
            raise UnexpectedDialog('window %r still open after the scripted inputs %r' % (self._xml, inputs))

    def show(self) -> None:
        inputs = _fk.state.script.take('window') or []
        self._record = {'kind': 'window', 'xml': self._xml, 'inputs': inputs, 'closed': False, 'shown': True}
        _fk.dialogs.append(self._record)
        self._controls = {control_id: _CONTROL_TYPES.get(kind, Control)(control_id, kind)
                          for control_id, kind in self._control_types.items()}
        self._focus = self._default_focus
        self._open = True
        self._pending = ['init'] + list(inputs)
        _fk.state.shown_windows.append(self)

    def close(self) -> None:
        self._open = False
        if self in _fk.state.shown_windows:
            _fk.state.shown_windows.remove(self)
        if self._record is not None:
            self._record['closed'] = True

    def getControl(self, iControlId: int) -> Control:
        expect('getControl', 'iControlId', iControlId, INT)
        if iControlId not in self._controls:
            raise RuntimeError('Non-Existent Control %d' % iControlId)
        return self._controls[iControlId]

    def setFocusId(self, iControlId: int) -> None:
        expect('setFocusId', 'iControlId', iControlId, INT)
        self._focus = iControlId

    def getFocusId(self) -> int:
        if self._focus not in self._controls:
            raise RuntimeError('No control in this window has focus')
        return self._focus

    def setProperty(self, key: str, value: str) -> None:
        expect('setProperty', 'key', key, STR)
        expect('setProperty', 'value', value, STR)
        self._properties[key.lower()] = value

    def getProperty(self, key: str) -> str:
        expect('getProperty', 'key', key, STR)
        return self._properties.get(key.lower(), '')

    def clearProperty(self, key: str) -> None:
        self._properties.pop(key.lower(), None)

    def _deliver_next(self) -> None:
        name = self._pending.pop(0)
        if name == 'init':
            self.onInit()
        elif name != 'wait':
            self._input(name)

    def _input(self, name: str) -> None:
        if name not in INPUTS:
            raise ValueError('unknown window input %r; one of %s' % (name, ', '.join(INPUTS)))
        focused = self._controls.get(self._focus)
        if name in ('up', 'down') and isinstance(focused, ControlList):
            focused.move(1 if name == 'down' else -1)
        if name == 'select' and focused is not None:
            self.onClick(self._focus)
            if not self._open:
                return
        self.onAction(Action(INPUTS[name]))


def deliver_callbacks() -> None:
    """A Kodi wait of the calling thread: the next callback of each window it created and show()ed."""
    if _fk.state is None:
        return
    caller = threading.get_ident()
    for window in list(_fk.state.shown_windows):
        if window._thread == caller and window._open and window._pending:
            window._deliver_next()
