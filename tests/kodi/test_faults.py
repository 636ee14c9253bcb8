"""Issue 9 in a real Kodi: faults injected on purpose into the fake AIOStreams, Trakt and PunchPlay servers.

- Browsing and scraping while the backend is down, too slow, answering HTML or cut-off JSON, 429 or 5xx: a clear
  localized notification (read from kodi.log: debug logging is on), an ended (failed) directory or a failed
  resolve, nothing played, no traceback.
- Trakt and PunchPlay offline for a whole playback, then flapping (on and off every few hundred ms) while the queue
  is replayed: every event arrives once and in order, Trakt records no play twice (these stops are below the
  watched mark: none at all), no "scrobbled" notification for an unwatched stop.
- 401 with an expired token in the middle of a playback (both services refresh once and go on), 429 with
  Retry-After on the stop (sent again only after the wait).
- Kodi killed (kill -9) with events queued, then restarted: the queue survives and is delivered once.
  (Application.Quit with a queued stop is tests/kodi/test_scrobble.py.)
- A watched stop (past 90 %) whose answer is lost after Trakt and PunchPlay recorded it (answered only after the
  addon's timeout): the outbox sends it again, and still Trakt holds exactly one new play, PunchPlay one watched
  stop, and the "scrobbled" notification appears once.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import stat
import threading
import time

import pytest
from kodi_harness import ADDON_ID, REPO_ROOT, addon_strings, notifications_in, profile, wait_for
from playback_driver import drive_playback

P = 'plugin://%s' % ADDON_ID
STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
OUR_EPISODE = P + '/?action=play_first&content_type=series&imdb_id=tt2000001&season=1&episode=1'
OUR_MOVIE = P + '/?action=play_first&content_type=movie&imdb_id=tt1000001'
CATALOG = P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&skip=%d'
TIMEOUT = 3          # the `timeout` setting (its minimum): the slow backend answers after 6 s
PUNCHPLAY_TIMEOUT = 15  # addon.punchplay.client.TIMEOUT_SECONDS (fixed by the PunchPlay contract)
STREAM_TIMEOUT = 10  # `stream_timeout` (its minimum): the slow scrape answers after 13 s


@pytest.fixture(scope='module')
def trakt_options():
    return {'write_interval': 0.5}


@pytest.fixture(scope='module')
def kodi_settings(servers, service_settings):
    return dict(service_settings, base_url=servers['aio'].manifest_url, punchplay_heartbeat=30, debug_logging=True,
                timeout=TIMEOUT, stream_timeout=STREAM_TIMEOUT, download_subtitles=False)


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


# What the scenarios did, reported at the session end (conftest.py `figures`).
COUNTS = {'faults injected': 0, 'events sent': 0, 'events delivered once and in order': 0,
          'duplicate Trakt plays': 0, 'duplicate PunchPlay watched stops': 0}


@pytest.fixture(scope='module', autouse=True)
def counted(kodi, figures):
    """The service is running before the first scenario; the counts go to the session's figures at the end."""
    kodi.wait_for_log(r'\[%s\] service started' % ADDON_ID, timeout=30)
    yield
    figures.update(('fault scenarios: %s' % name, count) for name, count in COUNTS.items())


# ---- helpers ----------------------------------------------------------------------------------------------------

def queued(kodi) -> list:
    """(sink, kind) of the events waiting in the outbox, oldest first (read beside the running service)."""
    connection = sqlite3.connect(str(profile(kodi) / 'aiostreams.db'), timeout=10)
    try:
        return connection.execute('SELECT sink, kind FROM outbox ORDER BY id').fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        connection.close()


def wake_outbox(kodi):
    """What a new playback or the 60-second timer does: ask the service to replay the outbox now."""
    kodi.rpc('JSONRPC.NotifyAll', {'sender': ADDON_ID, 'message': 'wake', 'data': {'task': 'outbox'}})


