"""Installing the addon the way users do: from the repository addon, served over HTTP by a local web server."""
from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from kodi_harness import ADDON_ID, REPO_ROOT, JsonRpcError, KodiError, KodiInstance, repo_addon_version

REPO_ID = 'repository.aiostreams'


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass


@pytest.fixture(scope='module')
def repository(tmp_path_factory):
    """dist/ built with its repository URL pointing at a web server on 127.0.0.1 that serves it."""
    out = tmp_path_factory.mktemp('repo-dist')
    handler = functools.partial(QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = 'http://127.0.0.1:%d/' % server.server_address[1]
    subprocess.run([sys.executable, str(REPO_ROOT / 'tests' / 'tools' / 'build.py'), '--out', str(out),
                    '--repo-url', url], check=True)
    try:
        yield out
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope='module')
def kodi(tmp_path_factory, repository, dependency_addons):
    """A Kodi with the repository addon installed (as from its zip) and the dependencies, but not the plugin."""
    instance = KodiInstance(tmp_path_factory.mktemp('kodi-repo-home'))
    try:
        for folder in dependency_addons:
            instance.install_addon(folder)
        instance.install_addon(next(repository.glob('%s-*.zip' % REPO_ID)))
        instance.start()
        yield instance
    finally:
        instance.shutdown()


def installed_version(kodi):
    try:
        return kodi.addon_details(ADDON_ID, ('version', 'enabled'))
    except JsonRpcError:
        return None


def test_repository_addon_is_a_valid_kodi_repository(kodi):
    details = kodi.rpc('Addons.GetAddonDetails', {'addonid': REPO_ID, 'properties': ['enabled']})['addon']
    assert details['type'] == 'xbmc.addon.repository'
    assert details['enabled'] is True


def test_plugin_installs_from_the_repository(kodi, repository):
    assert installed_version(kodi) is None
    mark = kodi.log_mark()
    kodi.builtin('UpdateAddonRepos')
    kodi.wait_for_log(r'ADDONS: %s - 2 addon\(s\) loaded' % REPO_ID, since=mark, timeout=60)  # fetched addons.xml
    kodi.builtin('InstallAddon(%s)' % ADDON_ID)
    deadline = time.monotonic() + 60
    while installed_version(kodi) is None:
        if kodi.modal_dialog_open():  # "Do you want to install this add-on?"
            kodi.input('Left')
            kodi.input('Select')
        if time.monotonic() > deadline:
            raise KodiError('%s was not installed from the repository\n%s' % (ADDON_ID, kodi.log_tail()))
        time.sleep(0.5)
    details = installed_version(kodi)
    assert details['version'] == repo_addon_version()
    kodi.wait_for_log(r'Addon: \[%s\] Origin: \[%s\]' % (ADDON_ID, REPO_ID), since=mark, timeout=10)
    with zipfile.ZipFile(str(next(repository.glob('%s-*.zip' % ADDON_ID)))) as archive:
        packaged = {name for name in archive.namelist() if not name.endswith('/')}
    installed = {str(path.relative_to(kodi.addons_dir)) for path in (kodi.addons_dir / ADDON_ID).rglob('*')
                 if path.is_file() and '__pycache__' not in path.parts}
    assert packaged <= installed
    kodi.set_addon_enabled(ADDON_ID, True)
    assert kodi.get_directory('plugin://%s/' % ADDON_ID), 'the plugin installed from the repository lists nothing'
