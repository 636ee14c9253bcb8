"""Addon settings: definitions and defaults from resources/settings.xml, values overlaid from the profile.

Both settings.xml formats load: version="1" (`<setting type=...><default>..</default>`) and the legacy one
(`<setting type="bool" default="true"/>`). Values are held typed: bool, int, float, str or list.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET

# settings.xml type -> value kind
_V1_KINDS = {'boolean': 'bool', 'integer': 'int', 'number': 'float'}
_LEGACY_KINDS = {'bool': 'bool', 'number': 'int', 'enum': 'int'}
_EMPTY = {'bool': False, 'int': 0, 'float': 0.0, 'str': '', 'list': []}
_PYTHON_TYPES = {'bool': (bool,), 'int': (int,), 'float': (int, float), 'str': (str,), 'list': (list, tuple)}


class UnknownSettingError(KeyError, TypeError):
    """An id that settings.xml does not define. A TypeError like Kodi's getters raise, and a KeyError."""


class SettingDef:
    """One setting of settings.xml: its value kind (and item kind for lists), default and constraints."""

    def __init__(self, setting_id: str, setting_type: str, kind: str, item_kind: str = ''):
        self.id = setting_id
        self.type = setting_type
        self.kind = kind
        self.item_kind = item_kind
        self.default = _copy(_EMPTY[kind])
        self.options = []
        self.minimum = None
        self.maximum = None

    def parse(self, text) -> object:
        """Convert the text form used in XML files (and by Addon.setSetting) to a typed value."""
        text = text or ''
        if self.kind == 'list':
            return [_parse_scalar(self.item_kind, part) for part in text.split('|')] if text else []
        return _parse_scalar(self.kind, text)

    def format(self, value) -> str:
        """The text form Addon.getSetting() returns."""
        if self.kind == 'list':
            return '|'.join(_format_scalar(item) for item in value)
        return _format_scalar(value)

    def validate(self, value) -> None:
        """TypeError on a wrong Python type, ValueError outside the options or the minimum/maximum."""
        types = _PYTHON_TYPES[self.kind]
        if not isinstance(value, types) or (self.kind in ('int', 'float') and isinstance(value, bool)):
            raise TypeError('setting %r is of type %s, got %s' % (self.id, self.type, type(value).__name__))
        items = value if self.kind == 'list' else [value]
        if self.options and any(item not in self.options for item in items):
            raise ValueError('setting %r accepts only %r, got %r' % (self.id, self.options, value))
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            raise ValueError('setting %r must be within %s..%s, got %r' % (self.id, self.minimum, self.maximum, value))


def _parse_scalar(kind: str, text: str):
    if kind != 'str':
        text = text.strip()
    if kind == 'bool':
        if text.lower() not in ('true', 'false'):
            raise ValueError('not a boolean: %r' % text)
        return text.lower() == 'true'
    if kind == 'int':
        return int(text) if text else 0
    if kind == 'float':
        return float(text) if text else 0.0
    return text


def _copy(value):
    return list(value) if isinstance(value, (list, tuple)) else value


def _format_scalar(value) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def _v1_definition(node: ET.Element) -> SettingDef:
    setting_type = node.get('type', 'string')
    if setting_type.startswith('list[') and setting_type.endswith(']'):
        item_kind = _V1_KINDS.get(setting_type[5:-1], 'str')
        definition = SettingDef(node.get('id'), setting_type, 'list', item_kind)
    else:
        definition = SettingDef(node.get('id'), setting_type, _V1_KINDS.get(setting_type, 'str'))
    default = node.find('default')
    if default is not None:
        definition.default = definition.parse(default.text)
    scalar = definition.item_kind or definition.kind
    definition.options = [_parse_scalar(scalar, o.text or '') for o in node.findall('constraints/options/option')]
    for bound in ('minimum', 'maximum'):
        bound_node = node.find('constraints/' + bound)
        if bound_node is not None and definition.kind in ('int', 'float'):
            setattr(definition, bound, _parse_scalar(definition.kind, bound_node.text or ''))
    return definition


