"""Issue 13.5 in a real Kodi: Kodi can always quit. `Application.Quit` returns and Kodi's process ends within 5 s
(a) while the service's Trakt thread waits on a 60 s Retry-After, and (b) while the first sync of a large account
is running. After each quit the database is intact (PRAGMA integrity_check) and the scrobble events queued before
it are still queued after the restart.

Before the fix (time.sleep in the Trakt client's retry loop) Kodi was still running 60 s after quit (a): its
log says "script didn't stop in 5 seconds - let's kill it", and the sleeping thread kept the process alive.
"""
from __future__ import annotations

import sqlite3
import subprocess
import time

import pytest
from kodi_harness import ADDON_ID, TRAKT_SYNC_STATE, KodiError, profile, wait_for
from playback_driver import drive_playback

from tests.fakes.trakt_generator import large_account

P = 'plugin://%s' % ADDON_ID
OUR_EPISODE = P + '/?action=play_first&content_type=series&imdb_id=tt2000001&season=1&episode=1'
QUIT_LIMIT_SECONDS = 5.0
pytestmark = pytest.mark.kodi_crash_is_a_failure  # a crash on quit is what these scenarios look for
SEASONS_ANSWER_SECONDS = 0.1


@pytest.fixture(scope='module')
def trakt_account():
    """The large generated account (its first sync takes seconds in Kodi), plus the Sample Show the fake
    AIOStreams plays."""
    account = large_account()
    aired = time.time() - 30 * 86400
    account.add_show(990001, 'Sample Show', 2019, {1: [('Pilot', aired), ('Second', aired)]}, imdb='tt2000001')
    return account


@pytest.fixture(scope='module')
def kodi_settings(servers, service_settings):
    """No Trakt scrobbling: queued Trakt writes would hold the sync back (it waits for them)."""
    return dict(service_settings, base_url=servers['aio'].manifest_url, trakt_scrobble=False)


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


@pytest.fixture(scope='module')
def queued_scrobbles(kodi, servers):
    """One play of our episode while PunchPlay is offline (it stays offline): its scrobbles wait in the outbox.
    Returns their (sink, kind, payload) rows."""
    servers['punchplay'].set_offline(True)
    drive_playback(kodi, OUR_EPISODE, started=lambda: wait_for(lambda: outbox(kodi), 90, 'the start in the outbox'))
    wait_for(lambda: [kind for _, kind, _ in outbox(kodi)][-1:] == ['stop'], 90, 'the stop in the outbox')
    return outbox(kodi)


def database(kodi):
    return profile(kodi) / 'aiostreams.db'


def outbox(kodi) -> list:
    connection = sqlite3.connect('file:%s?mode=ro' % database(kodi), uri=True, timeout=30)
    try:
        return connection.execute('SELECT sink, kind, payload FROM outbox ORDER BY id').fetchall()
    finally:
        connection.close()


def integrity(kodi) -> str:
    connection = sqlite3.connect(str(database(kodi)), timeout=30)
    try:
        return connection.execute('PRAGMA integrity_check').fetchone()[0]
    finally:
        connection.close()


def ask_for_sync(kodi):
    """What "Sync now" does without its dialog: the request flag on the Home window, then a wake-up of the task."""
    kodi.builtin('SetProperty(AIOStreams.Trakt.SyncRequest,%s,home)' % time.time())
    kodi.rpc('JSONRPC.NotifyAll', {'sender': ADDON_ID, 'message': 'wake', 'data': {'task': 'trakt_sync'}})


def quit_seconds(kodi) -> float:
    """Application.Quit, then the time until Kodi's process has ended (the harness then tidies up)."""
    asked = time.monotonic()
    try:
        kodi.rpc('Application.Quit', timeout=QUIT_LIMIT_SECONDS)
    except (KodiError, OSError) as error:  # Kodi may close the connection as it goes
        print('Application.Quit: %s' % error)
    try:
        kodi.process.wait(60)
    except subprocess.TimeoutExpired:
        pass
    seconds = time.monotonic() - asked
    kodi.shutdown()
    # Kodi 20 crashed on its way out when the interpreter ended under a thread of ours still in a request (its
    # wrapper then spent seconds writing a crash log).
    assert not list(kodi.home.glob('kodi_crashlog*.log')), 'Kodi crashed while quitting'
    return seconds


def restart_and_check(kodi, queued):
    assert integrity(kodi) == 'ok'
    assert outbox(kodi) == queued
    mark = kodi.log_mark()
    kodi.start()
    kodi.wait_for_log(r'%s.*service started' % ADDON_ID, since=mark, timeout=60)
    time.sleep(8)  # past the outbox's first replay, which fails again
    assert outbox(kodi) == queued


def test_kodi_quits_within_5_s_while_a_60_s_retry_after_is_waited(kodi, servers, queued_scrobbles):
    trakt = servers['trakt']
    trakt.fail('/sync/last_activities', 429, headers={'Retry-After': '60'})
    mark = kodi.log_mark()
    ask_for_sync(kodi)
    kodi.wait_for_log(r'Trakt rate limit: waiting 60 s', since=mark, timeout=60)
    time.sleep(1)
    seconds = quit_seconds(kodi)
    print('quit during a 60 s Retry-After: %.1f s' % seconds)
    assert seconds <= QUIT_LIMIT_SECONDS
    assert trakt.count('/sync/last_activities') == 1  # not sent again after the quit
    restart_and_check(kodi, queued_scrobbles)


def test_kodi_quits_within_5_s_during_the_first_sync_of_a_large_account(kodi, servers, queued_scrobbles):
    """Each show's seasons answered in 0.1 s, as a real server might: the sync (330 shows) still runs when Kodi,
    seconds after Application.Quit, tells its services to stop."""
    trakt = servers['trakt']
    trakt.clear_log()
    trakt.slow(r'^/shows/\d+/seasons$', SEASONS_ANSWER_SECONDS, times=100000)
    ask_for_sync(kodi)
    wait_for(lambda: trakt.count('/shows/') >= 5, 60, 'the first sync under way')
    assert kodi.info_labels([TRAKT_SYNC_STATE])[TRAKT_SYNC_STATE] == 'running'
    seconds = quit_seconds(kodi)
    asked = len(trakt.requests)
    print('quit during the first sync of the large account (%d requests in): %.1f s' % (asked, seconds))
    assert seconds <= QUIT_LIMIT_SECONDS
    assert trakt.count('/sync/collection/') == 0  # the sync stopped in its watched shows: it did not run on
    restart_and_check(kodi, queued_scrobbles)
