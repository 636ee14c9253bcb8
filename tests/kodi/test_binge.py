"""Issue 17 in a real Kodi: binge watching without the Up Next add-on. An episode played from a stream that is not
the top-ranked one (picked in the dialog) is followed, when it ends, by the next episode from the same bingeGroup,
through the countdown; Trakt and PunchPlay get the finished episode's watched stop and the next one's own start.
Cancel in the countdown leaves nothing playing; the season finale hands over to the next season's first episode.
With the Up Next add-on (the test double of test_surfaces.py, installed while Kodi runs), the URL Up Next gets plays
the same bingeGroup. A backend that fails or is slow for the next episode is told in the countdown, whose Play button
then offers the stream list; nothing hangs. Every scenario starts with no release remembered.

The fake's stream template gives every episode the same streams: 2160p RD (top-ranked), the proxied Easynews 1080p
WEB-DL (bingeGroup ...|1080p|WEB-DL) and an uncached TorBox 1080p. The clip lasts about 60 s; a seek to 75 % brings
the countdown (30 s before the end) at once.
"""
from __future__ import annotations

import json
import re
import time

import pytest
from kodi_harness import ADDON_ID, REPO_ROOT, KodiError, addon_strings, wait_for
from test_playback import database, forget_binge_releases
from test_surfaces import UPNEXT_SERVICE, write_addon

PLUGIN = 'plugin://%s/?' % ADDON_ID
EPISODE = PLUGIN + 'action=%s&content_type=series&imdb_id=tt2000001&season=%d&episode=%d'
COUNTDOWN = 'Window.IsActive(aiostreams-next.xml)'
ITEM_FIELDS = ('file', 'season', 'episode', 'showtitle')
STATUS, PLAY_BUTTON = 'Control.GetLabel(11)', 'Control.GetLabel(20)'
UPNEXT_ID = 'service.upnext'
NEXT_STREAMS = 'tt2000001:1:2'     # in the /stream path of S01E02 (the search API carries the id in its query)
STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')


@pytest.fixture(scope='module')
def kodi_settings(dialog_picker_settings):
    """Without the Next Up preload: after S01E01 is scrobbled, Next Up is S01E02, whose list it would fetch at any
    moment; the scenarios here are about the autoplay's own preload (which that setting does not turn off)."""
    return dict(dialog_picker_settings, preload_next_up=False)


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


@pytest.fixture
def idle(kodi, servers):
    """Nothing playing, no release remembered, no stream list kept from an earlier scenario, a fresh request log."""
    kodi.wait_no_player()
    forget_binge_releases(kodi)
    forget_kept_streams(kodi)
    servers['aio'].clear_log()
    yield kodi
    servers['aio'].clear_failures()
    kodi.wait_no_player()


def forget_kept_streams(kodi):
    with database(kodi) as connection:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'preloaded_streams'").fetchone():
            connection.execute('DELETE FROM preloaded_streams')


def wait_condition(kodi, condition, timeout, what):
    wait_for(lambda: kodi.info_booleans([condition])[condition], timeout, what)


def playing(kodi, timeout=40):
    player = kodi.wait_for_player(timeout)
    return player['playerid'], kodi.playing_item(player['playerid'], ITEM_FIELDS)


def playing_numbers(kodi):
    """(season, episode) of the playing item. Kodi's JSON-RPC sometimes keeps naming an item it resolved through a
    plugin by the plugin URL, without its numbers; its player labels have them then."""
    _player, item = playing(kodi, 2)
    if item.get('season', -1) >= 0:
        return item.get('season'), item.get('episode')
    labels = kodi.info_labels(['VideoPlayer.Season', 'VideoPlayer.Episode'])
    try:
        return int(labels['VideoPlayer.Season']), int(labels['VideoPlayer.Episode'])
    except ValueError:
        return None


def wait_for_episode(kodi, season, episode, timeout=60):
    """The player plays (season, episode) of our show."""
    seen = []

    def check():
        try:
            seen.append(playing_numbers(kodi))
        except KodiError as error:
            seen.append(str(error))
        return seen[-1] == (season, episode)

    try:
        wait_for(check, timeout, 'S%02dE%02d playing' % (season, episode))
    except AssertionError as failed:
        raise AssertionError('%s (last seen: %s)' % (failed, seen[-3:])) from None


