"""PunchPlay.tv account actions (settings buttons): device-code login and logout."""
from __future__ import annotations

from addon.platform.route_table import plugin


@plugin.route('/punchplay/login')
def login():
    from addon.punchplay import auth
    auth.login()


@plugin.route('/punchplay/logout')
def logout():
    from addon.punchplay import auth
    auth.logout()


LEGACY_ACTIONS = {'punchplay_login': login, 'punchplay_logout': logout}
