"""Up Next: the next episode after ours (season rollover, specials and unaired episodes), the upnext_data signal
service.upnext decodes, and when it is (not) sent. Also the widget reload token."""
from __future__ import annotations

import copy
import json
import threading

import pytest

from addon.core import metadata
from addon.platform import listing
from addon.play import upnext_addon as upnext
from addon.surfaces import widgets
from tests.fakes.aiostreams_data import SHOW
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)

TODAY = '2026-01-01'


def episode_numbers(video):
    return None if video is None else (video['season'], video['episode'])


@pytest.mark.parametrize('current,expected', [
    ((1, 1), (1, 2)),
    ((1, 3), (2, 1)),     # season rollover
    ((2, 1), None),       # S02E02 has not aired
    ((0, 1), None),       # specials get no Up Next
    ((3, 1), None),       # past the last season
])
def test_following_episode(current, expected):
    assert episode_numbers(upnext.following(SHOW, current[0], current[1], TODAY)) == expected


def test_following_skips_a_gap_in_numbering():
    show = copy.deepcopy(SHOW)
    show['videos'] = [video for video in show['videos'] if (video['season'], video['episode']) != (1, 2)]
    assert episode_numbers(upnext.following(show, 1, 1, TODAY)) == (1, 3)


def test_signal_data_has_the_format_up_next_reads():
    data = upnext.signal_data(SHOW, 1, 3, upnext.following(SHOW, 1, 3, TODAY), 'plugin://x/?y=1')
    current, following = data['current_episode'], data['next_episode']
    assert (current['season'], current['episode'], current['title']) == (1, 3, 'And the Bag')
    assert (following['season'], following['episode'], following['title']) == (2, 1, 'Seven')
    assert following['showtitle'] == 'Sample Show' and following['firstaired'] == '2009-03-08'
    assert current['tvshowid'] == following['tvshowid'] and current['episodeid'] != following['episodeid']
    assert isinstance(following['tvshowid'], int) and following['tvshowid'] > 0
    assert following['runtime'] == 47 * 60 and following['plot'].startswith('Seven')
    assert set(following['art']) >= {'thumb', 'tvshow.poster', 'tvshow.fanart'}
    assert data['play_url'] == 'plugin://x/?y=1'
    assert upnext.decode(upnext.encode(data)) == data


class UpNextDouble:
    """What service.upnext listens to: NotifyAll from '<sender>.SIGNAL' with message upnext_data."""

    def __init__(self, kodi):
        self.received = []
        outer = self

        class Monitor(kodi_monitor_base()):
            def onNotification(self, sender, method, data):
                if method.endswith('upnext_data'):
                    payload = json.loads(data) if isinstance(data, str) else data
                    outer.received.append((sender, upnext.decode(payload[0])))

        self.monitor = Monitor()


def kodi_monitor_base():
    import xbmc
    return xbmc.Monitor


def our_episode_item(season, episode, meta=SHOW):
    """The ListItem our playback resolves for an episode (addon.play.played_item.build_item does the same)."""
    video = next(v for v in meta['videos'] if (v['season'], v['episode']) == (season, episode))
    item = listing.build_item(metadata.from_video(meta, video), 'https://media.example/ep.mkv', True)
    item.setProperty('script.trakt.exclude', 'true')
    return item


def play_and_wait(kodi, item, path='https://media.example/ep.mkv'):
    kodi.player.play(path, listitem=item)
    for thread in threading.enumerate():
        if thread.name == 'aiostreams-upnext':
            thread.join(10)


@pytest.fixture
def upnext_installed(aio, kodi):
    kodi.installed_addons[upnext.UPNEXT_ID] = True
    from addon.backend import aiostreams
    assert aiostreams.fetch_meta('series', 'tt2000001').ok  # played titles have their meta cached
    double = UpNextDouble(kodi)
    player = upnext.start_player()
    yield double
    del player


def test_our_episode_sends_the_next_episode_with_our_play_url(upnext_installed, kodi):
    play_and_wait(kodi, our_episode_item(1, 3))
    [(sender, data)] = upnext_installed.received
    assert sender == 'plugin.video.aiostreams.SIGNAL'
    assert (data['next_episode']['season'], data['next_episode']['episode']) == (2, 1)
    url = data['play_url']
    assert url.startswith('plugin://plugin.video.aiostreams/?action=play_first&content_type=series')
    assert 'imdb_id=tt2000001' in url and 'season=2' in url and 'episode=1' in url


