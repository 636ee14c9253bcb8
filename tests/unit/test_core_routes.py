"""Main menu, Tools menu, unknown actions and the last-line error handling of routes.run()."""
from addon import kodi as door
from addon.platform.tokenstore import TokenStore

ROOT = 'plugin://plugin.video.aiostreams/'
MANIFEST_URL = 'https://aio.example/stremio/u/alias/manifest.json'  # the main menu sends no request


def set_up(kodi):
    kodi.set_setting('base_url', MANIFEST_URL)


def test_main_menu_lists_search_movies_shows_and_tools(kodi):
    set_up(kodi)
    listing = kodi.run_plugin(ROOT)
    assert listing.ended and listing.succeeded
    assert listing.labels == ['Search', 'Movies', 'TV Shows', 'Tools']
    assert all(item.is_folder for item in listing.items)


def test_trakt_entry_appears_once_authorized(kodi):
    TokenStore(door.profile_dir(), 'trakt').save({'access_token': 'token-abcdef'})
    assert 'Trakt' in kodi.run_plugin(ROOT, handle=2).labels


def test_search_menu_offers_three_scopes(kodi):
    listing = kodi.run_plugin(ROOT + 'menu/search')
    assert listing.labels == ['Search movies & TV shows', 'Search movies', 'Search TV shows']
    assert [url.split('content_type=')[1] for url in listing.urls] == ['both', 'movie', 'series']


def test_tools_are_actions_not_folders(kodi):
    listing = kodi.run_plugin(ROOT + 'menu/tools')
    assert 'Test connection' in listing.labels and 'Settings' in listing.labels
    assert not any(item.is_folder for item in listing.items)
    assert any('action=test_connection' in url for url in listing.urls)


def test_punchplay_tools_appear_after_trakt_sync_once_logged_in_to_punchplay(kodi):
    punchplay = ['PunchPlay.tv: sync now', 'PunchPlay.tv: test connection', 'PunchPlay.tv: status',
                 'PunchPlay.tv: clear queued events']
    assert not set(punchplay) & set(kodi.run_plugin(ROOT + 'menu/tools').labels)
    TokenStore(door.profile_dir(), 'punchplay').save({'access_token': 'token-abcdef'})
    labels = kodi.run_plugin(ROOT + 'menu/tools', handle=2).labels
    after_sync = labels.index('Sync now') + 1
    assert labels[after_sync:after_sync + 4] == punchplay


def test_unknown_action_says_so_and_ends_the_directory(kodi):
    listing = kodi.run_plugin(ROOT + '?action=does_not_exist&x=1')
    assert listing.ended and not listing.succeeded
    assert 'does_not_exist' in kodi.notifications[-1]['message']


def test_unknown_path_gets_the_error_message_not_a_traceback(kodi):
    listing = kodi.run_plugin(ROOT + 'no/such/path')
    assert listing.ended and not listing.succeeded
    assert 'no/such/path' in kodi.notifications[-1]['message']


def test_cache_buster_parameters_are_ignored(kodi):
    set_up(kodi)
    listing = kodi.run_plugin(ROOT + '?nocache=12&reload=3&widget=true')
    assert listing.labels[0] == 'Search'


def test_args_do_not_leak_between_invocations(kodi):
    set_up(kodi)
    kodi.run_plugin(ROOT + '?action=does_not_exist', handle=3)
    listing = kodi.run_plugin(ROOT, handle=4)
    assert listing.succeeded and listing.labels[0] == 'Search'
