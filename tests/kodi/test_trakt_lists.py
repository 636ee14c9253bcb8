"""Issue 19 in a real Kodi 20.1 against the fake Trakt: the service's sync copies the user's own and liked lists,
My lists, Liked lists and a list's items show the right titles (movies and shows mixed), and their widget paths
open no dialog and make no request; Add to list reaches the fake Trakt through the service's outbox. Trending
movies show Trakt's titles in its order with a "Next page" to the rest, the calendar shows the user's episodes
under their day (aired ones playable, unaired ones marked and not), and the discover and calendar widget paths open
no dialog."""
from __future__ import annotations

import re
import time

import pytest
from kodi_harness import ADDON_ID, TRAKT_SYNC_STATE, wait_for

from tests.fakes.trakt_discover import earlier_today

P = 'plugin://%s' % ADDON_ID


@pytest.fixture(scope='module')
def trakt_account():
    from tests.fakes.trakt_generator import small_account
    account = small_account()
    movies, shows = sorted(account.movies), sorted(account.shows)
    account.add_list(71, 'Friday Night', [('movie', movies[0]), ('show', shows[0]), ('movie', movies[1])])
    account.add_list(81, 'Their Picks', [('show', shows[2]), ('movie', movies[2])], owner='friend',
                     privacy='public')
    account.add_list(82, 'Their Secret', [('movie', movies[3])], owner='friend', privacy='private')
    for trakt_id in (81, 82):
        account.like_list(trakt_id)
    for index in range(60):  # trending movies takes two pages of 50
        account.add_movie(30000 + index, 'Crowd %02d' % index, 2021, imdb='tt8%06d' % index)
    now = time.time()  # a watched show: an episode aired earlier today, one airing tomorrow
    account.add_show(9100, 'Airing Soon', 2026, {1: [('Pilot', now - 30 * 86400), ('Second', earlier_today(now)),
                                                     ('Third', now + 86400)]}, imdb='tt9100000')
    account.add_play('episode', (9100, 1, 1), now - 29 * 86400)
    return account


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


@pytest.fixture(scope='module')
def kodi_settings(service_settings):
    return dict(service_settings)


def plain(label):
    return re.sub(r'\[/?COLOR[^\]]*\]', '', label)


def listing(kodi, url):
    found = kodi.list_directory(url, properties=('title',))
    assert found['error'] is None and found['dialogs'] == [], found
    return found['items'] or []


def list_requests(trakt):
    return [request.path for request in trakt.requests if '/lists' in request.path]


def sync_once(kodi, trakt):
    """Sync now (Tools; the service runs the cycle) unless the lists' items were already fetched; then wait until
    no sync is running (the service's own first sync may still be storing what it fetched)."""
    if len([path for path in list_requests(trakt) if path.endswith('/items')]) < 2:
        kodi.run_plugin(P + '/?action=trakt_sync', answer_dialogs=False, timeout=120)
    wait_for(lambda: len([path for path in list_requests(trakt) if path.endswith('/items')]) >= 2, 60,
             'the lists synced')
    wait_for(lambda: kodi.info_labels([TRAKT_SYNC_STATE])[TRAKT_SYNC_STATE] != 'running', 120, 'the end of the sync')


def test_my_lists_liked_lists_and_list_items_show_the_right_titles(kodi, servers):
    trakt = servers['trakt']
    sync_once(kodi, trakt)
    account = trakt.account
    movies, shows = sorted(account.movies), sorted(account.shows)
    mine = listing(kodi, P + '/?action=trakt_lists')
    assert [item['label'] for item in mine] == ['Friday Night (3)']
    items = listing(kodi, mine[0]['file'])
    assert [plain(item['label']) for item in items] == [
        account.movies[movies[0]]['title'], account.shows[shows[0]]['title'], account.movies[movies[1]]['title']]
    liked = listing(kodi, P + '/?action=trakt_liked_lists')
    assert sorted(item['label'] for item in liked) == ['Their Picks (2)', 'Their Secret (1)']
    picks = next(item for item in liked if item['label'].startswith('Their Picks'))
    assert sorted(plain(item['label']) for item in listing(kodi, picks['file'])) == sorted(
        [account.shows[shows[2]]['title'], account.movies[movies[2]]['title']])


def test_list_widgets_open_no_dialog_and_make_no_request(kodi, servers):
    trakt = servers['trakt']
    sync_once(kodi, trakt)
    time.sleep(1)
    before = len(list_requests(trakt))
    for action in ('trakt_lists', 'trakt_liked_lists', 'trakt_list_items&user=friend&list_id=999'):
        listing(kodi, P + '/?action=%s&widget=true&reload=1' % action)
    assert list_requests(trakt)[before:] == []


def test_add_to_list_reaches_the_fake_trakt(kodi, servers):
    trakt = servers['trakt']
    sync_once(kodi, trakt)
    account = trakt.account
    movie = sorted(account.movies)[6]
    imdb = account.movies[movie]['ids']['imdb']
    kodi.run_plugin(P + '/?action=trakt_list_add&list_id=71&content_type=movie&imdb_id=%s' % imdb,
                    answer_dialogs=False, timeout=60)
    assert [item['label'] for item in listing(kodi, P + '/?action=trakt_lists')] == ['Friday Night (4)']
    wait_for(lambda: ('movie', movie) in [(entry['type'], entry['key']) for entry in account.lists[71]['items']],
             60, 'the movie in the list on Trakt')
    posted = [request for request in trakt.requests if request.method == 'POST' and '/lists/' in request.path]
    assert posted[-1].path == '/users/me/lists/71/items' and posted[-1].status == 201
    assert posted[-1].body['movies'][0]['ids']['imdb'] == imdb


def test_trending_movies_show_trakts_titles_with_a_next_page(kodi, servers):
    trakt = servers['trakt']
    table = trakt.account.movies
    expected = [table[trakt_id]['title'] for trakt_id in trakt.trending_order('movies')]
    first = listing(kodi, P + '/?action=trakt_discover&kind=trending&media_type=movies')
    labels = [plain(item['label']) for item in first]
    assert labels[:-1] == expected[:50] and labels[-1] == 'Next page'
    second = listing(kodi, first[-1]['file'])
    assert [plain(item['label']) for item in second] == expected[50:]


def test_the_calendar_shows_my_episodes_under_their_day(kodi, servers):
    items = listing(kodi, P + '/?action=trakt_calendar')
    labels = [plain(item['label']) for item in items]
    assert labels[0].startswith('Today - ')
    aired = 'Airing Soon S01E02 - Second'
    unaired = next(label for label in labels if label.startswith('Airing Soon S01E03 - Third (airs '))
    assert aired in labels
    assert next(label for label in labels if label.startswith('Tomorrow - ')) in labels[
        labels.index(aired):labels.index(unaired)]  # tomorrow's row stands between the two
    assert 'action=play' in items[labels.index(aired)]['file']
    assert '/unaired?' in items[labels.index(unaired)]['file']  # says when it airs instead of playing


def test_discover_and_calendar_widgets_open_no_dialog(kodi, servers):
    from addon.surfaces import widgets
    paths = [widgets.widget_path(action, **params).replace('$INFO[Window(Home).Property(%s)]'
                                                           % widgets.RELOAD_PROPERTY, '1')
             for _label, action, params in widgets.WIDGETS if action in ('trakt_discover', 'trakt_calendar')]
    assert len(paths) == 9
    for path in paths:
        items = listing(kodi, path)
        assert 'Next page' not in [item['label'] for item in items]
        assert not any(item['filetype'] == 'directory' for item in items if 'trakt_calendar' in path)
