"""The dependency addons the real-Kodi harness installs next to the plugin.

script.module.routing and script.module.kodi-six are packaged from the project's own doubles in kodi-stubs/
(they behave like the real libraries); script.module.requests is requests and its dependencies installed with
pip from the requests set AIOSTREAMS_REQUESTS names: `kodi` (tests/requirements-requests-kodi.txt, pinned as Kodi
ships it; the default) or `newest` (tests/requirements-requests-newest.txt, unpinned: whatever the package index
has today, resolved again at every session). Each gets the version the plugin's addon.xml requires, or the
installed requests version when higher. Each set builds into its own folder, so two sessions can run side by side.
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
REQUESTS_SETS = ('kodi', 'newest')
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


def requests_set() -> str:
    name = os.environ.get('AIOSTREAMS_REQUESTS') or 'kodi'
    if name not in REQUESTS_SETS:
        raise RuntimeError('AIOSTREAMS_REQUESTS=%s: expected one of %s' % (name, ', '.join(REQUESTS_SETS)))
    return name


def requests_requirements(set_name: str) -> list:
    """The requirement lines of a requests set: one per distribution of REQUESTS_DISTRIBUTIONS."""
    path = ROOT / 'tests' / ('requirements-requests-%s.txt' % set_name)
    lines = [line.strip() for line in path.read_text(encoding='utf-8').splitlines()
             if line.strip() and not line.startswith('#')]
    names = sorted(re.split(r'[=<>!~ ;]', line, maxsplit=1)[0].lower() for line in lines)
    if names != sorted(REQUESTS_DISTRIBUTIONS):
        raise RuntimeError('%s must list exactly %s' % (path.name, ', '.join(REQUESTS_DISTRIBUTIONS)))
    return lines


def build_dependency_addons(plugin_addon_xml: Path = ROOT / 'addon.xml', out: Path = CACHE) -> list:
    """Create the three dependency addon folders under `out`/<requests set>; returns their paths."""
    versions = required_versions(plugin_addon_xml)
    set_name = requests_set()
    out = out / set_name
    out.mkdir(parents=True, exist_ok=True)
    return [
        _module_addon(out, 'script.module.routing', 'routing', versions.get('script.module.routing', '0.2.3'),
                      [(STUBS / 'routing.py', 'routing.py')],
                      'The routing double from kodi-stubs/routing.py.'),
        _module_addon(out, 'script.module.kodi-six', 'kodi-six', versions.get('script.module.kodi-six', '0.1.3'),
                      [(STUBS / 'kodi_six', 'kodi_six')],
                      'The kodi_six double from kodi-stubs/kodi_six.'),
        _requests_addon(out, versions.get('script.module.requests', '2.25.1'), requests_requirements(set_name)),
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


def _requests_addon(out: Path, required_version, requirements) -> Path:
    """script.module.requests with requests + urllib3 + idna + certifi + charset-normalizer (pure wheels). A pinned
    set is built once and reused; an unpinned one is installed afresh, so it is the newest of the day."""
    pinned = all('==' in line for line in requirements)
    key = hashlib.sha256(('\n'.join(requirements) + required_version).encode('utf-8')).hexdigest()[:12]
    folder = out / 'script.module.requests'
    stamp = out / ('script.module.requests.%s.built' % key)
    if pinned and stamp.exists() and folder.is_dir():
        return folder
    for stale in [folder] + list(out.glob('script.module.requests.*.built')):
        if stale.is_dir():
            shutil.rmtree(str(stale))
        elif stale.exists():
            stale.unlink()
    lib = folder / 'lib'
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK='1')
    subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps', '--no-compile', '--target',
                    str(lib), '--only-binary=:all:', '--implementation', 'py', '--abi', 'none',
                    '--platform', 'any'] + requirements, check=True, env=env)
    shutil.rmtree(str(lib / 'bin'), ignore_errors=True)
    version = max(required_version, installed_version(lib, 'requests'), key=_version_key)
    (folder / 'addon.xml').write_text(MODULE_ADDON_XML.format(
        id='script.module.requests', name='requests', version=version,
        description='requests and its dependencies, installed with pip.'), encoding='utf-8')
    stamp.write_text(key, encoding='ascii')
    return folder


def installed_version(lib: Path, distribution) -> str:
    """The version pip installed into `lib`, from its <name>-<version>.dist-info folder."""
    prefix = distribution.replace('-', '_').lower() + '-'
    for dist_info in lib.glob('*.dist-info'):
        if dist_info.name.lower().startswith(prefix):
            return dist_info.name[len(prefix):-len('.dist-info')]
    raise RuntimeError('%s was not installed into %s' % (distribution, lib))


def _version_key(version):
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r'[.+-]', version))
