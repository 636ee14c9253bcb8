"""Issue 4 in a real Kodi against the fake AIOStreams server: play_first plays the best playable stream,
select_stream plays the uncached one picked in the dialog (saying the service is downloading it), play_next skips a
failure clip to the next cached stream (and the provider's reliability drops), a proxied stream plays with its
request header, subtitles carry language names, resume starts at the saved second, a stream Kodi cannot open falls
back to the next one, a p2p-only title and a cancelled selection end quietly with the right message.

Streams per title (the fake's template: 2160p RD, 1080p TB uncached, p2p, proxied 1080p needing Authorization, an
error item and a statistic item), arranged so each scenario has one clear expected outcome.
"""
from __future__ import annotations

import copy
import re
import sqlite3
import time

import pytest
from kodi_harness import ADDON_ID, KodiError, notifications_in, playback_only_settings

from addon.core.stream_rank import reliability_tier
from tests.fakes.aiostreams_server import PROXY_AUTHORIZATION, FakeAIOStreams

PLUGIN = 'plugin://%s/?' % ADDON_ID
UHD, BLURAY, P2P, PROXIED, ERROR, STATISTIC = range(6)
RESUME_SECONDS = 21


def _arranged(template, order, failing=None):
    streams = [copy.deepcopy(template[index]) for index in order]
    if failing is not None:
        streams[0]['url'] = streams[0]['url'].replace('/ok/', '/%s/' % failing)
    return streams


@pytest.fixture(scope='module')
def server():
    fake = FakeAIOStreams().start()
    template = fake.dataset['stream_template']
    fake.dataset['streams'].update({
        'series/tt2000001:1:1': _arranged(template, [BLURAY, P2P, UHD, PROXIED, ERROR, STATISTIC]),
        'series/tt2000001:1:2': _arranged(template, [UHD, BLURAY, PROXIED, ERROR, STATISTIC], 'downloading'),
        'movie/tt1000001': _arranged(template, [PROXIED, ERROR]),
        'movie/tt9000003': _arranged(template, [P2P, ERROR, STATISTIC]),
        'movie/tt9000004': _arranged(template, [UHD, BLURAY]),
    })
    # answers 200 but is no media: passes the check before playback, then Kodi cannot open it
    fake.dataset['streams']['movie/tt9000004'][0]['url'] = '{origin}/api/v1/health'
    yield fake
    fake.stop()


@pytest.fixture(scope='module')
def kodi_settings(server):
    return playback_only_settings(server)


@pytest.fixture
def idle(kodi):
    """Every scenario starts and ends with nothing playing and no dialog open, and with no release remembered for
    the next episode (binge watching, tests/kodi/test_binge.py): each scenario here chooses by the ranking alone."""
    kodi.wait_no_player()
    forget_binge_releases(kodi)
    yield kodi
    kodi.wait_no_player()


def forget_binge_releases(kodi):
    if (kodi.userdata / 'addon_data' / ADDON_ID / 'aiostreams.db').exists():
        with database(kodi) as connection:
            if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'binge_releases'").fetchone():
                connection.execute('DELETE FROM binge_releases')


def play(kodi, url, timeout=40):
    """Player.Open the plugin URL (Kodi runs us as a resolver); returns (player id, playing item, log mark)."""
    mark = kodi.log_mark()
    kodi.player_open(url)
    player = kodi.wait_for_player(timeout)
    time.sleep(1.0)
    item = kodi.playing_item(player['playerid'], ('title', 'file', 'showtitle', 'season', 'episode', 'uniqueid'))
    return player['playerid'], item, mark


