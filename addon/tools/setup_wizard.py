"""The set-up wizard (the main menu's "Set up AIOStreams" until a manifest URL is saved, and a settings button):
connect to the AIOStreams server, then the optional Trakt and PunchPlay.tv logins, TMDbHelper players and keymap.

Each step saves what it did at once, so skipping or cancelling a later step loses nothing; the manifest URL is
saved only after its live test passed (tools.connection). A second run shows what is configured and asks before
replacing the connection.
"""
from __future__ import annotations

from addon import kodi
from addon.core import manifest_url
from addon.platform import settings
from addon.platform.tokenstore import TokenStore
from addon.punchplay import auth as punchplay_auth
from addon.punchplay import client as punchplay_client
from addon.surfaces import keymap
from addon.tools import connection, tmdbhelper
from addon.trakt import auth as trakt_auth

STEPS = 4
HEADING = 32310
PASTE_URL, FROM_CREDENTIALS = 32311, 32312
LOG_IN, SKIP, INSTALL, CHANGE, KEEP = 32324, 32325, 32331, 32319, 32320
TRAKT_CREDENTIALS = ('trakt_client_id', 'trakt_client_secret')


def heading(step) -> str:
    return kodi.localize(HEADING, step, STEPS)


def run():
    """The whole wizard; returns whether AIOStreams is connected at the end."""
    connected = bool(settings.base_url())
    if connected and not kodi.yes_no(kodi.localize(32313, configuration_summary()), heading(1),
                                     yes_label=kodi.localize(CHANGE), no_label=kodi.localize(KEEP)):
        kodi.notify(kodi.localize(32322))
    elif not connect():
        if not connected:
            kodi.ok_dialog(kodi.localize(32321), heading(1))
            return False
        kodi.notify(kodi.localize(32322))
    trakt_step()
    punchplay_step()
    extras_step()
    kodi.notify(kodi.localize(32332), heading=kodi.localize(32300))
    kodi.builtin('Container.Refresh')
    return True


# ---- step 1: the AIOStreams server ---------------------------------------------------------------------------

def connect() -> bool:
    """Paste a manifest URL or build one from address, UUID or alias and password, until one passes the live
    test (saved) or the user backs out (nothing saved). Each failure was told in words by tools.connection."""
    options = [kodi.localize(PASTE_URL), kodi.localize(FROM_CREDENTIALS)]
    while True:
        choice = kodi.select(heading(1), options)
        if choice < 0:
            return False
        if (connection.enter_manifest_url if choice == 0 else connection.setup_from_uuid)():
            return True


def configuration_summary() -> str:
    """What is set up now, one line each; never a credential (the server's address only)."""
    try:
        server = manifest_url.parse(settings.base_url()).origin
    except manifest_url.BadManifestUrl:
        server = '-'
    trakt_user = trakt_account()
    punchplay_user = punchplay_account()
    return '\n'.join([
        kodi.localize(32314, server),
        kodi.localize(32315, trakt_user) if trakt_user is not None else kodi.localize(32316),
        kodi.localize(32317, punchplay_user) if punchplay_user is not None else kodi.localize(32318),
    ])


def trakt_account():
    """The Trakt user name ('' when unknown), or None when not logged in."""
    token = TokenStore(kodi.profile_dir(), 'trakt').load()
    return (token.get('username') or '') if token.get('access_token') else None


def punchplay_account():
    tokens = punchplay_client.token_store().load()
    return punchplay_client.account_of(tokens) if punchplay_client.is_authenticated(tokens) else None


# ---- step 2: Trakt ------------------------------------------------------------------------------------------

def trakt_step():
    if trakt_account() is not None or not _wanted(2, 32323, LOG_IN):
        return
    previous = [kodi.get_string(setting_id) for setting_id in TRAKT_CREDENTIALS]
    if not all(previous) and not _ask_trakt_credentials():
        return
    if not trakt_auth.login() and not all(previous):
        # credentials typed here that did not log in are not kept: the settings stay as they were
        for setting_id, value in zip(TRAKT_CREDENTIALS, previous):
            kodi.set_setting(setting_id, value)


def _ask_trakt_credentials() -> bool:
    """Client id and secret of the user's Trakt app, saved only when both are given."""
    client_id = kodi.keyboard(kodi.localize(32326), kodi.get_string('trakt_client_id'))
    if client_id is None:
        return False
    secret = kodi.keyboard(kodi.localize(32327), hidden=True)
    if secret is None:
        return False
    kodi.set_setting('trakt_client_id', client_id.strip())
    kodi.set_setting('trakt_client_secret', secret.strip())
    return True


# ---- step 3: PunchPlay.tv -----------------------------------------------------------------------------------

def punchplay_step():
    if punchplay_account() is None and _wanted(3, 32328, LOG_IN):
        punchplay_auth.login()


# ---- step 4: TMDbHelper players and the keymap --------------------------------------------------------------

def extras_step():
    if kodi.addon_enabled(tmdbhelper.TMDBHELPER_ID) and _wanted(4, 32329, INSTALL):
        tmdbhelper.install_with_feedback()
    if _wanted(4, 32330, INSTALL):
        keymap.install()


def _wanted(step, question, yes_label) -> bool:
    """Yes to an optional step; no, Back and Escape skip it."""
    return kodi.yes_no(kodi.localize(question), heading(step), yes_label=kodi.localize(yes_label),
                       no_label=kodi.localize(SKIP))
