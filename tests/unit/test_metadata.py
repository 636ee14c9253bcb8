"""Meta JSON -> Kodi fields (pure), plus the catalog and search-discovery rules over a manifest."""
from __future__ import annotations

import pytest

from addon.backend import catalog, search
from addon.core import metadata
from tests.fakes import aiostreams_data

MOVIE = {
    'id': 'tt1375666', 'type': 'movie', 'name': 'Inception', 'imdb_id': 'tt1375666', 'tmdb_id': 27205,
    'description': 'Cobb steals secrets.', 'genres': ['Action', 'Science Fiction'], 'year': '2010',
    'releaseInfo': '2010', 'released': '2010-07-15T00:00:00.000Z', 'imdbRating': '8.8', 'runtime': '2h28min',
    'country': 'us', 'poster': 'https://img/p.jpg', 'background': 'https://img/b.jpg', 'logo': 'https://img/l.png',
    'trailers': [{'source': 'clip0000001', 'type': 'Clip', 'ytId': 'clip0000001'},
                 {'source': 'YoHD9XEInc0', 'type': 'Trailer', 'ytId': 'YoHD9XEInc0'}],
    'behaviorHints': {'defaultVideoId': 'tt1375666'},
    'app_extras': {
        'cast': [{'name': 'Leonardo DiCaprio', 'character': 'Dom Cobb', 'photo': 'https://img/leo.jpg'},
                 {'name': 'Elliot Page', 'character': 'Ariadne', 'photo': None}],
        'directors': [{'name': 'Christopher Nolan', 'photo': None}],
        'writers': [{'name': 'Christopher Nolan'}], 'certification': 'PG-13'},
}


def test_movie_fields():
    fields = metadata.from_meta(MOVIE)
    assert fields['media_type'] == 'movie' and fields['content_type'] == 'movie'
    assert fields['title'] == 'Inception' and fields['plot'] == 'Cobb steals secrets.'
    assert (fields['year'], fields['premiered']) == (2010, '2010-07-15')
    assert fields['duration'] == 148 * 60
    assert fields['rating'] == 8.8 and fields['mpaa'] == 'PG-13'
    assert fields['countries'] == ['US'] and 'studios' not in fields
    assert fields['cast'][0] == {'name': 'Leonardo DiCaprio', 'role': 'Dom Cobb', 'order': 0,
                                 'thumbnail': 'https://img/leo.jpg'}
    assert fields['cast'][1]['thumbnail'] == ''
    assert fields['directors'] == ['Christopher Nolan'] and fields['writers'] == ['Christopher Nolan']
    assert fields['trailer'] == 'plugin://plugin.video.youtube/play/?video_id=YoHD9XEInc0'
    assert fields['unique_ids'] == {'imdb': 'tt1375666', 'tmdb': '27205'}
    assert (fields['imdb_id'], fields['tmdb_id']) == ('tt1375666', '27205')
    assert fields['art'] == {'poster': 'https://img/p.jpg', 'thumb': 'https://img/p.jpg',
                             'fanart': 'https://img/b.jpg', 'clearlogo': 'https://img/l.png',
                             'landscape': 'https://img/b.jpg'}
    assert fields['stream_id'] == 'tt1375666'


@pytest.mark.parametrize('runtime, minutes', [
    ('2h16min', 136), ('2h 16min', 136), ('47min', 47), ('120', 120), (120, 120), ('1h', 60), ('58 min', 58),
    ('1.5h', 90), ('N/A', None), ('', None), (None, None), (0, None),
])
def test_runtime_parsing(runtime, minutes):
    assert metadata.parse_runtime(runtime) == minutes


@pytest.mark.parametrize('value, rating', [('8.8', 8.8), (8.7, 8.7), ('7,5', 7.5), ('N/A', None), (None, None),
                                           (0, None)])
def test_rating_string_or_number(value, rating):
    assert metadata.parse_rating(value) == rating


def test_year_falls_back_to_release_info_and_studio_never_comes_from_country():
    fields = metadata.from_meta({'id': 'tt1', 'type': 'series', 'name': 'X', 'releaseInfo': '2008-2013',
                                 'country': 'us, gb', 'network': 'AMC'})
    assert fields['year'] == 2008 and fields['media_type'] == 'tvshow'
    assert fields['countries'] == ['US', 'GB'] and fields['studios'] == ['AMC']


def test_legacy_string_credits():
    fields = metadata.from_meta({'id': 'tt1', 'type': 'movie', 'name': 'X', 'cast': ['A', 'B'],
                                 'director': 'C, D', 'writer': ['E']})
    assert [person['name'] for person in fields['cast']] == ['A', 'B']
    assert fields['directors'] == ['C', 'D'] and fields['writers'] == ['E']


def test_non_imdb_ids_become_unique_ids():
    assert metadata.unique_ids({'id': 'tmdb:62560'}) == {'tmdb': '62560'}
    assert metadata.unique_ids({'id': 'kitsu:1376'}) == {'kitsu': '1376'}
    assert metadata.unique_ids({'id': 'tt1', 'tvdb_id': 81189}) == {'imdb': 'tt1', 'tvdb': '81189'}


def test_preview_with_few_fields_still_renders():
    fields = metadata.from_meta({'id': 'tt2', 'name': 'Bare'}, 'movie')
    assert fields == {'media_type': 'movie', 'content_type': 'movie', 'id': 'tt2', 'title': 'Bare',
                      'unique_ids': {'imdb': 'tt2'}, 'imdb_id': 'tt2', 'stream_id': 'tt2'}


