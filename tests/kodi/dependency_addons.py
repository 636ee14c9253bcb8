"""The dependency addons the real-Kodi harness installs next to the plugin.

script.module.routing and script.module.kodi-six are packaged from the project's own doubles in kodi-stubs/
(they behave like the real libraries); script.module.requests is requests and its dependencies installed with
pip (pins from tests/requirements-dev.txt). Each gets the version the plugin's addon.xml requires.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STUBS = ROOT / 'kodi-stubs'
CACHE = ROOT / 'build' / 'kodi-addons'
REQUESTS_DISTRIBUTIONS = ('requests', 'urllib3', 'idna', 'certifi', 'charset-normalizer')

MODULE_ADDON_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{id}" name="{name}" version="{version}" provider-name="AIOStreams tests">
  <requires>
    <import addon="xbmc.python" version="3.0.0"/>
  </requires>
  <extension point="xbmc.python.module" library="lib"/>
  <extension point="xbmc.addon.metadata">
    <summary lang="en_GB">{name} for the AIOStreams end-to-end tests</summary>
    <description lang="en_GB">{description}</description>
    <platform>all</platform>
  </extension>
</addon>
"""


def required_versions(addon_xml: Path) -> dict:
    root = ET.parse(str(addon_xml)).getroot()
    return {node.attrib['addon']: node.attrib.get('version', '0.0.1') for node in root.findall('./requires/import')}


def requests_pins(requirements: Path = ROOT / 'tests' / 'requirements-dev.txt') -> list:
    pins = []
    for line in requirements.read_text(encoding='utf-8').splitlines():
        name = re.split(r'[=<>!~ ;]', line.strip(), maxsplit=1)[0].lower()
        if name in REQUESTS_DISTRIBUTIONS:
            pins.append(line.strip())
    if len(pins) != len(REQUESTS_DISTRIBUTIONS):
        raise RuntimeError('tests/requirements-dev.txt must pin %s' % ', '.join(REQUESTS_DISTRIBUTIONS))
    return pins


def build_dependency_addons(plugin_addon_xml: Path = ROOT / 'addon.xml', out: Path = CACHE) -> list:
    """Create the three dependency addon folders under `out`; returns their paths."""
    versions = required_versions(plugin_addon_xml)
    out.mkdir(parents=True, exist_ok=True)
    return [
        _module_addon(out, 'script.module.routing', 'routing', versions.get('script.module.routing', '0.2.3'),
                      [(STUBS / 'routing.py', 'routing.py')],
                      'The routing double from kodi-stubs/routing.py.'),
        _module_addon(out, 'script.module.kodi-six', 'kodi-six', versions.get('script.module.kodi-six', '0.1.3'),
                      [(STUBS / 'kodi_six', 'kodi_six')],
                      'The kodi_six double from kodi-stubs/kodi_six.'),
        _requests_addon(out, versions.get('script.module.requests', '2.25.1')),
    ]


def _module_addon(out: Path, addon_id, name, version, sources, description) -> Path:
    for source, _target in sources:
        if not source.exists():
            raise RuntimeError('%s is missing: the harness packages %s from it' % (source, addon_id))
    folder = out / addon_id
    if folder.exists():
        shutil.rmtree(str(folder))
    lib = folder / 'lib'
    lib.mkdir(parents=True)
    for source, target in sources:
        if source.is_dir():
            shutil.copytree(str(source), str(lib / target), ignore=shutil.ignore_patterns('__pycache__', '*.pyc'))
        else:
            shutil.copyfile(str(source), str(lib / target))
    (folder / 'addon.xml').write_text(MODULE_ADDON_XML.format(id=addon_id, name=name, version=version,
                                                             description=description), encoding='utf-8')
    return folder


def _requests_addon(out: Path, required_version) -> Path:
    """script.module.requests with requests + urllib3 + idna + certifi + charset-normalizer (pure wheels)."""
    pins = requests_pins()
    version = max(required_version, _pinned_version(pins, 'requests'), key=_version_key)
    key = hashlib.sha256(('\n'.join(pins) + version).encode('utf-8')).hexdigest()[:12]
    folder = out / 'script.module.requests'
    stamp = out / ('script.module.requests.%s.built' % key)
    if stamp.exists() and folder.is_dir():
        return folder
    if folder.exists():
        shutil.rmtree(str(folder))
    lib = folder / 'lib'
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK='1')
    subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps', '--no-compile', '--target',
                    str(lib), '--only-binary=:all:', '--implementation', 'py', '--abi', 'none',
                    '--platform', 'any'] + pins, check=True, env=env)
    shutil.rmtree(str(lib / 'bin'), ignore_errors=True)
    (folder / 'addon.xml').write_text(MODULE_ADDON_XML.format(
        id='script.module.requests', name='requests', version=version,
        description='requests and its dependencies, installed with pip.'), encoding='utf-8')
    stamp.write_text(key, encoding='ascii')
    return folder


def _pinned_version(pins, name) -> str:
    for pin in pins:
        if pin.lower().startswith(name + '=='):
            return pin.split('==', 1)[1]
    raise RuntimeError('%s is not pinned' % name)


def _version_key(version):
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r'[.+-]', version))
