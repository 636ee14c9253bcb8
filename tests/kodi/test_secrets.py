"""Issue 9, secrets: what a user types or gets as a credential stays between the addon and the service it is for.

In a real Kodi with debug logging on: set up AIOStreams from UUID + raw password typed on the keyboard, test the
connection, log in to Trakt (device code) and to PunchPlay, sync, play our episode (scrobbled to both). Then:
- token files (and the other small state files beside them) are 0600;
- Trakt and PunchPlay were sent nothing they do not need: no manifest URL, UUID or password, no stream or playback
  URL of the backend, not the other service's tokens, and Trakt's client secret only to Trakt's OAuth endpoints;
- finally (this module runs last, see conftest.py), every kodi.log the whole real-Kodi suite produced holds none of
  the manifest URL's UUID / passwords, the Trakt client secret, or any access or refresh token the fake Trakt and
  PunchPlay servers issued during the session.
"""
from __future__ import annotations

import base64
import json
import re
import stat
import time

import pytest
from kodi_harness import ADDON_ID, HELPER_ID, INSTANCES, REPO_ROOT, addon_strings, notifications_in, profile, wait_for

from tests.fakes import aiostreams_server as fake_aio
from tests.fakes.trakt_server import CLIENT_SECRET

P = 'plugin://%s' % ADDON_ID
STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
OUR_EPISODE = P + '/?action=play_first&content_type=series&imdb_id=tt2000001&season=1&episode=1'
# Kodi names a script's invoker once ('CPythonInvoker(7, <script>): start processing'), then echoes its arguments on
# lines naming only the id ('CPythonInvoker(7): adding args:', 'CPythonInvoker(7):  <argument>'). The test helper's
# arguments are the settings the tests write (base_url included): that echo is the test machinery, not the addon.
HELPER_SCRIPT = '/%s/' % HELPER_ID
NAMED_INVOKER = re.compile(r'CPythonInvoker\((\d+), ([^)]*)\)')
BARE_INVOKER = re.compile(r'CPythonInvoker\((\d+)\): (.*)$')


@pytest.fixture(scope='module')
def trakt_options():
    return {'device_interval': 1, 'auto_approve_after': 1, 'write_interval': 0.5}


@pytest.fixture(scope='module')
def kodi_settings(service_settings):
    """Nothing set up yet but the service addresses: the credentials come in through the addon's own flows."""
    return dict(service_settings, debug_logging=True, download_subtitles=False)


def type_into_keyboards(kodi, texts, timeout=40):
    """Answer the next keyboards in turn with `texts` (Input.SendText), as a user typing them."""
    pending = list(texts)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        if kodi.info_booleans(['Window.IsActive(virtualkeyboard)'])['Window.IsActive(virtualkeyboard)']:
            kodi.input('SendText', {'text': pending.pop(0), 'done': True})
            time.sleep(0.8)
        time.sleep(0.2)
    assert not pending, 'keyboards left unanswered: %d' % len(pending)


@pytest.fixture(scope='module')
def journey(kodi, servers):
    """The flows that handle secrets, once, in order."""
    aio, punchplay = servers['aio'], servers['punchplay']
    punchplay.script_device(1, 'approved')
    mark = kodi.log_mark()
    kodi.builtin('RunPlugin(%s/?action=setup_from_uuid)' % P)
    type_into_keyboards(kodi, [aio.origin, fake_aio.UUID, fake_aio.RAW_PASSWORD])
    kodi.wait_plugin_finished(mark, timeout=40)
    assert STRINGS[30345].split('%')[0] in '\n'.join(notifications_in(kodi.log_since(mark)))
    kodi.run_plugin(P + '/?action=test_connection', timeout=40)
    kodi.run_plugin(P + '/?action=trakt_auth', answer_dialogs=False, timeout=60)
    kodi.run_plugin(P + '/?action=trakt_sync', answer_dialogs=False, timeout=120)
    kodi.run_plugin(P + '/?action=punchplay_login', answer_dialogs=False, timeout=60)
    assert (profile(kodi) / 'trakt_token.json').exists() and (profile(kodi) / 'punchplay_token.json').exists()

    # Kodi 20 hangs a progress dialog opened while the previous one still animates out: let the login's close
    wait_for(lambda: not kodi.info_booleans(['System.HasActiveModalDialog'])['System.HasActiveModalDialog'], 20,
             'the last dialog closed')
    time.sleep(2)
    known = len(punchplay.scrobbles)
    kodi.player_open(OUR_EPISODE)
    kodi.wait_for_player(timeout=40)
    wait_for(lambda: len(punchplay.scrobbles) > known, 30, 'the PunchPlay start')
    time.sleep(3)  # past 1 % of the clip: Trakt takes no stop below that
    kodi.rpc('Player.PlayPause', {'playerid': 1, 'play': False})
    time.sleep(1.5)
    kodi.rpc('Player.Stop', {'playerid': 1})
    kodi.wait_no_player()
    wait_for(lambda: punchplay.scrobble_kinds()[-1:] == ['stop'], 30, 'the PunchPlay stop')
    wait_for(lambda: servers['trakt'].count('/scrobble/stop') == 1, 30, 'the Trakt stop')
    return kodi.log_since(mark)


