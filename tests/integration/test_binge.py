"""Binge watching through the plugin entry against the fake AIOStreams server (issue 17): the release an episode
played from (remembered by the service's monitor when it starts) is the one the show's next episode plays from,
whatever the ranking says; the picker puts it first and marks it; a gone release plays the closest and says so."""
from __future__ import annotations

import json

import pytest

from addon.platform import db
from addon.scrobble import monitor
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (pytest fixture)

PLUGIN = 'plugin://plugin.video.aiostreams/'
EPISODE = PLUGIN + '?action=%s&content_type=series&imdb_id=tt2000001&season=1&episode=%d'


@pytest.fixture(autouse=True)
def quick_watch(monkeypatch, kodi):
    from addon.play import playback
    monkeypatch.setattr(playback, 'START_WATCH_SECONDS', 0.3)
    kodi.set_setting('source_select_style', 'dialog')
    yield
    db.close()


def play_and_start(kodi, action, episode, handle=5):
    """Play through the plugin, then let the monitor see the play start (what onAVStarted does in the service)."""
    record = kodi.run_plugin(EPISODE % (action, episode), handle=handle)
    monitor.remember_release(json.loads(kodi.window_property(10000, 'AIOStreams.Handoff')))
    return record.resolved[0][1].getPath()


def test_the_next_episode_plays_from_the_release_chosen_for_the_last_one(kodi, aio):
    first = play_and_start(kodi, 'play_first', 1)
    assert '2160p' in first                                 # the top-ranked stream, when nothing is remembered
    kodi.answer('select', 1)                                # Easynews 1080p WEB-DL: not the top-ranked one
    chosen = play_and_start(kodi, 'select_stream', 2)
    assert '/proxy/' in chosen
    kodi.notifications.clear()
    following = play_and_start(kodi, 'play_first', 3)
    assert '/proxy/' in following and '2160p' not in following
    assert kodi.notifications == [] and kodi.errors() == []


def test_the_picker_puts_the_same_release_first_and_marks_it(kodi, aio):
    kodi.answer('select', 1)
    play_and_start(kodi, 'select_stream', 1)
    kodi.answer('select', 0)
    play_and_start(kodi, 'select_stream', 2)
    shown = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select'][-1]
    labels = shown['list']
    assert 'same as last episode' in labels[0] and 'EN' in labels[0]
    assert not any('same as last episode' in label for label in labels[1:])


def test_a_gone_release_plays_the_closest_and_says_which(kodi, aio):
    kodi.answer('select', 1)
    play_and_start(kodi, 'select_stream', 1)
    streams = json.loads(json.dumps(aio.dataset['stream_template']))
    streams[3]['behaviorHints']['bingeGroup'] = 'com.aiostreams.viren070|1080p|WEB-DL|OTHER'
    aio.dataset['streams']['series/tt2000001:1:2'] = streams
    kodi.notifications.clear()
    following = play_and_start(kodi, 'play_first', 2)
    assert '/proxy/' in following                           # same provider and resolution
    assert len(kodi.notifications) == 1
    assert "release is gone" in kodi.notifications[0]['message'] and '1080p' in kodi.notifications[0]['message']


def test_the_streams_folder_puts_the_same_release_first_and_marks_it(kodi, aio):
    kodi.answer('select', 1)
    play_and_start(kodi, 'select_stream', 1)
    record = kodi.run_plugin(PLUGIN + '?action=show_streams&content_type=series&imdb_id=tt2000001&season=1'
                                      '&episode=2', handle=9)
    labels = [item.label for item in record.items]
    assert 'same as last episode' in labels[0] and 'EN' in labels[0]
    assert not any('same as last episode' in label for label in labels[1:])
