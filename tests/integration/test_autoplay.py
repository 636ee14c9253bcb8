"""Our own autoplay (issue 17) in the service against the fake AIOStreams server and the fake player: the worker
reads an episode of ours when it starts, counts down near the end and plays the next aired episode when the episode
ends (the next season's first after a finale, nothing after the last aired one); Cancel or a stop before the end
plays nothing; a seek to the end plays the next episode once; with Up Next installed the countdown is Up Next's;
the next episode's streams are fetched ahead into the stream cache, and a backend failure is told."""
from __future__ import annotations

import queue
from urllib.parse import parse_qs, urlparse

import pytest

from addon import kodi as kodi_door
from addon.platform import db
from addon.play import autoplay, next_countdown, stream_cache
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (pytest fixture)

PLUGIN = 'plugin://plugin.video.aiostreams/'
EPISODE = PLUGIN + '?action=play_first&content_type=series&imdb_id=tt2000001&season=%d&episode=%d'


class FakeCountdown:
    """Stands in for the non-modal window (the fake Kodi's windows are modal only); records what it showed."""
    shown = []

    def __init__(self, label):
        self.label, self.choice, self.closed, self.updates = label, None, False, []
        FakeCountdown.shown.append(self)

    def update(self, seconds_left=None, trouble=None):
        self.updates.append(trouble or int(seconds_left))

    def close(self):
        self.closed = True


@pytest.fixture
def worker(kodi, aio, monkeypatch):
    from addon.play import playback
    monkeypatch.setattr(playback, 'START_WATCH_SECONDS', 0.3)
    FakeCountdown.shown = []
    preloads = []

    def preload_at_once(plan):   # the backend answers before the countdown (a slow one: still_on_its_way)
        preloads.append(plan)
        plan.preload()

    monkeypatch.setattr(autoplay.Worker, 'start_preload', staticmethod(preload_at_once))
    made = autoplay.Worker(kodi_door.Player(), queue.Queue(), countdown_factory=FakeCountdown)
    made.preloads = preloads
    yield made
    db.close()


def start_episode(kodi, worker, season, episode):
    kodi.run_plugin(EPISODE % (season, episode), handle=-1)   # plays directly in the fake player
    worker.handle('started')


def next_plays(kodi):
    """The (season, episode) of every PlayMedia of a play_first URL the worker ran."""
    found = []
    for command in kodi.builtins:
        if command.startswith('PlayMedia('):
            query = parse_qs(urlparse(command[len('PlayMedia('):-1]).query)
            found.append((query['action'][0], int(query['season'][0]), int(query['episode'][0])))
    return found


def test_the_countdown_shows_near_the_end_and_the_next_episode_plays_when_it_ends(kodi, worker):
    start_episode(kodi, worker, 1, 1)
    kodi.player.advance(560)
    worker.handle('tick')
    assert FakeCountdown.shown == []                     # 40 s left: not yet (30 s by default)
    kodi.player.advance(15)
    worker.handle('tick')
    assert [shown.label for shown in FakeCountdown.shown] == ['S01E02 - The Bag']
    assert FakeCountdown.shown[0].updates == [25]
    kodi.player.end()
    worker.handle('ended')
    assert next_plays(kodi) == [('play_first', 1, 2)]
    assert FakeCountdown.shown[0].closed


def test_the_countdown_start_is_a_setting(kodi, worker):
    kodi.set_setting('autoplay_countdown_seconds', 60)
    start_episode(kodi, worker, 1, 1)
    kodi.player.advance(545)
    worker.handle('tick')
    assert len(FakeCountdown.shown) == 1


def test_play_now_plays_the_next_episode_at_once_and_only_once(kodi, worker):
    start_episode(kodi, worker, 1, 1)
    kodi.player.advance(580)
    worker.handle('tick')
    FakeCountdown.shown[0].choice = next_countdown.PLAY_NOW
    worker.handle('tick')
    assert next_plays(kodi) == [('play_first', 1, 2)]
    kodi.player.stop()          # Kodi stops the finished episode for the next one
    worker.handle('stopped')
    assert next_plays(kodi) == [('play_first', 1, 2)]


def test_cancel_or_a_stop_before_the_end_plays_nothing(kodi, worker):
    start_episode(kodi, worker, 1, 1)
    kodi.player.advance(580)
    worker.handle('tick')
    FakeCountdown.shown[0].choice = next_countdown.CANCELLED
    worker.handle('tick')
    assert FakeCountdown.shown[0].closed
    kodi.player.end()
    worker.handle('ended')
    start_episode(kodi, worker, 1, 2)
    kodi.player.advance(100)
    kodi.player.stop()
    worker.handle('stopped')
    assert next_plays(kodi) == []


def test_a_seek_to_the_end_or_a_short_file_plays_the_next_episode_once(kodi, worker):
    start_episode(kodi, worker, 1, 1)
    kodi.player.seek(599)
    kodi.player.end()           # ended before any tick could show the countdown
    worker.handle('ended')
    worker.handle('tick')
    worker.handle('ended')
    assert next_plays(kodi) == [('play_first', 1, 2)]


