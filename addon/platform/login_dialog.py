"""The device-login dialog of Trakt and PunchPlay (resources/skins/Default/1080i/aiostreams-login.xml): the QR code of
the verification address on the left; the address, the user code, the time left and Cancel beside it.

It is non-modal: the login's poll loop, in the thread that opened it, keeps polling with Kodi waits (Kodi hands the
window its callbacks, Back and Cancel included, only during that thread's waits) and closes it on success, cancel,
expiry or abort. `opened(...)` yields the LoginDialog the poll loops tick and ask whether it was cancelled."""
from __future__ import annotations

import time
from contextlib import contextmanager

from addon import kodi
from addon.platform import login_qr

XML_FILE = 'aiostreams-login.xml'
HEADING, PICTURE, NO_PICTURE, SCAN, ADDRESS, ENTER, CODE, STATUS, CANCEL = 10, 20, 21, 30, 31, 32, 33, 34, 40
CLOSE_ACTIONS = (kodi.ACTION_NAV_BACK, kodi.ACTION_PREVIOUS_MENU)


class LoginWindow(kodi.WindowXMLDialog):
    """Built by Kodi from the XML; `labels` ({control id: text}) and `picture` are set before show()."""

    labels = None
    picture = ''
    cancelled = False
    ready = False

    def onInit(self):
        for control_id, text in (self.labels or {}).items():
            self.getControl(control_id).setLabel(text)
        if self.picture:
            self.getControl(PICTURE).setImage(self.picture, False)
        self.getControl(PICTURE).setVisible(bool(self.picture))
        self.getControl(NO_PICTURE).setText('' if self.picture else kodi.localize(33103))
        self.ready = True

    def onClick(self, controlId):
        if controlId == CANCEL:
            self._cancel()

    def onAction(self, action):
        if action.getId() in CLOSE_ACTIONS:
            self._cancel()

    def _cancel(self):
        self.cancelled = True
        self.close()

    def set_label(self, control_id, text):
        self.labels = dict(self.labels or {})
        self.labels[control_id] = text
        if self.ready:
            self.getControl(control_id).setLabel(text)


class LoginDialog:
    """The window as the poll loop sees it: tick() refreshes the time left, cancelled(), close()."""

    def __init__(self, heading, address, user_code, expires_in, picture=''):
        self._deadline = time.monotonic() + expires_in
        self._shown_seconds = None
        self.window = LoginWindow(XML_FILE, kodi.addon_dir(), 'Default', '1080i')
        self.window.picture = picture
        self.window.labels = {HEADING: heading, SCAN: kodi.localize(33100 if picture else 33101), ADDRESS: address,
                              ENTER: kodi.localize(33102), CODE: '[B]%s[/B]' % user_code,
                              CANCEL: kodi.localize(33105), STATUS: ''}
        self.tick()
        self.window.show()

    def tick(self):
        seconds = max(0, int(self._deadline - time.monotonic()))
        if seconds != self._shown_seconds:
            self._shown_seconds = seconds
            self.window.set_label(STATUS, kodi.localize(33104, seconds // 60, seconds % 60))

    def cancelled(self) -> bool:
        return self.window.cancelled

    def close(self):
        self.window.close()


@contextmanager
def opened(heading, address, user_code, expires_in, qr_address=None, qr_data_uri=None):
    """Show the login dialog with the QR code of `qr_address` (default: the address), or the service's own picture;
    close it and remove the picture whatever ends the login."""
    dialog = LoginDialog(heading, address, user_code, expires_in,
                         login_qr.picture(qr_address or address, qr_data_uri))
    try:
        yield dialog
    finally:
        dialog.close()
        login_qr.remove_pictures()
