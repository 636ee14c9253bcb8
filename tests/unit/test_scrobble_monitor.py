"""The service's playback monitor with the fake player: callbacks return at once even when a sender blocks, and a
play turns into the right events for Trakt and PunchPlay, local play state and provider reliability."""
from __future__ import annotations

import json
import threading
import time

import pytest
import xbmcgui

from addon import kodi as kodi_door
from addon.core import identify
from addon.core import scrobble_states as state
from addon.core.outbox_policy import Outcome
from addon.platform import db, playstate
from addon.platform import outbox as outbox_store
from addon.platform.tokenstore import TokenStore
from addon.play import binge_memory, reliability
from addon.punchplay import client
from addon.scrobble import monitor

PLAY_URL = 'http://127.0.0.1:9/api/v1/debrid/playback/blob/Breaking.Bad.S01E02.mkv'
OTHER_FILE = 'http://127.0.0.1:9/media/Show.Name.S02E03.1080p.WEB-DL.mkv'
STREAM_KEY = 'torrentio|realdebrid|ntb'


class RecordingSender:
    """Records (kind, payload); while `gate` is closed it blocks like a hanging server."""

    def __init__(self):
        self.sent = []
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, kind, payload):
        self.gate.wait(30)
        self.sent.append((kind, payload))
        return Outcome.delivered()

    def kinds(self):
        return [kind for kind, _ in self.sent]


@pytest.fixture
def senders(kodi, monkeypatch):
    TokenStore(kodi_door.profile_dir(), 'trakt').save({'access_token': 'trakt-access-token'})
    client.token_store().save({'access_token': 'punchplay-access', 'username': 'tester'})
    kodi.set_setting('punchplay_min_length', 0)
    monkeypatch.setattr(state, 'SEEK_SETTLE_SECONDS', 0.2)
    monkeypatch.setattr(monitor, 'SAMPLE_SECONDS', 0.05)
    recorders = {'trakt': RecordingSender(), 'punchplay': RecordingSender()}
    saved = dict(outbox_store._senders)
    for sink, recorder in recorders.items():
        outbox_store.register_sender(sink, recorder)
    player = monitor.start_player()
    recorders['tracker'] = player.threads[-1]
    yield recorders
    for sink in ('trakt', 'punchplay'):
        recorders[sink].gate.set()
    kodi.monitor.abort()
    for thread in player.threads:
        thread.join(10)
    outbox_store._senders.clear()
    outbox_store._senders.update(saved)
    db.close()


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError('condition not met within %s s' % timeout)


def caught_up(senders):
    """Wait until the tracker has handled every callback so far (Kodi's events are seconds apart, not µs)."""
    wait_until(senders['tracker'].events.empty)
    time.sleep(0.1)


def our_episode(kodi):
    handoff = {'media_key': 'episode:tt0903747:1:2', 'content_type': 'series', 'imdb_id': 'tt0903747',
               'tmdb_id': 1396, 'tvdb_id': 81189, 'meta_id': 'tt0903747', 'stream_id': 'x', 'season': 1,
               'episode': 2, 'title': "Cat's in the Bag...", 'show_title': 'Breaking Bad', 'year': 2008,
               'genres': ['Drama'], 'stream_key': STREAM_KEY, 'url_sha1': identify.file_sha1(PLAY_URL),
               'started_at': time.time()}
    xbmcgui.Window(10000).setProperty('AIOStreams.Handoff', json.dumps(handoff))
    item = xbmcgui.ListItem(path=PLAY_URL)
    tag = item.getVideoInfoTag()
    tag.setMediaType('episode')
    tag.setTvShowTitle('Breaking Bad')
    tag.setSeason(1)
    tag.setEpisode(2)
    tag.setUniqueIDs({'tvshow.imdb': 'tt0903747', 'tvshow.tmdb': '1396'}, 'tvshow.imdb')  # as playback sets them
    item.setProperty('script.trakt.exclude', 'true')
    return item


