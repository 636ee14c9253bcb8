"""Identification: our handoff, the Kodi InfoTag, guessit on the base name only, anime detection."""
from __future__ import annotations

import pytest

from addon.core import identify
from addon.core.identify import file_sha1

# (file name, media_type, title, year, season, episode, anime)
SCENE_NAMES = [
    ('Show.Name.S02E03.1080p.WEB-DL.mkv', 'episode', 'Show Name', None, 2, 3, False),
    ('Breaking.Bad.S01E02.720p.BluRay.x264-DEMAND.mkv', 'episode', 'Breaking Bad', None, 1, 2, False),
    ('Game.of.Thrones.S08E06.The.Iron.Throne.2160p.AMZN.WEB-DL.DDP5.1.HDR.HEVC-NTb.mkv', 'episode',
     'Game of Thrones', None, 8, 6, False),
    ('Doctor.Who.2005.S01E01.Rose.1080p.BluRay.x264.mkv', 'episode', 'Doctor Who', 2005, 1, 1, False),
    ('The.Last.of.Us.S01E03.Long.Long.Time.1080p.HMAX.WEB-DL.DDP5.1.Atmos.H.264-SMURF.mkv', 'episode',
     'The Last of Us', None, 1, 3, False),
    ('The.Office.US.S05E14.Stress.Relief.1080p.WEB-DL.DD5.1.H.264-NTb.mkv', 'episode', 'The Office US', None, 5,
     14, False),
    ('friends.s10e17e18.720p.bluray.x264-sinners.mkv', 'episode', 'friends', None, 10, 17, False),
    ('Seinfeld.S09E23E24.The.Finale.DVDRip.XviD-SiNK.avi', 'episode', 'Seinfeld', None, 9, 23, False),
    ('Stranger Things - 4x09 - Chapter Nine.mkv', 'episode', 'Stranger Things', None, 4, 9, False),
    ('Rick and Morty - S07E05 - Unmortricken.mkv', 'episode', 'Rick and Morty', None, 7, 5, False),
    ('The.Simpsons.S35E01.720p.HDTV.x264-SYNCOPY.mkv', 'episode', 'The Simpsons', None, 35, 1, False),
    ('Shogun.2024.S01E01.Anjin.2160p.DSNP.WEB-DL.DDP5.1.H.265-NTb.mkv', 'episode', 'Shogun', 2024, 1, 1, False),
    ('Star.Trek.Strange.New.Worlds.S02E05.1080p.WEB.h264-ETHEL.mkv', 'episode', 'Star Trek Strange New Worlds',
     None, 2, 5, False),
    ('[Judas] Vinland Saga - S02E24 [1080p][HEVC x265 10bit].mkv', 'episode', 'Vinland Saga', None, 2, 24, False),
    ('[SubsPlease] Jujutsu Kaisen - 24 (1080p) [A1B2C3D4].mkv', 'episode', 'Jujutsu Kaisen', None, None, 24, True),
    ('[Erai-raws] One Piece - 1071 [1080p][Multiple Subtitle].mkv', 'episode', 'One Piece', None, None, 1071,
     True),
    ('[HorribleSubs] Shingeki no Kyojin S3 - 59 [720p].mkv', 'episode', 'Shingeki no Kyojin', None, None, 59, True),
    ('Inception.2010.1080p.BluRay.x264-SPARKS.mkv', 'movie', 'Inception', 2010, None, None, False),
    ('2001.A.Space.Odyssey.1968.2160p.UHD.BluRay.x265-TERMiNAL.mkv', 'movie', '2001 A Space Odyssey', 1968, None,
     None, False),
    ('Blade.Runner.2049.2017.1080p.BluRay.x264-SPARKS.mkv', 'movie', 'Blade Runner 2049', 2017, None, None, False),
    ('1917.2019.1080p.BluRay.x264-SPARKS.mkv', 'movie', '1917', 2019, None, None, False),
    ('Room.1040.2015.1080p.WEB-DL.mkv', 'movie', 'Room 1040', 2015, None, None, False),
    ('Spider-Man.No.Way.Home.2021.1080p.WEBRip.mkv', 'movie', 'Spider-Man No Way Home', 2021, None, None, False),
    ('Spider-Man.Into.the.Spider-Verse.2018.1080p.WEBRip.x264-RARBG.mp4', 'movie',
     'Spider-Man Into the Spider-Verse', 2018, None, None, False),
    ('Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv', 'movie', 'Dune Part Two', 2024, None,
     None, False),
    ('The.Matrix.1999.REMASTERED.1080p.BluRay.x265.10bit-GalaxyRG.mkv', 'movie', 'The Matrix', 1999, None, None,
     False),
    ('Parasite.2019.KOREAN.1080p.BluRay.H264.AAC-VXT.mp4', 'movie', 'Parasite', 2019, None, None, False),
    ('Oppenheimer (2023) [1080p] [BluRay] [5.1] [YTS.MX].mp4', 'movie', 'Oppenheimer', 2023, None, None, False),
    ('Avatar.The.Way.of.Water.2022.1080p.WEBRip.x264.AAC5.1-YTS.MX.mp4', 'movie', 'Avatar The Way of Water', 2022,
     None, None, False),
    ('Interstellar.2014.IMAX.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-EPSiLON.mkv', 'movie', 'Interstellar', 2014,
     None, None, False),
]


