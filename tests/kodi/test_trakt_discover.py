"""Issue 19 in a real Kodi 20.1 against the fake Trakt: trending movies show Trakt's titles in its order with a "Next
page" to the rest, the calendar shows the user's episodes under their day (aired ones playable, unaired ones marked
and not), and the discover and calendar widget paths open no dialog."""
from __future__ import annotations

import re
import time

import pytest
from kodi_harness import ADDON_ID

P = 'plugin://%s' % ADDON_ID
HOUR = 3600


@pytest.fixture(scope='module')
def trakt_account():
    """The small seeded account, 60 more movies (trending takes two pages of 50), and a watched show with an episode
    aired two hours ago and one airing tomorrow."""
    from tests.fakes.trakt_generator import small_account
    account = small_account()
    for index in range(60):
        account.add_movie(30000 + index, 'Crowd %02d' % index, 2021, imdb='tt8%06d' % index)
    now = time.time()
    account.add_show(9100, 'Airing Soon', 2026, {1: [('Pilot', now - 30 * 86400), ('Second', now - 2 * HOUR),
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
    return re.sub(r'\[/?(COLOR|I|B)[^\]]*\]', '', label)


def listing(kodi, url):
    found = kodi.list_directory(url, properties=('title',))
    assert found['error'] is None and found['dialogs'] == [], found
    return found['items'] or []


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
