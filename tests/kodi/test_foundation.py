"""Issue 2 in a real Kodi: the installed release zip, its main menu, every legacy ?action= URL of the seed, the
service's start and stop, and the bundled libraries inside Kodi's own Python.

Nothing is configured here (no manifest URL, Trakt not authorized, external services unreachable), so every
feature route must answer with a clear message instead of a traceback or silence.
"""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from dependency_addons import installed_version
from kodi_harness import (
    ADDON_ID,
    REPO_ROOT,
    addon_strings,
    notifications_in,
    plugin_runs,
    repo_addon_version,
    tracebacks_of,
    vendor_pins,
    wait_for,
)

STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
NOT_SET_UP = STRINGS[30012]        # "AIOStreams is not set up yet. ..."
TRAKT_NOT_AUTHORIZED = STRINGS[30014]
# Nothing configured: the set-up wizard stands in for the entries that need the server; Trakt appears once
# authorized
MAIN_MENU = [STRINGS[32300], STRINGS[30005]]

MOVIE = {'content_type': 'movie', 'imdb_id': 'tt0133093', 'title': 'The Matrix'}
EPISODE = {'content_type': 'series', 'imdb_id': 'tt0944947', 'season': '1', 'episode': '2'}

# The seed's ?action= API (seed-addon-inventory.md §3, §4, §22): action, parameters, how Kodi invokes it, and what
# the user must be told with nothing configured: 'setup' = the "not set up" message, 'trakt' = "not set up" or
# "Trakt not authorized", 'feedback' = a listing, a notification or a dialog.
LEGACY_ACTIONS = [
    ('search', {'content_type': 'movie', 'query': 'matrix'}, 'directory', 'setup'),
    ('search', {'content_type': 'both', 'query': 'matrix', 'nocache': '12'}, 'directory', 'setup'),
    ('search', {'content_type': 'series', 'query': 'thrones', 'skip': '20'}, 'directory', 'setup'),
    ('search_unified', {'query': 'matrix'}, 'directory', 'setup'),
    ('search_tab', {'query': 'matrix', 'content_type': 'movie', 'skip': '0'}, 'directory', 'setup'),
    ('movie_lists', {}, 'directory', 'feedback'),
    ('series_lists', {}, 'directory', 'feedback'),
    ('catalogs', {'content_type': 'movie'}, 'directory', 'setup'),
    ('catalog_genres', {'catalog_id': 'top', 'content_type': 'movie', 'catalog_name': 'Popular'}, 'directory',
     'setup'),
    ('browse_catalog', {'catalog_id': 'top', 'content_type': 'series', 'catalog_name': 'Popular', 'genre': 'All',
                        'skip': '20'}, 'directory', 'setup'),
    ('show_seasons', {'meta_id': 'tt0944947'}, 'directory', 'setup'),
    ('show_episodes', {'meta_id': 'tt0944947', 'season': '1'}, 'directory', 'setup'),
    ('show_related', dict(MOVIE), 'directory', 'feedback'),
    ('trakt_menu', {}, 'directory', 'feedback'),
    ('trakt_watchlist', {'media_type': 'movies'}, 'directory', 'trakt'),
    ('trakt_watchlist', {'media_type': 'shows'}, 'directory', 'trakt'),
    ('trakt_collection', {'media_type': 'movies'}, 'directory', 'trakt'),
    ('trakt_next_up', {}, 'directory', 'trakt'),
    ('play', dict(MOVIE), 'play', 'setup'),
    ('play', dict(EPISODE, title='Game of Thrones'), 'play', 'setup'),
    ('play_first', {'content_type': 'movie', 'imdb_id': 'tt0133093'}, 'play', 'setup'),
    ('play_first', dict(EPISODE), 'play', 'setup'),
    ('play_first', {'content_type': 'movie', 'imdb_id': 'None'}, 'play', 'feedback'),
    ('select_stream', dict(MOVIE), 'play', 'setup'),
    ('select_stream', dict(EPISODE), 'play', 'setup'),
    ('show_streams', {'content_type': 'movie', 'media_id': 'tt0133093', 'title': 'The Matrix'}, 'script', 'setup'),
    ('show_streams', {'content_type': 'series', 'media_id': 'tt0944947:1:2', 'title': 'Game of Thrones'}, 'script',
     'setup'),
    ('quick_actions', dict(MOVIE), 'script', 'feedback'),
    ('trakt_auth', {}, 'script', 'feedback'),
    ('trakt_revoke', {}, 'script', 'feedback'),
    ('trakt_add_watchlist', {'media_type': 'movie', 'imdb_id': 'tt0133093'}, 'script', 'trakt'),
    ('trakt_remove_watchlist', {'media_type': 'movie', 'imdb_id': 'tt0133093'}, 'script', 'trakt'),
    ('trakt_mark_watched', {'media_type': 'episode', 'imdb_id': 'tt0944947', 'season': '1', 'episode': '2'},
     'script', 'trakt'),
    ('trakt_mark_unwatched', {'media_type': 'movie', 'imdb_id': 'tt0133093'}, 'script', 'trakt'),
    ('trakt_remove_playback', {'playback_id': '13'}, 'script', 'trakt'),
    ('trakt_hide_show', {'show_trakt_id': '1390'}, 'script', 'trakt'),
    ('trakt_hide_from_progress', {'media_type': 'show', 'imdb_id': 'tt0944947'}, 'script', 'trakt'),
    ('trakt_unhide_from_progress', {'media_type': 'show', 'imdb_id': 'tt0944947'}, 'script', 'trakt'),
    ('clear_stream_stats', {}, 'script', 'feedback'),
    ('clear_preferences', {}, 'script', 'feedback'),
    ('database_reset', {}, 'script', 'feedback'),
    ('show_database_info', {}, 'script', 'feedback'),
    ('test_connection', {}, 'script', 'setup'),
    ('configure_aiostreams', {}, 'script', 'feedback'),
    ('refresh_manifest_cache', {}, 'script', 'setup'),
    ('clear_cache', {}, 'script', 'feedback'),
    ('force_trakt_sync', {}, 'script', 'trakt'),
    ('clear_trakt_database', {}, 'script', 'feedback'),
    ('rebuild_trakt_database', {}, 'script', 'trakt'),
    ('vacuum_database', {}, 'script', 'feedback'),
    # the newer seed's actions (issue 13.6), also with missing or placeholder parameters
    ('play_next', dict(EPISODE), 'play', 'setup'),
    ('play_next', {'content_type': 'series', 'imdb_id': 'None', 'season': 'x'}, 'play', 'feedback'),
    ('info', dict(MOVIE), 'script', 'setup'),
    ('info', {'content_type': 'series', 'id': '_'}, 'script', 'feedback'),
    ('browse_show', {'meta_id': 'tt0944947'}, 'directory', 'setup'),
    ('browse_show', {}, 'script', 'feedback'),
    ('retrieve_manifest', {}, 'script', 'feedback'),
    ('clear_trakt_cache', {}, 'script', 'trakt'),
    ('get_all_catalogs', {}, 'directory', 'setup'),
    ('get_all_catalogs', {'content_type': 'None', 'nocache': '1'}, 'directory', 'setup'),
]


