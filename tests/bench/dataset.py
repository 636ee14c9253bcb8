"""The benchmark's backend data: the fake AIOStreams default dataset plus a 10-season show, a full meta for every
title of the large Trakt account (so its lists can render from the meta cache), and a list of 200 streams.
"""
from __future__ import annotations

import copy

from tests.fakes import aiostreams_data

TEN_SEASON_SHOW = 'tt7000010'
SEASONS = 10
EPISODES_PER_SEASON = 12
SEARCH_QUERY = 'fake movie'
STREAM_COUNT = 200
# Stream list shapes: (resolution, quality, codec, service, addon, release group)
_STREAM_SHAPES = (
    ('2160p', 'WEB-DL', 'HEVC', 'realdebrid', 'Torrentio', 'NTb'),
    ('2160p', 'BluRay REMUX', 'HEVC', 'torbox', 'Comet', 'FGT'),
    ('1080p', 'BluRay', 'AVC', 'realdebrid', 'MediaFusion', 'DEMAND'),
    ('1080p', 'WEB-DL', 'AVC', 'easynews', 'Easynews', 'FLUX'),
    ('1080p', 'WEBRip', 'HEVC', 'premiumize', 'Torrentio', 'GalaxyRG'),
    ('720p', 'WEB-DL', 'AVC', 'alldebrid', 'Jackettio', 'EDITH'),
    ('720p', 'HDTV', 'AVC', 'torbox', 'Comet', 'SYNCOPY'),
    ('480p', 'DVDRip', 'XviD', 'realdebrid', 'Torrentio', 'RARBG'),
)


def _episode(show_id, season, number):
    return {'id': '%s:%d:%d' % (show_id, season, number), 'title': 'Episode %d' % number, 'season': season,
            'episode': number, 'released': '%04d-03-%02dT00:00:00.000Z' % (2000 + season, 1 + number % 28),
            'overview': 'Season %d, episode %d.' % (season, number), 'runtime': '45min',
            'thumbnail': '{origin}/art/thumb/%s-%d-%d.png' % (show_id, season, number)}


def _series_meta(meta_id, name, year, seasons):
    """seasons: {number: episode count}; season 0 holds specials."""
    return {
        'id': meta_id, 'type': 'series', 'name': name, 'imdb_id': meta_id if meta_id.startswith('tt') else None,
        'description': 'The benchmark\'s copy of %s.' % name, 'genres': ['Drama'], 'releaseInfo': '%d-' % year,
        'year': str(year), 'imdbRating': '7.9', 'runtime': '45min', 'poster': '{origin}/art/poster/%s.png' % meta_id,
        'background': '{origin}/art/fanart/%s.png' % meta_id, 'status': 'Continuing',
        'app_extras': {'cast': [{'name': 'Lead %d' % index, 'character': 'Role %d' % index, 'photo': None}
                                for index in range(8)]},
        'videos': [_episode(meta_id, season, number) for season, count in sorted(seasons.items())
                   for number in range(1, count + 1)],
    }


def _movie_meta(meta_id, name, year):
    return {'id': meta_id, 'type': 'movie', 'name': name, 'description': 'The benchmark\'s copy of %s.' % name,
            'genres': ['Drama'], 'releaseInfo': str(year), 'year': str(year), 'imdbRating': '7.1',
            'runtime': '1h50min', 'poster': '{origin}/art/poster/%s.png' % meta_id,
            'background': '{origin}/art/fanart/%s.png' % meta_id}


def _meta_id(ids):
    """The id the addon asks the backend for (imdb first, as addon.trakt.lists does)."""
    if ids.get('imdb'):
        return ids['imdb']
    if ids.get('tmdb'):
        return 'tmdb:%d' % ids['tmdb']
    return None


def bench_dataset(account) -> dict:
    """The default dataset plus the 10-season show and a meta for every show and movie of `account`."""
    dataset = aiostreams_data.default_dataset()
    seasons = {season: EPISODES_PER_SEASON for season in range(1, SEASONS + 1)}
    seasons[0] = 2
    ten = _series_meta(TEN_SEASON_SHOW, 'Ten Seasons', 2001, seasons)
    dataset['metas']['series/' + TEN_SEASON_SHOW] = ten
    for show in account.shows.values():
        meta_id = _meta_id(show['ids'])
        if meta_id:
            counts = {number: len(episodes) for number, episodes in show['seasons'].items()}
            dataset['metas']['series/' + meta_id] = _series_meta(meta_id, show['title'], show['year'], counts)
    for movie in account.movies.values():
        meta_id = _meta_id(movie['ids'])
        if meta_id:
            dataset['metas']['movie/' + meta_id] = _movie_meta(meta_id, movie['title'], movie['year'])
    return dataset


def stream_list(count=STREAM_COUNT, without_parsed_file_every=0) -> list:
    """`count` Stremio streams as AIOStreams answers /stream for our User-Agent (streamData with parsedFile).
    without_parsed_file_every=N: every N-th stream lacks parsedFile (AIOStreams omits it when its own parser
    failed), leaving its file name and formatter text to the addon's parser."""
    streams = []
    for index in range(count):
        resolution, quality, codec, service, addon, group = _STREAM_SHAPES[index % len(_STREAM_SHAPES)]
        filename = 'Movie.Title.2019.%s.%s.%s.%s-%s%d.mkv' % (resolution, quality.replace(' ', '.'), codec,
                                                               'DDP5.1', group, index)
        size = (index % 37 + 1) * 350 * 1024 ** 2
        stream = {
            'name': '[%s+] %s %s' % (service[:2].upper(), addon, resolution),
            'description': '%s %s\n%.2f GB' % (quality, codec, size / 1024.0 ** 3),
            'url': 'http://127.0.0.1:9/api/v1/debrid/playback/eyJpIjo%d/ok/%s' % (index, filename),
            'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|%s|%s|%s' % (resolution, quality, group),
                              'videoSize': size, 'filename': filename},
            'streamData': {'type': 'debrid', 'addon': addon, 'indexer': 'Indexer %d' % (index % 5), 'size': size,
                           'service': {'id': service, 'cached': index % 3 != 0}, 'filename': filename,
                           'parsedFile': {'resolution': resolution, 'quality': quality, 'encode': codec,
                                          'releaseGroup': '%s%d' % (group, index), 'audioTags': ['DD+'],
                                          'languages': ['English']}},
        }
        if without_parsed_file_every and index % without_parsed_file_every == 0:
            del stream['streamData']['parsedFile']
        streams.append(stream)
    return copy.deepcopy(streams)
