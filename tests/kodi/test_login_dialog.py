"""Issue 18 (QR login) in a real Kodi: the Trakt and PunchPlay device logins show aiostreams-login.xml with the QR
code of the address beside the user code; Back closes it and saves nothing; approval at the fake server closes it
and saves the tokens. Also the README screenshots of the login dialog and of Continue Watching (the Trakt account
below has three titles of the fake AIOStreams server in progress).

One Kodi for the module, in file order, not logged in at start: the Trakt login that is cancelled, the Trakt login
that is approved (then a sync brings the account), the PunchPlay login (its own QR picture, as the contract's
verification_uri_qr) and the screenshots.
"""
from __future__ import annotations

import base64
import json
import time

import pytest
from kodi_harness import ADDON_ID, notifications_in, profile, quiet_screen, readme_screenshot, wait_for

from tests.fakes.trakt_account import Account
from tests.login_windows import qr_png

P = 'plugin://%s' % ADDON_ID
LOGIN = 'aiostreams-login.xml'
IS_OPEN = 'Window.IsActive(%s)' % LOGIN
DAY = 86400.0
SHOW, FEATURE, FAKE_MOVIE = 9101, 8101, 8102


def login_account() -> Account:
    """Sample Show (S01E01 watched, S01E02 paused at 35 %), Sample Feature paused at 62 %, Fake Movie 02 at 18 %:
    titles of the fake AIOStreams server, so Continue Watching shows their art."""
    account = Account(username='qr-tester')
    now = time.time()
    aired = now - 400 * DAY
    account.add_show(SHOW, 'Sample Show', 2008, {1: [('Pilot', aired), ('The Bag', aired), ('And the Bag', aired)]},
                     imdb='tt2000001', tmdb=1396, tvdb=81189)
    account.add_movie(FEATURE, 'Sample Feature', 2010, imdb='tt1000001', tmdb=27205, runtime=148)
    account.add_movie(FAKE_MOVIE, 'Fake Movie 02', 1992, imdb='tt9000002', runtime=82)
    account.add_play('episode', (SHOW, 1, 1), now - 2 * DAY)
    for progress, hours, target in ((62.0, 1, {'type': 'movie', 'movie': FEATURE}),
                                    (35.0, 5, {'type': 'episode', 'show': SHOW, 'season': 1, 'number': 2}),
                                    (18.0, 30, {'type': 'movie', 'movie': FAKE_MOVIE})):
        entry = account.next_id()
        account.playback[entry] = dict(target, id=entry, progress=progress, paused_at=now - hours * 3600)
    account.settle_activities()
    return account


@pytest.fixture(scope='module')
def trakt_account():
    return login_account()


@pytest.fixture(scope='module')
def trakt_options():
    return {'device_interval': 1}


@pytest.fixture(scope='module')
def kodi_settings(servers, service_settings):
    return dict(service_settings, base_url=servers['aio'].manifest_url)


def is_open(kodi) -> bool:
    return kodi.info_booleans([IS_OPEN])[IS_OPEN]


def start_login(kodi, action):
    """RunPlugin the login as the settings button does; returns the log mark once the QR dialog is on screen."""
    mark = kodi.log_mark()
    kodi.builtin('RunPlugin(%s/?action=%s)' % (P, action))
    wait_for(lambda: is_open(kodi), 40, 'the QR login dialog')
    return mark


def pictures(kodi):
    return sorted(path.name for path in profile(kodi).glob('login-qr-*.png'))


def test_back_closes_the_trakt_dialog_over_the_settings_and_saves_nothing(kodi, servers):
    """Started from the settings, as the Authorize Trakt button does: Back closes the login, not the settings."""
    trakt = servers['trakt']
    settings = 'Window.IsActive(addonsettings)'
    kodi.builtin('Addon.OpenSettings(%s)' % ADDON_ID)
    wait_for(lambda: kodi.info_booleans([settings])[settings], 20, 'the add-on settings')
    mark = start_login(kodi, 'trakt_auth')
    assert len(pictures(kodi)) == 1                 # the QR picture, drawn by the bundled segno
    time.sleep(2.5)                                 # a poll or two go by under the dialog
    kodi.input('Back')
    wait_for(lambda: not is_open(kodi), 15, 'the dialog to close on Back')
    run = kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
    assert kodi.info_booleans([settings])[settings]

    def settings_closed():  # on a busy machine the dialog's closing animation may still take a key
        if kodi.info_booleans([settings])[settings]:
            kodi.input('Back')
            return False
        return True
    wait_for(settings_closed, 30, 'the settings to close', poll=2.0)
    assert not (profile(kodi) / 'trakt_token.json').exists() and pictures(kodi) == []
    assert notifications_in(run['log']) == []
    polls = trakt.count('/oauth/device/token')
    time.sleep(3)
    assert trakt.count('/oauth/device/token') == polls  # polling ended with the dialog


def test_trakt_approval_closes_the_dialog_and_saves_the_token(kodi, servers):
    trakt = servers['trakt']
    mark = start_login(kodi, 'trakt_auth')
    [picture] = pictures(kodi)
    user_code = list(trakt.devices.values())[-1]['user_code']
    expected = qr_png('%s/activate/%s' % (trakt.url, user_code))    # the address with the code, pre-filled
    assert (profile(kodi) / picture).read_bytes() == expected
    time.sleep(2)
    assert is_open(kodi)
    trakt.approve(user_code)
    wait_for(lambda: not is_open(kodi), 30, 'the dialog to close on approval')
    run = kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=40)
    token = json.loads((profile(kodi) / 'trakt_token.json').read_text(encoding='utf-8'))
    assert token['username'] == 'qr-tester' and token['access_token'] in trakt.tokens
    assert 'Trakt login complete. Hello, qr-tester!' in notifications_in(run['log'])
    assert pictures(kodi) == []


def test_punchplay_shows_its_own_qr_picture_and_closes_on_approval(kodi, servers):
    punchplay = servers['punchplay']
    own = qr_png('https://punchplay.tv/link')
    punchplay.device_qr = 'data:image/png;base64,' + base64.b64encode(own).decode()
    kodi.close_dialogs(quiet_seconds=1.0)
    quiet_screen(kodi)
    mark = start_login(kodi, 'punchplay_login')
    [picture] = pictures(kodi)
    assert (profile(kodi) / picture).read_bytes() == own
    time.sleep(2.5)                                  # the picture loaded and the fade-in over
    assert readme_screenshot(kodi, 'login-qr').stat().st_size > 10000
    assert is_open(kodi)
    punchplay.approve()
    wait_for(lambda: not is_open(kodi), 30, 'the dialog to close on approval')
    run = kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=40)
    assert 'Login successful! Logged in as tester.' in notifications_in(run['log'])
    assert (profile(kodi) / 'punchplay_token.json').exists() and pictures(kodi) == []


def test_readme_screenshot_of_continue_watching(kodi):
    run = kodi.run_plugin(P + '/?action=trakt_sync', timeout=120)
    assert run['dialogs'] == []
    listing = kodi.get_directory(P + '/trakt/continue', properties=('title',))
    assert [item['title'] for item in listing][:3] == ['Sample Feature', 'The Bag', 'Fake Movie 02']
    kodi.show_folder(P + '/trakt/continue')
    if kodi.info_labels(['ListItem.Label'])['ListItem.Label'] == '..':
        kodi.input('Down')                           # the first title, with its art, not the parent folder
    quiet_screen(kodi)
    assert readme_screenshot(kodi, 'continue-watching').stat().st_size > 10000