def wait_for_dialog(kodi, window='selectdialog', timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if kodi.info_booleans(['Window.IsActive(%s)' % window])['Window.IsActive(%s)' % window]:
            return
        time.sleep(0.2)
    raise KodiError('%s did not open within %d s' % (window, timeout))


def assert_no_failure_shown(kodi, mark):
    """No modal dialog (Kodi's "Playback failed" included) and no error notification of ours."""
    assert not kodi.modal_dialog_open(), kodi.dialog_text()
    assert notifications_in(kodi.log_since(mark)) == []


def database(kodi):
    return sqlite3.connect(str(kodi.userdata / 'addon_data' / ADDON_ID / 'aiostreams.db'))


def reliability_of(kodi, key):
    """(successes, failures) recorded for a provider key (0, 0 when none yet)."""
    with database(kodi) as connection:
        row = connection.execute('SELECT successes, failures FROM stream_stats WHERE key = ?', (key,)).fetchone()
    return row or (0.0, 0.0)


def test_play_first_plays_the_best_playable_stream_with_full_metadata(idle, server):
    kodi = idle
    player, item, mark = play(kodi, PLUGIN + 'action=play_first&content_type=series&imdb_id=tt2000001'
                                             '&season=1&episode=1')
    assert '/ok/' in item['file'] and '2160p' in item['file']      # ranked above the server's first, 1080p
    assert (item['type'], item['title'], item['showtitle'], item['season'], item['episode']) == (
        'episode', 'Pilot', 'Sample Show', 1, 1)
    assert item['uniqueid']['tvshow.imdb'] == 'tt2000001'
    kodi.wait_for_log(r'tracking episode Sample Show \(handoff\)', since=mark, timeout=15)
    assert_no_failure_shown(kodi, mark)


def test_subtitles_are_attached_with_language_names(idle):
    kodi = idle
    player, item, mark = play(kodi, PLUGIN + 'action=play_first&content_type=series&imdb_id=tt2000001'
                                             '&season=1&episode=1')
    subtitles = kodi.player_properties(player, ('subtitles',))['subtitles']
    assert sorted(subtitle['language'] for subtitle in subtitles) == ['eng', 'spa']
    assert all('External' in subtitle['name'] for subtitle in subtitles)


def test_select_stream_plays_the_uncached_stream_picked_in_the_dialog_and_says_it_is_downloading(idle):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(PLUGIN + 'action=select_stream&content_type=series&imdb_id=tt2000001&season=1&episode=1')
    wait_for_dialog(kodi)
    rows = kodi.info_labels(['Container(6).NumItems', 'Container(6).ListItem(0).Label',
                             'Container(6).ListItem(2).Label', 'Container(6).ListItem(2).Label2'])
    assert rows['Container(6).NumItems'] == '3'           # no p2p, error or statistic rows
    assert '[4K]' in rows['Container(6).ListItem(0).Label']
    third = rows['Container(6).ListItem(2).Label']        # uncached: after the cached proxied 1080p, badge kept
    assert '[1080p]' in third and 'Comet' in third and 'uncached' in third
    assert 'BluRay' in rows['Container(6).ListItem(2).Label2']
    for _ in range(2):
        kodi.input('Down')
        time.sleep(0.3)
    kodi.input('Select')
    player = kodi.wait_for_player(30)
    time.sleep(1.0)
    assert '1080p.BluRay.x264-DEMAND' in kodi.playing_item(player['playerid'])['file']
    assert not kodi.modal_dialog_open(), kodi.dialog_text()
    told = notifications_in(kodi.log_since(mark))
    assert len(told) == 1 and 'is downloading it' in told[0]


def test_cancelling_the_selection_ends_quietly(idle):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(PLUGIN + 'action=select_stream&content_type=series&imdb_id=tt2000001&season=1&episode=1')
    wait_for_dialog(kodi)
    kodi.input('Back')
    kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
    time.sleep(2.0)
    assert kodi.active_players() == []
    assert_no_failure_shown(kodi, mark)


def test_play_next_skips_the_failure_clip_and_the_provider_loses_reliability(idle, server):
    kodi = idle
    server.clear_log()
    before = reliability_of(kodi, 'torrentio|realdebrid|ntb')
    player, item, mark = play(kodi, PLUGIN + 'action=play_first&content_type=series&imdb_id=tt2000001'
                                             '&season=1&episode=2')
    assert item['file'].endswith('|Authorization=Basic%20dXNlcjpwYXNz')   # the next cached stream, not the uncached
    assert server.requests_to('DEMAND') == []
    assert server.requests_to('/static/') == []            # Kodi never played the explanatory clip
    told = notifications_in(kodi.log_since(mark))
    assert told and 'still downloading' in told[0]
    after = reliability_of(kodi, 'torrentio|realdebrid|ntb')
    assert (after[0], after[1]) == (before[0], before[1] + 1)
    kodi.wait_no_player()
    forget_binge_releases(kodi)  # the play above is the show's last release now: the ranking alone orders the list
    kodi.player_open(PLUGIN + 'action=select_stream&content_type=series&imdb_id=tt2000001&season=1&episode=2')
    wait_for_dialog(kodi)
    first = kodi.info_labels(['Container(6).ListItem(0).Label'])['Container(6).ListItem(0).Label']
    kodi.input('Back')
    tier = reliability_tier(after)
    word = {3: 'reliable', 2: 'sometimes fails', 1: 'often fails'}[tier]   # from the outcomes, in words
    assert 'Torrentio' in first and first.endswith(']%s[/COLOR]' % word)


def test_the_proxied_stream_plays_with_its_header(idle, server):
    kodi = idle
    server.clear_log()
    player, item, mark = play(kodi, PLUGIN + 'action=play_first&content_type=movie&imdb_id=tt1000001')
    assert item['file'].endswith('|Authorization=Basic%20dXNlcjpwYXNz')
    from_kodi = [entry for entry in server.requests_to('/api/v1/proxy/') if 'Kodi' in entry.headers.get(
        'user-agent', '')]
    assert from_kodi and all(entry.headers.get('authorization') == PROXY_AUTHORIZATION for entry in from_kodi)
    assert kodi.player_properties(player, ('time',))['time']['seconds'] >= 0
    assert_no_failure_shown(kodi, mark)


def test_resume_starts_at_the_saved_second(idle):
    kodi = idle
    with database(kodi) as connection:
        connection.execute('INSERT OR REPLACE INTO play_state (key, position, total, watched, updated_at) '
                           "VALUES ('movie:tt9000002', ?, 60, 0, 0)", (RESUME_SECONDS,))
    player, item, mark = play(kodi, PLUGIN + 'action=play_first&content_type=movie&imdb_id=tt9000002')
    position = kodi.player_properties(player, ('time',))['time']
    seconds = position['minutes'] * 60 + position['seconds']
    assert RESUME_SECONDS <= seconds <= RESUME_SECONDS + 4


def test_a_p2p_only_title_explains_itself_and_plays_nothing(idle):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(PLUGIN + 'action=play_first&content_type=movie&imdb_id=tt9000003')
    kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
    time.sleep(2.0)
    assert kodi.active_players() == []
    told = notifications_in(kodi.log_since(mark))
    assert len(told) == 1 and re.search(r'peer-to-peer', told[0])
    assert not kodi.modal_dialog_open()


def test_a_stream_kodi_cannot_open_falls_back_to_the_next(idle):
    kodi = idle
    player, item, mark = play(kodi, PLUGIN + 'action=play_first&content_type=movie&imdb_id=tt9000004')
    assert '1080p.BluRay.x264-DEMAND' in item['file']
    assert not kodi.modal_dialog_open()                    # Kodi's "Playback failed" was dismissed for us
    told = notifications_in(kodi.log_since(mark))
    assert told == ['Stream failed: playback did not start. Trying the next one...']


def test_the_streams_folder_lists_playable_rows_and_plays_the_one_chosen(idle):
    kodi = idle
    rows = kodi.get_directory(PLUGIN + 'action=show_streams&content_type=series&media_id=tt2000001:1:1',
                              properties=('title', 'plot'))
    assert len(rows) == 3 and all(row['filetype'] == 'file' for row in rows)
    assert '[4K]' in rows[0]['label'] and 'Torrentio' in rows[0]['plot']
    player, item, mark = play(kodi, rows[1]['file'])
    assert item['file'].endswith('|Authorization=Basic%20dXNlcjpwYXNz')      # the second row: the proxied stream
    assert (item['title'], item['showtitle']) == ('Pilot', 'Sample Show')
    assert_no_failure_shown(kodi, mark)
