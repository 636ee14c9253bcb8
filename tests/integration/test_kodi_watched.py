"""Kodi's own "Mark as watched / unwatched" on our items (issue 15.2, issue 18 "watched toggles go both ways"): the
service's watcher against the fake Kodi video database and the fake PunchPlay server (real HTTP). A toggle counts
like ours (local mark, PunchPlay, Trakt through the outbox); a play's own count and our own writes never do."""
from __future__ import annotations

import json

import pytest

from addon.platform import db, playstate, storage
from addon.platform import outbox as outbox_store
from addon.platform.outbox import OutboxEvent
from addon.punchplay import client as punchplay_client
from addon.scrobble import kodi_watched
from addon.trakt import client as trakt_client
from tests.fakes.punchplay_server import FakePunchPlayServer

A = 'plugin.video.aiostreams'
MOVIE = 'plugin://%s/play?content_type=movie&imdb_id=tt1000001&meta_id=tt1000001&title=First+Movie' % A
EPISODE = 'plugin://%s/play?content_type=series&imdb_id=tt2000001&season=1&episode=2&title=Sample+Show' % A
OTHER = 'plugin://plugin.video.other/play?imdb_id=tt1000001'


@pytest.fixture
def server(kodi):
    with FakePunchPlayServer() as fake:
        kodi.set_setting('punchplay_url', fake.url)
        punchplay_client.token_store().save(fake.issue_token())
        yield fake
    db.close()


@pytest.fixture(autouse=True)
def no_player_history():
    """What the listener kept lives as long as the service: each test starts as after a quiet minute."""
    kodi_watched._library.clear()
    kodi_watched._last_player_event[0] = 0.0
    yield


@pytest.fixture
def watcher(kodi, server):
    found = kodi_watched.Watcher()
    found.check()   # the first look: what Kodi counted before the service ran is the baseline
    return found


class Worker:
    """The service worker's wake-ups, as the service's Monitor asks for them."""

    def __init__(self):
        self.woken = []

    def wake(self, name=None):
        self.woken.append(name)


@pytest.fixture
def service_monitor(kodi):
    from addon import service
    monitor = service.ServiceMonitor(Worker())   # registered with Kodi's (fake) announcements while referenced
    yield monitor
    del monitor


def queued(sink):
    storage.open_db()
    return [(row.kind, json.loads(row.payload)) for row in OutboxEvent.select().where(OutboxEvent.sink == sink)
            .order_by(OutboxEvent.id)]


def test_kodis_mark_as_watched_on_our_movie_counts_like_ours(kodi, server, watcher):
    kodi.videodb().mark_watched(MOVIE)
    watcher.check()
    assert playstate.watched_keys(['movie:tt1000001']) == {'movie:tt1000001'}
    assert [note['message'] for note in kodi.notifications] == ['Marked as watched']
    outbox_store.replay('punchplay')
    assert [(entry['media_type'], entry['imdb_id'], entry['playcount']) for entry in server.imports] == \
        [('movie', 'tt1000001', 1)]


def test_kodis_mark_as_unwatched_clears_our_mark_and_sends_punchplay_nothing(kodi, server, watcher):
    kodi.videodb().mark_watched(EPISODE)
    watcher.check()
    kodi.videodb().mark_watched(EPISODE, watched=False)
    watcher.check()
    assert playstate.watched_keys(['episode:tt2000001:1:2']) == set()
    assert [note['message'] for note in kodi.notifications] == ['Marked as watched', 'Marked as unwatched']
    assert [kind for kind, _ in queued('punchplay')] == ['import']   # its contract has no un-watch


def test_with_trakt_the_toggles_go_to_trakt_history_through_the_outbox(kodi, server, watcher):
    trakt_client.token_store().save({'access_token': 'a' * 40, 'refresh_token': 'r' * 40, 'created_at': 4e9,
                                     'expires_in': 86400})
    kodi.videodb().mark_watched(MOVIE)
    watcher.check()
    kodi.videodb().mark_watched(MOVIE, watched=False)
    watcher.check()
    trakt = queued('trakt')
    assert [kind for kind, _ in trakt] == ['history_add', 'history_remove']
    assert trakt[0][1]['movies'][0]['ids']['imdb'] == 'tt1000001'


