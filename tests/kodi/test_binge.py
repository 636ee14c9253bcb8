"""Issue 17 in a real Kodi: binge watching without the Up Next add-on. An episode played from a stream that is not
the top-ranked one (picked in the dialog) is followed, when it ends, by the next episode from the same bingeGroup,
through the countdown; Trakt and PunchPlay get the finished episode's watched stop and the next one's own start.
Cancel in the countdown leaves nothing playing; the season finale hands over to the next season's first episode.

The fake's stream template gives every episode the same streams: 2160p RD (top-ranked), the proxied Easynews 1080p
WEB-DL (bingeGroup ...|1080p|WEB-DL) and an uncached TorBox 1080p. The clip lasts about 60 s; a seek to 90 % brings
the countdown (30 s before the end) at once.
"""
from __future__ import annotations

import time

import pytest
from kodi_harness import ADDON_ID, KodiError, wait_for

PLUGIN = 'plugin://%s/?' % ADDON_ID
EPISODE = PLUGIN + 'action=%s&content_type=series&imdb_id=tt2000001&season=%d&episode=%d'
COUNTDOWN = 'Window.IsActive(aiostreams-next.xml)'
ITEM_FIELDS = ('file', 'season', 'episode', 'showtitle')


@pytest.fixture(scope='module')
def kodi_settings(dialog_picker_settings):
    return dialog_picker_settings


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


@pytest.fixture
def idle(kodi):
    kodi.wait_no_player()
    yield kodi
    kodi.wait_no_player()


def wait_condition(kodi, condition, timeout, what):
    wait_for(lambda: kodi.info_booleans([condition])[condition], timeout, what)


def playing(kodi, timeout=40):
    player = kodi.wait_for_player(timeout)
    return player['playerid'], kodi.playing_item(player['playerid'], ITEM_FIELDS)


def wait_for_episode(kodi, season, episode, timeout=60):
    """The player plays (season, episode) of our show; returns its item."""
    found = {}

    def check():
        try:
            _player, item = playing(kodi, 2)
        except KodiError:
            return False
        found['item'] = item
        return (item.get('season'), item.get('episode')) == (season, episode)

    wait_for(check, timeout, 'S%02dE%02d playing' % (season, episode))
    return found['item']


def seek_near_the_end(kodi, player_id):
    kodi.rpc('Player.Seek', {'playerid': player_id, 'value': {'percentage': 90}})


def test_the_next_episode_starts_by_itself_from_the_same_binge_group_and_scrobbles_stay_exact(idle, servers):
    kodi = idle
    trakt, punchplay = servers['trakt'], servers['punchplay']
    mark = kodi.log_mark()
    kodi.player_open(EPISODE % ('select_stream', 1, 1))
    wait_condition(kodi, 'Window.IsActive(selectdialog)', 30, 'the stream dialog')
    kodi.input('Down')                         # the proxied Easynews 1080p, below the top-ranked 2160p
    time.sleep(0.3)
    kodi.input('Select')
    player_id, first = playing(kodi)
    assert '/proxy/' in first['file'] and (first['season'], first['episode']) == (1, 1)
    kodi.wait_for_log(r'autoplay: next is S01E02 - The Bag \(ours\)', since=mark, timeout=20)
    time.sleep(2)
    seek_near_the_end(kodi, player_id)
    wait_condition(kodi, COUNTDOWN, 15, 'the countdown')
    following = wait_for_episode(kodi, 1, 2, timeout=40)
    assert '/proxy/' in following['file']      # same bingeGroup, not the top-ranked 2160p
    assert not kodi.info_booleans([COUNTDOWN])[COUNTDOWN]
    log = kodi.log_since(mark)
    assert 'autoplay: playing S01E02 - The Bag' in log
    assert 'using' in log.split('autoplay: playing S01E02')[1].split('handed to Kodi')[0]   # preloaded: no scrape

    def trakt_scrobbles():
        return [(request.path, request.body['episode']['number'], request.body['progress'])
                for request in trakt.requests if request.path in ('/scrobble/start', '/scrobble/stop')]

    wait_for(lambda: any(entry[:2] == ('/scrobble/start', 2) for entry in trakt_scrobbles()), 30,
             'the Trakt start of S01E02')
    scrobbles = trakt_scrobbles()
    stop_at = next(index for index, entry in enumerate(scrobbles) if entry[0] == '/scrobble/stop')
    assert scrobbles[stop_at][1] == 1 and scrobbles[stop_at][2] >= 90.0
    assert ('/scrobble/start', 2) in [(path, number) for path, number, _progress in scrobbles[stop_at + 1:]]

    def punchplay_events():
        return [(kind, payload.get('episode'), payload.get('watched')) for kind, payload in punchplay.scrobbles]

    wait_for(lambda: ('start', 2, None) in punchplay_events(), 30, 'the PunchPlay start of S01E02')
    events = punchplay_events()
    assert ('stop', 1, True) in events
    assert events.index(('stop', 1, True)) < events.index(('start', 2, None))


def test_cancel_in_the_countdown_leaves_nothing_playing(idle):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(EPISODE % ('play_first', 1, 1))
    player_id, _item = playing(kodi)
    kodi.wait_for_log(r'autoplay: next is S01E02', since=mark, timeout=20)
    seek_near_the_end(kodi, player_id)
    wait_condition(kodi, COUNTDOWN, 15, 'the countdown')
    time.sleep(1.0)                            # a user reads it first
    kodi.input('Right')                        # from Play now to Cancel
    time.sleep(0.3)
    kodi.input('Select')
    kodi.wait_for_log(r'autoplay: cancelled by the user', since=mark, timeout=10)
    wait_for(lambda: kodi.active_players() == [], 40, 'the episode to end')
    time.sleep(5)
    assert kodi.active_players() == []
    assert 'autoplay: playing' not in kodi.log_since(mark)


def test_the_finale_hands_over_to_the_next_seasons_first_episode(idle):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(EPISODE % ('play_first', 1, 3))
    player_id, item = playing(kodi)
    assert (item['season'], item['episode']) == (1, 3)
    kodi.wait_for_log(r'autoplay: next is S02E01 - Seven', since=mark, timeout=20)
    seek_near_the_end(kodi, player_id)
    wait_for_episode(kodi, 2, 1, timeout=60)
