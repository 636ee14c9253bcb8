"""The account rows of the settings dialog: 'Logged in as <name>' and which of the log in / log out buttons shows.

Each account has a hidden flag `<prefix>_logged_in` (the buttons' visibility follows it) and a read-only
`<prefix>_account` with the name. The login and logout code set them here; the service puts them right again when
a token file changed behind their back (an add-on update, a reset).
"""
from __future__ import annotations

from addon import kodi

UNKNOWN_NAME = 32676  # logged in, but the service never said who


def show(prefix, name):
    """name: the account's name ('' when unknown), or None when logged out. Writes only what changed."""
    logged_in = name is not None
    shown = (name or kodi.localize(UNKNOWN_NAME)) if logged_in else ''
    if kodi.get_bool(prefix + '_logged_in') != logged_in:
        kodi.set_setting(prefix + '_logged_in', logged_in)
    if kodi.get_string(prefix + '_account') != shown:
        kodi.set_setting(prefix + '_account', shown)