def test_the_play_url_reaches_the_play_route(upnext_installed, kodi):
    from addon import plugin_entry as routes
    from addon.platform import route_table
    play_and_wait(kodi, our_episode_item(1, 1))
    url = upnext_installed.received[0][1]['play_url']
    routes.load_views()
    assert route_table.actions()['play_first'].__name__ == 'play_first'
    assert 'action=play_first' in url and 'stream_id=tt2000001%3A1%3A2' in url


def test_nothing_is_sent_after_the_last_aired_episode(upnext_installed, kodi):
    play_and_wait(kodi, our_episode_item(2, 1))
    assert upnext_installed.received == []


def test_nothing_is_sent_without_up_next(upnext_installed, kodi):
    kodi.installed_addons[upnext.UPNEXT_ID] = False
    play_and_wait(kodi, our_episode_item(1, 1))
    assert upnext_installed.received == []


def test_nothing_is_sent_when_the_setting_is_off(upnext_installed, kodi):
    kodi.set_setting(upnext.SETTING, False)
    play_and_wait(kodi, our_episode_item(1, 1))
    assert upnext_installed.received == []


def test_other_addons_items_and_movies_are_ignored(upnext_installed, kodi):
    foreign = our_episode_item(1, 1)
    foreign.setProperty('script.trakt.exclude', '')
    play_and_wait(kodi, foreign)
    movie = listing.build_item({'media_type': 'movie', 'title': 'M', 'imdb_id': 'tt1000001', 'id': 'tt1000001'},
                               'https://media.example/m.mkv', True)
    movie.setProperty('script.trakt.exclude', 'true')
    play_and_wait(kodi, movie)
    assert upnext_installed.received == []


def test_widget_reload_token_always_changes():
    assert widgets.next_token('', 1000.0) == '1000'
    assert widgets.next_token('1000', 1000.0) == '1001'
    assert widgets.next_token('junk', 5.0) == '5'


def test_bump_sets_the_home_property_the_widget_paths_read(kodi):
    first = widgets.bump()
    second = widgets.bump()
    assert kodi.window_property(10000, widgets.RELOAD_PROPERTY) == second != first
    assert widgets.widget_path('trakt_next_up').endswith(
        '?action=trakt_next_up&widget=true&reload=$INFO[Window(Home).Property(AIOStreams.Widgets.Reload)]')


class _Playback:
    def __init__(self, position, duration):
        self.media = {'media_key': 'movie:tt1000001', 'title': 'Sample Feature'}
        self.session_id, self.position, self.duration, self.paused, self.context = 's1', position, duration, False, {}


def test_a_stopped_play_reloads_the_widgets(kodi):
    from addon.core.scrobble_states import Emit
    from addon.scrobble import local
    local.apply(Emit('pause', _Playback(600.0, 6000.0)), {'threshold': 0.9})
    assert kodi.window_property(10000, widgets.RELOAD_PROPERTY) == ''  # a pause changes no widget
    local.apply(Emit('stop', _Playback(600.0, 6000.0)), {'threshold': 0.9})
    first = kodi.window_property(10000, widgets.RELOAD_PROPERTY)
    local.apply(Emit('stop', _Playback(5900.0, 6000.0)), {'threshold': 0.9})
    assert first and kodi.window_property(10000, widgets.RELOAD_PROPERTY) != first


def test_user_changes_refresh_our_visible_list_but_background_work_only_reloads_widgets(kodi):
    from addon.trakt import home_properties as trakt_widgets
    kodi.cond_visibility[trakt_widgets.OUR_CONTAINER] = True
    trakt_widgets.refresh()
    assert kodi.builtins == ['Container.Refresh']
    token = kodi.window_property(10000, widgets.RELOAD_PROPERTY)
    trakt_widgets.refresh(container=False)  # a sync in the service: the user may be typing a search
    assert kodi.builtins == ['Container.Refresh'] and kodi.window_property(10000, widgets.RELOAD_PROPERTY) != token
    kodi.cond_visibility['System.HasModalDialog'] = True
    trakt_widgets.refresh()  # never re-run the list behind an open dialog
    assert kodi.builtins == ['Container.Refresh']