@pytest.mark.parametrize('name, media_type, title, year, season, episode, anime', SCENE_NAMES)
def test_scene_names(name, media_type, title, year, season, episode, anime):
    media = identify.identify({'file': '/storage/downloads/' + name})
    assert (media['media_type'], media['title'], media['year'], media['season'], media['episode'],
            media['anime']) == (media_type, title, year, season, episode, anime)
    assert media['source'] == 'filename' and not media['own']
    assert media['imdb_id'] is None and media['media_key'] is None  # the server matches title + year


def test_at_least_25_real_world_names_are_covered():
    assert len(SCENE_NAMES) >= 25


def test_a_daily_show_without_numbering_is_not_guessed():
    assert identify.identify({'file': '/tv/The.Daily.Show.2024.01.15.Guest.Name.720p.WEB.h264-EDITH.mkv'}) is None


def test_urls_are_reduced_to_their_file_name_without_query_or_headers():
    seen = []

    def guess(name):
        seen.append(name)
        return identify.guess_name(name)

    url = ('https://cdn.example/dl/SECRETTOKEN123456/Show.Name.S02E03.1080p.WEB-DL.mkv?token=abcdef&sig=1'
           '|User-Agent=Kodi')
    media = identify.identify({'file': url}, guess=guess)
    assert seen == ['Show.Name.S02E03.1080p.WEB-DL.mkv']
    assert (media['title'], media['season'], media['episode']) == ('Show Name', 2, 3)


@pytest.mark.parametrize('path', [
    'https://real-debrid.example/d/ABCDEFGHIJKLMNOP',
    'http://127.0.0.1:8080/api/v1/debrid/playback/eyJhbGciOi.secret-blob',
    'plugin://plugin.video.other/play?id=12',
    '',
])
def test_names_without_a_video_file_are_never_guessed(path):
    def guess(name):
        raise AssertionError('guessit must not see %r' % name)

    assert identify.identify({'file': path}, guess=guess) is None


def test_guesses_are_cached(monkeypatch):
    import guessit
    identify.guess_name.cache_clear()
    calls = []
    real = guessit.guessit

    def counting(name, options=None):
        calls.append(name)
        return real(name, options)

    monkeypatch.setattr(guessit, 'guessit', counting)
    for _ in range(3):
        assert identify.identify({'file': '/movies/Inception.2010.1080p.BluRay.x264-SPARKS.mkv'})['year'] == 2010
    assert calls == ['Inception.2010.1080p.BluRay.x264-SPARKS.mkv']


def test_special_paths():
    assert identify.base_name('stack:///movies/Movie.2001.CD1.avi , /movies/Movie.2001.CD2.avi') == \
        'Movie.2001.CD1.avi'
    assert identify.base_name('smb://nas/share/TV/Fargo.S05E10.720p.HDTV.x264-SYNCOPY.mkv') == \
        'Fargo.S05E10.720p.HDTV.x264-SYNCOPY.mkv'
    assert identify.base_name('C:\\Videos\\Arcane.S02E09.1080p.WEB.h264-ETHEL.mkv') == \
        'Arcane.S02E09.1080p.WEB.h264-ETHEL.mkv'
    assert identify.base_name('http://host/Show%20Name%20S01E01.mkv') == 'Show Name S01E01.mkv'


# ---- anime -----------------------------------------------------------------------------------------------------

def test_anime_from_an_anime_folder():
    media = identify.identify({'file': 'smb://nas/Anime/Frieren/Frieren.S01E01.1080p.WEB.mkv'})
    assert media['anime'] and media['season'] == 1


def test_anime_from_the_genre_but_not_animation():
    tag = {'mediatype': 'episode', 'tvshowtitle': 'Frieren', 'season': 1, 'episode': 1, 'genres': ['Anime']}
    assert identify.identify({'file': '/tv/x.mkv', 'tag': tag})['anime']
    tag['genres'] = ['Animation', 'Comedy']
    assert not identify.identify({'file': '/tv/x.mkv', 'tag': tag})['anime']
    assert identify.is_anime_genres('Action / Anime')
    assert not identify.is_anime_genres('Animation')


# ---- Kodi library and other addons -------------------------------------------------------------------------------

def test_library_movie_uses_its_unique_ids():
    tag = {'mediatype': 'movie', 'title': 'Inception', 'year': 2010, 'imdbnumber': 'tt1375666',
           'uniqueids': {'tmdb': '27205'}}
    media = identify.identify({'file': '/movies/whatever.mkv', 'tag': tag})
    assert (media['source'], media['title'], media['year'], media['imdb_id'], media['tmdb_id']) == \
        ('library', 'Inception', 2010, 'tt1375666', 27205)
    assert media['media_key'] == 'movie:tt1375666'