def played_streams(aio):
    """Which of the template's streams Kodi or the addon opened since the request log was cleared: 'proxied' (the
    Easynews 1080p WEB-DL, below the top-ranked 2160p in the ranking), 'debrid' (the 2160p or another debrid one)."""
    return {kind for kind, path in (('proxied', '/api/v1/proxy/'), ('debrid', '/api/v1/debrid/playback/'))
            if aio.requests_to(path)}


def seek_near_the_end(kodi, player_id):
    """15 s before the end of the 60 s clip: the countdown (30 s) shows at once, with time to see it even on a
    busy machine."""
    kodi.rpc('Player.Seek', {'playerid': player_id, 'value': {'percentage': 75}})


def play_the_second_stream(kodi, aio):
    """S01E01 from the second row of the stream dialog: the proxied Easynews 1080p WEB-DL, below the top-ranked
    2160p. Returns the player id."""
    kodi.player_open(EPISODE % ('select_stream', 1, 1))
    wait_condition(kodi, 'Window.IsActive(selectdialog)', 60, 'the stream dialog')
    kodi.input('Down')
    time.sleep(0.3)
    kodi.input('Select')
    player_id, _item = playing(kodi, 60)
    wait_for_episode(kodi, 1, 1)
    assert played_streams(aio) == {'proxied'}
    return player_id


def test_the_next_episode_starts_by_itself_from_the_same_binge_group_and_scrobbles_stay_exact(idle, servers):
    kodi = idle
    trakt, punchplay = servers['trakt'], servers['punchplay']
    mark = kodi.log_mark()
    player_id = play_the_second_stream(kodi, servers['aio'])
    kodi.wait_for_log(r'autoplay: next is S01E02 - The Bag \(ours\)', since=mark, timeout=60)
    kodi.wait_for_log(r'autoplay: \d+ streams of S01E02 - The Bag ready', since=mark, timeout=60)
    seek_near_the_end(kodi, player_id)
    wait_condition(kodi, COUNTDOWN, 30, 'the countdown')
    wait_for_episode(kodi, 1, 2, timeout=60)
    assert played_streams(servers['aio']) == {'proxied'}   # same bingeGroup, not the top-ranked 2160p
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
    player_id, _item = playing(kodi, 60)
    kodi.wait_for_log(r'autoplay: next is S01E02', since=mark, timeout=60)
    seek_near_the_end(kodi, player_id)
    wait_condition(kodi, COUNTDOWN, 30, 'the countdown')
    time.sleep(1.0)                            # a user reads it first
    kodi.input('Right')                        # from Play now to Cancel
    time.sleep(0.3)
    kodi.input('Select')
    kodi.wait_for_log(r'autoplay: cancelled by the user', since=mark, timeout=30)
    wait_for(lambda: kodi.active_players() == [], 40, 'the episode to end')
    time.sleep(5)
    assert kodi.active_players() == []
    assert 'autoplay: playing' not in kodi.log_since(mark)


def test_the_finale_hands_over_to_the_next_seasons_first_episode(idle):
    kodi = idle
    mark = kodi.log_mark()
    kodi.player_open(EPISODE % ('play_first', 1, 3))
    player_id, item = playing(kodi, 60)
    assert (item['season'], item['episode']) == (1, 3)
    kodi.wait_for_log(r'autoplay: next is S02E01 - Seven', since=mark, timeout=60)
    seek_near_the_end(kodi, player_id)
    wait_for_episode(kodi, 2, 1, timeout=60)


def next_streams_fail(aio, mode, **options):
    """The search API answers 500 (the addon then asks /stream) and S01E02's /stream answers `mode`: S01E01 plays,
    the next episode's streams are in trouble."""
    aio.fail('http_500', match='/api/v1/search')
    aio.fail(mode, match=NEXT_STREAMS, **options)


def countdown_labels(kodi):
    wait_condition(kodi, COUNTDOWN, 30, 'the countdown')
    return kodi.info_labels([STATUS, PLAY_BUTTON])


