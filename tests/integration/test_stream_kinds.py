"""Stream kinds of a current AIOStreams server through the plugin entry (fakekodi.run_plugin) against the fake
server's 'Variant Film' (movie tt1000002, MIXED_STREAMS): uncached streams rank last and are never auto-played while
a cached or unknown one is left, info items are rows nothing plays (their url is never opened), statistic items are
never content; lists of only info or only uncached streams say so and offer the list (issue 13 points 2 and 3)."""
from __future__ import annotations

import copy
import json

import pytest

from addon.play import reliability
from tests.fakes import aiostreams_data as data
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (pytest fixture)

PLUGIN = 'plugin://plugin.video.aiostreams/'
FILM = PLUGIN + '?action=%s&content_type=movie&imdb_id=tt1000002'
FILM_KEY = 'movie/tt1000002'
UNCACHED_KEY = 'torrentio|realdebrid|flux'
INFO_TEXT = 'Refresh Real-Debrid Library'
DOWNLOADING = 'Your debrid service does not have this stream yet and is downloading it.'


@pytest.fixture(autouse=True)
def quick_watch(quick_dialog_play):
    yield


@pytest.fixture(params=['search API', '/stream'])
def route(request, aio):
    """Both sources of streams: /api/v1/search (flat fields) and /stream (streamData)."""
    aio.search_api_disabled = request.param == '/stream'
    return request.param


def only(aio, *positions):
    aio.dataset['streams'][FILM_KEY] = [copy.deepcopy(data.MIXED_STREAMS[position]) for position in positions]


