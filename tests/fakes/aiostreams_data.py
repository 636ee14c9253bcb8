"""The fake AIOStreams server's default dataset: synthetic titles shaped like aiostreams-api.md §5-§8.

Dataset layout (plain dicts, so tests can edit a copy):
  manifest   the manifest body (id, name, catalogs, resources, types, behaviorHints)
  catalogs   'type/catalog_id' -> {'items': [meta previews] | 'all', 'page_size': int}; 'all' = every meta of the
             type (search catalogs); genre and search extras filter, skip slices (only when declared)
  metas      'type/id' -> full meta
  streams    'type/id' -> [stream]; ids without an entry get `stream_template` filled in
  subtitles  'type/id' -> [subtitle]; ids without an entry get `subtitle_template`
  variants   id -> {'name', 'enabled', 'changes'}: the config variants the fake serves (aiostreams_variants.py):
             'no4k' leaves out 2160p streams, 'nodv' Dolby Vision ones, 'kids' renames the addon, 'retired' is
             disabled (selecting it is an error, like an unknown id)
The two "today" titles, 'Variant Film' (movie/tt1000002) and 'Variant Series' (series/tt2000002:1:1 and :1:2), get
MIXED_STREAMS, in this server order: an uncached 2160p, a cached 2160p DV, a cached 1080p DV, a cached 1080p, a
720p of unknown cache state, an info item whose url asks the server to refresh a library, and a statistic item
that arrives with statistics turned off. The MIXED_* constants index that list. 'Uncached Film' (movie/tt1000003)
has only uncached streams (plus the info and statistic items), 'Notice Film' (movie/tt1000004) only the info and
statistic items.
Strings may hold '{origin}' (the server's http://127.0.0.1:<port>), '{id}' and '{file}' placeholders.
"""
from __future__ import annotations

import copy

UNAIRED_DATE = '2099-01-01T00:00:00.000Z'
GENRES = ('Action', 'Comedy', 'Drama', 'Science Fiction')


def _movie(number):
    genre = GENRES[number % len(GENRES)]
    return {
        'id': 'tt9%06d' % number, 'type': 'movie', 'name': 'Fake Movie %02d' % number,
        'poster': '{origin}/art/poster/tt9%06d.png' % number, 'posterShape': 'poster',
        'description': 'Synthetic movie number %d.' % number, 'genres': [genre],
        'imdbRating': '%.1f' % (5 + (number % 40) / 10.0) if number % 2 else 5 + (number % 40) / 10.0,
        'releaseInfo': str(1990 + number % 30), 'runtime': '%dmin' % (80 + number),
    }


FEATURE = {
    'id': 'tt1000001', 'type': 'movie', 'name': 'Sample Feature', 'imdb_id': 'tt1000001',
    'tmdb_id': 27205,
    'description': 'A thief who steals secrets through dreams takes one last job.',
    'genres': ['Action', 'Science Fiction'], 'year': '2010', 'releaseInfo': '2010',
    'released': '2010-07-15T00:00:00.000Z', 'imdbRating': '8.8', 'runtime': '2h28min', 'country': 'us',
    'poster': '{origin}/art/poster/tt1000001.png', 'background': '{origin}/art/fanart/tt1000001.png',
    'logo': '{origin}/art/logo/tt1000001.png', 'landscapePoster': '{origin}/art/landscape/tt1000001.png',
    'trailers': [{'source': 'YoHD9XEInc0', 'type': 'Trailer', 'name': 'Official Trailer', 'ytId': 'YoHD9XEInc0',
                  'lang': 'en'}],
    'behaviorHints': {'defaultVideoId': 'tt1000001'},
    'app_extras': {
        'cast': [{'name': 'Lead Actor', 'character': 'Dom', 'photo': '{origin}/art/person/lead.png'},
                 {'name': 'Second Actor', 'character': 'Arthur', 'photo': None}],
        'directors': [{'name': 'Some Director', 'character': 'Some Director', 'photo': None}],
        'writers': [{'name': 'Some Writer', 'character': 'Some Writer', 'photo': None}],
        'certification': 'PG-13', 'certificationLocal': '12A',
    },
}