def test_a_plays_own_count_is_not_a_second_watched(kodi, server, watcher, service_monitor, monkeypatch):
    kodi.videodb().play_ended(MOVIE)   # Kodi counts the play as it stops ...
    watcher.check()
    assert kodi.notifications == []    # ... and is not looked at before the scrobbler records the stop
    # the scrobbler recorded the stop below our watched point (a resume point)
    playstate.save_position('movie:tt1000001', 5000, 5400)
    monkeypatch.setattr(kodi_watched, 'SETTLE_SECONDS', 0)
    watcher.check()
    assert playstate.watched_keys(['movie:tt1000001']) == set()
    assert queued('punchplay') == [] and kodi.notifications == []


def test_kodis_mark_that_agrees_with_ours_sends_nothing(kodi, server, watcher):
    playstate.mark_watched('movie:tt1000001')          # ours, earlier (our entry, a play, a sync)
    kodi.videodb().mark_watched(MOVIE)
    watcher.check()
    assert queued('punchplay') == [] and kodi.notifications == []


def test_kodis_unmark_of_a_url_it_never_counted_is_seen(kodi, server, watcher):
    playstate.mark_watched('episode:tt2000001:1:2')    # watched in ours; Kodi has no row for the URL
    kodi.videodb().mark_watched(EPISODE, watched=False)   # Kodi's entry offers "unwatched" after our play count
    watcher.check()
    assert playstate.watched_keys(['episode:tt2000001:1:2']) == set()
    assert [note['message'] for note in kodi.notifications] == ['Marked as unwatched']


def test_a_play_starting_is_not_an_unmark(kodi, server, watcher, monkeypatch):
    playstate.mark_watched('episode:tt2000001:1:2')
    kodi.cond_visibility['Player.HasVideo'] = True     # Kodi opens the file: an empty row appears
    kodi.videodb().set_playcount(EPISODE, 0)
    watcher.check()
    kodi.cond_visibility['Player.HasVideo'] = False
    kodi_watched.record('xbmc', 'Player.OnStop', '{"end": false}')   # the rewatch stopped early
    monkeypatch.setattr(kodi_watched, 'SETTLE_SECONDS', 0)
    watcher.check()
    assert playstate.watched_keys(['episode:tt2000001:1:2']) == {'episode:tt2000001:1:2'}
    assert kodi.notifications == []


def test_other_addons_and_unknown_paths_are_left_alone(kodi, server, watcher):
    kodi.videodb().mark_watched(OTHER)
    watcher.check()
    assert queued('punchplay') == [] and kodi.notifications == []
    assert kodi.videodb().playcount(OTHER) == 1


def test_a_library_movie_we_identify_is_marked_through_the_monitor(kodi, server, watcher, service_monitor):
    kodi.videodb().add_movie(11, '/movies/The Matrix.mkv', title='The Matrix',
                             uniqueid={'imdb': 'tt0133093', 'tmdb': '603'})
    kodi.videodb().mark_watched(('movie', 11))
    assert service_monitor.worker.woken == [kodi_watched.TASK]
    assert queued('punchplay') == []  # the callback only recorded it: the worker does the work
    watcher.check()
    assert playstate.watched_keys(['movie:tt0133093']) == {'movie:tt0133093'}
    outbox_store.replay('punchplay')
    assert [entry['imdb_id'] for entry in server.imports] == ['tt0133093']


def test_a_library_play_ending_is_not_a_toggle(kodi, server, watcher):
    kodi.videodb().add_movie(12, '/movies/Heat.mkv', title='Heat', uniqueid={'imdb': 'tt0113277'})
    kodi_watched.record('xbmc', 'Player.OnStop', json.dumps({'end': True}))
    kodi_watched.record('xbmc', 'VideoLibrary.OnUpdate', json.dumps({'item': {'id': 12, 'type': 'movie'},
                                                                     'playcount': 1}))
    watcher.check()
    assert queued('punchplay') == [] and playstate.watched_keys(['movie:tt0113277']) == set()


def test_what_kodi_counted_before_the_service_looked_is_never_sent(kodi, server):
    kodi.videodb().mark_watched(MOVIE)          # of unknown age: the user may have un-marked it in ours since
    kodi_watched.Watcher().check()
    assert playstate.watched_keys(['movie:tt1000001']) == set()
    assert queued('punchplay') == [] and kodi.notifications == []
