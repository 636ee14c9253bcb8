"""Several Kodi interpreters on one profile at once, as in a real Kodi: the service syncs Trakt and replays the
outbox while plugin invocations (each a fresh interpreter that opens the database and checks its migrations) mark
titles watched, render Trakt lists, ask Trakt for similar titles and write play state and stream statistics. The
access token is short-lived, so the processes race to refresh it (Trakt's refresh tokens are single use).

Expected: no "database is locked" or any other failure in any process, no lost token refresh (every refresh Trakt
saw was accepted, the stored token still works and its refresh token is still valid), every write delivered
exactly once, and the schema intact (integrity check, same tables and versions as a freshly built file).
"""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
import traceback
from xml.sax.saxutils import escape

import pytest

from addon import kodi as kodi_door
from addon.platform import db, storage
from addon.platform import outbox as outbox_store
from addon.trakt import client as trakt_client
from tests.fakes.aiostreams_fixture import reset_http_sessions
from tests.fakes.trakt_generator import small_account
from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET, FakeTraktServer

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECONDS = 8.0
PLUGIN_PROCESSES = 3
TOKEN_LIFETIME = 3   # seconds: a refresh is due about every 2.7 s, raced by every process
P = 'plugin://plugin.video.aiostreams'
PROBLEMS = ('database is locked', 'unhandled error', 'Traceback', 'malformed', 'invalid_grant', 'refused the token')


# ---- the other interpreters -----------------------------------------------------------------------------------------

def _fake_kodi(repo, special_profile):
    import sys
    for path in (repo, os.path.join(repo, 'kodi-stubs')):
        if path not in sys.path:
            sys.path.insert(0, path)
    import fakekodi
    fakekodi.reset(addon_root=repo, profile_dir=special_profile, home_dir=special_profile + '-home')
    return fakekodi


def _problems(fake) -> list:
    return [message for level, message in fake.log_lines
            if level >= 2 and any(problem in message for problem in PROBLEMS)]


