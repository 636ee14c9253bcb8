"""The QR login dialog (addon.platform.login_dialog, login_qr) through the fake WindowXMLDialog: the QR picture is
written into the profile (drawn by segno, or PunchPlay's own data-URI PNG) and shown beside the address and the
code; without segno the dialog still shows the address and the code; Back and Cancel cancel; the time left counts
down; the picture is removed when the dialog closes."""
from __future__ import annotations

import base64
import os

import pytest

from addon.platform import login_dialog, login_qr
from tests.login_windows import qr_png, windows  # noqa: F401

ADDRESS = 'https://trakt.tv/activate'


def label(window, control_id):
    return window.getControl(control_id).getLabel()


def wait_once(kodi):
    import xbmc
    xbmc.Monitor().waitForAbort(0.01)


def test_the_qr_code_of_the_address_is_drawn_into_the_profile(kodi):
    path = login_qr.picture(ADDRESS + '/ABCD1234')
    assert os.path.dirname(path) == os.path.join(kodi.state.paths.translate(kodi.state.profile)).rstrip('/')
    with open(path, 'rb') as handle:
        assert handle.read() == qr_png(ADDRESS + '/ABCD1234')


def test_a_new_login_replaces_the_old_picture_under_a_new_name(kodi):
    first = login_qr.picture(ADDRESS + '/AAAA1111')
    second = login_qr.picture(ADDRESS + '/BBBB2222')
    assert first != second and os.path.isfile(second) and not os.path.exists(first)
    login_qr.remove_pictures()
    assert not os.path.exists(second)


def test_punchplay_s_own_png_is_used_as_it_is(kodi, monkeypatch):
    png = qr_png('https://punchplay.tv/link?code=WXYZ-1234')
    monkeypatch.setattr(login_qr, 'segno', None)   # proves the picture does not come from segno
    path = login_qr.picture('https://punchplay.tv/link', 'data:image/png;base64,' + base64.b64encode(png).decode())
    with open(path, 'rb') as handle:
        assert handle.read() == png


@pytest.mark.parametrize('data_uri', ['data:image/png;base64,not base64!', 'data:image/png;base64,'
                                      + base64.b64encode(b'GIF89a...').decode(), 'https://punchplay.tv/qr.png', 42])
def test_a_bad_qr_picture_from_the_service_falls_back_to_drawing_the_address(kodi, data_uri):
    path = login_qr.picture('https://punchplay.tv/link', data_uri)
    with open(path, 'rb') as handle:
        assert handle.read() == qr_png('https://punchplay.tv/link')


def test_without_segno_there_is_no_picture(kodi, monkeypatch):
    monkeypatch.setattr(login_qr, 'segno', None)
    assert login_qr.picture(ADDRESS) == ''


def test_the_dialog_shows_the_picture_the_address_and_the_code_and_counts_down(kodi, windows):
    with login_dialog.opened('Trakt login', ADDRESS, 'ABCD1234', 600, qr_address=ADDRESS + '/ABCD1234') as dialog:
        wait_once(kodi)                                   # Kodi runs onInit during the opener's wait
        [window] = windows
        assert window.getControl(login_dialog.PICTURE).image == window.picture
        assert window.getControl(login_dialog.PICTURE).isVisible()
        assert window.shown_png == qr_png(ADDRESS + '/ABCD1234')
        assert label(window, login_dialog.HEADING) == 'Trakt login'
        assert label(window, login_dialog.SCAN) == 'Scan the QR code with your phone, or go to'
        assert (label(window, login_dialog.ADDRESS), label(window, login_dialog.CODE)) == (ADDRESS, '[B]ABCD1234[/B]')
        assert window.getControl(login_dialog.NO_PICTURE).getText() == ''
        assert label(window, login_dialog.STATUS) in ('Waiting for your approval. The code expires in 10:00.',
                                                      'Waiting for your approval. The code expires in 9:59.')
        dialog._deadline -= 125
        dialog.tick()
        assert label(window, login_dialog.STATUS).endswith('expires in 7:55.') or \
            label(window, login_dialog.STATUS).endswith('expires in 7:54.')
        assert not dialog.cancelled()
    assert kodi.dialogs[-1]['closed'] and kodi.dialogs[-1]['xml'] == 'aiostreams-login.xml'
    assert not os.path.exists(window.picture)             # removed with the dialog


def test_without_segno_the_dialog_shows_the_address_and_the_code_only(kodi, windows, monkeypatch):
    monkeypatch.setattr(login_qr, 'segno', None)
    with login_dialog.opened('Trakt login', ADDRESS, 'ABCD1234', 600):
        wait_once(kodi)
        [window] = windows
        assert not window.getControl(login_dialog.PICTURE).isVisible()
        assert window.getControl(login_dialog.NO_PICTURE).getText() == \
            'Open the address on your phone or computer and enter the code shown here.'
        assert label(window, login_dialog.SCAN) == 'On your phone or computer, go to'
        assert (label(window, login_dialog.ADDRESS), label(window, login_dialog.CODE)) == (ADDRESS, '[B]ABCD1234[/B]')
    assert kodi.errors() == []


@pytest.mark.parametrize('inputs', [['back'], ['menu'], ['select']])   # select: on Cancel, the default control
def test_back_and_cancel_close_the_dialog_as_cancelled(kodi, windows, inputs):
    kodi.answer('window', inputs)
    with login_dialog.opened('PunchPlay.tv', 'https://punchplay.tv/link', 'WXYZ-1234', 600) as dialog:
        wait_once(kodi)
        assert not dialog.cancelled()
        wait_once(kodi)
        assert dialog.cancelled()
    assert kodi.dialogs[-1]['closed']


def test_keys_reach_the_dialog_only_through_the_waits_of_the_thread_that_opened_it(kodi, windows):
    import threading
    kodi.answer('window', ['back'])
    with login_dialog.opened('PunchPlay.tv', 'https://punchplay.tv/link', 'WXYZ-1234', 600) as dialog:
        other = threading.Thread(target=wait_once, args=(kodi,))
        other.start()
        other.join()
        assert windows == [] and not dialog.cancelled()
        wait_once(kodi)
        wait_once(kodi)
        assert dialog.cancelled()