def session_events(punchplay, session) -> list:
    return [(kind, payload) for kind, payload in list(punchplay.scrobbles) if payload['playback_session_id'] == session]


def trakt_plays(trakt, imdb) -> int:
    show = trakt.account.find_show({'imdb': imdb})
    return sum(1 for play in trakt.account.history
               if play['type'] == 'episode' and play['show'] == show['trakt'] and (play['season'], play['number'])
               == (1, 1))


def playback(kodi, url, during=None, before_stop=None):
    """Play `url`, pause, resume (calling `during` in between) and stop. Returns the log mark of the start."""
    mark = kodi.log_mark()
    drive_playback(kodi, url, started=lambda: kodi.wait_for_log(r'scrobble: tracking', since=mark, timeout=20),
                   steps=(('pause', during), ('resume', None)), before_stop=before_stop)
    return mark


# Offline, a queued stop makes the pause and resume of its playback stale: they are never sent
# (addon.core.outbox_policy).
QUEUED_PUNCHPLAY = ['start', 'stop']
QUEUED_TRAKT = ['/scrobble/start', '/scrobble/start', '/scrobble/stop']
LIVE_PUNCHPLAY = ['start', 'pause', 'resume', 'stop']
LIVE_TRAKT = ['/scrobble/start', '/scrobble/pause', '/scrobble/start', '/scrobble/stop']


def check_delivered_once_in_order(kodi, servers, session, imdb, plays_before, expected_punchplay,
                                  expected_trakt_requests):
    punchplay, trakt = servers['punchplay'], servers['trakt']
    events = session_events(punchplay, session)
    kinds = [kind for kind, _ in events]
    assert [kind for kind in kinds if kind != 'progress'] == expected_punchplay, kinds
    assert len({payload['event_id'] for _, payload in events}) == len(events)
    assert events[-1][1]['watched'] is False  # stopped early: progress only
    accepted = [request.path for request in trakt.requests if request.path.startswith('/scrobble/')
                and request.status in (200, 201) and (request.body or {}).get('show', {}).get('ids', {}).get(
                    'imdb') == imdb]
    assert accepted[-len(expected_trakt_requests):] == expected_trakt_requests, accepted
    COUNTS['duplicate Trakt plays'] += trakt_plays(trakt, imdb) - plays_before
    assert trakt_plays(trakt, imdb) == plays_before  # a stop below 80 %: paused progress, never a play
    COUNTS['events delivered once and in order'] += len(events) + len(expected_trakt_requests)


@contextlib.contextmanager
def backend_fault(aio, mode, matches, options):
    """The fake backend down (mode 'down') or answering `mode` once on each path in `matches`, for the block."""
    if mode == 'down':
        aio.go_down()
    else:
        for match in matches:
            aio.fail(mode, match=match, times=1, **options)
    COUNTS['faults injected'] += 1
    try:
        yield
    finally:
        aio.come_back()
        aio.clear_failures()


# ---- browsing -----------------------------------------------------------------------------------------------------

BROWSING_FAULTS = [
    ('down', {}, STRINGS[30322]),
    ('slow', {'delay': TIMEOUT + 3}, STRINGS[30323]),
    ('html', {}, STRINGS[30324]),
    ('truncated', {}, STRINGS[30324]),
    ('http_429', {}, STRINGS[30325]),
    ('http_500', {}, STRINGS[30328] % 500),
    ('reset', {}, STRINGS[30322]),
]


@pytest.mark.parametrize('index, mode, options, message',
                         [(index,) + fault for index, fault in enumerate(BROWSING_FAULTS)],
                         ids=[fault[0] for fault in BROWSING_FAULTS])
