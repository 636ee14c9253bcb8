"""Issue 13 points 2 and 3 in a real Kodi against the fake AIOStreams server of today (its MIXED_STREAMS: an uncached
2160p the server puts first, cached streams, an info item whose url asks the server to refresh a library, and a
statistic item that arrives with statistics turned off).

- play_first of a title whose server order starts with an uncached 2160p plays the cached 1080p, and the uncached
  stream's URL is never asked for;
- the info item is a row of the streams folder and of the selection dialog, with its message; choosing it shows the
  message and plays nothing, and its url is never requested;
- the statistic item is never listed as a stream.
"""
from __future__ import annotations

import copy
import time

import pytest
from kodi_harness import ADDON_ID, KodiError, notifications_in, playback_only_settings

from tests.fakes import aiostreams_data as data
from tests.fakes.aiostreams_server import FakeAIOStreams

PLUGIN = 'plugin://%s/?' % ADDON_ID
INFO_TEXT = 'Refresh Real-Debrid Library'
STATISTIC_TITLE = 'Removal Reasons'
UNCACHED_GROUP = 'FLUX'           # the release group of the uncached 2160p, part of its URL


@pytest.fixture(scope='module')
def server():
    fake = FakeAIOStreams().start()
    fake.dataset['streams']['movie/tt1000002'] = [copy.deepcopy(data.MIXED_STREAMS[position]) for position in (
        data.MIXED_UNCACHED_UHD, data.MIXED_FHD, data.MIXED_INFO, data.MIXED_STATISTIC)]
    yield fake
    fake.stop()


@pytest.fixture(scope='module')
def kodi_settings(server):
    return playback_only_settings(server)


@pytest.fixture
def idle(kodi, server):
    """Every scenario starts with nothing playing, no dialog open and an empty request log."""
    kodi.wait_no_player()
    kodi.close_dialogs()
    server.clear_log()
    yield kodi
    kodi.close_dialogs()
    kodi.wait_no_player()


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise KodiError('%s within %d s' % (what, timeout))


def is_active(kodi, window) -> bool:
    name = 'Window.IsActive(%s)' % window
    return kodi.info_booleans([name])[name]


def test_play_first_plays_the_cached_1080p_not_the_uncached_2160p_the_server_puts_first(idle, server):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(PLUGIN + 'action=play_first&content_type=movie&imdb_id=tt1000002')
    player = kodi.wait_for_player(40)
    time.sleep(1.0)
    played = kodi.playing_item(player['playerid'])['file']
    assert '1080p.BluRay' in played and 'DEMAND' in played
    assert server.requests_to(UNCACHED_GROUP) == []       # the uncached stream was never tried
    assert server.requests_to('/builtins/') == []
    assert notifications_in(kodi.log_since(mark)) == []
    assert not kodi.modal_dialog_open()


def test_the_info_row_is_shown_with_its_message_plays_nothing_and_its_url_is_never_requested(idle, server):
    kodi = idle
    folder = PLUGIN + 'action=show_streams&content_type=series&media_id=tt2000002:1:1'
    rows = kodi.get_directory(folder)
    labels = [row['label'] for row in rows]
    assert len(rows) == 6, labels                          # five streams and the info row
    assert INFO_TEXT in labels[5] and all(INFO_TEXT not in label for label in labels[:5])
    assert not any(STATISTIC_TITLE in label for label in labels)
    # the user opens the folder and clicks the info row: its message, nothing played
    kodi.show_folder(folder)
    for _ in range(12):
        if INFO_TEXT in kodi.info_labels(['ListItem.Label'])['ListItem.Label']:
            break
        kodi.input('Down')
        time.sleep(0.2)
    kodi.input('Select')
    wait_until(lambda: is_active(kodi, 'okdialog'), 20, 'the info message did not open')
    assert INFO_TEXT in kodi.dialog_text()
    kodi.input('Back')
    time.sleep(2.0)
    assert kodi.active_players() == []
    assert server.requests_to('/builtins/') == []


def test_the_selection_dialog_offers_the_info_row_and_no_statistic_row(idle, server):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(PLUGIN + 'action=select_stream&content_type=series&imdb_id=tt2000002&season=1&episode=1')
    wait_until(lambda: is_active(kodi, 'selectdialog'), 40, 'the selection dialog did not open')
    count = int(kodi.info_labels(['Container(6).NumItems'])['Container(6).NumItems'])
    rows = kodi.info_labels(['Container(6).ListItem(%d).Label' % row for row in range(count)])
    labels = [rows['Container(6).ListItem(%d).Label' % row] for row in range(count)]
    assert count == 6, labels
    assert INFO_TEXT in labels[5] and 'uncached' in labels[4]   # the uncached 2160p is the last stream
    assert not any(STATISTIC_TITLE in label for label in labels)
    for _ in range(5):
        kodi.input('Down')
        time.sleep(0.2)
    kodi.input('Select')                                   # the info row: its message, then the list again
    wait_until(lambda: is_active(kodi, 'okdialog'), 20, 'the info message did not open')
    assert INFO_TEXT in kodi.dialog_text()
    kodi.input('Back')
    wait_until(lambda: is_active(kodi, 'selectdialog'), 20, 'the list was not offered again')
    kodi.input('Back')
    kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
    time.sleep(1.0)
    assert kodi.active_players() == []
    assert server.requests_to('/builtins/') == []
