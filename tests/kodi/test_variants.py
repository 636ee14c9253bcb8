"""Issue 13.1 in a real Kodi against the fake AIOStreams: a manifest URL naming a config variant in the path form
(/v/<name>/) or the query form (?v=) gets only the streams that variant keeps, in the streams folder and in what
plays; switching variants never reuses the other variant's kept list; an unknown variant plays nothing and says so.

The movie tt1000002 of the fake has, in its base config, an uncached 2160p, a cached 2160p DV, a 1080p DV, a
1080p and a 720p: `no4k` leaves out both 2160p streams, `nodv` both DV ones.
"""
from __future__ import annotations

import time

import pytest
from kodi_harness import ADDON_ID, notifications_in

from tests.fakes.aiostreams_server import FakeAIOStreams

PLUGIN = 'plugin://%s/?' % ADDON_ID
FOLDER = PLUGIN + 'action=show_streams&content_type=movie&media_id=tt1000002'
PLAY_FIRST = PLUGIN + 'action=play_first&content_type=movie&imdb_id=tt1000002'


@pytest.fixture(scope='module')
def server():
    fake = FakeAIOStreams().start()
    yield fake
    fake.stop()


@pytest.fixture(scope='module')
def kodi_settings(server):
    return {'base_url': server.variant_manifest_url('no4k'), 'trakt_api_url': 'http://127.0.0.1:9',
            'punchplay_url': 'http://127.0.0.1:9', 'keep_server_order': False, 'fallback_behavior': 'play_next'}


@pytest.fixture
def idle(kodi):
    kodi.wait_no_player()
    yield kodi
    kodi.wait_no_player()


def base_config_files(server):
    """The file names the base config serves for the movie (what a request without the variant would list)."""
    return [stream['behaviorHints']['filename'] for stream in server.streams('movie', 'tt1000002')
            if (stream.get('behaviorHints') or {}).get('filename')]


def folder_rows(kodi):
    return kodi.get_directory(FOLDER, properties=('title', 'plot'))


def rows_text(rows):
    return [row['label'] + ' ' + (row.get('plot') or '') for row in rows]


def play(kodi, server, url, timeout=40):
    """Player.Open the plugin URL; returns the playback URLs the fake was asked for once Kodi started playing (the
    test clip is short: what the fake served says what played more surely than the player's item)."""
    server.clear_log()
    mark = kodi.log_mark()
    kodi.player_open(url)
    kodi.wait_for_player(timeout)
    kodi.wait_for_log(r'handed to Kodi: started', since=mark, timeout=timeout)
    return [entry.path for entry in server.requests_to('/api/v1/debrid/playback/')]


def test_the_path_variant_lists_and_plays_no_4k(idle, server):
    kodi = idle
    assert any('2160p' in name for name in base_config_files(server))       # the base config has 4K
    server.clear_log()
    rows = folder_rows(kodi)
    playable = [row for row in rows if row['filetype'] == 'file' and '/streams/play' in row['file']]
    assert playable and not [text for text in rows_text(rows) if '[4K]' in text or '2160p' in text]
    assert any('1080p' in text for text in rows_text(playable))
    assert [entry.query.get('v') for entry in server.requests_to('/api/v1/search')] == [['no4k']]
    played = play(kodi, server, PLAY_FIRST)
    assert played and all('/ok/' in path and '2160p' not in path for path in played)
    assert not kodi.modal_dialog_open()


def test_another_variant_gets_its_own_list_not_the_kept_one(idle, server):
    kodi = idle
    kodi.set_addon_setting(ADDON_ID, 'base_url', server.variant_manifest_url('nodv', form='query'))
    server.clear_log()
    rows = folder_rows(kodi)
    texts = rows_text([row for row in rows if '/streams/play' in row['file']])
    assert any('2160p' in text or '[4K]' in text for text in texts)          # not no4k's kept list
    assert texts and not [text for text in texts if '.DV.' in text]
    assert [entry.query.get('v') for entry in server.requests_to('/api/v1/search')] == [['nodv']]
    played = play(kodi, server, PLAY_FIRST)
    assert played and all('/ok/' in path and '.DV.' not in path for path in played)
    assert not kodi.modal_dialog_open()


def test_an_unknown_variant_plays_nothing_and_says_so(idle, server):
    kodi = idle
    kodi.set_addon_setting(ADDON_ID, 'base_url', server.variant_manifest_url('nosuch'))
    server.clear_log()
    mark = kodi.log_mark()
    kodi.player_open(PLAY_FIRST)
    kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
    time.sleep(2.0)
    assert kodi.active_players() == []
    told = notifications_in(kodi.log_since(mark))
    assert told and 'Unknown config variant "nosuch"' in told[0]
    assert server.requests_to('/api/v1/debrid/') == []
    assert [entry.query.get('v') for entry in server.requests_to('/api/v1/search')] == [['nosuch']]
    assert not kodi.modal_dialog_open()