TMDB_FILM = {
    'id': 'tmdb:550001', 'type': 'movie', 'name': 'Only On TMDB', 'tmdb_id': 550001,
    'description': 'A title without an IMDb id.', 'genres': ['Drama'], 'releaseInfo': '2021',
    'released': '2021-03-05T00:00:00.000Z', 'imdbRating': 7.1, 'runtime': '95',
    'poster': '{origin}/art/poster/tmdb550001.png',
}


def _episode(show_id, season, episode, title, released, thumbnail=True, overview=None):
    return {
        'id': '%s:%d:%d' % (show_id, season, episode), 'title': title, 'season': season, 'episode': episode,
        'released': released, 'available': released != UNAIRED_DATE,
        'overview': overview or '%s, season %d episode %d.' % (title, season, episode),
        'thumbnail': '{origin}/art/thumb/%s-%d-%d.png' % (show_id.replace(':', ''), season, episode)
        if thumbnail else None,
        'runtime': '47min',
    }


SHOW = {
    'id': 'tt2000001', 'type': 'series', 'name': 'Sample Show', 'imdb_id': 'tt2000001', 'tvdb_id': 81189,
    'tmdb_id': 1396,
    'description': 'A chemistry teacher turns to crime.', 'genres': ['Drama', 'Crime'], 'year': '2008',
    'releaseInfo': '2008-', 'released': '2008-01-20T00:00:00.000Z', 'status': 'Continuing', 'imdbRating': '9.5',
    'runtime': '47min', 'country': 'us', 'poster': '{origin}/art/poster/tt2000001.png',
    'background': '{origin}/art/fanart/tt2000001.png', 'logo': '{origin}/art/logo/tt2000001.png',
    'trailers': [{'source': 'HhesaQXLuRY', 'type': 'Trailer', 'ytId': 'HhesaQXLuRY'}],
    'behaviorHints': {'defaultVideoId': None, 'hasScheduledVideos': True},
    'app_extras': {
        'cast': [{'name': 'Show Lead', 'character': 'Walter', 'photo': '{origin}/art/person/showlead.png'}],
        'directors': [], 'writers': [{'name': 'Show Creator', 'character': 'Show Creator', 'photo': None}],
        'certification': 'TV-MA',
    },
    'videos': [
        _episode('tt2000001', 0, 1, 'Minisode', '2009-02-17T00:00:00.000Z', thumbnail=False),
        _episode('tt2000001', 1, 1, 'Pilot', '2008-01-20T00:00:00.000Z'),
        _episode('tt2000001', 1, 2, 'The Bag', '2008-01-27T00:00:00.000Z'),
        _episode('tt2000001', 1, 3, 'And the Bag', '2008-02-10T00:00:00.000Z'),
        _episode('tt2000001', 2, 1, 'Seven', '2009-03-08T00:00:00.000Z'),
        _episode('tt2000001', 2, 2, 'Not Yet Aired', UNAIRED_DATE),
    ],
}

TMDB_SHOW = {
    'id': 'tmdb:62560', 'type': 'series', 'name': 'Robot Show', 'tmdb_id': 62560,
    'description': 'A hacker with a secret.', 'genres': ['Drama'], 'releaseInfo': '2015-2019',
    'poster': '{origin}/art/poster/tmdb62560.png',
    'videos': [
        _episode('tmdb:62560', 1, 1, 'Hello', '2015-06-24T00:00:00.000Z'),
        _episode('tmdb:62560', 1, 2, 'Ones and Zeroes', '2015-07-01T00:00:00.000Z'),
    ],
}

ANIME = {
    'id': 'kitsu:1376', 'type': 'series', 'name': 'Kitsu Anime', 'description': 'Absolute episode numbering.',
    'genres': ['Animation'], 'releaseInfo': '2006', 'poster': '{origin}/art/poster/kitsu1376.png',
    'videos': [dict(_episode('kitsu:1376', 1, n, 'Episode %d' % n, '2006-10-0%dT00:00:00.000Z' % n),
                    id='kitsu:1376:%d' % n) for n in (1, 2, 3)],
}


def _series_preview(number):
    return {'id': 'tt8%06d' % number, 'type': 'series', 'name': 'Fake Series %02d' % number,
            'poster': '{origin}/art/poster/tt8%06d.png' % number, 'genres': [GENRES[number % len(GENRES)]],
            'releaseInfo': '%d-' % (2000 + number), 'imdbRating': 7.0}


