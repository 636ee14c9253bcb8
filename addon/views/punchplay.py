"""PunchPlay.tv account actions (settings buttons): device-code login and logout.

The feature is imported inside each function: the main menu, which loads every view module, must not pay for it.
"""
from __future__ import annotations

from addon.platform.route_table import route


@route('/punchplay/login', legacy=('punchplay_login',))
def login():
    from addon.punchplay import auth
    auth.login()


@route('/punchplay/logout', legacy=('punchplay_logout',))
def logout():
    from addon.punchplay import auth
    auth.logout()