def _legacy_definition(node: ET.Element) -> SettingDef:
    setting_type = node.get('type', 'text')
    kind = _LEGACY_KINDS.get(setting_type, 'str')
    if setting_type == 'slider':
        kind = 'float' if node.get('option') == 'float' else 'int'
    definition = SettingDef(node.get('id'), setting_type, kind)
    labels = node.get('lvalues') or node.get('values')
    if setting_type == 'enum' and labels:
        definition.options = list(range(len(labels.split('|'))))
    elif setting_type == 'labelenum' and node.get('values'):
        definition.options = node.get('values').split('|')
    if node.get('default') is not None:
        definition.default = definition.parse(node.get('default'))
    return definition


def parse_definitions(xml_text: str) -> dict:
    """{id: SettingDef} in document order; separators and id-less elements are skipped."""
    root = ET.fromstring(xml_text)
    make = _v1_definition if root.get('version') == '1' else _legacy_definition
    definitions = {}
    for node in root.iter('setting'):
        if node.get('id') and node.get('type') not in ('lsep', 'sep'):
            definitions[node.get('id')] = make(node)
    return definitions


class SettingsStore:
    """Current typed values of one addon's settings."""

    def __init__(self, definitions: dict):
        self.definitions = definitions
        self.values = {key: _copy(d.default) for key, d in definitions.items()}

    def definition(self, setting_id: str) -> SettingDef:
        if not isinstance(setting_id, str):
            raise TypeError('setting id must be str, not %s' % type(setting_id).__name__)
        if setting_id not in self.definitions:
            raise UnknownSettingError('unknown setting id %r (not in resources/settings.xml)' % setting_id)
        return self.definitions[setting_id]

    def get(self, setting_id: str, kind: str = ''):
        """Typed value; `kind` ('bool', 'int', 'float', 'str', 'list') must match the setting's kind."""
        definition = self.definition(setting_id)
        if kind and kind != definition.kind:
            raise TypeError('Invalid setting type: %r is %s, not %s' % (setting_id, definition.type, kind))
        return _copy(self.values[setting_id])

    def set(self, setting_id: str, value, kind: str = '') -> None:
        definition = self.definition(setting_id)
        if kind and kind != definition.kind:
            raise TypeError('Invalid setting type: %r is %s, not %s' % (setting_id, definition.type, kind))
        definition.validate(value)
        self.values[setting_id] = _copy(value)

    def get_text(self, setting_id: str) -> str:
        definition = self.definition(setting_id)
        return definition.format(self.values[setting_id])

    def set_text(self, setting_id: str, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError('setSetting value must be str, not %s' % type(text).__name__)
        self.set(setting_id, self.definition(setting_id).parse(text))

    def overlay_user_file(self, path: str) -> None:
        """Apply a profile settings.xml (Kodi 19+ `<setting id="x">v</setting>` or old `value="v"` form)."""
        if not os.path.isfile(path):
            return
        for node in ET.parse(path).getroot().iter('setting'):
            setting_id = node.get('id')
            if setting_id not in self.definitions or node.get('default') == 'true':
                continue
            text = node.get('value') if 'value' in node.attrib else node.text
            try:
                self.set_text(setting_id, text or '')
            except ValueError:
                continue  # Kodi keeps the default when a stored value no longer fits


def load_settings(addon_root: str, user_file: str) -> SettingsStore:
    """Settings of the addon at `addon_root`; an addon without resources/settings.xml has none."""
    path = os.path.join(addon_root, 'resources', 'settings.xml')
    definitions = {}
    if os.path.isfile(path):
        with open(path, encoding='utf-8') as handle:
            definitions = parse_definitions(handle.read())
    store = SettingsStore(definitions)
    store.overlay_user_file(user_file)
    return store
