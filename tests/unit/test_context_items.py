"""Per-item context menus on our listings: entries follow the item's Trakt state (one batched lookup per listing),
widgets get toggles without any lookup, episodes can open their show from anywhere, and every command reaches a
route of the addon."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from addon.platform import storage
from addon.platform.tokenstore import TokenStore
from addon.surfaces import item_menus as context_items
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)

P = 'plugin://plugin.video.aiostreams'


def log_in_trakt(kodi):
    """A Trakt account that synced once (the state module only answers for a synced account)."""
    from addon import kodi as door
    from addon.trakt import sync
    TokenStore(door.profile_dir(), 'trakt').save({'access_token': 'token-1234567890', 'username': 'tester'})
    storage.open_db()
    sync.set_state('username', 'tester')


def menu_of(item) -> dict:
    return dict(item.listitem.context_menu)


def query_of(command) -> dict:
    url = command[command.index('plugin://'):].split(',')[0].rstrip(')')
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_make_ref_normalizes_the_seed_parameters():
    ref = context_items.make_ref('tvshow', 'series', 'tt2000001', None, '1', '2')
    assert ref['kind'] == 'show' and ref['season'] is None and ref['meta_id'] == 'tt2000001'
    episode = context_items.make_ref(None, 'series', 'tt2000001', None, '1', '2')
    assert (episode['kind'], episode['season'], episode['episode']) == ('episode', 1, 2)
    movie = context_items.make_ref('movies', None, 'tt1000001')
    assert movie['kind'] == 'movie' and movie['content_type'] == 'movie'
    assert context_items.make_ref('episode', 'series', None, 'tmdb:62560', 1, 2)['meta_id'] == 'tmdb:62560'


@pytest.mark.parametrize('values', [
    {},
    {'imdb_id': ''},
    {'imdb_id': '$INFO[ListItem.Property(imdb_id)]'},
    {'meta_id': 'x,RunScript(evil)'},
    {'imdb_id': 'None', 'meta_id': '_'},
])
def test_refs_without_a_usable_id_are_refused(values):
    assert context_items.make_ref(values.get('media_type'), values.get('content_type'), values.get('imdb_id'),
                                  values.get('meta_id')) is None


def test_catalog_items_get_play_streams_trailer_similar_and_quick_actions(aio, kodi):
    listing = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    menu = menu_of(listing.items[0])
    assert list(menu)[:4] == ['Play', 'Show streams', 'Play trailer', 'Similar to this']
    assert list(menu)[-1] == 'Quick actions'
    assert menu['Play'].startswith('PlayMedia(%s/?' % P)
    assert query_of(menu['Play']) == {'action': 'play', 'content_type': 'movie', 'imdb_id': 'tt1000001',
                                      'title': 'Sample Feature'}
    assert menu['Show streams'].startswith('ActivateWindow(Videos,%s/?action=show_streams' % P)
    assert menu['Show streams'].endswith(',return)')
    # Trakt entries only once the account is authorized
    assert not [label for label in menu if 'watchlist' in label.lower()]
    # the Next page item carries no ids and gets no menu
    assert listing.labels[-1] == 'Next page' and listing.items[-1].listitem.context_menu == []


def test_labels_follow_the_trakt_state_read_in_one_batch(aio, kodi, monkeypatch):
    from addon.trakt import item_states, local_changes
    log_in_trakt(kodi)
    local_changes.set_watchlisted('movie', 'tt1000001', True, 'Sample Feature')
    local_changes.set_movie_watched('tt1000001', True)
    calls = []
    real = item_states.menu_states
    monkeypatch.setattr(item_states, 'menu_states', lambda items: calls.append(len(items)) or real(items))
    listing = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert calls == [20]  # one lookup for the whole page of 20 titles
    listed, other = menu_of(listing.items[0]), menu_of(listing.items[1])
    assert 'Remove from Trakt watchlist' in listed and 'Add to Trakt watchlist' in other
    assert query_of(listed['Remove from Trakt watchlist'])['action'] == 'trakt_remove_watchlist'
    assert 'Mark as unwatched' in listed and 'Mark as watched' in other


def test_widgets_get_toggles_and_no_state_lookup(aio, kodi, monkeypatch):
    from addon.trakt import item_states
    log_in_trakt(kodi)
    monkeypatch.setattr(item_states, 'menu_states', lambda items: pytest.fail('no state lookup in widget mode'))
    listing = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&widget=true&reload=5')
    menu = menu_of(listing.items[0])
    assert query_of(menu['Add to / remove from watchlist'])['action'] == 'toggle_watchlist'
    assert query_of(menu['Mark watched / unwatched'])['action'] == 'toggle_watched'


def test_episodes_open_their_show_with_activatewindow_so_it_works_from_widgets(aio, kodi):
    listing = kodi.run_plugin(P + '/episodes?meta_id=tt2000001&season=1&content_type=series')
    menu = menu_of(listing.items[1])
    command = menu['Browse show']
    assert command.startswith('ActivateWindow(Videos,') and command.endswith(',return)')
    assert query_of(command) == {'action': 'show_seasons', 'meta_id': 'tt2000001', 'content_type': 'series'}
    assert query_of(menu['Play']) == {'action': 'play', 'content_type': 'series', 'imdb_id': 'tt2000001',
                                      'season': '1', 'episode': '2', 'title': 'Sample Show'}
    assert 'Play trailer' not in menu  # episodes have no trailer of their own


def test_items_carry_the_properties_the_keymap_reads(aio, kodi):
    listing = kodi.run_plugin(P + '/catalog?content_type=series&catalog_id=fk1.tmdb.top')
    for item in listing.items:
        if item.label == 'Next page':
            continue
        assert item.listitem.getProperty('meta_id'), item.label
        assert item.listitem.getProperty('content_type') == 'series', item.label
    robot = next(item for item in listing.items if item.label == 'Robot Show')
    assert robot.listitem.getProperty('meta_id') == 'tmdb:62560' and robot.listitem.getProperty('imdb_id') == ''


def test_every_command_reaches_a_route_of_the_addon(aio, kodi):
    from addon import plugin_entry as routes
    from addon.platform import route_table
    log_in_trakt(kodi)
    routes.load_views()
    commands = []
    for path in ('/catalog?content_type=movie&catalog_id=fk1.tmdb.top',
                 '/episodes?meta_id=tt2000001&season=1&content_type=series', '/seasons?meta_id=tt2000001',
                 '/catalog?content_type=series&catalog_id=fk1.tmdb.top&widget=true'):
        for item in kodi.run_plugin(P + path).items:
            commands += [command for _, command in item.listitem.context_menu]
    actions = {query_of(command)['action'] for command in commands}
    assert actions >= {'play', 'show_streams', 'play_trailer', 'show_related', 'show_seasons', 'quick_actions',
                       'trakt_add_watchlist', 'trakt_mark_watched', 'trakt_hide_from_progress',
                       'toggle_watchlist', 'toggle_watched'}
    assert actions <= set(route_table.actions())


def test_a_broken_trakt_state_leaves_plain_entries(aio, kodi, monkeypatch):
    from addon.trakt import actions
    log_in_trakt(kodi)
    monkeypatch.setattr(actions, 'context_menus', lambda *args: 1 / 0)
    listing = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert listing.succeeded
    assert list(menu_of(listing.items[0]))[:4] == ['Play', 'Show streams', 'Play trailer', 'Similar to this']


def test_without_a_trakt_account_nothing_of_trakt_is_read(aio, kodi, monkeypatch):
    from addon.trakt import actions
    monkeypatch.setattr(actions, 'context_menus', lambda *args: pytest.fail('Trakt read without an account'))
    listing = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert 'Similar to this' in menu_of(listing.items[0])


def test_without_trakt_movies_and_episodes_still_offer_the_watched_toggle(aio, kodi):
    listing = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    menu = menu_of(listing.items[0])
    assert query_of(menu['Mark watched / unwatched']) == {'action': 'toggle_watched', 'media_type': 'movie',
                                                          'content_type': 'movie', 'imdb_id': 'tt1000001'}
