"""Addon metadata read from addon.xml (id, name, version, assets, entry scripts)."""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET


class AddonMeta:
    """What xbmcaddon.Addon().getAddonInfo() reports for the addon under test."""

    def __init__(self, root: str):
        self.root = root
        self.id = os.path.basename(os.path.normpath(root))
        self.name = self.id
        self.version = '0.0.0'
        self.author = ''
        self.summary = ''
        self.description = ''
        self.disclaimer = ''
        self.icon = ''
        self.fanart = ''
        self.plugin_entry = 'plugin.py'
        path = os.path.join(root, 'addon.xml')
        if os.path.isfile(path):
            self._read(ET.parse(path).getroot())

    def _read(self, addon: ET.Element) -> None:
        self.id = addon.get('id', self.id)
        self.name = addon.get('name', self.id)
        self.version = addon.get('version', self.version)
        self.author = addon.get('provider-name', '')
        for extension in addon.iter('extension'):
            point = extension.get('point')
            if point == 'xbmc.python.pluginsource':
                self.plugin_entry = extension.get('library', self.plugin_entry)
            elif point == 'xbmc.addon.metadata':
                self._read_metadata(extension)

    def _read_metadata(self, meta: ET.Element) -> None:
        for field in ('summary', 'description', 'disclaimer'):
            node = meta.find(field)
            if node is not None:
                setattr(self, field, node.text or '')
        for asset in ('icon', 'fanart'):
            node = meta.find('assets/' + asset)
            if node is not None and node.text:
                setattr(self, asset, os.path.join(self.root, node.text))