def test_browsing_faults_end_the_directory_with_a_clear_message(kodi, servers, index, mode, options, message):
    aio = servers['aio']
    assert kodi.invoke(P + '/movies')['items'], 'the manifest is cached before the fault'
    url = CATALOG % (1 + index)  # a page never visited: no cached copy hides the fault
    with backend_fault(aio, mode, ('/catalog/',), options):
        outcome = kodi.invoke(url, 'directory', timeout=40)
    assert outcome['items'] is None and outcome['error'] is not None  # Kodi was told the listing failed
    assert outcome['notifications'] == [message]
    assert outcome['dialogs'] == []
    assert kodi.invoke(url)['items'], 'the same page works once the backend is well again'


# ---- scraping -----------------------------------------------------------------------------------------------------

SCRAPING_FAULTS = [
    ('down', {}, STRINGS[30511]),
    ('slow', {'delay': STREAM_TIMEOUT + 3}, STRINGS[30510]),
    ('html', {}, STRINGS[30513]),
    ('truncated', {}, STRINGS[30513]),
    ('http_429', {}, STRINGS[30517]),
    ('http_500', {}, STRINGS[30512] % 'An unexpected error occurred'),
]


@pytest.mark.parametrize('mode, options, message', SCRAPING_FAULTS, ids=[fault[0] for fault in SCRAPING_FAULTS])
def test_scraping_faults_fail_the_play_once_with_a_clear_message(kodi, servers, mode, options, message):
    with backend_fault(servers['aio'], mode, ('/api/v1/search', '/stream/'), options):
        outcome = kodi.invoke(OUR_MOVIE, 'play', timeout=60)
    assert outcome['played'] is None
    assert outcome['notifications'] == [message]
    assert 'play failed: %s' % message in outcome['log']


# ---- Trakt and PunchPlay ------------------------------------------------------------------------------------------

def test_offline_for_a_whole_playback_then_flapping_during_replay(kodi, servers):
    punchplay, trakt = servers['punchplay'], servers['trakt']
    plays_before = trakt_plays(trakt, 'tt2000001')
    known = len(punchplay.scrobbles)
    for server in (punchplay, trakt):
        server.set_offline(True)
    COUNTS['faults injected'] += 2
    mark = playback(kodi, OUR_EPISODE)
    wait_for(lambda: ('punchplay', 'stop') in queued(kodi) and ('trakt', 'scrobble_stop') in queued(kodi), 20,
             'both stops queued')
    waiting = queued(kodi)
    assert [kind for sink, kind in waiting if sink == 'punchplay'] == QUEUED_PUNCHPLAY
    assert ['/scrobble/' + kind.split('_')[1] for sink, kind in waiting if sink == 'trakt'] == QUEUED_TRAKT
    COUNTS['events sent'] += len(waiting)
    assert len(punchplay.scrobbles) == known

    flapping = threading.Event()

    def flap():
        online = False
        while not flapping.is_set():
            online = not online
            for server in (punchplay, trakt):
                server.set_offline(not online)
            COUNTS['faults injected'] += 1
            time.sleep(0.35)
        for server in (punchplay, trakt):
            server.set_offline(False)

    flipper = threading.Thread(target=flap, daemon=True)
    flipper.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            wake_outbox(kodi)
            time.sleep(0.3)
    finally:
        flapping.set()
        flipper.join()
    wait_for(lambda: (wake_outbox(kodi) or True) and not queued(kodi), 40, 'the whole queue delivered', poll=1.0)
    session = punchplay.scrobbles[known][1]['playback_session_id']
    check_delivered_once_in_order(kodi, servers, session, 'tt2000001', plays_before, QUEUED_PUNCHPLAY, QUEUED_TRAKT)
    log = kodi.log_since(mark)
    assert 'Sample Show S01E01 scrobbled' not in notifications_in(log)  # an unwatched stop is no scrobble


