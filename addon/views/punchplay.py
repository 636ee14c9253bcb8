"""PunchPlay.tv actions (settings buttons, Tools): device-code login and logout, Sync now, Test connection, Status
and Clear queue; Continue Watching from the local play state (what PunchPlay.tv's pull sync and local plays left to
resume), for users without Trakt.

The feature is imported inside each function: the main menu, which loads every view module, must not pay for it.
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import arg, int_arg, plugin, route


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


@route('/continue', legacy=('continue_watching',))
def continue_watching():
    """Continue Watching from the local play state (the main menu offers it without Trakt; widgets may use it)."""
    import peewee

    from addon.scrobble import continue_watching as local_list
    from addon.views.trakt import database_failure
    try:
        items = local_list.directory_items()
    except peewee.DatabaseError as error:
        database_failure(plugin.handle, error)
        return
    kodi.begin_directory(plugin.handle, 'videos', kodi.localize(30741))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle, cache_to_disc=False)