def test_library_episode_takes_the_shows_ids_not_the_episodes():
    tag = {'mediatype': 'episode', 'title': 'Cat in the Bag', 'tvshowtitle': 'Breaking Bad', 'season': 1,
           'episode': 2, 'year': 2008, 'uniqueids': {'tmdb': '62086', 'tvdb': '349233'}}
    show = {'imdb': 'tt0903747', 'tmdb': '1396', 'tvdb': '81189', 'year': 2008}
    media = identify.identify({'file': '/tv/bb/s01e02.mkv', 'tag': tag, 'show': show})
    assert (media['title'], media['tmdb_id'], media['tvdb_id'], media['imdb_id'], media['year']) == \
        ('Breaking Bad', 1396, 81189, 'tt0903747', 2008)
    assert media['media_key'] == 'episode:tt0903747:1:2'
    media = identify.identify({'file': '/tv/bb/s01e02.mkv', 'tag': tag})
    assert media['tmdb_id'] is None and media['title'] == 'Breaking Bad' and media['media_key'] is None


def test_another_addons_episode_with_tvshow_ids():
    tag = {'mediatype': 'episode', 'tvshowtitle': 'Severance', 'season': 2, 'episode': 1,
           'uniqueids': {'tvshow.tmdb': '95396', 'tmdb': '4100000'}}
    media = identify.identify({'file': 'plugin://plugin.video.themoviedb.helper/play', 'tag': tag})
    assert media['tmdb_id'] == 95396 and media['media_key'] == 'episode:tmdb:95396:2:1'


def test_a_tag_without_type_falls_back_to_the_file_name():
    tag = {'mediatype': '', 'title': 'Show.Name.S02E03.1080p.WEB-DL.mkv'}
    media = identify.identify({'file': 'http://127.0.0.1:1/Show.Name.S02E03.1080p.WEB-DL.mkv', 'tag': tag})
    assert (media['source'], media['title'], media['season'], media['episode']) == ('filename', 'Show Name', 2, 3)


def test_our_item_without_handoff_is_still_ours():
    tag = {'mediatype': 'movie', 'title': 'Dune', 'year': 2021, 'uniqueids': {'imdb': 'tt1160419'}}
    media = identify.identify({'file': 'https://x/y', 'tag': tag, 'properties': {'script.trakt.exclude': 'true'}})
    assert media['own'] and media['source'] == 'item'


# ---- our own plays ---------------------------------------------------------------------------------------------

PLAY_URL = 'http://127.0.0.1:7000/api/v1/debrid/playback/secret/Breaking.Bad.S01E02.mkv'
HANDOFF = {'media_key': 'episode:tt0903747:1:2', 'content_type': 'series', 'imdb_id': 'tt0903747',
           'tmdb_id': 1396, 'tvdb_id': 81189, 'meta_id': 'tt0903747', 'stream_id': 's1', 'season': 1, 'episode': 2,
           'title': "Cat's in the Bag...", 'show_title': 'Breaking Bad', 'year': 2008, 'genres': ['Drama'],
           'stream_key': 'torrentio|realdebrid|ntb', 'url_sha1': file_sha1(PLAY_URL), 'started_at': 1.0}


def test_the_handoff_identifies_our_play_exactly():
    media = identify.identify({'file': PLAY_URL, 'handoff': HANDOFF})
    assert media == {'media_type': 'episode', 'title': 'Breaking Bad', 'year': 2008, 'imdb_id': 'tt0903747',
                     'tmdb_id': 1396, 'tvdb_id': 81189, 'season': 1, 'episode': 2, 'anime': False, 'own': True,
                     'source': 'handoff', 'media_key': 'episode:tt0903747:1:2',
                     'episode_title': "Cat's in the Bag..."}


def test_the_handoff_matches_with_kodis_header_suffix():
    media = identify.identify({'file': PLAY_URL + '|User-Agent=Mozilla', 'handoff': HANDOFF})
    assert media['source'] == 'handoff'


def test_a_handoff_for_another_url_is_ignored():
    media = identify.identify({'file': '/movies/Inception.2010.1080p.BluRay.x264-SPARKS.mkv', 'handoff': HANDOFF})
    assert media['source'] == 'filename' and media['title'] == 'Inception'


def test_a_movie_handoff_and_anime_ids():
    handoff = dict(HANDOFF, content_type='movie', title='Your Name', show_title=None, season=None, episode=None,
                   meta_id='kitsu:11614', imdb_id=None, tmdb_id=372058, tvdb_id=None, media_key=None)
    media = identify.identify({'file': PLAY_URL, 'handoff': handoff})
    assert (media['media_type'], media['title'], media['season'], media['anime'], media['media_key']) == \
        ('movie', 'Your Name', None, True, 'movie:tmdb:372058')