def test_the_finale_hands_over_to_the_next_seasons_first_and_the_last_aired_to_nothing(kodi, worker):
    start_episode(kodi, worker, 1, 3)
    kodi.player.end()
    worker.handle('ended')
    assert next_plays(kodi) == [('play_first', 2, 1)]
    start_episode(kodi, worker, 2, 1)   # S02E02 has not aired
    assert worker.session is None
    kodi.player.end()
    worker.handle('ended')
    assert next_plays(kodi) == [('play_first', 2, 1)]


def test_with_up_next_installed_up_next_counts_down_and_the_streams_are_still_preloaded(kodi, worker):
    kodi.installed_addons['service.upnext'] = True
    start_episode(kodi, worker, 1, 1)
    assert [plan.video['episode'] for plan in worker.preloads] == [2]
    kodi.player.advance(590)
    worker.handle('tick')
    kodi.player.end()
    worker.handle('ended')
    assert FakeCountdown.shown == [] and next_plays(kodi) == []


def test_with_the_setting_off_nothing_follows(kodi, worker):
    kodi.set_setting('autoplay_next_episode', False)
    start_episode(kodi, worker, 1, 1)
    kodi.player.end()
    worker.handle('ended')
    assert next_plays(kodi) == [] and worker.preloads == []


def test_the_preload_fills_the_stream_cache_so_the_next_play_does_not_scrape(kodi, worker, aio):
    start_episode(kodi, worker, 1, 1)
    plan = worker.preloads[0]
    plan.preload()
    assert plan.state == 'ready'
    assert stream_cache.age_seconds('episode:tt2000001:1:2') is not None
    scrapes = len(aio.requests_to('/api/v1/search')) + len(aio.requests_to('/stream/'))
    record = kodi.run_plugin(EPISODE % (1, 2), handle=7)
    assert record.resolved[0][0] is True
    assert len(aio.requests_to('/api/v1/search')) + len(aio.requests_to('/stream/')) == scrapes


def still_on_its_way(worker, monkeypatch):
    """The next episode's preload has not come back yet (a slow backend)."""
    monkeypatch.setattr(autoplay.Worker, 'start_preload', staticmethod(worker.preloads.append))


def test_a_failing_backend_for_the_next_episode_is_told_and_offers_the_streams(kodi, worker, aio, monkeypatch):
    still_on_its_way(worker, monkeypatch)
    start_episode(kodi, worker, 1, 1)
    plan = worker.preloads[0]
    aio.stop()
    plan.preload()
    assert plan.state == 'failed' and plan.trouble.startswith('The next episode cannot start by itself')
    kodi.player.advance(580)
    worker.handle('tick')
    assert FakeCountdown.shown[0].updates == [plan.trouble]
    FakeCountdown.shown[0].choice = next_countdown.PLAY_NOW
    worker.handle('tick')
    assert next_plays(kodi) == [('select_stream', 1, 2)]
    assert kodi.errors() == []


def test_a_slow_backend_for_the_next_episode_is_told_and_play_now_offers_the_streams(kodi, worker, monkeypatch):
    still_on_its_way(worker, monkeypatch)
    start_episode(kodi, worker, 1, 1)
    kodi.player.advance(580)
    worker.handle('tick')
    assert FakeCountdown.shown[0].updates == [kodi_door.localize(33200)]
    FakeCountdown.shown[0].choice = next_countdown.PLAY_NOW
    worker.handle('tick')
    assert next_plays(kodi) == [('select_stream', 1, 2)]
    kodi.player.end()
    worker.handle('ended')
    assert next_plays(kodi) == [('select_stream', 1, 2)]


def test_streams_that_arrive_during_the_countdown_bring_the_seconds_back(kodi, worker, monkeypatch):
    still_on_its_way(worker, monkeypatch)
    start_episode(kodi, worker, 1, 1)
    kodi.player.advance(575)
    worker.handle('tick')
    worker.preloads[0].preload()
    kodi.player.advance(5)
    worker.handle('tick')
    assert FakeCountdown.shown[0].updates == [kodi_door.localize(33200), 20]


def test_a_slow_backend_at_the_end_lets_the_play_scrape_for_itself(kodi, worker, monkeypatch):
    still_on_its_way(worker, monkeypatch)
    start_episode(kodi, worker, 1, 1)
    kodi.player.advance(580)
    worker.handle('tick')
    kodi.player.end()
    worker.handle('ended')
    assert next_plays(kodi) == [('play_first', 1, 2)]
    assert FakeCountdown.shown[0].closed


def test_a_meta_the_backend_does_not_give_is_tried_again_then_nothing_follows(kodi, worker, aio, monkeypatch):
    monkeypatch.setattr(autoplay, 'META_RETRY_SECONDS', 0.01)
    aio.stop()
    assert autoplay.find_plan(('series', 'tt2000001', 1, 1)) is None
    assert any('autoplay: no meta for tt2000001' in message for _level, message in kodi.log_lines)
