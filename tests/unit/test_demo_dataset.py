"""The demo backend is consistent: its catalogs, titles, series and streams work through the addon's views."""
from __future__ import annotations

import pytest

from tests.fakes import aiostreams_server as fake
from tests.fakes.aiostreams_fixture import reset_http_sessions

P = 'plugin://plugin.video.aiostreams'


@pytest.fixture
def demo(kodi):
    reset_http_sessions()
    server = fake.demo_server()
    kodi.set_setting('base_url', server.manifest_url)
    yield server
    server.stop()
    reset_http_sessions()


def test_demo_catalogs_titles_and_series(demo, kodi):
    assert kodi.run_plugin(P + '/movies').labels == ['Public Domain Classics', 'Public Domain Classics: genres',
                                                     'Silent Era']
    first = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=demo.classics')
    assert first.labels == ['Night of the Living Dead', 'Nosferatu', 'The General', 'Next page']
    second = kodi.run_plugin(first.urls[-1][len(P):])
    assert second.labels == ['His Girl Friday', 'Next page']
    silent = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=demo.silent')
    assert silent.labels == ['Nosferatu', 'The General']
    seasons = kodi.run_plugin(P + '/tvshows')
    shows = kodi.run_plugin(seasons.urls[0][len(P):])
    assert shows.labels == ['Demo Series', 'Next page']
    listing = kodi.run_plugin(shows.urls[0][len(P):])
    assert listing.labels == ['Season 1 (3 episodes)', 'Season 2 (2 episodes)', 'Specials (1 episode)']
    episodes = kodi.run_plugin(listing.urls[1][len(P):])
    assert episodes.labels[1].startswith('2. Still to Come')


def test_demo_streams_play_the_local_clip_and_art_is_drawn(demo):
    import requests
    streams = requests.get(demo.base + '/stream/movie/tt0017925.json').json()['streams']
    playback = requests.get(streams[0]['url'], allow_redirects=False)
    assert playback.status_code == 307 and playback.headers['Location'].endswith('/media/clip.mp4')
    failing = requests.get(streams[1]['url'], allow_redirects=False)
    assert failing.headers['Location'].endswith('/static/downloading.mp4')
    clip = requests.get(playback.headers['Location'], headers={'Range': 'bytes=0-1023'})
    assert clip.status_code == 206 and clip.headers['Content-Range'].startswith('bytes 0-1023/')
    poster = requests.get(demo.origin + '/art/poster/tt0013442.png')
    assert poster.content.startswith(b'\x89PNG') and len(poster.content) > 1000
