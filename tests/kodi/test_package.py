"""The release artefacts of tests/tools/build.py, as a user or Kodi's repository client receives them."""
from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
import zipfile

import pytest
from kodi_harness import ADDON_ID, repo_addon_version, vendor_pins

REPO_ID = 'repository.aiostreams'
VENDOR = '%s/resources/lib/vendor/' % ADDON_ID


@pytest.fixture(scope='module')
def members(addon_zip):
    with zipfile.ZipFile(str(addon_zip)) as archive:
        return {info.filename: info for info in archive.infolist()}


def test_zip_has_one_top_folder_named_after_the_addon(addon_zip, members):
    assert addon_zip.name == '%s-%s.zip' % (ADDON_ID, repo_addon_version())
    assert {name.split('/')[0] for name in members} == {ADDON_ID}
    for required in ('addon.xml', 'plugin.py', 'service.py', 'context.py', 'resources/settings.xml',
                     'resources/language/resource.language.en_gb/strings.po', 'addon/__init__.py'):
        assert '%s/%s' % (ADDON_ID, required) in members


def test_zip_carries_no_development_files_and_no_executable_bits(members):
    for name, info in members.items():
        parts = name.split('/')[1:]
        assert not any(part.startswith('.') for part in parts), name
        assert parts[0] not in ('tests', 'kodi-stubs', 'build', 'dist'), name
        assert not name.endswith(('.toml', '.pyi', '.pyc', '.so', 'tox.ini')), name
        assert '__pycache__' not in parts, name
        assert not (info.external_attr >> 16) & 0o111, '%s is executable' % name


def test_bundled_libraries_match_the_pins_and_ship_their_licences(addon_zip, members):
    manifest = {}
    with zipfile.ZipFile(str(addon_zip)) as archive:
        text = archive.read(VENDOR + 'VENDORED.txt').decode('utf-8')
    for line in text.splitlines():
        if line and not line.startswith('#'):
            name, rest = line.split('==', 1)
            manifest[name.lower().replace('_', '-')] = rest.split()[0]
    assert manifest == vendor_pins()
    dist_infos = {name.split('/')[4] for name in members if name.startswith(VENDOR) and '.dist-info/' in name}
    assert len(dist_infos) == len(manifest)
    for dist_info in dist_infos:
        assert any(name.startswith(VENDOR + dist_info + '/LICEN') for name in members), dist_info
    assert VENDOR + 'peewee.py' in members and VENDOR + 'guessit/__init__.py' in members


def test_repository_index_lists_both_addons_with_a_matching_checksum(addon_zip):
    dist = addon_zip.parent
    index = (dist / 'addons.xml').read_bytes()
    assert (dist / 'addons.xml.md5').read_text(encoding='ascii').strip() == hashlib.md5(index).hexdigest()
    addons = {node.attrib['id']: node.attrib['version'] for node in ET.fromstring(index).findall('addon')}
    assert addons[ADDON_ID] == repo_addon_version()
    for addon_id, version in addons.items():
        assert (dist / addon_id / ('%s-%s.zip' % (addon_id, version))).is_file(), addon_id


def test_repository_addon_points_at_the_index_and_the_zips(addon_zip):
    repo_zips = sorted(addon_zip.parent.glob('%s-*.zip' % REPO_ID))
    assert len(repo_zips) == 1
    with zipfile.ZipFile(str(repo_zips[0])) as archive:
        assert {name.split('/')[0] for name in archive.namelist()} == {REPO_ID}
        root = ET.fromstring(archive.read('%s/addon.xml' % REPO_ID))
    directory = root.find("./extension[@point='xbmc.addon.repository']/dir")
    base = directory.find('datadir').text
    assert base.endswith('/')
    assert directory.find('info').text == base + 'addons.xml'
    assert directory.find('checksum').text == base + 'addons.xml.md5'
