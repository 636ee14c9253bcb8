"""Next Up preload into the stream cache (service task) and Trakt's percentage as a resume point."""
from __future__ import annotations

import pytest

from addon.platform import db
from addon.play import preload, resume, stream_cache
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (pytest fixture)

NEXT_UP = [{'kind': 'episode', 'meta_id': 'tt2000001', 'season': 1, 'episode': 2, 'content_type': 'series'},
           {'kind': 'episode', 'meta_id': 'tmdb:62560', 'season': 1, 'episode': 1, 'content_type': 'series'},
           {'kind': 'episode', 'meta_id': 'tt2000001', 'season': 2, 'episode': 1, 'content_type': 'series'},
           {'kind': 'episode', 'meta_id': 'tt8000001', 'season': 1, 'episode': 1, 'content_type': 'series'}]


@pytest.fixture(autouse=True)
def closed_db():
    yield
    db.close()


def test_preload_fetches_the_first_three_spaced_and_play_uses_them(kodi, aio):
    pauses = []
    assert preload.run(NEXT_UP, pause=pauses.append) == 3
    assert pauses == [preload.REQUEST_GAP_SECONDS] * 2
    searched = [entry.raw_query for entry in aio.requests_to('/api/v1/search')]
    assert len(searched) == 3 and not any('tt8000001' in query for query in searched)
    assert stream_cache.fresh('episode:tmdb:62560:1:1', 'tmdb:62560:1:1') is not None
    aio.clear_log()
    record = kodi.run_plugin('plugin://plugin.video.aiostreams/?action=play_first&content_type=series'
                             '&imdb_id=tt2000001&season=1&episode=2', handle=3)
    assert record.resolved[0][0] is True
    assert aio.requests_to('/api/v1/search') == []


def test_recent_lists_are_not_fetched_again_and_expired_ones_are_purged(kodi, aio):
    preload.run(NEXT_UP[:1], pause=lambda seconds: None)
    aio.clear_log()
    assert preload.run(NEXT_UP[:1], pause=lambda seconds: None) == 0
    assert aio.requests_to('/api/v1/search') == []
    assert stream_cache.fresh('episode:tt2000001:1:2', 'tt2000001:1:2',
                              now=__import__('time').time() + stream_cache.TTL_SECONDS + 1) is None
    assert stream_cache.purge_expired(now=__import__('time').time() + stream_cache.TTL_SECONDS + 1) == 1


def test_a_failing_backend_stops_the_run(kodi, aio):
    aio.fail('http_500', match='/api/v1/search')
    aio.fail('http_500', match='/stream/')
    assert preload.run(NEXT_UP, pause=lambda seconds: None) == 0
    assert len(aio.requests_to('/api/v1/search')) == 1


def test_preload_can_be_switched_off(kodi, aio):
    kodi.set_setting('preload_next_up', False)
    assert preload.run(NEXT_UP) == 0
    assert aio.requests_to('/api/v1/search') == []


def test_next_up_comes_from_the_trakt_database(kodi, aio):
    assert preload.next_up_entries(3) == []
    assert preload.run(pause=lambda seconds: None) == 0


def test_trakt_percentage_is_the_resume_point_when_no_local_seconds(kodi, monkeypatch):
    from addon.trakt import lists
    monkeypatch.setattr(lists, 'continue_watching', lambda: [
        {'kind': 'movie', 'meta_id': 'tt1000001', 'ids': {'imdb': 'tt1000001'}, 'progress': 42.5},
        {'kind': 'episode', 'meta_id': 'tt2000001', 'ids': {'imdb': 'tt2000001', 'tmdb': 1396}, 'season': 1,
         'episode': 2, 'progress': 63.0}])
    point = resume.saved_point('movie:tt1000001')
    assert (point.seconds, point.percent, point.seconds_of(2000.0)) == (None, 42.5, 850.0)
    assert resume.saved_point('episode:tmdb:1396:1:2').percent == 63.0
    assert resume.saved_point('episode:tt2000001:1:3') is None
    from addon.platform import playstate
    playstate.save_position('movie:tt1000001', 120.0, 2000.0)
    assert resume.saved_point('movie:tt1000001').seconds == 120.0
