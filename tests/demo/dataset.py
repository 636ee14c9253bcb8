"""The demo backend: a handful of public-domain films and one invented "Demo Series", served by the fake
AIOStreams server (python -m tests.fakes.aiostreams_server --demo --port N).

Artwork is drawn locally at run time (ImageMagick when present, else a plain colour PNG); every stream plays the
locally generated test clip, except one that shows the server's "downloading" failure clip and one p2p entry,
so the demo also shows fallback and non-playable streams. Plot summaries are written for this demo.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess

from tests.fakes import aiostreams_data, media

ART_DIR = os.path.join(media.CACHE_DIR, 'demo-art')
ART_SIZES = {'poster': (300, 450), 'fanart': (1280, 720), 'landscape': (640, 360), 'logo': (600, 160),
             'thumb': (640, 360)}


def _film(imdb_id, name, year, genres, minutes, plot, directors, cast, rating, released):
    return {
        'id': imdb_id, 'type': 'movie', 'name': name, 'imdb_id': imdb_id, 'description': plot, 'genres': genres,
        'year': str(year), 'releaseInfo': str(year), 'released': released + 'T00:00:00.000Z',
        'imdbRating': rating, 'runtime': '%dmin' % minutes, 'country': 'us',
        'poster': '{origin}/art/poster/%s.png' % imdb_id, 'background': '{origin}/art/fanart/%s.png' % imdb_id,
        'logo': '{origin}/art/logo/%s.png' % imdb_id, 'landscapePoster': '{origin}/art/landscape/%s.png' % imdb_id,
        'behaviorHints': {'defaultVideoId': imdb_id},
        'app_extras': {'cast': [{'name': person, 'character': role, 'photo': None} for person, role in cast],
                       'directors': [{'name': person} for person in directors], 'certification': 'NR'},
    }


FILMS = [
    _film('tt0063350', 'Night of the Living Dead', 1968, ['Horror'], 96,
          'Strangers shelter in a farmhouse while the dead walk outside, and the night tests them more than the '
          'siege does.', ['George A. Romero'], [('Duane Jones', 'Ben'), ("Judith O'Dea", 'Barbra')], '7.8',
          '1968-10-04'),
    _film('tt0013442', 'Nosferatu', 1922, ['Horror', 'Fantasy'], 94,
          'An estate agent travels to the Carpathians to sell a house to a reclusive count, and brings something '
          'back with him.', ['F. W. Murnau'], [('Max Schreck', 'Count Orlok'), ('Gustav von Wangenheim', 'Hutter')],
          '7.8', '1922-03-04'),
    _film('tt0017925', 'The General', 1926, ['Comedy', 'Action'], 78,
          'A railway engineer chases his stolen locomotive across enemy lines, with deadpan stunts all the way.',
          ['Clyde Bruckman', 'Buster Keaton'], [('Buster Keaton', 'Johnnie Gray'), ('Marion Mack', 'Annabelle Lee')],
          '8.1', '1926-12-31'),
    _film('tt0032599', 'His Girl Friday', 1940, ['Comedy', 'Romance'], 92,
          'A newspaper editor schemes to keep his star reporter, who is also his ex-wife, from leaving the paper.',
          ['Howard Hawks'], [('Cary Grant', 'Walter Burns'), ('Rosalind Russell', 'Hildy Johnson')], '7.8',
          '1940-01-11'),
]

SERIES_ID = 'tmdb:900001'


def _episode(season, episode, title, released, overview):
    return {'id': '%s:%d:%d' % (SERIES_ID, season, episode), 'title': title, 'season': season, 'episode': episode,
            'released': released + 'T00:00:00.000Z', 'overview': overview, 'runtime': '1min',
            'thumbnail': '{origin}/art/thumb/demo-%d-%d.png' % (season, episode),
            'available': not released.startswith('2099')}


DEMO_SERIES = {
    'id': SERIES_ID, 'type': 'series', 'name': 'Demo Series', 'tmdb_id': 900001,
    'description': 'An invented show for the demo: short test-pattern episodes, a special and one episode '
                   'that has not aired yet.',
    'genres': ['Documentary'], 'releaseInfo': '2020-', 'released': '2020-01-06T00:00:00.000Z', 'runtime': '1min',
    'imdbRating': '6.5', 'status': 'Continuing',
    'poster': '{origin}/art/poster/demo-series.png', 'background': '{origin}/art/fanart/demo-series.png',
    'logo': '{origin}/art/logo/demo-series.png',
    'app_extras': {'cast': [{'name': 'Test Pattern', 'character': 'Itself', 'photo': None}]},
    'videos': [
        _episode(0, 1, 'Behind the Pattern', '2020-12-24', 'A special about how the test pattern was made.'),
        _episode(1, 1, 'Colour Bars', '2020-01-06', 'The first episode: bars, tones and a countdown.'),
        _episode(1, 2, 'Moving Circles', '2020-01-13', 'Circles move; nothing else does.'),
        _episode(1, 3, 'Static', '2020-01-20', 'The season ends in a snowstorm of noise.'),
        _episode(2, 1, 'Return of the Bars', '2021-02-01', 'The bars are back, in a new order.'),
        _episode(2, 2, 'Still to Come', '2099-01-01', 'Not aired yet.'),
    ],
}


def _streams():
    base = '{origin}/api/v1/debrid/playback/eyJkZW1vIjoxfQ'
    return [
        {'name': '[RD+] Demo 1080p', 'description': 'WEB-DL H.264\n1.4 GB',
         'url': base + '/ok/{id}/{file}.1080p.WEB-DL.x264-DEMO.mkv',
         'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|1080p|WEB-DL|DEMO', 'videoSize': 1503238553,
                           'filename': '{file}.1080p.WEB-DL.x264-DEMO.mkv'},
         'streamData': {'type': 'debrid', 'addon': 'Demo', 'service': {'id': 'realdebrid', 'cached': True},
                        'filename': '{file}.1080p.WEB-DL.x264-DEMO.mkv',
                        'parsedFile': {'resolution': '1080p', 'quality': 'WEB-DL', 'encode': 'AVC',
                                       'releaseGroup': 'DEMO', 'languages': ['English']}}},
        {'name': '[TB] Demo 2160p (uncached)', 'description': 'Remux HEVC\n40 GB',
         'url': base + '/downloading/{id}/{file}.2160p.Remux.HEVC-DEMO.mkv',
         'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|2160p|Remux|DEMO', 'videoSize': 42949672960,
                           'filename': '{file}.2160p.Remux.HEVC-DEMO.mkv'},
         'streamData': {'type': 'debrid', 'addon': 'Demo', 'service': {'id': 'torbox', 'cached': False},
                        'parsedFile': {'resolution': '2160p', 'quality': 'BluRay REMUX', 'encode': 'HEVC'}}},
        {'name': '[RD+] Demo 720p', 'description': 'HDTV H.264\n700 MB',
         'url': base + '/short/{id}/{file}.720p.HDTV.x264-DEMO.mkv',
         'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|720p|HDTV|DEMO', 'videoSize': 734003200,
                           'filename': '{file}.720p.HDTV.x264-DEMO.mkv'},
         'streamData': {'type': 'debrid', 'service': {'id': 'realdebrid', 'cached': True},
                        'parsedFile': {'resolution': '720p', 'quality': 'HDTV', 'encode': 'AVC'}}},
        {'name': '[P2P] Demo 480p', 'description': 'Not playable without a torrent engine',
         'infoHash': '0123456789abcdef0123456789abcdef01234567', 'fileIdx': 0,
         'behaviorHints': {'filename': '{file}.480p.DVDRip-DEMO.avi'}, 'streamData': {'type': 'p2p'}},
        {'name': '\u2139\ufe0f Library', 'description': 'Refresh Real-Debrid Library',   # a server action, no video
         'url': '{origin}/builtins/library/refresh/realdebrid/eyJkZW1vIjoxfQ',
         'behaviorHints': {'bingeGroup': 'com.aiostreams.viren070|'},
         'streamData': {'type': 'info', 'addon': 'Library', 'message': 'Refresh Real-Debrid Library'}},
        {'name': '[\u274c] Demo Indexer', 'description': 'Request timed out after 7000ms',
         'externalUrl': 'https://github.com/Viren070/AIOStreams',
         'streamData': {'type': 'error', 'error': {'title': '[\u274c] Demo Indexer',
                                                   'description': 'Request timed out after 7000ms'}}},
    ]


def demo_dataset() -> dict:
    previews = [{key: film[key] for key in ('id', 'type', 'name', 'poster', 'background', 'description',
                                            'genres', 'imdbRating', 'releaseInfo', 'runtime')} for film in FILMS]
    series_preview = {key: DEMO_SERIES[key] for key in ('id', 'type', 'name', 'poster', 'background', 'description',
                                                        'genres', 'imdbRating', 'releaseInfo')}
    catalogs = [
        {'type': 'movie', 'id': 'demo.classics', 'name': 'Public Domain Classics',
         'extra': [{'name': 'genre', 'options': ['Horror', 'Comedy', 'Action', 'Romance', 'Fantasy']},
                   {'name': 'skip'}]},
        {'type': 'movie', 'id': 'demo.silent', 'name': 'Silent Era'},
        {'type': 'series', 'id': 'demo.shows', 'name': 'Demo Shows', 'extra': [{'name': 'skip'}]},
        {'type': 'movie', 'id': 'demo.search.movie', 'name': 'Search',
         'extra': [{'name': 'search', 'isRequired': True}, {'name': 'skip'}]},
        {'type': 'series', 'id': 'demo.search.series', 'name': 'Search',
         'extra': [{'name': 'search', 'isRequired': True}, {'name': 'skip'}]},
    ]
    manifest = aiostreams_data.manifest(catalogs)
    manifest.update(name='AIOStreams Demo', description='Demo backend with public-domain films.')
    return {
        'manifest': manifest,
        'catalogs': {
            'movie/demo.classics': {'items': previews, 'page_size': 3},
            'movie/demo.silent': {'items': [p for p in previews if p['releaseInfo'] < '1930'], 'page_size': 100},
            'series/demo.shows': {'items': [series_preview], 'page_size': 20},
            'movie/demo.search.movie': {'items': 'all', 'page_size': 20},
            'series/demo.search.series': {'items': 'all', 'page_size': 20},
        },
        'metas': dict([('movie/%s' % film['id'], film) for film in FILMS] + [('series/' + SERIES_ID, DEMO_SERIES)]),
        'streams': {},
        'subtitles': {},
        'stream_template': _streams(),
        'subtitle_template': aiostreams_data.SUBTITLE_TEMPLATE[:2],
    }


def _titles():
    names = {film['id']: '%s\\n%s' % (film['name'], film['year']) for film in FILMS}
    names['demo-series'] = 'Demo Series'
    return names


def render_art(kind, name):
    """PNG bytes for /art/<kind>/<name>.png, drawn once with ImageMagick and cached; None without ImageMagick."""
    convert = shutil.which('convert')
    if not convert:
        return None
    width, height = ART_SIZES.get(kind, (300, 450))
    path = os.path.join(ART_DIR, '%s-%s.png' % (kind, name))
    if not os.path.exists(path):
        os.makedirs(ART_DIR, exist_ok=True)
        label = _titles().get(name, name.replace('demo-', 'Demo ').replace('-', ' x '))
        hue = int(hashlib.sha1(name.encode('utf-8')).hexdigest()[:2], 16)
        top, bottom = '#%02x3050' % (hue // 2 + 20), '#50%02x30' % (hue // 3 + 20)
        background = 'xc:none' if kind == 'logo' else 'gradient:%s-%s' % (top, bottom)
        size = max(18, min(width, height) // (6 if kind != 'logo' else 3))
        subprocess.run([convert, '-size', '%dx%d' % (width, height), background, '-gravity', 'center',
                        '-fill', 'white', '-pointsize', str(size), '-annotate', '0', label, path + '.tmp.png'],
                       check=True, timeout=60)
        os.replace(path + '.tmp.png', path)
    with open(path, 'rb') as handle:
        return handle.read()
