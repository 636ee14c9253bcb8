"""PunchPlay.tv actions (settings buttons, Tools): device-code login and logout, Sync now, Test connection, Status
and Clear queue.

The feature is imported inside each function: the main menu, which loads every view module, must not pay for it.
"""
from __future__ import annotations

from addon.platform.route_table import arg, int_arg, route


@route('/punchplay/login', legacy=('punchplay_login',))
def login():
    from addon.punchplay import auth
    auth.login()


@route('/punchplay/logout', legacy=('punchplay_logout',))
def logout():
    from addon.punchplay import auth
    auth.logout()



@route('/punchplay/sync', legacy=('punchplay_sync',))
def sync_now():
    from addon.punchplay import tools
    tools.sync_now()


@route('/punchplay/test', legacy=('punchplay_test',))
def test_connection():
    from addon.punchplay import tools
    tools.test_connection()


@route('/punchplay/status', legacy=('punchplay_status',))
def status():
    from addon.punchplay import tools
    tools.status()


@route('/punchplay/queue/clear', legacy=('punchplay_clear_queue',))
def clear_queue():
    from addon.punchplay import tools
    tools.clear_queue()


@route('/punchplay/rate', legacy=('punchplay_rate',))
def rate():
    """Rate a movie or an episode: at once with rating=1..10 (keymaps, skins), otherwise after asking."""
    from addon.core.punchplay_rating import target_of_params
    from addon.punchplay import rating
    target = target_of_params(arg('content_type'), arg('imdb_id'), arg('meta_id'), int_arg('season'),
                              int_arg('episode'), arg('title'))
    rating.rate_from_route(target, arg('rating'))