def test_the_secret_flows_worked(journey, kodi):
    assert fake_aio.UUID in (profile(kodi) / 'settings.xml').read_text(encoding='utf-8')  # base_url was saved
    assert '[%s] notification' % ADDON_ID in journey


def test_token_and_state_files_are_private(journey, kodi):
    names = ('trakt_token.json', 'punchplay_token.json', 'punchplay_device_id', 'trakt_write_pace_token.json')
    found = [name for name in names if (profile(kodi) / name).exists()]
    assert {'trakt_token.json', 'punchplay_token.json', 'punchplay_device_id'} <= set(found)
    for name in found:
        assert stat.S_IMODE((profile(kodi) / name).stat().st_mode) == 0o600, name
    leftovers = [path.name for path in profile(kodi).iterdir() if path.name.endswith('.tmp')]
    assert leftovers == []


def backend_secrets(aio) -> dict:
    return {'manifest URL': aio.manifest_url, 'uuid': fake_aio.UUID, 'encrypted password': fake_aio.ENCRYPTED_PASSWORD,
            'raw password': fake_aio.RAW_PASSWORD, 'backend address (stream URLs)': aio.origin,
            'playback path': '/api/v1/debrid/playback/', 'proxy credentials': fake_aio.PROXY_AUTHORIZATION}


def texts_of(request, fields) -> str:
    return json.dumps([getattr(request, field, None) for field in fields], default=str)


def test_trakt_gets_only_what_it_needs(journey, kodi, servers):
    trakt, punchplay = servers['trakt'], servers['punchplay']
    unwanted = dict(backend_secrets(servers['aio']))
    unwanted.update(('PunchPlay token %d' % index, token) for index, token in enumerate(
        list(punchplay.tokens) + [token for token in punchplay.refresh_tokens]))
    assert trakt.requests
    for request in trakt.requests:
        text = texts_of(request, ('path', 'query', 'body'))
        assert [name for name, value in unwanted.items() if value in text] == [], request.path
        if CLIENT_SECRET in text:
            assert request.path.startswith('/oauth/'), request.path


def test_punchplay_gets_only_what_it_needs(journey, kodi, servers):
    trakt, punchplay = servers['trakt'], servers['punchplay']
    unwanted = dict(backend_secrets(servers['aio']), **{'Trakt client secret': CLIENT_SECRET})
    unwanted.update(('Trakt token %d' % index, token) for index, token in enumerate(
        list(trakt.tokens) + [entry['refresh'] for entry in trakt.tokens.values()]))
    assert punchplay.requests
    for request in punchplay.requests:
        text = texts_of(request, ('path', 'body', 'headers'))
        assert [name for name, value in unwanted.items() if value in text] == [], request.path
        authorization = (request.headers or {}).get('authorization', '')
        assert not authorization or authorization[len('Bearer '):] in punchplay.tokens


def session_secrets(issued_tokens) -> dict:
    """Every secret value the session handed to a Kodi: the backend credentials in their forms, the Trakt client
    secret, and every access and refresh token the fake servers issued."""
    secrets = {'uuid': fake_aio.UUID, 'encrypted password': fake_aio.ENCRYPTED_PASSWORD,
               'raw password': fake_aio.RAW_PASSWORD, 'Trakt client secret': CLIENT_SECRET}
    for password in (fake_aio.ENCRYPTED_PASSWORD, fake_aio.RAW_PASSWORD):
        basic = base64.b64encode(('%s:%s' % (fake_aio.UUID, password)).encode('utf-8')).decode('ascii')
        secrets['basic auth of uuid:password (%d)' % len(secrets)] = basic
    secrets.update(('token %s...' % token[:6], token) for token in sorted(issued_tokens))
    return secrets


