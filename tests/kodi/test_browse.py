"""Issue 3 in a real Kodi against the fake AIOStreams server: setup forms of base_url, main menu, a catalog with
genre and two pages, search (results at once after the keyboard, the skin URL), a series with specials and an unaired
episode, a tmdb:-id title, an error item, a server that is down, and a repeat visit served from the cache (the
fake server's request log is the witness)."""
from __future__ import annotations

import threading
import time
from urllib.parse import unquote

import pytest
from conftest import OFFLINE_SETTINGS
from kodi_harness import ADDON_ID, REPO_ROOT, KodiError, addon_strings

from tests.fakes import aiostreams_server as fake

STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
P = 'plugin://%s' % ADDON_ID
ITEM_PROPERTIES = ('title', 'year', 'genre', 'uniqueid', 'art', 'plot', 'rating', 'runtime', 'mpaa', 'cast',
                   'director', 'trailer', 'premiered', 'season', 'episode', 'showtitle', 'firstaired')


PAGE_SIZE = 8  # small pages, so a genre spans two pages


@pytest.fixture(scope='module')
def aio():
    server = fake.FakeAIOStreams()
    server.dataset['catalogs']['movie/fk1.tmdb.top']['page_size'] = PAGE_SIZE
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope='module')
def kodi_settings(aio):
    return dict(OFFLINE_SETTINGS, base_url=aio.manifest_url)


@pytest.fixture
def fresh(aio):
    """A clean request log and no failure modes for each scenario."""
    aio.clear_failures()
    aio.come_back()
    aio.clear_log()
    yield aio
    aio.clear_failures()
    aio.come_back()


def listing(kodi, path, properties=('title',)):
    return kodi.get_directory(P + path, properties=properties)


def labels(items):
    return [item['label'] for item in items]


def set_base_url(kodi, value):
    kodi.set_addon_setting(ADDON_ID, 'base_url', value)


def clear_addon_cache(kodi, server):
    """Tools > Clear cache, then forget the requests it caused."""
    outcome = kodi.invoke(P + '/?action=clear_cache', 'script')
    assert STRINGS[30355] in outcome['notifications']
    server.clear_log()


def art_url(value):
    """Kodi reports artwork wrapped as image://<url-encoded>/."""
    return unquote(value[len('image://'):].rstrip('/')) if value.startswith('image://') else value


def test_main_menu(kodi, fresh):
    assert labels(listing(kodi, '/')) == [STRINGS[30001], STRINGS[30002], STRINGS[30003], STRINGS[30005]]
    assert fresh.log == []  # the main menu never contacts the backend


@pytest.mark.parametrize('form', ['manifest', 'bare', 'trailing_slash', 'configure', 'alias', 'variant_query',
                                  'variant_path'])
def test_setup_forms_of_base_url(kodi, fresh, form):
    base = fresh.base
    value = {
        'manifest': base + '/manifest.json', 'bare': base, 'trailing_slash': base + '/',
        'configure': base + '/configure', 'alias': fresh.alias_manifest_url,
        'variant_query': base + '/manifest.json?v=kids', 'variant_path': base + '/v/kids/manifest.json',
    }[form]
    set_base_url(kodi, value)
    clear_addon_cache(kodi, fresh)
    try:
        items = listing(kodi, '/movies')
        assert labels(items) == ['Popular', 'Popular: genres', 'Trending', 'Everything New'], form
        manifests = fresh.requests_to('/manifest.json')
        assert manifests and manifests[-1].path == (
            '/stremio/%s/%s%s/manifest.json' % (fake.UUID, fake.ENCRYPTED_PASSWORD,
                                                 '/v/kids' if form == 'variant_path' else ''))
        if form == 'variant_query':
            assert all(entry.query.get('v') == ['kids'] for entry in fresh.log)
        if form == 'alias':
            assert fresh.requests_to('/stremio/u/%s/manifest.json' % fake.ALIAS)
    finally:
        set_base_url(kodi, fresh.manifest_url)
    ours = '\n'.join(line for line in kodi.log_text().splitlines() if '[%s]' % ADDON_ID in line)
    assert 'GET <redacted> -> 200' in ours  # the addon logged its requests, redacted
    assert fake.ENCRYPTED_PASSWORD not in ours and fake.UUID not in ours


