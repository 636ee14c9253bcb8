"""Every URL the addon hands out - settings buttons, the keymap file, the TMDbHelper players, widget paths, context
menus (ours and the global one), Home properties, Up Next, the Tools menu - reaches a route: a path some view
answers, or an ?action= name some view declared. Links are built from the declarations, so a route whose path
moves keeps every link working, and a name that disappears fails here."""
from __future__ import annotations

import ast
import glob
import json
import os
import re
import sys
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
import xbmcgui

from addon import plugin_entry
from addon.platform import route_table
from addon.surfaces import item_menus, widgets
from tests.conftest import REPO_ROOT

ADDON = 'plugin.video.aiostreams'
OUR_URL = re.compile(r'plugin://%s[^\s,)"<]*' % re.escape(ADDON))
PLAYER_VALUES = {'imdb': 'tt0903747', 'tmdb': '1396', 'season': '2', 'episode': '3', 'title_url': 'Grilled',
                 'showname_url': 'Breaking+Bad', 'title': 'Grilled', 'showname': 'Breaking Bad', 'year': '2008'}


@pytest.fixture(autouse=True)
def views_loaded():
    plugin_entry.load_views()


def view_reached(url):
    """The view a URL of ours opens, or None: the path's route, or for the root URL the view of its ?action=."""
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ('plugin', ADDON), url
    path = parts.path.rstrip('/')
    if path:
        return route_table.plugin.route_for(path)
    action = parse_qs(parts.query).get('action', [None])[0]
    return route_table.view_of_action(action) if action else route_table.root


def urls_in(text):
    return [match.group(0).replace('&amp;', '&') for match in OUR_URL.finditer(text)]


def assert_all_reach_a_view(urls):
    assert urls
    dead = [url for url in urls if view_reached(url) is None]
    assert not dead, 'links no route answers: %s' % dead


# The seed's ?action= names (seed-addon-inventory.md §3, §4, §5 and §25: v3.5.4, its unrouted tools, and HEAD's).
SEED_ACTIONS = (
    'search', 'search_unified', 'search_tab', 'play', 'play_first', 'select_stream', 'show_streams', 'movie_lists',
    'series_lists', 'catalogs', 'catalog_genres', 'browse_catalog', 'show_seasons', 'show_episodes', 'show_related',
    'trakt_menu', 'trakt_watchlist', 'trakt_collection', 'trakt_next_up', 'trakt_auth', 'trakt_revoke',
    'trakt_add_watchlist', 'trakt_remove_watchlist', 'trakt_mark_watched', 'trakt_mark_unwatched',
    'trakt_remove_playback', 'trakt_hide_show', 'trakt_hide_from_progress', 'trakt_unhide_from_progress',
    'clear_stream_stats', 'clear_preferences', 'database_reset', 'show_database_info', 'test_connection',
    'quick_actions', 'configure_aiostreams', 'refresh_manifest_cache', 'clear_cache', 'force_trakt_sync',
    'clear_trakt_database', 'rebuild_trakt_database', 'vacuum_database', 'optimize_database',
    'play_next', 'info', 'browse_show', 'retrieve_manifest', 'clear_trakt_cache', 'get_all_catalogs')


def test_every_action_name_of_the_seed_is_declared():
    assert [name for name in SEED_ACTIONS if route_table.view_of_action(name) is None] == []


def test_a_dead_link_is_noticed():
    assert view_reached('plugin://%s/?action=no_such_action' % ADDON) is None
    assert view_reached('plugin://%s/no/such/page' % ADDON) is None
    assert view_reached('plugin://%s/trakt/next_up' % ADDON) is view_reached(route_table.link('trakt_next_up'))


def test_settings_buttons():
    root = ElementTree.parse(os.path.join(REPO_ROOT, 'resources', 'settings.xml')).getroot()
    commands = [node.findtext('data') for node in root.iter('setting') if node.get('type') == 'action']
    urls = [url for command in commands for url in urls_in(command)]
    assert len(urls) == len(commands) >= 15
    assert_all_reach_a_view(urls)


def test_keymap_file():
    with open(os.path.join(REPO_ROOT, 'resources', 'keymaps', 'aiostreams.xml'), encoding='utf-8') as handle:
        urls = urls_in(handle.read())
    assert {parse_qs(urlsplit(url).query)['action'][0] for url in urls} == {
        'toggle_watchlist', 'toggle_watched', 'info', 'similar', 'quick_actions'}
    assert_all_reach_a_view(urls)


def test_tmdbhelper_players():
    urls = []
    for path in glob.glob(os.path.join(REPO_ROOT, 'players', '*.json')):
        with open(path, encoding='utf-8') as handle:
            player = json.load(handle)
        urls += [player[key].format_map(PLAYER_VALUES) for key in ('play_movie', 'play_episode')]
    assert len(urls) == 4
    assert_all_reach_a_view(urls)


