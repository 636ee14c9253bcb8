"""xbmc.Player / xbmc.Monitor subclasses get their callbacks from fakekodi.player and fakekodi.monitor."""
from __future__ import annotations

import gc
import threading
import time

import pytest
import xbmc
import xbmcgui


class RecordingPlayer(xbmc.Player):
    def __init__(self):
        super().__init__()
        self.events = []

    def onAVStarted(self):
        tag = self.getVideoInfoTag()
        self.events.append(('started', self.getPlayingFile(), tag.getTitle(), self.getTotalTime()))

    def onPlayBackPaused(self):
        self.events.append(('paused', self.getTime()))

    def onPlayBackResumed(self):
        self.events.append(('resumed', self.getTime()))

    def onPlayBackSeek(self, time, seekOffset):
        self.events.append(('seek', time, seekOffset))

    def onPlayBackStopped(self):
        self.events.append(('stopped', self.isPlaying()))

    def onPlayBackEnded(self):
        self.events.append(('ended',))


class RecordingMonitor(xbmc.Monitor):
    def __init__(self):  # deliberately no super().__init__(): registration must not depend on it
        self.events = []

    def onNotification(self, sender, method, data):
        self.events.append((sender, method, data))

    def onSettingsChanged(self):
        self.events.append('settings')


def playing_item(title):
    item = xbmcgui.ListItem(path='https://cdn.invalid/%s.mkv' % title)
    item.getVideoInfoTag().setTitle(title)
    return item


def test_player_callbacks_follow_the_simulated_playback(fk):
    player = RecordingPlayer()
    fk.player.play(playing_item('Dune'), duration=1200)
    fk.player.advance(300)
    fk.player.pause()
    fk.player.advance(100)  # paused: time does not move
    fk.player.resume()
    fk.player.seek(900)
    fk.player.stop()
    assert player.events == [('started', 'https://cdn.invalid/Dune.mkv', 'Dune', 1200.0), ('paused', 300.0),
                             ('resumed', 300.0), ('seek', 900000, 600000), ('stopped', False)]
    with pytest.raises(RuntimeError):
        player.getTime()


def test_end_of_playback_and_every_live_player_is_called(fk):
    first, second = RecordingPlayer(), RecordingPlayer()
    fk.player.play('https://cdn.invalid/a.mkv', duration=60)
    fk.player.end()
    assert first.events[-1] == ('ended',) and second.events[-1] == ('ended',)
    assert first.events[0] == ('started', 'https://cdn.invalid/a.mkv', '', 60.0)


def test_players_are_registered_weakly_and_dropped_by_reset(fk, addon_dir, tmp_path):
    player = RecordingPlayer()
    gone = RecordingPlayer()
    del gone
    gc.collect()
    assert fk.player.players.alive() == [player]
    fk.reset(addon_root=addon_dir, profile_dir=tmp_path / 'p', home_dir=tmp_path / 'h')
    fk.player.play('x')
    assert player.events == []


def test_player_play_by_the_addon_starts_playback(fk):
    player = RecordingPlayer()
    xbmc.Player().play('https://cdn.invalid/b.mkv', playing_item('B'))
    assert player.isPlaying() and player.getPlayingFile() == 'https://cdn.invalid/b.mkv'
    assert [path for path, _ in fk.player.history] == ['https://cdn.invalid/b.mkv']
    assert player.events[0][2] == 'B'
    xbmc.Player().pause()
    assert player.events[-1] == ('paused', 0.0)


def test_monitor_notifications_and_settings_changes(fk):
    monitor = RecordingMonitor()
    fk.monitor.notify('plugin.video.stubtest', 'Other.sync_done', {'items': 3})
    fk.monitor.settings_changed()
    xbmc.executebuiltin('NotifyAll(plugin.video.stubtest,refresh,{"a":1})')
    assert monitor.events == [('plugin.video.stubtest', 'Other.sync_done', '{"items": 3}'), 'settings',
                              ('plugin.video.stubtest', 'Other.refresh', '{"a":1}')]


def test_wait_for_abort_times_out_then_returns_early_on_abort(fk):
    monitor = RecordingMonitor()
    started = time.monotonic()
    assert monitor.waitForAbort(0.05) is False
    assert time.monotonic() - started >= 0.04
    results = []
    waiter = threading.Thread(target=lambda: results.append(monitor.waitForAbort(30)))
    waiter.start()
    fk.monitor.abort()
    waiter.join(5)
    assert results == [True] and monitor.abortRequested()


def test_wait_for_abort_with_zero_waits_for_ever_like_kodi(fk):
    """Kodi's waitForAbort treats a timeout under one millisecond, 0 included, as no timeout."""
    monitor = RecordingMonitor()
    assert monitor.waitForAbort(0.0005) is False  # rounded up to 1 ms: a real timeout
    results = []
    waiters = [threading.Thread(target=lambda timeout=timeout: results.append(monitor.waitForAbort(timeout)),
                                daemon=True) for timeout in (0, 0.0, -1)]
    for waiter in waiters:
        waiter.start()
    time.sleep(0.3)
    assert results == []
    fk.monitor.abort()
    for waiter in waiters:
        waiter.join(5)
    assert results == [True, True, True]


def test_reset_wakes_a_waiter_of_an_earlier_test_and_clears_the_abort(fk, addon_dir, tmp_path):
    monitor = RecordingMonitor()
    results = []
    waiter = threading.Thread(target=lambda: results.append(monitor.waitForAbort()))
    waiter.start()
    fk.reset(addon_root=addon_dir, profile_dir=tmp_path / 'p', home_dir=tmp_path / 'h')
    waiter.join(5)
    assert results == [True] and not xbmc.Monitor().abortRequested()