def test_callbacks_return_at_once_while_the_senders_block(kodi, senders):
    for sink in ('trakt', 'punchplay'):
        senders[sink].gate.clear()
    timings = []

    def timed(action, *args):
        started = time.perf_counter()
        action(*args)
        timings.append((action.__name__, time.perf_counter() - started))
        caught_up(senders)

    timed(kodi.player.play, our_episode(kodi), 2880.0)
    kodi.player.advance(600)
    timed(kodi.player.pause)
    timed(kodi.player.resume)
    timed(kodi.player.seek, 2600.0)
    kodi.player.advance(10)
    time.sleep(0.3)
    timed(kodi.player.stop)
    timed(kodi.player.play, OTHER_FILE, 1800.0)
    kodi.player.advance(1800)
    timed(kodi.player.end)
    assert len(timings) == 7
    slowest = max(timings, key=lambda entry: entry[1])
    assert slowest[1] < 0.05, slowest
    assert senders['punchplay'].sent == [] and senders['trakt'].sent == []  # still hanging on the first start
    for sink in ('trakt', 'punchplay'):
        senders[sink].gate.set()
    wait_until(lambda: outbox_store.pending('punchplay') == 0 and outbox_store.pending('trakt') == 0)
    # the stop made the queued pause, resume and seek of its session stale
    assert senders['punchplay'].kinds() == ['start', 'stop', 'start', 'stop']
    assert senders['trakt'].kinds() == ['scrobble_start', 'scrobble_start', 'scrobble_start', 'scrobble_stop']


def test_our_episode_full_play(kodi, senders):
    kodi.player.play(our_episode(kodi), duration=2880.0)
    wait_until(lambda: senders['trakt'].kinds() == ['scrobble_start'] and senders['punchplay'].kinds() == ['start'])
    assert kodi.window_property(10000, 'AIOStreams.Handoff') == ''
    assert reliability.stats_for([STREAM_KEY]) == {STREAM_KEY: (1.0, 0.0)}
    kodi.player.advance(600)
    time.sleep(0.2)
    kodi.player.pause()
    wait_until(lambda: senders['punchplay'].kinds()[-1:] == ['pause'])
    assert playstate.resume_point('episode:tt0903747:1:2') == (600.0, 2880.0)
    kodi.player.resume()
    kodi.player.seek(2600.0)
    wait_until(lambda: senders['punchplay'].kinds()[-1:] == ['progress'])
    kodi.player.advance(5)
    time.sleep(0.2)
    kodi.player.stop()
    wait_until(lambda: senders['punchplay'].kinds()[-1:] == ['stop'])
    wait_until(lambda: senders['trakt'].kinds()[-1:] == ['scrobble_stop'])
    assert senders['trakt'].kinds() == ['scrobble_start', 'scrobble_pause', 'scrobble_start', 'scrobble_start',
                                        'scrobble_stop']
    assert senders['punchplay'].kinds() == ['start', 'pause', 'resume', 'progress', 'stop']
    stop = senders['punchplay'].sent[-1][1]
    assert (stop['position_seconds'], stop['progress'], stop['watched'], stop['title']) == \
        (2605, 0.9045, True, 'Breaking Bad')
    assert len({payload['playback_session_id'] for _, payload in senders['punchplay'].sent}) == 1
    trakt_stop = senders['trakt'].sent[-1][1]
    assert trakt_stop['progress'] == 90.45 and trakt_stop['show']['ids']['tmdb'] == 1396
    assert playstate.watched_keys(['episode:tt0903747:1:2']) == {'episode:tt0903747:1:2'}


def test_a_non_addon_file_goes_to_punchplay_only(kodi, senders):
    kodi.player.play(OTHER_FILE, duration=1800.0)
    wait_until(lambda: senders['punchplay'].kinds() == ['start'])
    kodi.player.advance(1800)
    kodi.player.end()
    wait_until(lambda: senders['punchplay'].kinds() == ['start', 'stop'])
    payload = senders['punchplay'].sent[-1][1]
    assert (payload['title'], payload['season'], payload['episode'], payload['watched'], payload['progress']) == \
        ('Show Name', 2, 3, True, 1.0)
    assert 'imdb_id' not in payload
    time.sleep(0.2)
    assert senders['trakt'].sent == []


def test_trakt_scrobble_all_covers_other_videos(kodi, senders):
    kodi.set_setting('trakt_scrobble_all', True)
    kodi.player.play(OTHER_FILE, duration=1800.0)
    wait_until(lambda: senders['trakt'].kinds() == ['scrobble_start'])
    assert senders['trakt'].sent[0][1]['show'] == {'title': 'Show Name', 'ids': {}}


def test_a_new_play_stops_the_previous_one(kodi, senders):
    kodi.player.play(our_episode(kodi), duration=2880.0)
    wait_until(lambda: senders['punchplay'].kinds() == ['start'])
    kodi.player.advance(2879)
    time.sleep(0.2)
    kodi.player.play(OTHER_FILE, duration=1800.0)  # the playlist moved on without an "ended" callback
    wait_until(lambda: senders['punchplay'].kinds() == ['start', 'stop', 'start'])
    stop, start = senders['punchplay'].sent[1][1], senders['punchplay'].sent[2][1]
    assert stop['watched'] and stop['title'] == 'Breaking Bad'
    assert start['title'] == 'Show Name' and start['playback_session_id'] != stop['playback_session_id']


