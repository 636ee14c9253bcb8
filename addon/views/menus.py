"""Main menu, search menu and Tools menu.

Views are imported inside the functions that link to them, features inside the functions that use them: the
main menu must stay cheap (no HTTP stack, database or file-name parser).
"""
from __future__ import annotations

from addon import kodi
from addon.platform.route_table import home, link, plugin, route, url_for


def _folder(label, target, icon='DefaultFolder.png'):
    item = kodi.list_item(label)
    item.setArt({'icon': icon, 'thumb': icon})
    return target, item, True


def _action(label, target, icon='DefaultAddonService.png'):
    item = kodi.list_item(label)
    item.setArt({'icon': icon, 'thumb': icon})
    return target, item, False


def logged_in(service) -> bool:
    """A login to 'trakt' or 'punchplay' is kept (its token file)."""
    from addon.platform.tokenstore import TokenStore
    return TokenStore(kodi.profile_dir(), service).exists()


def aiostreams_set_up() -> bool:
    """A manifest URL is saved (the wizard saves one only after its live test passed)."""
    return bool(kodi.get_string('base_url').strip())


@home
def main_menu():
    """Search and the catalogs once AIOStreams is set up; before that only the wizard stands in for them (every
    backend entry could only fail). Trakt lists and Tools work either way."""
    from addon.views import catalogs, connection, trakt
    if aiostreams_set_up():
        items = [
            _folder(kodi.localize(30001), url_for(search_menu), 'DefaultAddonsSearch.png'),
            _folder(kodi.localize(30002), url_for(catalogs.movies), 'DefaultMovies.png'),
            _folder(kodi.localize(30003), url_for(catalogs.tvshows), 'DefaultTVShows.png'),
        ]
    else:
        items = [_action(kodi.localize(32300), url_for(connection.setup_wizard), 'DefaultAddonProgram.png')]
    if logged_in('trakt'):
        items.append(_folder(kodi.localize(30004), url_for(trakt.menu), 'DefaultPlaylist.png'))
    elif logged_in('punchplay'):   # Trakt's lists hold Continue Watching for Trakt users; the local one for the others
        items.append(_folder(kodi.localize(30741), link('continue_watching'), 'DefaultInProgressShows.png'))
    items.append(_folder(kodi.localize(30005), url_for(tools_menu), 'DefaultAddonProgram.png'))
    kodi.begin_directory(plugin.handle, category=kodi.localize(30000))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


@route('/menu/search')
def search_menu():
    from addon.views import search
    items = [
        _folder(kodi.localize(30006), url_for(search.search_view, content_type='both'), 'DefaultAddonsSearch.png'),
        _folder(kodi.localize(30007), url_for(search.search_view, content_type='movie'), 'DefaultMovies.png'),
        _folder(kodi.localize(30008), url_for(search.search_view, content_type='series'), 'DefaultTVShows.png'),
    ]
    kodi.begin_directory(plugin.handle, category=kodi.localize(30001))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle)


# Tools: (label id, action). Each entry runs as a script (non-folder, non-playable item).
TOOLS = (
    (30105, 'test_connection'),
    (30223, 'refresh_manifest_cache'),
    (30224, 'clear_cache'),
    (30177, 'trakt_sync'),
    (30568, 'install_tmdbhelper_players'),
    (31130, 'install_keymap'),
    (31154, 'widget_paths'),
    (30225, 'show_database_info'),
    (31189, 'vacuum_database'),
    (31188, 'rebuild_trakt_database'),
    (30227, 'clear_stream_stats'),
    (30228, 'clear_preferences'),
    (30226, 'database_reset'),
)


# Shown after Trakt's sync while logged in to PunchPlay.tv (a user without it has no use for them).
PUNCHPLAY_TOOLS = (
    (33050, 'punchplay_sync'),
    (33058, 'punchplay_test'),
    (33060, 'punchplay_status'),
    (33061, 'punchplay_clear_queue'),
)


def tool_entries():
    """(label id, action) of the Tools menu, in its order."""
    if not logged_in('punchplay'):
        return TOOLS
    after_sync = [action for _, action in TOOLS].index('trakt_sync') + 1
    return TOOLS[:after_sync] + PUNCHPLAY_TOOLS + TOOLS[after_sync:]


@route('/menu/tools', legacy=('tools',))
def tools_menu():
    items = [_action(kodi.localize(label), link(action)) for label, action in tool_entries()]
    items.append(_action(kodi.localize(30021), url_for(open_settings), 'DefaultAddonProgram.png'))
    kodi.begin_directory(plugin.handle, category=kodi.localize(30005))
    kodi.add_items(plugin.handle, items)
    kodi.end_directory(plugin.handle, cache_to_disc=False)


@route('/settings', legacy=('settings',))
def open_settings():
    kodi.open_settings()