def legacy_url(action, params) -> str:
    return 'plugin://%s/?%s' % (ADDON_ID, urlencode(dict(params, action=action)))


def told(outcome) -> str:
    """Everything the user was shown: notifications and dialog texts."""
    return '\n'.join(outcome['notifications'] + outcome['dialogs'])


def test_release_zip_is_installed_and_enabled_with_its_dependencies(kodi, dependency_addons):
    details = kodi.addon_details(ADDON_ID)
    assert details['enabled'] is True
    assert details['version'] == repo_addon_version()
    required = {dep['addonid'] for dep in details['dependencies'] if not dep.get('optional')}
    assert {'script.module.routing', 'script.module.kodi-six', 'script.module.requests'} <= required
    optional = {dep['addonid'] for dep in details['dependencies'] if dep.get('optional')}
    assert optional == {'plugin.video.youtube', 'service.upnext', 'plugin.video.themoviedb.helper'}
    for dependency in required - {'xbmc.python'}:
        assert kodi.addon_details(dependency)['enabled'] is True, dependency
    # Kodi runs the requests of the session's set (AIOSTREAMS_REQUESTS: Kodi's 2.31.0 or the newest)
    requests_lib = [folder for folder in dependency_addons if folder.name == 'script.module.requests'][0] / 'lib'
    assert kodi.addon_details('script.module.requests')['version'] == installed_version(requests_lib, 'requests')


def test_bundled_libraries_import_inside_kodis_python(kodi):
    answer = kodi.helper('vendor_imports')
    vendor = answer['vendor']
    assert vendor.endswith('/%s/resources/lib/vendor' % ADDON_ID)
    for name, module in answer['modules'].items():
        assert module['file'].startswith(vendor), '%s was imported from %s' % (name, module['file'])
    assert answer['modules']['requests_cache']['version'] == vendor_pins()['requests-cache']
    assert answer['modules']['peewee']['version'] == vendor_pins()['peewee']
    assert answer['guess'] == {'title': 'The Movie', 'year': 2019, 'screen_size': '1080p'}