def _preview(meta):
    keys = ('id', 'type', 'name', 'poster', 'posterShape', 'background', 'logo', 'description', 'genres',
            'imdbRating', 'releaseInfo', 'runtime', 'year', 'released')
    return {key: meta[key] for key in keys if key in meta}


STREAM_TEMPLATE = [
    {'name': '[RD+] Fake 2160p', 'description': 'WEB-DL HEVC\n7.0 GB',
     'url': '{origin}/api/v1/debrid/playback/eyJzdG9yZSI6InJkIn0/ok/{id}/{file}.2160p.WEB-DL.HEVC-NTb.mkv',
     'behaviorHints': {'notWebReady': True, 'bingeGroup': 'com.aiostreams.viren070|2160p|WEB-DL|NTb',
                       'videoSize': 7494918963, 'filename': '{file}.2160p.WEB-DL.HEVC-NTb.mkv'},
     'streamData': {'type': 'debrid', 'addon': 'Torrentio', 'indexer': 'ThePirateBay', 'size': 7494918963,
                    'service': {'id': 'realdebrid', 'cached': True},
                    'filename': '{file}.2160p.WEB-DL.HEVC-NTb.mkv',
                    'parsedFile': {'resolution': '2160p', 'quality': 'WEB-DL', 'encode': 'HEVC',
                                   'releaseGroup': 'NTb', 'visualTags': ['DV'], 'audioTags': ['DD+'],
                                   'languages': ['English']}}},
    {'name': '[TB] Fake 1080p', 'description': 'BluRay x264\n2.2 GB',
     'url': '{origin}/api/v1/debrid/playback/eyJzdG9yZSI6InRiIn0/ok/{id}/{file}.1080p.BluRay.x264-DEMAND.mkv',
     'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|1080p|BluRay|DEMAND', 'videoSize': 2372986019,
                       'filename': '{file}.1080p.BluRay.x264-DEMAND.mkv'},
     'streamData': {'type': 'debrid', 'addon': 'Comet', 'service': {'id': 'torbox', 'cached': False},
                    'filename': '{file}.1080p.BluRay.x264-DEMAND.mkv',
                    'parsedFile': {'resolution': '1080p', 'quality': 'BluRay', 'encode': 'AVC',
                                   'releaseGroup': 'DEMAND'}}},
    {'name': '[P2P] Fake 720p', 'description': 'WEB-DL\n298 MB',
     'infoHash': '3f0a2c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', 'fileIdx': 0,
     'sources': ['tracker:udp://tracker.example.invalid:1337/announce'],
     'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|720p|WEB-DL|GalaxyTV', 'videoSize': 312475648,
                       'filename': '{file}.720p.WEB-DL.x265-GalaxyTV.mkv'},
     'streamData': {'type': 'p2p', 'torrent': {'infoHash': '3f0a2c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
                                               'seeders': 33}}},
    {'name': '[EN+] Fake Easynews 1080p', 'description': 'WEB-DL x264\n1.45 GB',
     'url': '{origin}/api/v1/proxy/eyJ1IjoiZWFzeW5ld3MifQ',
     'behaviorHints': {'notWebReady': True, 'bingeGroup': 'com.aiostreams.viren070|1080p|WEB-DL',
                       'proxyHeaders': {'request': {'Authorization': 'Basic dXNlcjpwYXNz'}},
                       'videoSize': 1556925644, 'filename': '{file}.1080p.WEB-DL.x264.mkv'},
     'streamData': {'type': 'usenet', 'proxied': True, 'service': {'id': 'easynews', 'cached': True},
                    'filename': '{file}.1080p.WEB-DL.x264.mkv'}},
    {'name': '[\u274c] StremThru Torz', 'description': 'Request timed out after 7000ms',
     'externalUrl': 'https://github.com/Viren070/AIOStreams',
     'streamData': {'type': 'error', 'error': {'title': '[\u274c] StremThru Torz',
                                               'description': 'Request timed out after 7000ms'},
                    'id': 'error.[\u274c] StremThru Torz'}},
    {'name': 'Statistics', 'description': 'Total streams: 187\nFiltered: 183',
     'externalUrl': 'https://github.com/Viren070/AIOStreams', 'streamData': {'type': 'statistic'}},
]

