"""Shared by the login-dialog tests (unit, integration, real Kodi): the PNG segno draws for an address with the
add-on's own settings, and the `windows` fixture recording every login window with the picture it showed."""
from __future__ import annotations

import io

import pytest
import segno

from addon.platform import login_dialog, login_qr


def qr_png(text) -> bytes:
    out = io.BytesIO()
    segno.make(text, error='m').save(out, kind='png', scale=login_qr.MODULE_PIXELS, border=login_qr.BORDER_MODULES)
    return out.getvalue()


@pytest.fixture
def windows(kodi, monkeypatch):
    """Every login window opened; each keeps the bytes of the picture it showed (b'' for none), read while open."""
    opened = []

    class Recorded(login_dialog.LoginWindow):
        def onInit(self):
            super().onInit()
            shown = self.getControl(login_dialog.PICTURE).image if self.picture else ''
            with open(shown, 'rb') if shown else io.BytesIO() as handle:
                self.shown_png = handle.read()
            opened.append(self)
    monkeypatch.setattr(login_dialog, 'LoginWindow', Recorded)
    return opened
