"""Fixtures for the real-Kodi scenarios.

`kodi` is one headless Kodi per test module (start-up costs seconds): the built release zip, the dependency
addons and the test helper installed and enabled, the plugin settings of the module's `kodi_settings` fixture and
the token files of its `kodi_tokens` fixture written before start. Every test using it fails if Kodi's log gained a
Python traceback mentioning the addon during the test (pytest_runtest_call below).

`servers` are the module's fake AIOStreams, Trakt (holding the module's `trakt_account`, built with its
`trakt_options`) and PunchPlay servers; `service_settings` points the addon at them and `logged_in_tokens` are the
token files of an addon already logged in to both.

`figures` collects the counts the reliability scenarios report; they are printed as one line each at the end.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dependency_addons import build_dependency_addons
from kodi_harness import (
    ADDON_ID,
    LOG_LINE_START,
    REPO_ROOT,
    KodiInstance,
    addon_strings,
    profile,
    repo_addon_version,
    tracebacks_of,
    write_private_files,
)

from tests.reliability_figures import FIGURES, figures, pytest_terminal_summary  # noqa: F401  (fixture and hook)

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
    """The release zip of the current tree in dist/, or in AIOSTREAMS_DIST when the tox env builds into its own
    folder (built by tests/tools/build.py when missing or stale)."""
    dist = Path(os.environ.get('AIOSTREAMS_DIST') or ROOT / 'dist')
    path = dist / ('%s-%s.zip' % (ADDON_ID, repo_addon_version()))
    if not path.is_file() or _sources_newer_than(path):
        subprocess.run([sys.executable, str(ROOT / 'tests' / 'tools' / 'build.py'), '--out', str(dist)], check=True)
    return path


@pytest.fixture(scope='session')
def dependency_addons() -> list:
    return build_dependency_addons()


@pytest.fixture(scope='module')
def kodi_settings() -> dict:
    """Plugin settings written before Kodi starts; override in a test module. Unlisted ids keep defaults."""
    return dict(OFFLINE_SETTINGS)


@pytest.fixture(scope='module')
def kodi_tokens() -> dict:
    """Token files ({name: document}) in the addon profile before Kodi starts; override in a test module."""
    return {}


def account_rows(tokens) -> dict:
    """The settings' "Logged in as" rows of the token files, as a login writes them with its token. Without them the
    service would write them a few seconds after start, and Kodi 20 gives a process that loads the settings while
    another one saves them the defaults."""
    unknown = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')[32676]
    rows = {}
    for prefix in ('trakt', 'punchplay'):
        document = tokens.get('%s_token.json' % prefix) or {}
        if document.get('access_token') and not document.get('reauth_required'):
            rows.update({prefix + '_logged_in': True, prefix + '_account': document.get('username') or unknown})
    return rows


@pytest.fixture(scope='module')
def kodi(request, tmp_path_factory, addon_zip, dependency_addons, kodi_settings, kodi_tokens):
    instance = KodiInstance(tmp_path_factory.mktemp(request.module.__name__.split('.')[-1].replace('test_', 'kodi-')))
    try:
        for folder in dependency_addons:
            instance.install_addon(folder)
        instance.install_addon(addon_zip)
        instance.write_addon_settings(ADDON_ID, dict(account_rows(kodi_tokens), **kodi_settings))
        write_private_files(profile(instance), kodi_tokens)
        instance.start()
        yield instance
    finally:
        instance.shutdown()


@pytest.fixture(scope='module')
def trakt_account():
    """What the module's fake Trakt holds (override in a module): the small seeded account, plus the fake backend's
    Sample Show (tt2000001) that the scenarios play."""
    from tests.fakes.trakt_generator import small_account
    account = small_account()
    aired = time.time() - 30 * 86400
    account.add_show(990001, 'Sample Show', 2019, {1: [('Pilot', aired), ('Second', aired)]}, imdb='tt2000001')
    return account


@pytest.fixture(scope='module')
def trakt_options() -> dict:
    """Keyword options of the module's FakeTraktServer (override in a module)."""
    return {}


@pytest.fixture(scope='module')
def servers(trakt_account, trakt_options):
    """The module's fake AIOStreams, Trakt and PunchPlay servers (real HTTP on 127.0.0.1), by 'aio', 'trakt' and
    'punchplay'."""
    from tests.fakes.aiostreams_server import FakeAIOStreams
    from tests.fakes.punchplay_server import FakePunchPlayServer
    from tests.fakes.trakt_server import FakeTraktServer
    started = {}
    try:
        started['aio'] = FakeAIOStreams().start()
        started['trakt'] = FakeTraktServer(trakt_account, **trakt_options).start()
        started['punchplay'] = FakePunchPlayServer().start()
        yield started
    finally:
        for server in reversed(list(started.values())):
            server.stop()