VARIANT_FILM = {
    'id': 'tt1000002', 'type': 'movie', 'name': 'Variant Film', 'imdb_id': 'tt1000002',
    'description': 'Streams of every kind a current server sends: uncached, Dolby Vision, info, statistic.',
    'genres': ['Drama'], 'year': '2025', 'releaseInfo': '2025', 'released': '2025-05-02T00:00:00.000Z',
    'imdbRating': '7.4', 'runtime': '1h52min', 'poster': '{origin}/art/poster/tt1000002.png',
    'behaviorHints': {'defaultVideoId': 'tt1000002'},
}

VARIANT_SHOW = {
    'id': 'tt2000002', 'type': 'series', 'name': 'Variant Series', 'imdb_id': 'tt2000002',
    'description': 'Episodes whose streams a config variant filters.', 'genres': ['Drama'], 'year': '2024',
    'releaseInfo': '2024-', 'imdbRating': '8.1', 'poster': '{origin}/art/poster/tt2000002.png',
    'behaviorHints': {'defaultVideoId': None, 'hasScheduledVideos': False},
    'videos': [_episode('tt2000002', 1, 1, 'Selector', '2024-03-01T00:00:00.000Z'),
               _episode('tt2000002', 1, 2, 'Base Config', '2024-03-08T00:00:00.000Z')],
}


STORE_BLOBS = {'realdebrid': 'eyJzdG9yZSI6InJkIn0', 'torbox': 'eyJzdG9yZSI6InRiIn0'}


def _debrid(tag, service, cached, resolution, quality, encode, group, visual, size):
    """A debrid stream as /stream sends it with streamData; an uncached one plays the server's 'downloading' clip."""
    filename = '{file}.%s.%s.%s%s-%s.mkv' % (resolution, quality.replace(' ', '.'), ''.join(
        tag + '.' for tag in visual), encode, group)
    return {
        'name': '[%s%s] Variant %s' % (tag, '\u26a1' if cached else '\u23f3', resolution),
        'description': '%s\n%.1f GB' % (' '.join([quality, encode] + list(visual)), size / 1e9),
        'url': '{origin}/api/v1/debrid/playback/%s/%s/{id}/%s' % (
            STORE_BLOBS[service], 'ok' if cached else 'downloading', filename),
        'behaviorHints': {'notWebReady': True, 'videoSize': size, 'filename': filename,
                          'bingeGroup': 'com.aiostreams.viren070|%s|%s|%s' % (resolution, quality, group)},
        'streamData': {'type': 'debrid', 'addon': 'Torrentio', 'indexer': 'ThePirateBay', 'size': size,
                       'filename': filename, 'service': {'id': service, 'cached': cached},
                       'parsedFile': {'resolution': resolution, 'quality': quality, 'encode': encode,
                                      'releaseGroup': group, 'visualTags': list(visual), 'audioTags': ['DD+'],
                                      'languages': ['English']}},
    }


