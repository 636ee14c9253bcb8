"""Issue 6 in a real Kodi: the service's monitor scrobbles our own episode (to Trakt and PunchPlay) and a file that
is not ours (to PunchPlay only) through play, pause, resume, a seek to 90 % and stop, with every request and payload
checked at the fake servers; then PunchPlay goes offline during the stop and Kodi restarts before it comes back:
every event arrives once, in order, and the "scrobbled" notification appears only after delivery.
"""
from __future__ import annotations

import json
import sqlite3
import stat
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from kodi_harness import ADDON_ID, notifications_in, profile, wait_for
from playback_driver import drive_playback

from tests.fakes import media as fake_media
from tests.fakes.trakt_account import Account

P = 'plugin://%s' % ADDON_ID
OUR_EPISODE = P + '/?action=play_first&content_type=series&imdb_id=tt2000001&season=1&episode=1'
FILE_NAME = 'Show.Name.S02E03.1080p.WEB-DL.mkv'
PAYLOAD_KEYS = {'media_type', 'title', 'progress', 'duration_seconds', 'position_seconds', 'device_id',
                'client_version', 'event_id', 'playback_session_id'}
SEQUENCE = ['start', 'pause', 'resume', 'progress', 'stop']


class MediaServer:
    """Serves one video-only clip under a scene file name, with HTTP Range (Kodi insists)."""

    def __init__(self):
        clip = fake_media.clip_path('clip')

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.split('?')[0] != '/' + FILE_NAME:
                    self.send_error(404)
                    return
                fake_media.send_file(self, clip)

            do_HEAD = do_GET

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = 'http://127.0.0.1:%d/%s' % (self.httpd.server_address[1], FILE_NAME)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope='module')
def trakt_account():
    account = Account()
    aired = time.time() - 400 * 86400
    account.add_show(501, 'Sample Show', 2008, {1: [('Pilot', aired), ('Second', aired + 7 * 86400)]},
                     imdb='tt2000001', tmdb=1396, tvdb=81189)  # the fake AIOStreams series, as Trakt knows it
    return account


@pytest.fixture(scope='module')
def media():
    server = MediaServer()
    yield server
    server.stop()


@pytest.fixture(scope='module')
def kodi_settings(servers, service_settings):
    """AIOStreams, Trakt and PunchPlay pointed at the fakes."""
    return dict(service_settings, base_url=servers['aio'].manifest_url, punchplay_heartbeat=10)


@pytest.fixture(scope='module')
def kodi_tokens(servers):
    """Trakt authorized before the first start; PunchPlay's login is a scenario."""
    return {'trakt_token.json': servers['trakt'].issue_token()}


def session_events(punchplay, session):
    return [(kind, payload) for kind, payload in list(punchplay.scrobbles)
            if payload['playback_session_id'] == session]


def play_pause_resume_seek(kodi, punchplay, url, before_stop=None):
    """Play `url`, pause, resume and seek to 90 %, waiting for each PunchPlay event; then stop. Returns the
    playback session id."""
    known = len(punchplay.scrobbles)

    def session():
        return punchplay.scrobbles[known][1]['playback_session_id']

    def sent(kind):
        return lambda: wait_for(lambda: session_events(punchplay, session())[-1][0] == kind, 20,
                                'the PunchPlay %s' % kind)

    drive_playback(kodi, url, started=lambda: wait_for(lambda: len(punchplay.scrobbles) > known, 30,
                                                       'the PunchPlay start'),
                   steps=(('pause', sent('pause')), ('resume', sent('resume')), ('seek_90', sent('progress'))),
                   before_stop=before_stop)
    return session()


def check_payloads(events, title, season, episode, ids):
    assert [kind for kind, _ in events] == SEQUENCE
    first = events[0][1]
    assert first['device_id'] and first['client_version'] == '4.0.0'
    assert len({payload['event_id'] for _, payload in events}) == len(events)
    for kind, payload in events:
        assert PAYLOAD_KEYS <= set(payload), kind
        assert (payload['title'], payload.get('season'), payload.get('episode')) == (title, season, episode)
        assert {key: payload.get(key) for key in ids} == ids
        assert 'raw_filename' not in payload and ('watched' in payload) == (kind == 'stop')
        assert payload['device_id'] == first['device_id'] and payload['duration_seconds'] >= 59
    positions = {kind: payload['position_seconds'] for kind, payload in events}
    assert positions['start'] <= 2 and positions['pause'] < 10
    progress = dict((kind, payload['progress']) for kind, payload in events)
    assert 0.9 <= progress['progress'] < 0.97 and 0.9 <= progress['stop'] <= 1.0
    assert events[-1][1]['watched'] is True


