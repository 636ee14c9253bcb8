"""addon.core.kodi_watched: which of Kodi's play counts are our items, what Kodi changed, and what is the user's
toggle rather than the echo of a play."""
from __future__ import annotations

import json

import pytest

from addon.core import kodi_watched as rules

A = 'plugin.video.aiostreams'
MOVIE = 'plugin://%s/play?content_type=movie&imdb_id=tt1000001&meta_id=tt1000001&title=First+Movie' % A
EPISODE = 'plugin://%s/play?content_type=series&imdb_id=tt2000001&season=1&episode=2&title=Sample+Show' % A


def test_our_movie_and_episode_urls_name_their_items():
    assert rules.item_of_url(MOVIE, A) == {'kind': 'movie', 'id': 'tt1000001', 'season': None, 'episode': None,
                                           'title': 'First Movie', 'key': 'movie:tt1000001'}
    assert rules.item_of_url(EPISODE, A) == {'kind': 'episode', 'id': 'tt2000001', 'season': 1, 'episode': 2,
                                             'title': 'Sample Show', 'key': 'episode:tt2000001:1:2'}


@pytest.mark.parametrize('url, key', [
    ('plugin://%s/?action=play&content_type=movie&imdb_id=tt1' % A, 'movie:tt1'),
    ('plugin://%s/?action=play_first&content_type=series&meta_id=tmdb:5&season=2&episode=3' % A,
     'episode:tmdb:5:2:3'),
    ('plugin://%s/play/select?content_type=movie&meta_id=tmdb:7' % A, 'movie:tmdb:7'),
])
def test_legacy_and_variant_play_urls_are_ours(url, key):
    assert rules.item_of_url(url, A)['key'] == key


@pytest.mark.parametrize('url', [
    'plugin://plugin.video.other/play?content_type=movie&imdb_id=tt1',      # another addon
    'plugin://%s/catalog?content_type=movie&catalog_id=x' % A,             # a folder, not a title
    'plugin://%s/play?content_type=series&imdb_id=tt2' % A,                # an episode without its numbers
    'plugin://%s/play?content_type=movie' % A,                             # no id
    '/storage/movies/film.mkv', '', None,
])
def test_other_paths_are_not_ours(url):
    assert rules.item_of_url(url, A) is None


def test_changed_rows_are_the_toggles():
    before = {MOVIE: (0, None), EPISODE: (1, 100.0)}
    after = {MOVIE: (1, 200.0), EPISODE: (0, None)}
    assert sorted(rules.changed(before, after)) == sorted([(MOVIE, True), (EPISODE, False)])
    assert rules.changed(after, dict(after)) == []


def test_a_watched_count_again_and_new_rows_are_changes():
    # Kodi's mark on a row that already counts a play adds one and moves the last-played time
    assert rules.changed({MOVIE: (1, 100.0)}, {MOVIE: (2, 300.0)}) == [(MOVIE, True)]
    # Kodi's un-mark of a file it never counted creates its row, empty
    assert rules.changed({}, {MOVIE: (0, None)}) == [(MOVIE, False)]
    assert rules.changed({}, {MOVIE: (1, 5.0)}) == [(MOVIE, True)]


def test_a_count_written_as_a_play_ended_is_its_echo():
    assert rules.is_play_echo(1000.0, 1000.0 - rules.PLAY_ECHO_SECONDS + 1)
    assert not rules.is_play_echo(1000.0, 1000.0 - rules.PLAY_ECHO_SECONDS - 1)
    assert not rules.is_play_echo(1000.0, None)
    assert not rules.is_play_echo(None, 1000.0)


def test_library_updates_that_toggle_a_play_count():
    data = json.dumps({'item': {'id': 7, 'type': 'movie'}, 'playcount': 1})
    assert rules.library_update(data) == {'type': 'movie', 'id': 7, 'watched': True}
    assert rules.library_update({'item': {'id': 3, 'type': 'episode'}, 'playcount': 0}) == \
        {'type': 'episode', 'id': 3, 'watched': False}


@pytest.mark.parametrize('data', [
    json.dumps({'item': {'id': 7, 'type': 'movie'}}),                                  # metadata edit
    json.dumps({'item': {'id': 7, 'type': 'movie'}, 'playcount': 1, 'transaction': True}),  # a scan
    json.dumps({'item': {'id': 7, 'type': 'movie'}, 'playcount': 1, 'added': True}),
    json.dumps({'item': {'id': 7, 'type': 'tvshow'}, 'playcount': 1}),
    json.dumps({'item': {'id': '7', 'type': 'movie'}, 'playcount': 1}),
    json.dumps({'item': {'id': 7, 'type': 'movie'}, 'playcount': True}),
    '{not json', '', '[]',
])
def test_other_library_updates_are_ignored(data):
    assert rules.library_update(data) is None


def test_library_items_are_named_by_imdb_then_tmdb():
    movie = rules.library_item('movie', {'title': 'Film', 'uniqueid': {'imdb': 'tt0133093', 'tmdb': '603'}})
    assert movie['key'] == 'movie:tt0133093' and movie['title'] == 'Film'
    assert rules.library_item('movie', {'uniqueid': {'tmdb': '603'}})['key'] == 'movie:tmdb:603'
    assert rules.library_item('movie', {'imdbnumber': 'tt0133093', 'uniqueid': {}})['id'] == 'tt0133093'
    assert rules.library_item('movie', {'title': 'Home video', 'uniqueid': {}}) is None
    episode = rules.library_item('episode', {'season': 2, 'episode': 5, 'uniqueid': {'tvdb': '1'}},
                                 {'title': 'Show', 'uniqueid': {'imdb': 'tt0903747'}})
    assert episode['key'] == 'episode:tt0903747:2:5' and episode['title'] == 'Show'
    assert rules.library_item('episode', {'season': -1, 'episode': 5}, {'uniqueid': {'imdb': 'tt0903747'}}) is None


def test_a_punchplay_import_entry_has_ids_and_no_nulls():
    movie = rules.punchplay_entry(rules.item_of_url(MOVIE, A), '2026-12-05T17:00:00.000Z')
    assert movie == {'media_type': 'movie', 'playcount': 1, 'watched_at': '2026-12-05T17:00:00.000Z',
                     'title': 'First Movie', 'imdb_id': 'tt1000001'}
    item = rules.item_of_url('plugin://%s/play?content_type=series&meta_id=tmdb:5&season=1&episode=2' % A, A)
    assert rules.punchplay_entry(item, 'x') == {'media_type': 'episode', 'playcount': 1, 'watched_at': 'x',
                                                'tmdb_id': 5, 'season': 1, 'episode': 2}