LIBRARY_REFRESH_PATH = '/builtins/library/refresh/realdebrid/eyJpIjoiUmVmcmVzaCIsImUiOiJzeW50aGV0aWMiLCJ0IjoiYSJ9'
MIXED_UNCACHED_UHD, MIXED_UHD_DV, MIXED_FHD_DV, MIXED_FHD, MIXED_UNKNOWN_HD, MIXED_INFO, MIXED_STATISTIC = range(7)
MIXED_STREAMS = [
    _debrid('RD', 'realdebrid', False, '2160p', 'WEB-DL', 'HEVC', 'FLUX', ['HDR10'], 18200000000),
    _debrid('TB', 'torbox', True, '2160p', 'BluRay REMUX', 'HEVC', 'FraMeSToR', ['DV', 'HDR10'], 61500000000),
    _debrid('RD', 'realdebrid', True, '1080p', 'WEB-DL', 'HEVC', 'NTb', ['DV'], 6100000000),
    _debrid('TB', 'torbox', True, '1080p', 'BluRay', 'AVC', 'DEMAND', [], 12400000000),
    {'name': '[WEB] Variant 720p', 'description': 'WEB-DL AVC\n1.1 GB', 'url': '{origin}/media/clip.mp4',
     'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|720p|WEB-DL', 'videoSize': 1100000000,
                       'filename': '{file}.720p.WEB-DL.x264.mp4'},
     'streamData': {'type': 'http', 'addon': 'WebStreamr', 'size': 1100000000,
                    'filename': '{file}.720p.WEB-DL.x264.mp4',
                    'parsedFile': {'resolution': '720p', 'quality': 'WEB-DL', 'encode': 'AVC'}}},
    # The Library built-in's refresh action (type "info" since 2026-02): opening the url refreshes the library.
    {'name': '\u2139\ufe0f Library', 'description': 'Refresh Real-Debrid Library',
     'url': '{origin}' + LIBRARY_REFRESH_PATH,
     'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|'},
     'streamData': {'type': 'info', 'addon': 'Library', 'message': 'Refresh Real-Debrid Library'}},
    # A "forced" statistic: the server sends it even when the user turned statistics off (2026-04).
    {'name': '\U0001f6ab Removal Reasons',
     'description': '\u26a0\ufe0f The following stream types have been disabled by the instance owner.\n'
                    '\U0001f4cc Disabled Stream Types (3)\n    \u2022 3\u00d7 p2p',
     'externalUrl': 'https://github.com/Viren070/AIOStreams', 'streamData': {'type': 'statistic'}},
]
MIXED_STREAM_KEYS = ('movie/tt1000002', 'series/tt2000002:1:1', 'series/tt2000002:1:2')


def _film(imdb_id, name, description):
    return {'id': imdb_id, 'type': 'movie', 'name': name, 'imdb_id': imdb_id, 'description': description,
            'genres': ['Drama'], 'year': '2025', 'releaseInfo': '2025', 'runtime': '1h40min',
            'poster': '{origin}/art/poster/%s.png' % imdb_id, 'behaviorHints': {'defaultVideoId': imdb_id}}


# Lists a client must explain rather than play: every stream uncached, or nothing but notices.
UNCACHED_FILM = _film('tt1000003', 'Uncached Film', 'Every stream of it is still to be downloaded by the service.')
NOTICE_FILM = _film('tt1000004', 'Notice Film', 'No stream at all: an info item and a statistic.')
UNCACHED_ONLY_STREAMS = [
    MIXED_STREAMS[MIXED_UNCACHED_UHD],
    _debrid('TB', 'torbox', False, '1080p', 'WEB-DL', 'AVC', 'NTb', [], 5200000000),
    MIXED_STREAMS[MIXED_INFO], MIXED_STREAMS[MIXED_STATISTIC],
]
NOTICES_ONLY_STREAMS = [MIXED_STREAMS[MIXED_INFO], MIXED_STREAMS[MIXED_STATISTIC]]
UNCACHED_ONLY_KEY, NOTICES_ONLY_KEY = 'movie/tt1000003', 'movie/tt1000004'

VARIANTS = {
    'no4k': {'name': 'No 4K', 'enabled': True, 'changes': {'excludedResolutions': ['2160p']}},
    'nodv': {'name': 'No Dolby Vision', 'enabled': True, 'changes': {'excludedVisualTags': ['DV']}},
    'kids': {'name': 'Kids', 'enabled': True, 'changes': {'addonName': 'AIOStreams (kids)'}},
    'retired': {'name': 'Retired', 'enabled': False, 'changes': {'excludedResolutions': ['720p']}},
}

SUBTITLE_TEMPLATE = [
    {'id': 'sub-{id}-eng', 'url': '{origin}/subs/{id}.eng.srt', 'lang': 'eng'},
    {'id': 'sub-{id}-spa', 'url': '{origin}/subs/{id}.spa.srt', 'lang': 'spa'},
    {'id': 'error.SubDL', 'lang': '[\u274c] SubDL - Invalid API key', 'url': 'https://github.com/Viren070/AIOStreams'},
]