@pytest.fixture(scope='module')
def logged_in(kodi, servers):
    """PunchPlay's device-code login run inside Kodi (RunPlugin), approved at the first poll."""
    servers['punchplay'].script_device(1, 'approved')
    run = kodi.run_plugin(P + '/?action=punchplay_login', answer_dialogs=False, timeout=40)
    time.sleep(6)  # let the "Login successful" toast go before the first play opens its dialogs
    return run


def test_punchplay_login_with_the_device_code_in_kodi(kodi, servers, logged_in):
    assert 'Login successful! Logged in as tester.' in notifications_in(logged_in['log'])
    token = profile(kodi) / 'punchplay_token.json'
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    assert json.loads(token.read_text(encoding='utf-8'))['username'] == 'tester'
    poll = [r for r in servers['punchplay'].requests if r.path == '/api/auth/device/token'][0]
    assert poll.body['device_name'] and poll.body['device_id']
    # the settings show who is logged in, and log out instead of log in (Kodi saved what the login set)
    saved = {node.get('id'): node.text for node in ET.parse(str(profile(kodi) / 'settings.xml')).getroot()}
    assert saved['punchplay_logged_in'] == 'true' and saved['punchplay_account'] == 'tester'


def test_our_episode_is_scrobbled_to_trakt_and_punchplay(kodi, servers, logged_in):
    punchplay, trakt = servers['punchplay'], servers['trakt']
    mark = kodi.log_mark()
    trakt.clear_log()
    session = play_pause_resume_seek(kodi, punchplay, OUR_EPISODE)
    wait_for(lambda: session_events(punchplay, session)[-1:] and
             session_events(punchplay, session)[-1][0] == 'stop', 30, 'the PunchPlay stop')
    events = session_events(punchplay, session)
    check_payloads(events, 'Sample Show', 1, 1, {'imdb_id': 'tt2000001'})
    assert 'scrobble: tracking episode Sample Show (handoff)' in kodi.log_since(mark)

    wait_for(lambda: trakt.count('/scrobble/stop') == 1, 30, 'the Trakt stop')
    scrobbles = [request for request in trakt.requests if request.path.startswith('/scrobble/')]
    assert [request.path for request in scrobbles] == ['/scrobble/start', '/scrobble/pause', '/scrobble/start',
                                                        '/scrobble/start', '/scrobble/stop']
    assert all(request.status == 201 for request in scrobbles), [(r.path, r.status, r.body) for r in scrobbles]
    for request in scrobbles:
        assert request.body['show']['ids']['imdb'] == 'tt2000001'
        assert request.body['episode'] == {'season': 1, 'number': 1}
    assert scrobbles[-1].body['progress'] >= 90.0  # the default "mark watched at" is 90 %
    assert scrobbles[1].body['progress'] < 10.0
    assert [play['action'] for play in trakt.account.history] == ['scrobble']  # one play recorded on Trakt

    wait_for(lambda: 'Sample Show S01E01 scrobbled' in notifications_in(kodi.log_since(mark)), 20,
             'the scrobbled notification')
    database = sqlite3.connect(str(profile(kodi) / 'aiostreams.db'))
    try:
        watched = database.execute("SELECT watched, position FROM play_state WHERE key = ?",
                                   ('episode:tt2000001:1:1',)).fetchone()
        started = database.execute('SELECT successes, failures FROM stream_stats').fetchall()
    finally:
        database.close()
    assert watched == (1, 0.0)
    assert started == [(1.0, 0.0)]  # the provider of the played stream is credited with a real start