def test_expired_tokens_mid_playback_and_429_with_retry_after_on_the_stop(kodi, servers):
    punchplay, trakt = servers['punchplay'], servers['trakt']
    plays_before = trakt_plays(trakt, 'tt2000001')
    known = len(punchplay.scrobbles)
    refreshes = (punchplay.count('/api/auth/refresh'), trakt.count('/oauth/token'))

    def expire_tokens():
        punchplay.expire_access_tokens()
        for token in trakt.tokens.values():
            token['expires_in'] = 0
        COUNTS['faults injected'] += 2

    def rate_limit_the_stop():
        punchplay.fail(r'^/api/scrobble/stop$', 429, times=1, headers={'Retry-After': '4'})
        trakt.fail(r'^/scrobble/stop$', 429, times=1, headers={'Retry-After': '4'})
        COUNTS['faults injected'] += 2

    playback(kodi, OUR_EPISODE, during=expire_tokens, before_stop=rate_limit_the_stop)
    wait_for(lambda: any(request.status == 429 for request in punchplay.requests[-6:]), 20, 'the 429 on the stop')
    limited_at = [request.at for request in punchplay.requests if request.status == 429][-1]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and queued(kodi):
        wake_outbox(kodi)
        time.sleep(0.5)
    assert not queued(kodi)
    session = punchplay.scrobbles[known][1]['playback_session_id']
    stops = [request for request in punchplay.requests if request.path == '/api/scrobble/stop'
             and request.status == 200 and request.body['playback_session_id'] == session]
    assert len(stops) == 1 and stops[0].at - limited_at >= 3.5  # not before Retry-After
    COUNTS['events sent'] += len(LIVE_PUNCHPLAY) + len(LIVE_TRAKT)
    check_delivered_once_in_order(kodi, servers, session, 'tt2000001', plays_before, LIVE_PUNCHPLAY, LIVE_TRAKT)
    assert punchplay.count('/api/auth/refresh') == refreshes[0] + 1 and trakt.count('/oauth/token') == refreshes[1] + 1
    for name in ('trakt_token.json', 'punchplay_token.json'):
        path = profile(kodi) / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        token = json.loads(path.read_text(encoding='utf-8'))
        assert token['access_token'] and not token.get('reauth_required'), name


def test_kill_9_with_events_queued_then_restart_delivers_them_once(kodi, servers):
    punchplay, trakt = servers['punchplay'], servers['trakt']
    plays_before = trakt_plays(trakt, 'tt2000001')
    known = len(punchplay.scrobbles)
    for server in (punchplay, trakt):
        server.set_offline(True)
    playback(kodi, OUR_EPISODE)
    wait_for(lambda: ('punchplay', 'stop') in queued(kodi) and ('trakt', 'scrobble_stop') in queued(kodi), 20,
             'both stops queued')
    waiting = queued(kodi)
    COUNTS['events sent'] += len(waiting)

    os.killpg(kodi.process.pid, signal.SIGKILL)  # no Application.Quit: nothing gets a chance to clean up
    COUNTS['faults injected'] += 1
    kodi.process.wait(20)
    kodi.shutdown()
    assert queued(kodi) == waiting, 'the queue is on disk before Kodi dies'
    restarted = kodi.log_mark()
    kodi.start()
    kodi.wait_for_log(r'\[%s\] service started' % ADDON_ID, since=restarted, timeout=30)
    for server in (punchplay, trakt):
        server.set_offline(False)
    wait_for(lambda: (wake_outbox(kodi) or True) and not queued(kodi), 40, 'the queue delivered after the restart',
             poll=1.0)
    session = punchplay.scrobbles[known][1]['playback_session_id']
    check_delivered_once_in_order(kodi, servers, session, 'tt2000001', plays_before, QUEUED_PUNCHPLAY, QUEUED_TRAKT)
    stop_requests = [request for request in punchplay.requests if request.path == '/api/scrobble/stop'
                     and request.body.get('playback_session_id') == session]
    assert len(stop_requests) == 1  # sent once: never before the crash, once after


