"""Fixtures for the real-Kodi scenarios.

`kodi` is one headless Kodi per test module (start-up costs seconds): the built release zip, the dependency
addons and the test helper installed and enabled, the plugin settings of the module's `kodi_settings` fixture
written before start. Every test using it fails if Kodi's log gained a Python traceback mentioning the addon
during the test (pytest_runtest_call below).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from dependency_addons import build_dependency_addons
from kodi_harness import ADDON_ID, REPO_ROOT, KodiInstance, repo_addon_version, tracebacks_of

ROOT = REPO_ROOT
# Addresses that refuse connections at once: the addon must never reach a real external service in tests.
UNREACHABLE = 'http://127.0.0.1:9'
OFFLINE_SETTINGS = {'trakt_api_url': UNREACHABLE, 'punchplay_url': UNREACHABLE}


def _sources_newer_than(path: Path) -> bool:
    built = path.stat().st_mtime
    for top in ['addon.xml', 'addon', 'resources', 'players'] + [p.name for p in ROOT.glob('*.py')]:
        for source in ([ROOT / top] if (ROOT / top).is_file() else (ROOT / top).rglob('*')):
            if source.is_file() and '__pycache__' not in source.parts and source.stat().st_mtime > built:
                return True
    return False


@pytest.fixture(scope='session')
def addon_zip() -> Path:
    """The release zip of the current tree (built by tests/tools/build.py when missing or stale)."""
    path = ROOT / 'dist' / ('%s-%s.zip' % (ADDON_ID, repo_addon_version()))
    if not path.is_file() or _sources_newer_than(path):
        subprocess.run([sys.executable, str(ROOT / 'tests' / 'tools' / 'build.py')], check=True)
    return path


@pytest.fixture(scope='session')
def dependency_addons() -> list:
    return build_dependency_addons()


@pytest.fixture(scope='module')
def kodi_settings() -> dict:
    """Plugin settings written before Kodi starts; override in a test module. Unlisted ids keep defaults."""
    return dict(OFFLINE_SETTINGS)


@pytest.fixture(scope='module')
def kodi(tmp_path_factory, addon_zip, dependency_addons, kodi_settings):
    instance = KodiInstance(tmp_path_factory.mktemp('kodi-home'))
    try:
        for folder in dependency_addons:
            instance.install_addon(folder)
        instance.install_addon(addon_zip)
        instance.write_addon_settings(ADDON_ID, kodi_settings)
        instance.start()
        yield instance
    finally:
        instance.shutdown()


@pytest.fixture(scope='session', autouse=True)
def issued_tokens():
    """Every access and refresh token the fake Trakt and PunchPlay servers hand out during the session (the secrets
    test looks for them in every kodi.log)."""
    from tests.fakes.punchplay_server import FakePunchPlayServer
    from tests.fakes.trakt_server import FakeTraktServer
    issued = set()
    originals = {server: server._new_token for server in (FakeTraktServer, FakePunchPlayServer)}

    def recording(original):
        def new_token(self, *args, **kwargs):
            document = original(self, *args, **kwargs)
            issued.update(document[key] for key in ('access_token', 'refresh_token') if document.get(key))
            return document
        return new_token

    for server, original in originals.items():
        server._new_token = recording(original)
    yield issued
    for server, original in originals.items():
        server._new_token = original


def pytest_collection_modifyitems(items):
    """test_secrets.py reads the logs of every Kodi the session ran, so it runs last."""
    items.sort(key=lambda item: item.path.name == 'test_secrets.py')


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose run left a Python traceback of the addon in kodi.log (on top of its own failure)."""
    instance = item.funcargs.get('kodi')
    if not isinstance(instance, KodiInstance):
        return (yield)
    mark = instance.log_mark()
    failure = None
    try:
        result = yield
    except BaseException as exc:  # re-raised below, after the log check
        failure = exc
    found = tracebacks_of(instance.log_since(mark))
    if found:
        also = '\n(the test itself also failed: %s)' % failure if failure is not None else ''
        pytest.fail('Python traceback(s) of %s in kodi.log:\n%s%s' % (ADDON_ID, '\n\n'.join(found), also),
                    pytrace=False)
    if failure is not None:
        raise failure
    return result