def test_catalog_with_genre_and_two_pages(kodi, fresh):
    genres = listing(kodi, '/genres?content_type=movie&catalog_id=fk1.tmdb.top&catalog_name=Popular')
    assert labels(genres)[:3] == ['All', 'Action', 'Comedy']
    comedy = [item['file'] for item in genres if item['label'] == 'Comedy'][0]
    page_one = kodi.get_directory(comedy, properties=ITEM_PROPERTIES)
    assert page_one[-1]['label'] == STRINGS[30020] and page_one[-1]['file'].endswith('skip=8')
    assert labels(page_one[:-1]) == ['Fake Movie %02d' % n for n in (1, 5, 9, 13, 17, 21, 25, 29)]
    assert all('Comedy' in item['genre'] for item in page_one[:-1])
    assert all(item['filetype'] == 'file' for item in page_one[:-1])
    page_two = kodi.get_directory(page_one[-1]['file'], properties=ITEM_PROPERTIES)
    assert labels(page_two) == ['Fake Movie 33', 'Fake Movie 37', 'Fake Movie 41', 'Fake Movie 45', STRINGS[30020]]
    assert page_two[-1]['file'].endswith('skip=12')  # advanced by the 4 items received, not a fixed page size
    paths = [entry.path.rsplit('/', 1)[1] for entry in fresh.requests_to('/catalog/')]
    assert paths == ['genre=Comedy.json', 'genre=Comedy&skip=8.json']