SHOW = aiostreams_data.SHOW


def test_seasons_specials_last_with_counts():
    assert [(number, len(videos)) for number, videos in metadata.seasons_of(SHOW)] == [(1, 3), (2, 2), (0, 1)]


def test_episode_fields_use_overview_thumbnail_and_video_id():
    videos = dict(metadata.seasons_of(SHOW))
    pilot = metadata.from_video(SHOW, videos[1][0], today='2024-01-01')
    assert pilot['media_type'] == 'episode' and pilot['title'] == 'Pilot'
    assert pilot['plot'] == SHOW['videos'][1]['overview']
    assert (pilot['season'], pilot['episode'], pilot['aired']) == (1, 1, '2008-01-20')
    assert pilot['tvshow_title'] == 'Sample Show' and pilot['stream_id'] == 'tt2000001:1:1'
    assert pilot['art']['thumb'].endswith('/art/thumb/tt2000001-1-1.png')
    assert pilot['duration'] == 47 * 60 and pilot['unaired'] is False
    special = metadata.from_video(SHOW, videos[0][0], today='2024-01-01')
    assert special['season'] == 0 and special['art']['thumb'] == SHOW['poster']  # no thumbnail: show poster


def test_unaired_episode_is_flagged():
    videos = dict(metadata.seasons_of(SHOW))
    assert metadata.from_video(SHOW, videos[2][1], today='2024-01-01')['unaired'] is True
    assert metadata.is_unaired({'released': '2024-01-02T00:00:00Z'}, today='2024-01-01')
    assert not metadata.is_unaired({'released': '2024-01-01T00:00:00Z'}, today='2024-01-01')
    assert metadata.is_unaired({'available': False})


def test_tmdb_show_episode_ids_are_kept_verbatim():
    videos = dict(metadata.seasons_of(aiostreams_data.TMDB_SHOW))
    assert [metadata.from_video(aiostreams_data.TMDB_SHOW, v)['stream_id'] for v in videos[1]] == \
        ['tmdb:62560:1:1', 'tmdb:62560:1:2']


MANIFEST = aiostreams_data.default_dataset()['manifest']


def test_browsable_catalogs_hide_search_only_and_unknown_required_extras():
    movies = [c['id'] for c in catalog.browsable_catalogs(MANIFEST, 'movie')]
    shows = [c['id'] for c in catalog.browsable_catalogs(MANIFEST, 'series')]
    assert movies == ['fk1.tmdb.top', 'fk1.tmdb.trending', 'aiostreams.merged.7f3e2d']
    assert shows == ['fk1.tmdb.top', 'fk1.streaming.nfx']  # no search-only, no calendar (required unknown extra)


def test_genres_required_genre_and_paging_rules():
    nfx = catalog.find(MANIFEST, 'series', 'fk1.streaming.nfx')
    assert catalog.genre_required(nfx) and catalog.default_genre(nfx) == 'None'
    merged = catalog.find(MANIFEST, 'movie', 'aiostreams.merged.7f3e2d')
    assert not catalog.pageable(merged) and catalog.default_genre(merged) is None
    required_without_none = {'id': 'x', 'type': 'movie',
                             'extra': [{'name': 'genre', 'isRequired': True, 'options': ['A', 'B']}]}
    assert catalog.browsable(required_without_none) and catalog.default_genre(required_without_none) is False
    assert catalog.next_skip(20, [{}] * 37) == 57 and catalog.next_skip(None, [{}] * 5) == 5


def test_search_discovery_prefers_dedicated_catalogs_in_manifest_order():
    assert [c['id'] for c in search.search_catalogs(MANIFEST, 'movie')] == ['fk1.search.movie', 'fk1.tmdb.trending']
    assert search.search_catalog(MANIFEST, 'series')['id'] == 'fk1.search.series'
    reordered = {'catalogs': [
        {'type': 'movie', 'id': 'b.search', 'extra': [{'name': 'search', 'isRequired': True}]},
        {'type': 'movie', 'id': 'a.search', 'extra': [{'name': 'search', 'isRequired': True}]}]}
    assert search.search_catalog(reordered, 'movie')['id'] == 'b.search'
    assert search.search_catalog({'catalogs': [{'type': 'movie', 'id': 'x'}]}, 'movie') is None


# ---- any JSON the server may send: mapping never raises, and always gives a title and a media type ----------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_scalars = st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False) | st.text(max_size=12)
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8), inner, max_size=4), max_leaves=12)
_meta_keys = st.sampled_from(['id', 'type', 'name', 'genres', 'imdbRating', 'releaseInfo', 'released', 'runtime',
                              'cast', 'director', 'writer', 'trailers', 'app_extras', 'country', 'videos', 'year',
                              'poster', 'behaviorHints', 'imdb_id', 'tmdb_id', 'network', 'description'])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_meta_keys, _json, max_size=12), st.dictionaries(_meta_keys, _json, max_size=8))
def test_mapping_survives_any_json(meta, video):
    fields = metadata.from_meta(meta, 'movie')
    assert isinstance(fields['title'], str) and fields['media_type'] == 'movie'
    for key in ('genres', 'countries', 'studios', 'directors', 'writers'):
        assert all(isinstance(value, str) for value in fields.get(key, []))
    metadata.from_video(meta, video)
    metadata.seasons_of(meta)
