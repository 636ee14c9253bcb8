"""The Trakt and PunchPlay device logins in the QR login dialog, against the fake servers: the dialog shows the QR
picture (Trakt's address with the code drawn by segno, PunchPlay's own verification_uri_qr) and the code while
polling; approval closes it and saves the tokens; Back, Cancel and expiry close it and save nothing."""
from __future__ import annotations

import base64
import os

import pytest

from addon import kodi as door_kodi
from addon.platform import db, login_dialog
from addon.punchplay import auth as punchplay_auth
from addon.punchplay import client as punchplay_client
from addon.trakt import auth as trakt_auth
from addon.trakt.client import token_store as trakt_tokens
from tests.fakes.punchplay_server import FakePunchPlayServer
from tests.integration.trakt_env import trakt  # noqa: F401
from tests.login_windows import qr_png, windows  # noqa: F401


@pytest.fixture
def punchplay(kodi, monkeypatch):
    monkeypatch.setattr(punchplay_auth, 'POLL_INTERVAL_SECONDS', 0.1)
    monkeypatch.setattr(punchplay_auth, '_TICK_SECONDS', 0.02)
    with FakePunchPlayServer(device_interval=0.05) as fake:
        kodi.set_setting('punchplay_url', fake.url)
        yield fake
    db.close()


def label(window, control_id):
    return window.getControl(control_id).getLabel()


def login_windows(kodi):
    return [shown for shown in kodi.dialogs if shown['kind'] == 'window']


def closed_at(kodi, monkeypatch, door_function):
    """Whether the login window was closed each time the Kodi door's `door_function` dialog opened."""
    seen = []
    original = getattr(door_kodi, door_function)

    def recording(*args, **kwargs):
        seen.append(all(shown['closed'] for shown in login_windows(kodi)))
        return original(*args, **kwargs)
    monkeypatch.setattr(door_kodi, door_function, recording)
    return seen


def profile_pictures(kodi):
    folder = kodi.state.paths.translate(kodi.state.profile)
    return [name for name in os.listdir(folder) if name.endswith('.png')]


# ---- Trakt ---------------------------------------------------------------------------------------------------

def test_trakt_approval_closes_the_qr_dialog_and_saves_the_token(trakt, kodi, windows):  # noqa: F811
    trakt.device_interval = 1
    trakt.auto_approve_after = 1
    assert trakt_auth.login() is True
    [window] = windows
    user_code = next(iter(trakt.devices.values()))['user_code']
    assert label(window, login_dialog.CODE) == '[B]%s[/B]' % user_code
    assert label(window, login_dialog.ADDRESS) == trakt.url + '/activate'
    assert window.shown_png == qr_png('%s/activate/%s' % (trakt.url, user_code))   # the code pre-filled
    assert [shown['closed'] for shown in login_windows(kodi)] == [True]
    assert trakt_tokens().load()['username'] == trakt.account.username
    assert profile_pictures(kodi) == []


def test_back_in_the_trakt_dialog_cancels_and_saves_nothing(trakt, kodi, windows):  # noqa: F811
    trakt.device_interval = 1
    trakt.device_expires_in = 15                   # a login that missed the Back ends anyway
    kodi.answer('window', ['wait'] * 8 + ['back'])
    assert trakt_auth.login() is False
    assert [shown['closed'] for shown in login_windows(kodi)] == [True]
    assert not trakt_tokens().exists() and kodi.notifications == []
    assert trakt.count('/oauth/device/token') <= 2


def test_an_expired_trakt_code_closes_the_dialog_before_asking_and_saves_nothing(trakt, kodi, windows,  # noqa: F811
                                                                                 monkeypatch):
    trakt.device_interval = 1
    trakt.device_expires_in = 0
    kodi.answer('yesno', False)                    # "expired: start a new login?" no
    closed_when_asked = closed_at(kodi, monkeypatch, 'yes_no')
    assert trakt_auth.login() is False
    assert closed_when_asked == [True]
    assert not trakt_tokens().exists() and profile_pictures(kodi) == []


# ---- PunchPlay -----------------------------------------------------------------------------------------------

def test_punchplay_shows_its_own_qr_picture_and_approval_saves_the_tokens(punchplay, kodi, windows):
    own = qr_png('https://punchplay.tv/link?code=own')
    punchplay.device_qr = 'data:image/png;base64,' + base64.b64encode(own).decode()
    punchplay.script_device(3, 'approved')
    punchplay_auth.login()
    [window] = windows
    assert window.shown_png == own
    assert label(window, login_dialog.CODE) == '[B]%s[/B]' % next(iter(punchplay.devices.values()))['user_code']
    assert label(window, login_dialog.ADDRESS) == 'https://punchplay.tv/link'
    assert [shown['closed'] for shown in login_windows(kodi)] == [True]
    assert punchplay_client.is_authenticated(punchplay_client.token_store().load())
    assert profile_pictures(kodi) == []


def test_without_its_own_picture_punchplay_s_address_is_drawn(punchplay, kodi, windows):
    punchplay.script_device(1, 'approved')
    punchplay_auth.login()
    assert windows[0].shown_png == qr_png('https://punchplay.tv/link')


@pytest.mark.parametrize('inputs', [['wait'] * 6 + ['back'], ['wait'] * 6 + ['select']])   # select: Cancel
def test_back_or_cancel_in_the_punchplay_dialog_saves_nothing(punchplay, kodi, windows, inputs):
    kodi.answer('window', inputs)
    punchplay_auth.login()
    assert [shown['closed'] for shown in login_windows(kodi)] == [True]
    assert not punchplay_client.token_store().exists() and kodi.notifications == []
    polls = punchplay.count('/api/auth/device/token')
    assert polls < 5


def test_an_expired_punchplay_code_closes_the_dialog_then_says_so(punchplay, kodi, windows, monkeypatch):
    punchplay.script_device(2, 'expired')
    kodi.answer('ok', True)
    closed_when_told = closed_at(kodi, monkeypatch, 'ok_dialog')
    punchplay_auth.login()
    [told] = [shown for shown in kodi.dialogs if shown['kind'] == 'ok']
    assert told['message'] == 'Login failed (the code expired).'
    assert closed_when_told == [True] and not punchplay_client.token_store().exists()
