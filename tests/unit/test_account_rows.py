"""The settings' account rows ('Logged in as <name>', log in or log out) follow the token files when the service
looks, so a login made before the rows existed, or a token dropped elsewhere, shows right in the settings."""
from __future__ import annotations

from addon.punchplay import client as punchplay_client
from addon.surfaces import settings_accounts
from addon.trakt.client import token_store


def rows(kodi, prefix):
    return kodi.setting(prefix + '_logged_in'), kodi.setting(prefix + '_account')


def test_the_service_shows_who_is_logged_in_and_who_logged_out(kodi):
    token_store().save({'access_token': 'trakt-token', 'username': 'ann'})
    punchplay_client.token_store().save({'access_token': 'punchplay-token', 'username': 'bob'})
    settings_accounts.refresh()
    assert rows(kodi, 'trakt') == (True, 'ann') and rows(kodi, 'punchplay') == (True, 'bob')
    token_store().save({'access_token': 'trakt-token', 'username': 'ann', 'reauth_required': True})
    punchplay_client.token_store().save({'access_token': 'punchplay-token', 'reauth_required': True})
    settings_accounts.refresh()  # logins the services refused: log in again
    assert rows(kodi, 'trakt') == (False, '') and rows(kodi, 'punchplay') == (False, '')


def test_a_login_without_a_known_name_still_shows_as_logged_in(kodi):
    token_store().save({'access_token': 'trakt-token'})
    settings_accounts.refresh()
    assert rows(kodi, 'trakt') == (True, '(name not known)')