def test_widget_paths():
    urls = [widgets.widget_path(action, **params) for _label, action, params in widgets.WIDGETS]
    urls.append(widgets.catalog_path('movie', 'fk1.tmdb.top'))
    assert all(url.endswith('&' + widgets.WIDGET_SUFFIX) for url in urls)
    assert_all_reach_a_view([url[:-len(widgets.WIDGET_SUFFIX) - 1] for url in urls])


REFS = [item_menus.make_ref('movie', 'movie', 'tt1000001', title='A Movie', trailer='https://youtu.be/x'),
        item_menus.make_ref('tvshow', 'series', 'tt2000001', title='A Show'),
        item_menus.make_ref('season', 'series', None, 'tmdb:62560', 1),
        item_menus.make_ref('episode', 'series', 'tt2000001', None, 1, 2, 'A Show')]


def test_item_context_menus(kodi):
    """Every entry, whatever the item and whether the Trakt state is known (listing) or not (widget toggles)."""
    commands = [command for ref in REFS for toggles in (False, True)
                for _label, command in item_menus.entries(ref, toggles=toggles)]
    assert_all_reach_a_view([url for command in commands for url in urls_in(command)])


def test_trakt_context_menus_of_an_authorized_account(kodi):
    from addon.trakt import actions
    from tests.unit.test_context_items import log_in_trakt
    log_in_trakt(kodi)
    items = [item_menus.trakt_item(ref) for ref in REFS]
    menus = actions.context_menus(items, [{'playback_id': 7}] * len(items))
    urls = [url for menu in menus for _label, command in menu for url in urls_in(command)]
    assert len(urls) >= 10
    assert_all_reach_a_view(urls)


def test_global_context_menu(kodi, monkeypatch):
    from addon.surfaces import global_menu
    with open(os.path.join(REPO_ROOT, 'addon.xml'), encoding='utf-8') as handle:
        actions = re.findall(r'library="context.py" args="(\w+)"', handle.read())
    item = xbmcgui.ListItem('Sample Feature')
    item.getVideoInfoTag().setMediaType('movie')
    item.getVideoInfoTag().setUniqueIDs({'imdb': 'tt1000001'}, 'imdb')
    monkeypatch.setattr(sys, 'listitem', item, raising=False)
    for action in actions:
        global_menu.run(['context.py', action])
    urls = [url for command in kodi.builtins for url in urls_in(command)]
    assert len(urls) == len(actions) >= 1
    assert_all_reach_a_view(urls)


def test_home_properties_and_up_next():
    from addon.play import upnext_addon
    from addon.trakt import home_properties
    urls = [home_properties.play_url({'kind': 'movie', 'meta_id': 'tt1000001'}),
            home_properties.play_url({'kind': 'episode', 'meta_id': 'tt2000001', 'season': 1, 'episode': 2}),
            upnext_addon.play_url({'id': 'tt2000001', 'name': 'A Show'}, 'series',
                                  {'id': 'tt2000001:1:3', 'season': 1, 'episode': 3}),
            upnext_addon.play_url({'id': 'kitsu:1376', 'name': 'An Anime'}, 'series',
                                  {'id': 'kitsu:1376:2', 'season': 1, 'episode': 2})]
    assert_all_reach_a_view(urls)


def test_tools_menu(kodi):
    listing = kodi.run_plugin('plugin://%s/menu/tools' % ADDON)
    assert len(listing.urls) == len(listing.items) >= 10
    assert_all_reach_a_view(listing.urls)


def test_every_action_name_the_code_links_to_is_declared():
    """A name in the source (link('x'), widget_path('x'), the menus' _run / _open('x'), the Tools table) is a
    declared action, including links on paths no test above walks."""
    calls = ('link', 'widget_path', '_run', '_open')
    named = set()
    for path in glob.glob(os.path.join(REPO_ROOT, 'addon', '**', '*.py'), recursive=True):
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and \
                    isinstance(node.args[0].value, str):
                callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, 'id', '')
                if callee in calls:
                    named.add(node.args[0].value)
    from addon.views import menus
    named |= {action for _label, action in menus.TOOLS + menus.PUNCHPLAY_TOOLS}
    assert len(named) >= 20
    assert sorted(named - set(route_table.actions())) == []


def test_views_read_their_parameters_at_the_top():
    """Parameters are read in the views themselves or in their *_params readers, never deeper."""
    readers = {'arg', 'int_arg', 'flag_arg'}
    deep = []
    for path in glob.glob(os.path.join(REPO_ROOT, 'addon', 'views', '*.py')):
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), path)
        for function in [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]:
            is_view = any(isinstance(decorator, ast.Call) and getattr(decorator.func, 'id', '') == 'route'
                          for decorator in function.decorator_list)
            if is_view or function.name.endswith('_params'):
                continue
            deep += ['%s:%s' % (os.path.basename(path), function.name) for node in ast.walk(function)
                     if isinstance(node, ast.Call) and getattr(node.func, 'id', '') in readers]
    assert deep == []