def manifest(catalogs):
    return {
        'name': 'AIOStreams', 'id': 'com.aiostreams.viren070.fake0001', 'version': '2.20.1',
        'description': 'Fake AIOStreams for tests.', 'catalogs': catalogs,
        'resources': [
            {'name': 'catalog', 'types': ['movie', 'series']},
            {'name': 'meta', 'types': ['movie', 'series'],
             'idPrefixes': ['tt', 'tmdb:', 'tvdb:', 'kitsu:', 'aiostreamserror']},
            {'name': 'stream', 'types': ['movie', 'series', 'anime'], 'idPrefixes': ['tt', 'tmdb:', 'tvdb:', 'kitsu:']},
            'subtitles',
        ],
        'types': ['movie', 'series', 'anime'],
        'logo': '{origin}/art/logo/aiostreams.png',
        'behaviorHints': {'configurable': True, 'configurationRequired': False},
    }


def default_dataset() -> dict:
    movies = [FEATURE, TMDB_FILM] + [_movie(n) for n in range(1, 46)]
    series = [SHOW, TMDB_SHOW, ANIME] + [_series_preview(n) for n in range(1, 13)]
    today = [VARIANT_FILM, VARIANT_SHOW, UNCACHED_FILM, NOTICE_FILM]  # in no browse catalog: by id or by search
    catalogs = [
        {'type': 'movie', 'id': 'fk1.tmdb.top', 'name': 'Popular',
         'extra': [{'name': 'genre', 'options': list(GENRES) + ['Action & Adventure']}, {'name': 'skip'}]},
        {'type': 'series', 'id': 'fk1.tmdb.top', 'name': 'Popular',
         'extra': [{'name': 'genre', 'options': ['Drama', 'Crime', 'Animation']}, {'name': 'skip'}]},
        {'type': 'movie', 'id': 'fk1.tmdb.trending', 'name': 'Trending',
         'extra': [{'name': 'skip'}, {'name': 'search'}]},
        {'type': 'series', 'id': 'fk1.streaming.nfx', 'name': 'Streaming',
         'extra': [{'name': 'genre', 'options': ['None', 'Drama', 'Comedy'], 'isRequired': True},
                   {'name': 'skip'}]},
        {'type': 'movie', 'id': 'fk1.search.movie', 'name': 'Search',
         'extra': [{'name': 'search', 'isRequired': True}, {'name': 'skip'}]},
        {'type': 'series', 'id': 'fk1.search.series', 'name': 'Search',
         'extra': [{'name': 'search', 'isRequired': True}, {'name': 'skip'}]},
        {'type': 'movie', 'id': 'aiostreams.merged.7f3e2d', 'name': 'Everything New'},
        {'type': 'series', 'id': 'fk1.calendar', 'name': 'Calendar',
         'extra': [{'name': 'calendarVideosIds', 'isRequired': True}]},
    ]
    return {
        'manifest': manifest(catalogs),
        'catalogs': {
            'movie/fk1.tmdb.top': {'items': [_preview(m) for m in movies], 'page_size': 20},
            'series/fk1.tmdb.top': {'items': [_preview(s) for s in series], 'page_size': 20},
            'movie/fk1.tmdb.trending': {'items': [_preview(m) for m in movies[:12]], 'page_size': 5},
            'series/fk1.streaming.nfx': {'items': [_preview(s) for s in series[3:9]], 'page_size': 20},
            'movie/fk1.search.movie': {'items': 'all', 'page_size': 20},
            'series/fk1.search.series': {'items': 'all', 'page_size': 20},
            'movie/aiostreams.merged.7f3e2d': {'items': [_preview(m) for m in movies[:3]], 'page_size': 100},
            'series/fk1.calendar': {'items': [], 'page_size': 20},
        },
        'metas': {'%s/%s' % (meta['type'], meta['id']): meta for meta in movies + series + today},
        'streams': dict({key: MIXED_STREAMS for key in MIXED_STREAM_KEYS},
                        **{UNCACHED_ONLY_KEY: UNCACHED_ONLY_STREAMS, NOTICES_ONLY_KEY: NOTICES_ONLY_STREAMS}),
        'subtitles': {},
        'stream_template': STREAM_TEMPLATE,
        'subtitle_template': SUBTITLE_TEMPLATE,
        'variants': VARIANTS,
    }


def copy_dataset(dataset) -> dict:
    return copy.deepcopy(dataset)