def service_process(arguments) -> dict:
    """The service: its Trakt thread syncs over and over while a delivery thread replays the outbox."""
    import threading
    repo, special_profile, seconds = arguments
    fake = _fake_kodi(repo, special_profile)
    from addon.platform import outbox as outbox_store
    from addon.trakt import service_tasks
    found = {'cycles': 0, 'delivered': 0, 'failures': []}
    deadline = time.monotonic() + seconds

    def loop(job, counter):
        while time.monotonic() < deadline:
            try:
                found[counter] += job()
            except Exception:  # collected for the test's report
                found['failures'].append(traceback.format_exc())
            time.sleep(0.05)

    threads = [threading.Thread(target=loop, args=(lambda: service_tasks.sync_now() is not None, 'cycles')),
               threading.Thread(target=loop, args=(lambda: outbox_store.replay('trakt'), 'delivered'))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found['problems'] = _problems(fake)
    return found


def plugin_process(arguments) -> dict:
    """Plugin invocations one after the other, each on a freshly opened database like a new interpreter: marks,
    lists, similar titles, the "Sync now" fallback, play state and stream statistics."""
    repo, special_profile, seconds, worker, movies = arguments
    fake = _fake_kodi(repo, special_profile)
    from addon import plugin_entry as routes
    from addon.platform import db, playstate
    from addon.play import reliability
    from addon.trakt import service_tasks
    found = {'runs': 0, 'marked': [], 'failures': []}
    pending = list(movies)
    started = time.monotonic()
    step = 0
    while time.monotonic() < started + seconds:
        db.close()
        step += 1
        try:
            # marks in the second half: the service's sync cycles (postponed while writes wait) get the first
            if step % 4 == 1 and pending and time.monotonic() > started + seconds / 2:
                imdb = pending.pop(0)
                _run(fake, routes, '/?action=trakt_mark_watched&media_type=movie&imdb_id=%s' % imdb, step)
                found['marked'].append(imdb)
            elif step % 4 == 2:
                listing = _run(fake, routes, '/trakt/next_up', step)
                assert listing.succeeded, 'Next Up failed'
            elif step % 8 == 3:
                # "Sync now" when no service answers runs the cycle in the plugin process, with the token
                service_tasks.sync_now()
            elif step % 4 == 3:
                _run(fake, routes, '/?action=show_related&content_type=movie&imdb_id=%s' % movies[0], step)
            else:
                key = 'movie:worker%d-%d' % (worker, step)
                playstate.save_position(key, step, 1000)
                reliability.record_outcome('provider|%d' % (step % 3), step % 2 == 0)
                assert playstate.resume_point(key) == (float(step), 1000.0)
            found['runs'] += 1
        except BaseException:  # an UnexpectedDialog is a BaseException too; all collected for the report
            found['failures'].append(traceback.format_exc())
    found['problems'] = _problems(fake) + [message for message in fake.errors()
                                           if 'invalid handle' in message or 'unhandled' in message]
    return found


def _run(fake, routes, path, handle):
    return fake.run_plugin(P + path, handle=handle, entry=routes.run)


# ---- the test ------------------------------------------------------------------------------------------------------

def write_settings(folder, values):
    os.makedirs(folder, exist_ok=True)
    lines = ['<settings version="2">'] + ['    <setting id="%s">%s</setting>' % (escape(key), escape(str(value)))
                                          for key, value in values.items()] + ['</settings>']
    with open(os.path.join(folder, 'settings.xml'), 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(lines) + '\n')


def schema_of(path) -> set:
    connection = sqlite3.connect(path)
    try:
        return set(connection.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        connection.close()


@pytest.fixture
def trakt_server(kodi):
    reset_http_sessions()
    # answering a refresh takes a while: other processes find the token due in the meantime
    server = FakeTraktServer(small_account(), token_lifetime=TOKEN_LIFETIME, write_interval=1.0,
                             refresh_delay=0.4).start()
    yield server
    server.stop()
    db.close()
    reset_http_sessions()


def test_the_service_and_plugin_invocations_share_the_database_and_the_token(kodi, trakt_server, tmp_path, figures):
    server = trakt_server
    profile = kodi_door.profile_dir()
    special_profile = os.path.dirname(os.path.dirname(profile.rstrip('/')))
    settings = {'trakt_api_url': server.url, 'trakt_client_id': CLIENT_ID, 'trakt_client_secret': CLIENT_SECRET,
                'punchplay_url': 'http://127.0.0.1:9'}
    write_settings(profile, settings)
    for key, value in settings.items():
        kodi.set_setting(key, value)
    token = dict(server.issue_token(expires_in=TOKEN_LIFETIME), username=server.account.username)
    trakt_client.token_store().save(token)
    movies = sorted(movie['ids']['imdb'] for movie in server.account.movies.values() if movie['ids'].get('imdb'))
    per_worker = [movies[worker::PLUGIN_PROCESSES][:3] for worker in range(PLUGIN_PROCESSES)]
    plays_before = {imdb: _plays(server, imdb) for imdb in movies}

    context = multiprocessing.get_context('spawn')
    with context.Pool(1 + PLUGIN_PROCESSES) as pool:
        service = pool.apply_async(service_process, ((REPO, special_profile, SECONDS),))
        plugins = [pool.apply_async(plugin_process, ((REPO, special_profile, SECONDS, worker, per_worker[worker]),))
                   for worker in range(PLUGIN_PROCESSES)]
        service, plugins = service.get(120), [result.get(120) for result in plugins]

    report = [failure for result in [service] + plugins for failure in result['failures'] + result['problems']]
    assert report == [], '\n\n'.join(report)
    assert service['cycles'] >= 1 and all(result['runs'] >= 8 for result in plugins), (service, plugins)
    figures['concurrency: sync cycles, events replayed by the service, runs of each plugin process, token refreshes'] \
        = '%d, %d, %s, %d' % (service['cycles'], service['delivered'], [result['runs'] for result in plugins],
                              len([request for request in server.requests if request.path == '/oauth/token']))

    # no lost refresh: every refresh Trakt saw was accepted, and the stored token still works and can be refreshed
    refreshes = [request for request in server.requests if request.path == '/oauth/token']
    assert refreshes and all(request.status == 200 for request in refreshes), [r.status for r in refreshes]
    stored = trakt_client.token_store().load()
    assert not stored.get('reauth_required')
    assert stored['refresh_token'] in server.refresh_tokens
    assert server.tokens[stored['access_token']]['revoked'] is False

    # every write delivered exactly once (what the service did not send in time goes now)
    deadline = time.monotonic() + 60
    while outbox_store.pending('trakt') and time.monotonic() < deadline:
        outbox_store.replay('trakt')
        time.sleep(0.2)
    assert outbox_store.pending('trakt') == 0
    marked = [imdb for result in plugins for imdb in result['marked']]
    assert marked and len(set(marked)) == len(marked)
    for imdb in movies:
        assert _plays(server, imdb) - plays_before[imdb] == (1 if imdb in marked else 0), imdb

    # the schema is intact and exactly what a fresh file holds
    path = os.path.join(profile, db.DB_FILE)
    storage.open_db()
    assert db.database.execute_sql('PRAGMA integrity_check').fetchone()[0] == 'ok'
    versions = dict(db.SchemaVersion.select(db.SchemaVersion.component, db.SchemaVersion.version).tuples())
    db.close()
    fresh = str(tmp_path / 'fresh.db')
    db.open_database(fresh)
    assert versions == dict(db.SchemaVersion.select(db.SchemaVersion.component,
                                                    db.SchemaVersion.version).tuples())
    db.close()
    assert schema_of(path) == schema_of(fresh)


def _plays(server, imdb) -> int:
    movie = server.account.find_movie({'imdb': imdb})
    return sum(1 for play in server.account.history if play['type'] == 'movie' and play['movie'] == movie['trakt'])
