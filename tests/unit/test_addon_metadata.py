"""addon.xml as Kodi's add-on browser shows it: news, screenshots that exist at a size the repository accepts,
website and source links, a changelog of this version, and the optional add-ons declared as optional imports."""
from __future__ import annotations

import os
import struct
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDON = ET.parse(os.path.join(REPO, 'addon.xml')).getroot()
METADATA = ADDON.find("./extension[@point='xbmc.addon.metadata']")


def png_size(path):
    with open(path, 'rb') as handle:
        header = handle.read(24)
    assert header[:8] == b'\x89PNG\r\n\x1a\n', path
    return struct.unpack('>II', header[16:24])


def test_optional_addons_are_optional_imports_and_the_required_ones_are_not():
    imports = {node.get('addon'): node.get('optional') for node in ADDON.iter('import')}
    for addon_id in ('plugin.video.youtube', 'service.upnext', 'plugin.video.themoviedb.helper'):
        assert imports[addon_id] == 'true', addon_id
    assert all(imports[addon_id] is None for addon_id in ('xbmc.python', 'script.module.requests'))


def test_screenshots_exist_at_a_size_the_repository_accepts():
    shots = [node.text for node in METADATA.findall('./assets/screenshot')]
    assert len(shots) >= 4
    for shot in shots:
        path = os.path.join(REPO, shot)
        assert png_size(path) in ((1280, 720), (1920, 1080)), shot
        assert os.path.getsize(path) < 750 * 1024, shot


def test_news_links_and_a_changelog_of_this_version():
    assert 0 < len(METADATA.findtext('news').strip()) <= 1500
    assert METADATA.findtext('website').startswith('https://')
    assert METADATA.findtext('source').startswith('https://')
    with open(os.path.join(REPO, 'changelog.txt'), encoding='utf-8') as handle:
        assert handle.readline().startswith('v%s ' % ADDON.get('version'))