def test_a_failing_backend_for_the_next_episode_is_told_in_the_countdown_which_offers_the_streams(idle, servers):
    kodi, aio = idle, servers['aio']
    next_streams_fail(aio, 'http_500')
    mark = kodi.log_mark()
    kodi.player_open(EPISODE % ('play_first', 1, 1))
    player_id, _item = playing(kodi, 60)
    kodi.wait_for_log(r'autoplay: S01E02 - The Bag has no stream', since=mark, timeout=60)
    seek_near_the_end(kodi, player_id)
    wait_for(lambda: countdown_labels(kodi)[STATUS].startswith(STRINGS[32508].split('%s')[0]), 20,
             'the countdown telling the trouble')
    assert countdown_labels(kodi)[PLAY_BUTTON] == STRINGS[32509]
    aio.clear_failures()                       # the backend is back when the user asks for the list
    kodi.input('Select')                       # Choose a stream (the focused button)
    wait_condition(kodi, 'Window.IsActive(selectdialog)', 60, 'the stream list of S01E02')
    kodi.input('Select')
    wait_for_episode(kodi, 1, 2, timeout=60)
    assert 'autoplay: playing' not in kodi.log_since(mark)


def test_a_slow_backend_for_the_next_episode_is_told_in_the_countdown_and_nothing_hangs(idle, servers):
    kodi, aio = idle, servers['aio']
    next_streams_fail(aio, 'slow', delay=40, times=1)   # only the preload's request: it stays on its way
    mark = kodi.log_mark()
    kodi.player_open(EPISODE % ('play_first', 1, 1))
    player_id, _item = playing(kodi, 60)
    wait_for(lambda: aio.requests_to(NEXT_STREAMS), 60, 'the preload of S01E02 asking the backend')
    seek_near_the_end(kodi, player_id)         # the end comes well before the preload's 45 s stream timeout
    wait_for(lambda: countdown_labels(kodi)[STATUS] == STRINGS[33200], 20, 'the countdown telling the wait')
    assert countdown_labels(kodi)[PLAY_BUTTON] == STRINGS[32509]
    wait_for_episode(kodi, 1, 2, timeout=90)
    assert 'autoplay: playing S01E02 - The Bag' in kodi.log_since(mark)
    assert len(aio.requests_to(NEXT_STREAMS)) >= 2   # the play asked for the streams itself, the preload still waits


@pytest.fixture
def upnext_installed(kodi):
    """The Up Next test double, installed and enabled while Kodi runs (as a user would), disabled afterwards."""
    write_addon(kodi.addons_dir, UPNEXT_ID, 'Up Next (test double)',
                '<extension point="xbmc.service" library="service.py"/>', {'service.py': UPNEXT_SERVICE})
    kodi.builtin('UpdateLocalAddons')
    wait_for(lambda: _known(kodi, UPNEXT_ID), 30, 'Kodi to find the Up Next add-on')
    mark = kodi.log_mark()
    kodi.set_addon_enabled(UPNEXT_ID, True)
    kodi.wait_for_log(r'\[service.upnext\] listening', since=mark, timeout=30)
    yield kodi
    kodi.set_addon_enabled(UPNEXT_ID, False)


def _known(kodi, addon_id) -> bool:
    try:
        kodi.addon_details(addon_id)
    except KodiError:
        return False
    return True


def test_up_next_gets_the_same_choice(idle, upnext_installed, servers):
    kodi, aio = idle, servers['aio']
    mark = kodi.log_mark()
    play_the_second_stream(kodi, aio)
    line = kodi.wait_for_log(r'\[service.upnext\] upnext_data from %s.SIGNAL: ' % re.escape(ADDON_ID), since=mark,
                             timeout=60)
    data = json.loads(line.split('.SIGNAL: ', 1)[1])
    assert (data['next_episode']['season'], data['next_episode']['episode']) == (1, 2)
    kodi.wait_for_log(r'autoplay: next is S01E02 - The Bag \(Up Next\)', since=mark, timeout=60)
    kodi.wait_no_player()
    aio.clear_log()
    kodi.player_open(data['play_url'])         # what Up Next does when its countdown ends
    wait_for_episode(kodi, 1, 2)
    assert played_streams(aio) == {'proxied'}   # the bingeGroup watched, not the top-ranked 2160p