def select_dialogs(kodi) -> list:
    return [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select']


def messages(kodi) -> list:
    return [note['message'] for note in kodi.notifications]


def test_play_first_skips_the_uncached_stream_the_server_puts_first(kodi, aio, route):
    record = kodi.run_plugin(FILM % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [True]
    assert 'FraMeSToR' in record.resolved[0][1].getPath()       # the cached 2160p
    assert aio.requests_to('FLUX') == [] and aio.requests_to('/builtins/') == []
    assert kodi.notifications == [] and select_dialogs(kodi) == []


def test_play_first_plays_the_cached_1080p_when_the_only_2160p_is_uncached(kodi, aio, route):
    only(aio, data.MIXED_UNCACHED_UHD, data.MIXED_FHD, data.MIXED_INFO, data.MIXED_STATISTIC)
    record = kodi.run_plugin(FILM % 'play_first', handle=3)
    assert 'DEMAND' in record.resolved[0][1].getPath()
    assert aio.requests_to('FLUX') == []


def test_keep_server_order_lists_the_server_order_but_auto_play_still_skips_uncached(kodi, aio):
    kodi.set_setting('keep_server_order', True)
    kodi.answer('select', -1)
    kodi.run_plugin(FILM % 'select_stream', handle=3)
    rows = select_dialogs(kodi)[0]['list']
    assert 'uncached' in rows[0] and '[4K]' in rows[0]   # the server's first row, its badge kept
    record = kodi.run_plugin(FILM % 'play_first', handle=4)
    assert 'FraMeSToR' in record.resolved[0][1].getPath()
    assert aio.requests_to('FLUX') == []


def test_the_smart_sort_lists_uncached_last_with_its_badge_then_the_info_row(kodi, aio, route):
    kodi.answer('select', -1)
    kodi.run_plugin(FILM % 'select_stream', handle=3)
    rows = select_dialogs(kodi)[0]['list']
    assert len(rows) == 6                    # 5 streams and the info item; the statistic item is no row
    assert 'uncached' in rows[4] and '[4K]' in rows[4]
    assert all('uncached' not in row for row in rows[:4])
    assert INFO_TEXT in rows[5]
    assert not any('Removal Reasons' in row for row in rows)


def test_choosing_the_info_row_shows_its_message_plays_nothing_and_never_opens_its_url(kodi, aio, route):
    kodi.answer('select', 5)
    kodi.answer('ok', True)
    kodi.answer('select', -1)
    record = kodi.run_plugin(FILM % 'select_stream', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert [dialog['message'] for dialog in kodi.dialogs if dialog['kind'] == 'ok'] == [INFO_TEXT]
    assert len(select_dialogs(kodi)) == 2   # the list is offered again
    assert aio.requests_to('/builtins/') == [] and kodi.player.history == []


def test_the_streams_folder_shows_the_info_row_not_playable_and_no_statistic(kodi, aio, route):
    listing = kodi.run_plugin(PLUGIN + '?action=show_streams&content_type=movie&media_id=tt1000002', handle=4)
    assert listing.ended and listing.succeeded
    assert len(listing.items) == 6
    info = listing.items[5]
    assert INFO_TEXT in info.listitem.getLabel()
    assert info.listitem.getProperty('IsPlayable') != 'true' and not info.is_folder
    assert all(row.listitem.getProperty('IsPlayable') == 'true' for row in listing.items[:5])
    assert not any('Removal Reasons' in row.listitem.getLabel() for row in listing.items)
    kodi.answer('ok', True)
    record = kodi.run_plugin(info.url, handle=-1)
    assert record.resolved == [] and kodi.player.history == []
    assert [dialog['message'] for dialog in kodi.dialogs if dialog['kind'] == 'ok'] == [INFO_TEXT]
    assert aio.requests_to('/builtins/') == []


def test_an_uncached_stream_chosen_on_purpose_is_tried_says_so_and_its_failure_is_not_counted(kodi, aio):
    kodi.set_setting('fallback_behavior', 'play_next')
    kodi.answer('select', 4)                 # the uncached 2160p (the fake answers it with the downloading clip)
    record = kodi.run_plugin(FILM % 'select_stream', handle=3)
    assert aio.requests_to('FLUX')           # tried, as the user asked
    assert messages(kodi)[0].startswith(DOWNLOADING)
    assert any('still downloading' in message for message in messages(kodi)[1:])
    assert 'FraMeSToR' in record.resolved[0][1].getPath()      # then the best cached one
    assert reliability.stats_for([UNCACHED_KEY]) == {}


def test_play_next_falls_back_to_cached_streams_before_uncached_ones(kodi, aio):
    kodi.set_setting('fallback_behavior', 'play_next')
    kodi.set_setting('keep_server_order', True)
    for position in (data.MIXED_UHD_DV, data.MIXED_FHD_DV, data.MIXED_FHD):
        aio.dataset['streams'][FILM_KEY][position]['url'] = aio.playback_url('download_failed')
    record = kodi.run_plugin(FILM % 'play_first', handle=3)
    assert record.resolved[0][1].getPath().endswith('/media/clip.mp4')   # the 720p of unknown cache state
    assert aio.requests_to('FLUX') == []


def test_a_handoff_of_an_uncached_stream_names_no_provider(kodi, aio):
    only(aio, data.MIXED_UNCACHED_UHD, data.MIXED_FHD)
    aio.dataset['streams'][FILM_KEY][0]['url'] = aio.playback_url('ok', 'Film.2160p.uncached.mkv')
    kodi.answer('select', 1)
    kodi.run_plugin(FILM % 'select_stream', handle=3)
    handoff = json.loads(kodi.window_property(10000, 'AIOStreams.Handoff'))
    assert handoff['stream_key'] is None


def test_an_uncached_only_list_says_so_and_offers_the_list(kodi, aio, route):
    only(aio, data.MIXED_UNCACHED_UHD, data.MIXED_STATISTIC)
    kodi.answer('select', -1)
    record = kodi.run_plugin(FILM % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert messages(kodi) == ['Only uncached streams were found: your debrid service has to download them first. '
                              'Choose one to start.']
    assert len(select_dialogs(kodi)[0]['list']) == 1
    assert aio.requests_to('FLUX') == []


def test_an_info_only_list_says_so_and_offers_the_list(kodi, aio, route):
    only(aio, data.MIXED_INFO, data.MIXED_STATISTIC)
    kodi.answer('select', -1)
    record = kodi.run_plugin(FILM % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert messages(kodi) == ['No stream to play: your AIOStreams server sent only information. Here is what it '
                              'said.']
    assert [INFO_TEXT in row for row in select_dialogs(kodi)[0]['list']] == [True]
    listing = kodi.run_plugin(PLUGIN + '?action=show_streams&content_type=movie&media_id=tt1000002', handle=4)
    assert listing.succeeded and len(listing.items) == 1 and INFO_TEXT in listing.items[0].listitem.getLabel()
    assert aio.requests_to('/builtins/') == []


def test_a_statistic_item_alone_is_no_stream(kodi, aio, route):
    only(aio, data.MIXED_STATISTIC)
    record = kodi.run_plugin(FILM % 'play_first', handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert messages(kodi)[0].startswith('No playable streams. The server said:')
    assert select_dialogs(kodi) == []


def test_a_preloaded_list_and_the_up_next_play_url_never_start_with_the_uncached_stream(kodi, aio):
    from addon.play import preload
    entry = {'kind': 'episode', 'meta_id': 'tt2000002', 'season': 1, 'episode': 1, 'content_type': 'series'}
    assert preload.run([entry], pause=lambda seconds: False) == 1
    aio.clear_log()
    record = kodi.run_plugin(PLUGIN + '?action=play_first&content_type=series&imdb_id=tt2000002&season=1&episode=1'
                             '&stream_id=tt2000002:1:1', handle=3)   # the URL Up Next is handed
    assert aio.requests_to('/api/v1/search') == []       # the preloaded list was used
    assert 'FraMeSToR' in record.resolved[0][1].getPath()
    assert aio.requests_to('FLUX') == [] and aio.requests_to('/builtins/') == []