def test_a_file_that_is_not_ours_goes_to_punchplay_only(kodi, servers, media, logged_in):
    punchplay, trakt = servers['punchplay'], servers['trakt']
    trakt.clear_log()
    mark = kodi.log_mark()
    session = play_pause_resume_seek(kodi, punchplay, media.url)
    wait_for(lambda: session_events(punchplay, session)[-1][0] == 'stop', 30, 'the PunchPlay stop')
    events = session_events(punchplay, session)
    check_payloads(events, 'Show Name', 2, 3, {'imdb_id': None, 'tmdb_id': None, 'year': None})
    assert events[0][1]['media_type'] == 'episode'
    assert 'scrobble: tracking episode Show Name (filename)' in kodi.log_since(mark)
    assert trakt.count('/scrobble/') == 0
    wait_for(lambda: 'Show Name S02E03 scrobbled' in notifications_in(kodi.log_since(mark)), 20,
             'the scrobbled notification')


def test_a_stop_queued_offline_survives_a_restart_and_arrives_once_in_order(kodi, servers, media, logged_in):
    punchplay = servers['punchplay']
    mark = kodi.log_mark()
    session = play_pause_resume_seek(kodi, punchplay, media.url,
                                     before_stop=lambda: punchplay.set_offline(True))
    time.sleep(3)  # the monitor tried and queued the stop
    before_restart = kodi.log_mark()
    kodi.restart()
    kodi.wait_for_log(r'\[%s\] service started' % ADDON_ID, since=before_restart, timeout=30)
    time.sleep(8)  # the outbox replays 5 s after the start, and fails: still offline
    assert [kind for kind, _ in session_events(punchplay, session)] == ['start', 'pause', 'resume', 'progress']
    assert 'Show Name S02E03 scrobbled' not in notifications_in(kodi.log_since(mark))  # queued is not delivered

    online = kodi.log_mark()
    punchplay.set_offline(False)
    wait_for(lambda: session_events(punchplay, session)[-1][0] == 'stop', 90, 'the replayed stop')
    events = session_events(punchplay, session)
    check_payloads(events, 'Show Name', 2, 3, {'imdb_id': None})
    stop_ids = [payload['event_id'] for kind, payload in punchplay.scrobbles if kind == 'stop'
                and payload['playback_session_id'] == session]
    assert len(stop_ids) == 1
    duplicates = [request for request in punchplay.requests if request.path == '/api/scrobble/stop'
                  and request.body.get('event_id') == stop_ids[0]]
    assert len(duplicates) == 1  # delivered once, never re-sent
    wait_for(lambda: 'Show Name S02E03 scrobbled' in notifications_in(kodi.log_since(online)), 20,
             'the notification after delivery')


def test_heartbeats_every_interval_while_playing_none_while_paused(kodi, servers, media, logged_in):
    punchplay = servers['punchplay']
    kodi.wait_no_player()
    known = len(punchplay.scrobbles)
    kodi.player_open(media.url)
    kodi.wait_for_player(timeout=40)
    wait_for(lambda: len(punchplay.scrobbles) > known, 30, 'the PunchPlay start')
    session = punchplay.scrobbles[known][1]['playback_session_id']
    wait_for(lambda: len(session_events(punchplay, session)) == 2, 20, 'a heartbeat')
    (_, start), (kind, beat) = session_events(punchplay, session)
    arrival = {request.body['event_id']: request.at for request in list(punchplay.requests)
               if request.method == 'POST' and request.path.startswith('/api/scrobble/') and request.status == 200}
    # 10 s apart; the fake notes each when it has read it, which on a busy machine can be a moment late
    assert kind == 'progress' and 8.0 <= arrival[beat['event_id']] - arrival[start['event_id']] <= 13.0
    assert 8 <= beat['position_seconds'] <= 13  # punchplay_heartbeat is 10 s here
    kodi.rpc('Player.PlayPause', {'playerid': 1, 'play': False})
    wait_for(lambda: session_events(punchplay, session)[-1][0] == 'pause', 20, 'the pause')
    time.sleep(12)
    assert [kind for kind, _ in session_events(punchplay, session)] == ['start', 'progress', 'pause']
    kodi.rpc('Player.Stop', {'playerid': 1})
    kodi.wait_no_player()
    wait_for(lambda: session_events(punchplay, session)[-1][0] == 'stop', 20, 'the stop')
    assert session_events(punchplay, session)[-1][1]['watched'] is False