def helper_argument_echo(line, scripts, echoing) -> bool:
    """Whether `line` is Kodi echoing the arguments of a test-helper invoker; keeps `scripts` (invoker id -> script)
    and `echoing` (ids of helper invokers whose echo is under way) up to date."""
    named = NAMED_INVOKER.search(line)
    if named:
        scripts[named.group(1)] = named.group(2)
        echoing.discard(named.group(1))
        return False
    bare = BARE_INVOKER.search(line)
    if not bare or HELPER_SCRIPT not in scripts.get(bare.group(1), ''):
        return False
    if bare.group(2) == 'adding args:':
        echoing.add(bare.group(1))
    return bare.group(1) in echoing


def findings(log_text, secrets) -> list:
    """Every line of `log_text` holding one of `secrets` (name -> value), but the helper's argument echo."""
    found, scripts, echoing = [], {}, set()
    for line in log_text.splitlines():
        if helper_argument_echo(line, scripts, echoing):
            continue
        for name, value in secrets.items():
            if value in line:
                found.append('%s: %s' % (name, line.replace(value, '<%s>' % name)[:300]))
    return found


def test_findings_pass_over_only_the_helper_argument_echo():
    """No Kodi needed: a synthetic log with the secret in every kind of line; (line, whether it must be found)."""
    helper = '/home/.kodi/addons/%s/default.py' % HELPER_ID
    plugin = '/home/.kodi/addons/%s/plugin.py' % ADDON_ID
    url = 'http://127.0.0.1:5/stremio/%s/x/manifest.json' % fake_aio.UUID
    lines = [
        ('CPythonInvoker(3, %s): start processing' % helper, False),
        ('CPythonInvoker(3): adding args:', False),
        ('CPythonInvoker(3):  set_setting', False),
        ('[%s] the addon logging during the echo %s' % (ADDON_ID, fake_aio.UUID), True),
        ('CPythonInvoker(3):  %s' % url, False),  # the helper's argument
        ('CPythonInvoker(3, %s): entering source directory' % helper, False),
        ('CPythonInvoker(3): after the echo %s' % url, True),
        ('[%s] abc123 {"value": "%s"}' % (HELPER_ID, url), True),  # the helper's own answer
        ('CPythonInvoker(4, %s): start processing' % plugin, False),
        ('CPythonInvoker(4): adding args:', False),
        ('CPythonInvoker(4):  plugin://%s/?u=%s' % (ADDON_ID, fake_aio.UUID), True),  # the addon's arguments
        ('CPythonInvoker(3, %s): start processing' % plugin, False),  # Kodi restarted: id 3 is now the plugin's
        ('CPythonInvoker(3): adding args:', False),
        ('CPythonInvoker(3):  %s' % url, True),
        ('[%s] token %s' % (ADDON_ID, fake_aio.UUID), True)]
    log = '\n'.join('2026-11-21 08:25:07.842 T:5559    debug <general>: %s' % line for line, _ in lines)
    found = findings(log, {'uuid': fake_aio.UUID})
    assert [finding.split('<general>: ')[1] for finding in found] == [
        line.replace(fake_aio.UUID, '<uuid>') for line, expected in lines if expected]


def test_no_secret_in_any_kodi_log_of_the_suite(journey, issued_tokens, figures):
    """Runs last: the logs of every Kodi instance this session started (including restarts and kills)."""
    secrets = session_secrets(issued_tokens)
    assert len(secrets) > 6, 'the session issued tokens to look for'
    scanned, found = 0, []
    for instance in INSTANCES:
        text = instance.log_since(0)
        scanned += len(text)
        found += ['%s: %s' % (instance.home.name, finding) for finding in findings(text, secrets)]
    figures['secrets scan: Kodi instances, bytes of kodi.log, secret values looked for'] = '%d, %d, %d' % (
        len(INSTANCES), scanned, len(secrets))
    figures['secrets scan: secrets found'] = len(found)
    assert scanned > 0
    assert found == [], '\n'.join(found[:20])