@pytest.mark.parametrize('failure', ['onPlayBackStopped', 'onPlayBackError'])
def test_a_failed_start_of_our_stream_counts_against_its_provider(kodi, senders, failure):
    our_episode(kodi)
    for player in kodi.player.players.alive():  # Kodi 20 reports a failed open as started, then stopped
        player.onPlayBackStarted()
        getattr(player, failure)()
    wait_until(lambda: reliability.stats_for([STREAM_KEY]) == {STREAM_KEY: (0.0, 1.0)})
    assert kodi.window_property(10000, 'AIOStreams.Handoff') == ''


def test_the_handoff_of_the_next_attempt_is_not_blamed_for_the_failure(kodi, senders):
    our_episode(kodi)
    failed_at = time.time()
    for player in kodi.player.players.alive():
        player.onPlayBackStarted()
    handoff = json.loads(kodi.window_property(10000, 'AIOStreams.Handoff'))
    handoff.update(stream_key='comet|torbox|demand', started_at=failed_at + 1)  # playback moved on already
    xbmcgui.Window(10000).setProperty('AIOStreams.Handoff', json.dumps(handoff))
    senders['tracker'].events.put(('stopped', time.monotonic(), failed_at))
    caught_up(senders)
    assert reliability.stats_for(['comet|torbox|demand']) == {}
    assert kodi.window_property(10000, 'AIOStreams.Handoff') != ''


def test_our_item_counts_as_started_even_when_kodi_reports_another_url(kodi, senders):
    item = our_episode(kodi)
    item.setPath(PLAY_URL + '?redirected=1')
    kodi.player.play(item, duration=2880.0)
    wait_until(lambda: reliability.stats_for([STREAM_KEY]) == {STREAM_KEY: (1.0, 0.0)})
    assert kodi.window_property(10000, 'AIOStreams.Handoff') == ''
    wait_until(lambda: senders['punchplay'].kinds() == ['start'])
    assert senders['punchplay'].sent[0][1]['imdb_id'] == 'tt0903747'


def test_nothing_is_sent_when_logged_out_or_disabled(kodi, senders):
    client.token_store().clear()
    kodi.set_setting('trakt_scrobble', False)
    kodi.player.play(our_episode(kodi), duration=2880.0)
    kodi.player.advance(100)
    time.sleep(0.3)
    kodi.player.stop()
    time.sleep(0.3)
    assert senders['trakt'].sent == [] and senders['punchplay'].sent == []
    assert outbox_store.pending('trakt') == 0 and outbox_store.pending('punchplay') == 0


def test_kodi_quitting_mid_play_keeps_the_stop(kodi, senders):
    for sink in ('trakt', 'punchplay'):
        senders[sink].gate.clear()
    kodi.player.play(OTHER_FILE, duration=1800.0)
    kodi.player.advance(900)
    wait_until(lambda: outbox_store.pending('punchplay') == 1)
    time.sleep(0.2)
    kodi.monitor.abort()
    wait_until(lambda: outbox_store.pending('punchplay') == 2)
    row = outbox_store.OutboxEvent.select().order_by(outbox_store.OutboxEvent.id.desc()).first()
    assert row.kind == 'stop' and json.loads(row.payload)['position_seconds'] == 900


def test_an_episode_of_ours_that_starts_is_remembered_as_the_shows_release(kodi, senders):
    item = our_episode(kodi)
    handoff = json.loads(kodi.window_property(10000, 'AIOStreams.Handoff'))
    release = {'binge_group': 'com.aiostreams.viren070|1080p|WEB-DL|NTb', 'provider_key': STREAM_KEY,
               'resolution': '1080p', 'service': 'realdebrid'}
    handoff.update(release=release, show_key='series:tt0903747')
    xbmcgui.Window(10000).setProperty('AIOStreams.Handoff', json.dumps(handoff))
    assert binge_memory.recall('series:tt0903747') is None
    kodi.player.play(item, 2880.0)
    wait_until(lambda: binge_memory.recall('series:tt0903747') is not None)
    assert binge_memory.recall('series:tt0903747') == dict(release, season=1, episode=2)
    kodi.player.stop()
