"""Fake of Kodi's `xbmcaddon` module: the addon under test (from fakekodi.reset's addon_root) with its
settings.xml settings and strings.po strings.

Stricter than Kodi where that catches bugs: every getter, getSetting included, raises for an id that
settings.xml does not define (fakekodi.UnknownSettingError, a TypeError like Kodi's typed getters raise).
"""
from __future__ import annotations

import fakekodi as _fk
from fakekodi.checks import BOOL as _BOOL
from fakekodi.checks import INT as _INT
from fakekodi.checks import NUMBER as _NUMBER
from fakekodi.checks import STR as _STR
from fakekodi.checks import expect as _expect
from fakekodi.checks import expect_str_list as _expect_str_list
from fakekodi.settings import SettingsStore as _SettingsStore

_INFO = ('author', 'changelog', 'description', 'disclaimer', 'fanart', 'icon', 'id', 'name', 'path',
         'profile', 'stars', 'summary', 'type', 'version')


class Settings:
    """Kodi 20's typed settings API (Addon.getSettings())."""

    def __init__(self, addon):
        self._addon = addon

    @property
    def _store(self):
        return self._addon._store

    def getBool(self, id: str) -> bool:
        return self._store.get(id, 'bool')

    def getInt(self, id: str) -> int:
        return self._store.get(id, 'int')

    def getNumber(self, id: str) -> float:
        return float(self._store.get(id, 'float'))

    def getString(self, id: str) -> str:
        return self._store.get(id, 'str')

    def getBoolList(self, id: str) -> list:
        return self._list(id, 'bool')

    def getIntList(self, id: str) -> list:
        return self._list(id, 'int')

    def getNumberList(self, id: str) -> list:
        return self._list(id, 'float')

    def getStringList(self, id: str) -> list:
        return self._list(id, 'str')

    def setBool(self, id: str, value: bool) -> None:
        _expect('setBool', 'value', value, _BOOL)
        self._store.set(id, value, 'bool')

    def setInt(self, id: str, value: int) -> None:
        _expect('setInt', 'value', value, _INT)
        self._store.set(id, value, 'int')

    def setNumber(self, id: str, value: float) -> None:
        _expect('setNumber', 'value', value, _NUMBER)
        self._store.set(id, float(value), 'float')

    def setString(self, id: str, value: str) -> None:
        _expect('setString', 'value', value, _STR)
        self._store.set(id, value, 'str')

    def setStringList(self, id: str, values: list) -> None:
        _expect_str_list('setStringList', 'values', values)
        self._list(id, 'str')
        self._store.set(id, list(values), 'list')

    def setIntList(self, id: str, values: list) -> None:
        _expect('setIntList', 'values', values, (list, tuple))
        for index, value in enumerate(values):
            _expect('setIntList', 'values[%d]' % index, value, _INT)
        self._list(id, 'int')
        self._store.set(id, list(values), 'list')

    def _list(self, id: str, item_kind: str) -> list:
        values = self._store.get(id, 'list')
        if self._store.definition(id).item_kind != item_kind:
            raise TypeError('Invalid setting type: %r is %s' % (id, self._store.definition(id).type))
        return values


class Addon:
    """Addon(): the addon under test. Addon(id) for another addon in fakekodi.installed_addons gives an addon
    without settings or strings; any other id raises RuntimeError, like Kodi."""

    def __init__(self, id: str = ''):
        _expect('Addon', 'id', id or '', _STR)
        own = _fk.state.meta
        if id and id != own.id and id not in _fk.installed_addons:
            raise RuntimeError("Unknown addon id '%s'." % id)
        self._own = not id or id == own.id
        self._id = own.id if self._own else id
        self._other_store = None if self._own else _SettingsStore({})

    @property
    def _store(self):
        """Looked up on every call, so an Addon() kept at module level sees the state of the current test."""
        return _fk.state.settings if self._own else self._other_store

    def getAddonInfo(self, id: str) -> str:
        _expect('getAddonInfo', 'id', id, _STR)
        key = id.lower()
        if key not in _INFO:
            raise RuntimeError("'%s' is an invalid Id" % id)
        if not self._own:
            return {'id': self._id, 'name': self._id, 'version': '1.0.0'}.get(key, '')
        meta = _fk.state.meta
        values = {'id': meta.id, 'name': meta.name, 'version': meta.version, 'author': meta.author,
                  'summary': meta.summary, 'description': meta.description, 'disclaimer': meta.disclaimer,
                  'icon': meta.icon, 'fanart': meta.fanart, 'path': meta.root, 'profile': _fk.state.profile,
                  'type': 'xbmc.python.pluginsource', 'stars': '0', 'changelog': ''}
        return values[key]

    def getLocalizedString(self, id: int) -> str:
        """en_gb text; an id >= 30000 that strings.po lacks logs an ERROR and raises fakekodi.UnknownStringError."""
        _expect('getLocalizedString', 'id', id, _INT)
        return _fk.localized_string(id) if self._own else ''

    def getSettings(self) -> Settings:
        return Settings(self)

    def getSetting(self, id: str) -> str:
        return self._store.get_text(id)

    def getSettingBool(self, id: str) -> bool:
        return self._store.get(id, 'bool')

    def getSettingInt(self, id: str) -> int:
        return self._store.get(id, 'int')

    def getSettingNumber(self, id: str) -> float:
        return float(self._store.get(id, 'float'))

    def getSettingString(self, id: str) -> str:
        return self._store.get(id, 'str')

    def setSetting(self, id: str, value: str) -> None:
        """Text form, converted to the setting's type ('true'/'false', '15', ...)."""
        self._store.set_text(id, value)

    def setSettingBool(self, id: str, value: bool) -> bool:
        _expect('setSettingBool', 'value', value, _BOOL)
        self._store.set(id, value, 'bool')
        return True

    def setSettingInt(self, id: str, value: int) -> bool:
        _expect('setSettingInt', 'value', value, _INT)
        self._store.set(id, value, 'int')
        return True

    def setSettingNumber(self, id: str, value: float) -> bool:
        _expect('setSettingNumber', 'value', value, _NUMBER)
        self._store.set(id, float(value), 'float')
        return True

    def setSettingString(self, id: str, value: str) -> bool:
        _expect('setSettingString', 'value', value, _STR)
        self._store.set(id, value, 'str')
        return True

    def openSettings(self) -> None:
        _fk.dialogs.append({'kind': 'settings', 'heading': self._id, 'answer': None})