def test_a_watched_stop_whose_answer_is_lost_is_sent_again_and_counted_once(kodi, servers):
    punchplay, trakt = servers['punchplay'], servers['trakt']
    plays_before = trakt_plays(trakt, 'tt2000001')
    known, trakt_known = len(punchplay.scrobbles), len(trakt.requests)
    kodi.wait_no_player()
    mark = kodi.log_mark()
    kodi.player_open(OUR_EPISODE)
    kodi.wait_for_player(timeout=40)
    wait_for(lambda: len(punchplay.scrobbles) > known, 30, 'the PunchPlay start')
    session = punchplay.scrobbles[known][1]['playback_session_id']
    time.sleep(2)
    kodi.rpc('Player.Seek', {'playerid': 1, 'value': {'percentage': 90}})  # past the watched mark (90 %)
    wait_for(lambda: session_events(punchplay, session)[-1][0] == 'progress', 20, 'the PunchPlay progress')
    time.sleep(1)
    # Both servers act on the stop at once but answer only after the addon stopped waiting.
    trakt.slow(r'^/scrobble/stop$', TIMEOUT + 3)
    punchplay.slow(r'^/api/scrobble/stop$', PUNCHPLAY_TIMEOUT + 3)
    COUNTS['faults injected'] += 2
    kodi.rpc('Player.Stop', {'playerid': 1})
    kodi.wait_no_player()

    wait_for(lambda: session_events(punchplay, session)[-1][0] == 'stop', 30, 'the PunchPlay stop recorded')
    # recorded, though the addon saw no answer
    wait_for(lambda: trakt_plays(trakt, 'tt2000001') == plays_before + 1, 90, 'the Trakt stop recorded')
    wait_for(lambda: (wake_outbox(kodi) or True) and not queued(kodi), 90, 'the stops sent again', poll=1.0)
    time.sleep(3)
    wake_outbox(kodi)  # one more replay: nothing may be sent a third time
    time.sleep(2)

    events = session_events(punchplay, session)
    kinds = [kind for kind, _ in events]
    assert kinds == ['start', 'progress', 'stop'], kinds
    stop = events[-1][1]
    assert stop['watched'] is True and stop['progress'] >= 0.9
    stop_requests = [request for request in punchplay.requests if request.path == '/api/scrobble/stop'
                     and request.body.get('playback_session_id') == session]
    assert [request.body['event_id'] for request in stop_requests] == [stop['event_id']] * 2  # the same event again
    assert [request.answer.get('duplicate', False) for request in stop_requests] == [False, True]
    # Sent again only once the first one timed out. The fake notes a request when it has read it, which on a busy
    # machine is a moment after the add-on sent it (and started its timeout): 1 s of slack, where a resend before
    # the timeout would come at once.
    assert stop_requests[1].at - stop_requests[0].at >= PUNCHPLAY_TIMEOUT - 1

    ours = [request for request in trakt.requests[trakt_known:] if request.path.startswith('/scrobble/')
            and (request.body or {}).get('show', {}).get('ids', {}).get('imdb') == 'tt2000001']
    assert [(request.path, request.status) for request in ours] == [
        ('/scrobble/start', 201), ('/scrobble/start', 201), ('/scrobble/stop', 201), ('/scrobble/stop', 409)], \
        [(request.path, request.status) for request in ours]  # the second stop: "already scrobbled", a success
    assert ours[-1].body == ours[-2].body
    assert not [request for request in trakt.requests[trakt_known:] if request.path == '/sync/history'
                and request.method == 'POST']  # no extra history add after a stop >= 80 %
    plays = trakt_plays(trakt, 'tt2000001')
    COUNTS['duplicate Trakt plays'] += plays - (plays_before + 1)
    COUNTS['duplicate PunchPlay watched stops'] += sum(1 for kind, payload in events
                                                       if kind == 'stop' and payload['watched']) - 1
    assert plays == plays_before + 1
    COUNTS['events sent'] += len(events) + 3
    COUNTS['events delivered once and in order'] += len(events) + 3

    log = kodi.log_since(mark)
    assert notifications_in(log).count('Sample Show S01E01 scrobbled') == 1
