"""Service task: the settings' account rows ('Logged in as', log in or log out) follow the token files, for a
login made before the rows existed, a token the other process dropped, or a reset."""
from __future__ import annotations

from addon.platform import account_rows
from addon.platform.service_wakeup import PeriodicTask
from addon.punchplay import client as punchplay_client
from addon.trakt.client import token_store as trakt_token_store

TASK = 'account_rows'
CHECK_SECONDS = 600.0
FIRST_CHECK_SECONDS = 5.0


def refresh():
    trakt = trakt_token_store().load()
    trakt_in = trakt.get('access_token') and not trakt.get('reauth_required')  # a dead login offers log in again
    account_rows.show('trakt', (trakt.get('username') or '') if trakt_in else None)
    punchplay = punchplay_client.token_store().load()
    account_rows.show('punchplay', punchplay_client.account_of(punchplay)
                      if punchplay_client.is_authenticated(punchplay) else None)


def tasks():
    return [PeriodicTask(TASK, CHECK_SECONDS, refresh, first_delay=FIRST_CHECK_SECONDS)]