def test_service_started_with_kodi(kodi):
    kodi.wait_for_log(r'\[%s\] service started' % ADDON_ID, since=0, timeout=30)


def test_main_menu_lists_its_entries(kodi):
    items = kodi.get_directory('plugin://%s/' % ADDON_ID)
    assert [item['label'] for item in items] == MAIN_MENU
    assert [item['filetype'] for item in items] == ['file', 'directory']  # the wizard runs as a script
    assert all(item['file'].startswith('plugin://%s/' % ADDON_ID) for item in items)


def test_every_main_menu_entry_opens_without_error(kodi):
    for item in kodi.get_directory('plugin://%s/' % ADDON_ID):
        outcome = kodi.invoke(item['file'], 'directory' if item['filetype'] == 'directory' else 'script')
        assert 'unknown action' not in outcome['log'], item['label']
        assert outcome['items'] or told(outcome), '%s answered with neither items nor a message' % item['label']


def test_main_menu_answers_a_widget_refresh_with_extra_parameters(kodi):
    items = kodi.get_directory('plugin://%s/?widget=true&reload=1700000000' % ADDON_ID)
    assert [item['label'] for item in items] == MAIN_MENU


@pytest.mark.parametrize('action,params,how,expected', LEGACY_ACTIONS,
                         ids=['%s-%d' % (row[0], i) for i, row in enumerate(LEGACY_ACTIONS)])
def test_legacy_action_reaches_a_route_and_answers_clearly(kodi, action, params, how, expected):
    kodi.close_dialogs(quiet_seconds=1.0)  # a message of the case before, shown late on a busy machine
    url = legacy_url(action, params)
    outcome = kodi.invoke(url, how)
    runs = plugin_runs(outcome['log'])
    assert runs and runs[0][1] == '?' + url.split('?', 1)[1], 'Kodi did not run the plugin for %s' % url
    assert 'unknown action' not in outcome['log'], '%s is not routed: %s' % (action, outcome['notifications'])
    assert not tracebacks_of(outcome['log']), '%s raised: %s' % (action, tracebacks_of(outcome['log']))
    assert outcome['played'] is None, 'something played with nothing configured: %s' % outcome['played']
    if expected == 'setup':
        assert NOT_SET_UP in told(outcome), 'expected the "not set up" message, got: %r' % told(outcome)
    elif expected == 'trakt':
        assert NOT_SET_UP in told(outcome) or TRAKT_NOT_AUTHORIZED in told(outcome), \
            'expected "not set up" or "Trakt not authorized", got: %r' % told(outcome)
    else:
        assert outcome['items'] or told(outcome), '%s answered with neither items nor a message' % action


def test_browse_show_run_as_a_script_opens_the_seasons(kodi):
    """The newer seed's skins RunPlugin browse_show: the show's seasons open in the Videos window (here they say
    that AIOStreams is not set up yet)."""
    mark = kodi.log_mark()
    kodi.run_plugin(legacy_url('browse_show', {'meta_id': 'tt0944947'}))
    seasons = '?meta_id=tt0944947&content_type=series'
    wait_for(lambda: [run for run in plugin_runs(kodi.log_since(mark)) if run[1] == seasons and run[0] != '-1'], 30,
             'the seasons folder')
    wait_for(lambda: NOT_SET_UP in notifications_in(kodi.log_since(mark)), 30, 'the seasons folder\'s message')
    assert not tracebacks_of(kodi.log_since(mark))
    kodi.input('Home')


@pytest.mark.parametrize('how', ['directory', 'script', 'play'])
def test_unknown_action_gets_a_clear_message(kodi, how):
    outcome = kodi.invoke(legacy_url('definitely_not_an_action', {'imdb_id': 'tt0133093'}), how)
    assert outcome['items'] is None
    assert outcome['played'] is None
    assert STRINGS[30009] % 'definitely_not_an_action' in told(outcome)


def test_unknown_path_gets_a_clear_message(kodi):
    outcome = kodi.invoke('plugin://%s/no/such/page?title=x' % ADDON_ID, 'directory')
    assert outcome['items'] is None
    assert outcome['notifications'], 'an unknown path must tell the user something'


def test_service_stops_cleanly_when_kodi_quits(kodi):
    """Runs last in this module: quits Kodi (Application.Quit), checks the log, then starts Kodi again."""
    mark = kodi.log_mark()
    kodi.shutdown()
    stopped_log = kodi.log_since(mark)
    assert '[%s] service stopped' % ADDON_ID in stopped_log
    assert not tracebacks_of(stopped_log)
    kodi.restart()
    kodi.wait_for_log(r'\[%s\] service started' % ADDON_ID, since=mark, timeout=30)
