"""Config variants end to end against the fake AIOStreams (issue 13.1): a variant's filters reach the streams that
are listed, kept, preloaded and played, whichever form the manifest URL names it in, and two variants never share
a kept stream list."""
from __future__ import annotations

import pytest

from addon.platform import db
from addon.play import preload, stream_cache
from addon.play.play_request import PlayRequest
from addon.play.stream_lookup import find_streams
from tests.fakes.aiostreams_fixture import aio, reset_http_sessions  # noqa: F401  (pytest fixture)
from tests.fakes.aiostreams_server import FakeAIOStreams

PLUGIN = 'plugin://plugin.video.aiostreams/'
MOVIE = PLUGIN + '?action=%s&content_type=movie&imdb_id=tt1000002'
EPISODE = {'kind': 'episode', 'meta_id': 'tt2000002', 'season': 1, 'episode': 1, 'content_type': 'series'}


@pytest.fixture(autouse=True)
def closed_db():
    yield
    db.close()


def has_4k(text):
    return '2160p' in text


def has_dv(text):
    return '.DV.' in text


def names_of(stream_list):
    return [stream.url for stream in stream_list.playable]


@pytest.mark.parametrize('selector, excluded', [('no4k', has_4k), ('nodv', has_dv)])
@pytest.mark.parametrize('form', ['path', 'query'])
def test_no_stream_the_variant_excludes_is_kept_or_played(kodi, aio, selector, excluded, form):
    kodi.set_setting('base_url', aio.variant_manifest_url(selector, form=form))
    kept = find_streams(PlayRequest('movie', 'tt1000002'), 'tt1000002', interactive=False)
    assert kept.playable and not [url for url in names_of(kept) if excluded(url)]
    record = kodi.run_plugin(MOVIE % 'play_first', handle=5)
    ok, item = record.resolved[0]
    assert ok and not excluded(item.getPath())
    assert [entry.query.get('v') for entry in aio.requests_to('/api/v1/search')] == [[selector]]


def test_two_variants_of_one_title_get_two_kept_lists(kodi, aio):
    request = PlayRequest('movie', 'tt1000002')
    kodi.set_setting('base_url', aio.variant_manifest_url('no4k'))
    no4k = names_of(find_streams(request, 'tt1000002', interactive=False))
    kodi.set_setting('base_url', aio.variant_manifest_url('nodv'))
    nodv = names_of(find_streams(request, 'tt1000002', interactive=False))
    assert no4k != nodv
    assert not [url for url in no4k if has_4k(url)] and any(has_4k(url) for url in nodv)
    assert not [url for url in nodv if has_dv(url)] and any(has_dv(url) for url in no4k)
    kodi.set_setting('base_url', aio.variant_manifest_url('no4k'))
    assert names_of(find_streams(request, 'tt1000002', interactive=False)) == no4k  # kept, not fetched again
    assert len(aio.requests_to('/api/v1/search')) == 2


def test_a_preload_under_one_variant_is_not_played_under_another(kodi, aio):
    kodi.set_setting('base_url', aio.variant_manifest_url('nodv'))
    assert preload.run([EPISODE], pause=lambda seconds: None) == 1
    assert stream_cache.age_seconds('episode:tt2000002:1:1') is not None
    kodi.set_setting('base_url', aio.variant_manifest_url('no4k'))
    assert stream_cache.age_seconds('episode:tt2000002:1:1') is None
    assert preload.run([EPISODE], pause=lambda seconds: None) == 1
    record = kodi.run_plugin(PLUGIN + '?action=play_first&content_type=series&imdb_id=tt2000002'
                                      '&season=1&episode=1', handle=6)
    ok, item = record.resolved[0]
    assert ok and not has_4k(item.getPath())
    assert [entry.query.get('v') for entry in aio.requests_to('/api/v1/search')] == [['nodv'], ['no4k']]


def test_an_unknown_variant_plays_nothing_and_says_so(kodi, aio):
    kodi.set_setting('base_url', aio.variant_manifest_url('nosuch'))
    record = kodi.run_plugin(MOVIE % 'play_first', handle=7)
    assert [ok for ok, _item in record.resolved] == [False]
    shown = ' '.join(note['message'] for note in kodi.notifications) + ' '.join(
        dialog.get('message') or '' for dialog in kodi.dialogs)
    assert 'Unknown config variant "nosuch"' in shown
    assert 'Check the variant in AIOStreams' in shown  # the set-up hint of the browse message, not a bare error
    searched = [entry.query.get('v') for entry in aio.requests_to('/api/v1/search')]
    assert searched == [['nosuch']]
    assert all('/v/nosuch/' in entry.path for entry in aio.requests_to('/stream/'))


@pytest.mark.parametrize('form', ['path', 'query'])
def test_a_refusing_search_api_falls_back_to_the_stream_route_with_the_variant(kodi, form):
    reset_http_sessions()
    with FakeAIOStreams(search_api_disabled=True) as server:
        kodi.set_setting('base_url', server.variant_manifest_url('no4k', form=form))
        kept = find_streams(PlayRequest('movie', 'tt1000002'), 'tt1000002', interactive=False)
        assert kept.playable and not [url for url in names_of(kept) if has_4k(url)]
        assert [entry.query.get('v') for entry in server.requests_to('/api/v1/search')] == [['no4k']]
        (stream_call,) = server.requests_to('/stream/')
        assert '/v/no4k/' in stream_call.path if form == 'path' else stream_call.query['v'] == ['no4k']
    reset_http_sessions()