@pytest.fixture(scope='module')
def service_settings(servers) -> dict:
    """Settings pointing the addon at the module's fake Trakt (its app credentials; no automatic sync: the
    scenarios sync when they mean to) and fake PunchPlay (no minimum length: the test clips are short)."""
    from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET
    return {'trakt_api_url': servers['trakt'].url, 'trakt_client_id': CLIENT_ID, 'trakt_client_secret': CLIENT_SECRET,
            'trakt_sync_auto': False, 'punchplay_url': servers['punchplay'].url, 'punchplay_min_length': 0,
            # the rating question after a watched stop has scenarios of its own (test_punchplay_rating.py)
            'punchplay_rate_after': False}


@pytest.fixture(scope='module')
def dialog_picker_settings(servers, service_settings) -> dict:
    """service_settings on the module's fake AIOStreams, picking streams in Kodi's own selection dialog (the source
    window has scenarios of its own: test_source_window.py)."""
    return dict(service_settings, base_url=servers['aio'].manifest_url, source_select_style='dialog')


@pytest.fixture(scope='module')
def logged_in_tokens(servers) -> dict:
    """Token files of an addon logged in to the fake Trakt and PunchPlay, as their logins write them."""
    trakt = servers['trakt']
    return {'trakt_token.json': dict(trakt.issue_token(), username=trakt.account.username),
            'punchplay_token.json': servers['punchplay'].issue_token()}


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


def kodi_native_crash(instance, since) -> str:
    """The crashing thread's stack of a crash log Kodi wrote after `since` (epoch seconds) when its process died
    in its own code, with no Python on that stack; '' otherwise."""
    if instance.running():
        return ''
    for log in sorted(instance.home.glob('kodi_crashlog-*.log')):
        if log.stat().st_mtime < since:
            continue
        text = log.read_text(encoding='utf-8', errors='replace')
        stack = re.search(r'\[Current thread is 1 .*?\n(?:.*?\n)*?Thread 1 \(.*?\n((?:#\d.*\n)+)', text)
        log.rename(log.with_suffix('.seen'))
        if stack and not re.search(r'Py[A-Z_]|python', stack.group(1)):
            return stack.group(1)
    return ''


LOG_LINES_SHOWN = 80


def _attach_log(item, instance, mark):
    """A failed scenario's report shows what Kodi logged during it: the addon's own lines, the plugin runs Kodi
    started, warnings and errors (CI keeps no Kodi home)."""
    lines, keep = [], False
    for line in instance.log_since(mark).splitlines():
        level = LOG_LINE_START.match(line)
        if level:  # a record's continuation lines follow its first line's fate
            keep = ('[%s]' % ADDON_ID in line or 'CScriptRunner: running' in line
                    or level.group(1) in ('error', 'warning'))
        if keep:
            lines.append(line)
    item.add_report_section('call', 'kodi.log (addon lines, plugin runs, warnings and errors)',
                            '\n'.join(lines[-LOG_LINES_SHOWN:]))


def _checked(item, instance, mark, failure, result):
    """Fail a test whose run left a Python traceback of the addon in kodi.log (on top of its own failure)."""
    if failure is not None:
        _attach_log(item, instance, mark)
    found = tracebacks_of(instance.log_since(mark))
    if found:
        also = '\n(the test itself also failed: %s)' % failure if failure is not None else ''
        pytest.fail('Python traceback(s) of %s in kodi.log:\n%s%s' % (ADDON_ID, '\n\n'.join(found), also),
                    pytrace=False)
    if failure is not None:
        raise failure
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Every scenario is checked for addon tracebacks in kodi.log. When Kodi 20.1 itself crashed during it (a crash
    log whose crashing thread runs no Python: races in Kodi's own job queues under load), Kodi starts again and the
    scenario runs once more, and the crash is reported in the figures. Modules marked kodi_crash_is_a_failure (the
    quit scenarios, where a crash is what they look for) get no second run."""
    instance = item.funcargs.get('kodi')
    if not isinstance(instance, KodiInstance):
        return (yield)
    started, mark = time.time(), instance.log_mark()
    failure = result = None
    try:
        result = yield
    except (Exception, pytest.fail.Exception) as exc:  # checked below, with the log
        failure = exc
    try:
        return _checked(item, instance, mark, failure, result)
    except (Exception, pytest.fail.Exception):
        crash = '' if item.get_closest_marker('kodi_crash_is_a_failure') else kodi_native_crash(instance, started)
        if not crash:
            raise
    FIGURES['Kodi crashes in its own code (scenario run again on a restarted Kodi)'] = FIGURES.get(
        'Kodi crashes in its own code (scenario run again on a restarted Kodi)', 0) + 1
    print('\nKodi crashed in its own code during %s; running it again on a restarted Kodi. Crashing thread:\n%s'
          % (item.nodeid, crash))
    instance.shutdown()
    instance.start()
    mark, failure, result = instance.log_mark(), None, None
    try:
        result = item.runtest()
    except (Exception, pytest.fail.Exception) as exc:  # checked below, with the log
        failure = exc
    return _checked(item, instance, mark, failure, result)