def test_catalog_items_carry_metadata(kodi, fresh):
    page_one = listing(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top', ITEM_PROPERTIES)
    assert len(page_one) == PAGE_SIZE + 1 and page_one[-1]['file'].endswith('skip=%d' % PAGE_SIZE)
    feature = page_one[0]
    assert feature['title'] == 'Sample Feature' and feature['year'] == 2010
    assert feature['genre'] == ['Action', 'Science Fiction'] and feature['runtime'] == 148 * 60
    assert feature['uniqueid'].get('imdb') == 'tt1000001'
    assert art_url(feature['art']['poster']) == fresh.origin + '/art/poster/tt1000001.png'
    assert abs(feature['rating'] - 8.8) < 0.01
    tmdb_film = page_one[1]
    assert tmdb_film['uniqueid'].get('tmdb') == '550001' and 'meta_id=tmdb%3A550001' in tmdb_film['file']


def test_full_meta_reaches_the_info_tag(kodi, fresh):
    seasons_of_feature_like_show = listing(kodi, '/?action=show_seasons&meta_id=tt2000001', ITEM_PROPERTIES)
    season = seasons_of_feature_like_show[0]
    assert season['showtitle'] == 'Sample Show' and season['season'] == 1
    episodes = kodi.get_directory(season['file'], properties=ITEM_PROPERTIES)
    pilot = episodes[0]
    assert pilot['title'] == 'Pilot' and pilot['mpaa'] == 'TV-MA' and pilot['runtime'] == 47 * 60
    assert [member['name'] for member in pilot['cast']] == ['Show Lead']
    assert art_url(pilot['art']['thumb']) == fresh.origin + '/art/thumb/tt2000001-1-1.png'


def test_repeat_visit_is_served_from_cache(kodi, fresh):
    clear_addon_cache(kodi, fresh)
    url = '/catalog?content_type=series&catalog_id=fk1.tmdb.top&genre=Drama'
    first = listing(kodi, url)
    second = listing(kodi, url)
    assert labels(first) == labels(second) and len(first) > 3
    assert len(fresh.requests_to('/catalog/series/fk1.tmdb.top/genre=Drama')) == 1


def test_search_through_the_skin_url(kodi, fresh):
    items = listing(kodi, '/?action=search&content_type=both&query=sample&nocache=42')
    assert labels(items) == ['Sample Feature', 'Sample Show']
    assert [item['filetype'] for item in items] == ['file', 'directory']
    movie_only = listing(kodi, '/?action=search&content_type=movie&query=sample')
    assert labels(movie_only)[0] == 'Sample Feature'
    searched = [entry.path.rsplit('/catalog/', 1)[1] for entry in fresh.requests_to('/catalog/')]
    assert searched[:2] == ['movie/fk1.search.movie/search=sample.json', 'series/fk1.search.series/search=sample.json']


def _type_into_keyboard(kodi, text, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if kodi.info_booleans(['Window.IsActive(virtualkeyboard)'])['Window.IsActive(virtualkeyboard)']:
            kodi.input('SendText', {'text': text, 'done': True})
            return
        time.sleep(0.2)
    raise KodiError('the keyboard did not open')


def test_search_both_lists_the_results_at_once_after_the_keyboard(kodi, fresh):
    result = {}
    worker = threading.Thread(target=lambda: result.update(items=listing(kodi, '/search?content_type=both')))
    worker.start()
    _type_into_keyboard(kodi, 'robot')
    worker.join(60)
    assert labels(result['items']) == ['Robot Show']  # no Movies / TV Shows / All results step (issue 15.6)


def test_search_with_no_results_says_so(kodi, fresh):
    outcome = kodi.invoke(P + '/search?content_type=series&query=zzzz%20nothing', 'directory')
    assert outcome['items'] == []
    assert STRINGS[30307] % 'zzzz nothing' in outcome['notifications']


def test_series_with_specials_and_an_unaired_episode(kodi, fresh):
    clear_addon_cache(kodi, fresh)
    seasons = listing(kodi, '/?action=show_seasons&meta_id=tt2000001', ('title', 'season'))
    assert labels(seasons) == ['Season 1 (3 episodes)', 'Season 2 (2 episodes)', 'Specials (1 episode)']
    specials = kodi.get_directory(seasons[2]['file'], properties=ITEM_PROPERTIES)
    assert labels(specials) == ['1. Minisode'] and specials[0]['season'] == 0
    season_two = kodi.get_directory(seasons[1]['file'], properties=ITEM_PROPERTIES)
    aired, unaired = season_two
    assert aired['label'] == '1. Seven' and aired['showtitle'] == 'Sample Show' and aired['episode'] == 1
    assert aired['plot'] == 'Seven, season 2 episode 1.' and aired['firstaired'] == '2009-03-08'
    assert 'stream_id=tt2000001%3A2%3A1' in aired['file'] and '/play?' in aired['file']
    assert unaired['label'] == '2. Not Yet Aired (airs 2099-01-01)' and '/play' not in unaired['file']
    assert len(fresh.requests_to('/meta/')) == 1  # seasons and episodes share the cached meta


def test_the_videos_window_shows_our_labels(kodi, fresh):
    """What the user sees, not just what the plugin listed: Kodi's default label mask would show the bare titles
    ("Season 1", "Not Yet Aired") and hide the episode counts and the airing date."""
    seasons_url = P + '/?action=show_seasons&meta_id=tt2000001'
    episodes_url = listing(kodi, '/?action=show_seasons&meta_id=tt2000001')[1]['file']
    try:
        for url, expected in ((seasons_url, ['Season 1 (3 episodes)', 'Season 2 (2 episodes)']),
                              (episodes_url, ['1. Seven', '2. Not Yet Aired (airs 2099-01-01)'])):
            kodi.show_folder(url)
            names = ['Container.ListItemAbsolute(%d).Label' % index for index in range(3)]
            found = kodi.info_labels(names)
            shown = [found[name] for name in names if found[name] != '..']
            assert shown[:2] == expected, shown
    finally:
        kodi.input('Home')


def test_tmdb_id_title_end_to_end(kodi, fresh):
    shows = listing(kodi, '/search?content_type=series&query=robot', ITEM_PROPERTIES)
    robot = shows[0]
    assert robot['uniqueid'].get('tmdb') == '62560' and 'meta_id=tmdb%3A62560' in robot['file']
    seasons = kodi.get_directory(robot['file'])
    episodes = kodi.get_directory(seasons[0]['file'], properties=ITEM_PROPERTIES)
    assert [item['file'].split('stream_id=')[1].split('&')[0] for item in episodes] == \
        ['tmdb%3A62560%3A1%3A1', 'tmdb%3A62560%3A1%3A2']
    assert fresh.requests_to('/meta/series/tmdb:62560.json')


def test_error_item_becomes_a_message(kodi, fresh):
    fresh.fail('error_items', match='/catalog/movie/fk1.tmdb.trending', times=1, message='Invalid password')
    outcome = kodi.invoke(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.trending', 'directory')
    assert outcome['items'] is None  # the directory ended as failed
    assert STRINGS[30330] % 'Invalid password' in outcome['notifications']
    again = listing(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.trending')
    assert labels(again)[0] == 'Sample Feature'  # the error answer was not cached
    assert len(fresh.requests_to('/catalog/movie/fk1.tmdb.trending')) == 2


def test_server_that_is_down(kodi, fresh):
    fresh.go_down()
    outcome = kodi.invoke(P + '/search?content_type=movie&query=sample', 'directory')
    assert outcome['items'] is None
    assert STRINGS[30322] in outcome['notifications']
    widget = kodi.invoke(P + '/search?content_type=movie&query=sample&widget=true', 'directory')
    assert widget['items'] is None and widget['notifications'] == [] and widget['dialogs'] == []


def test_test_connection_really_contacts_the_server(kodi, fresh):
    outcome = kodi.invoke(P + '/?action=test_connection', 'script')
    text = ' '.join(outcome['dialogs'])
    assert 'AIOStreams 2.20.1' in text and '8 catalogs' in text
    assert fresh.requests_to('/manifest.json') and fresh.requests_to('/api/v1/status')
