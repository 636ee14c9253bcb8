"""PunchPlay pull sync and tools against the fake server (real HTTP): what lands in the local play state, the cursor,
one request when nothing changed, malformed answers, 401, offline, Sync now, Test connection, Status, Clear queue."""
from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

from addon.platform import outbox as outbox_store
from addon.platform import playstate
from addon.punchplay import client, pull_sync, sync_state, tools
from tests.integration.test_punchplay import logged_in, messages, server  # noqa: F401  (fixture)


def sync_requests(server):
    return [request for request in server.requests if request.path == '/api/scrobble/sync']


def messages(kodi):
    return [note['message'] for note in kodi.notifications]


def add_history(server):
    server.add_sync_item('movies', imdb_id='tt1375666', tmdb_id=27205, title='Inception')
    server.add_sync_item('episodes', show_imdb_id='tt0903747', show_tmdb_id=1396, season=1, episode=2)
    server.add_sync_item('in_progress', media_type='movie', tmdb_id=550, position_seconds=1800,
                         duration_seconds=8340)
    server.add_sync_item('in_progress', media_type='episode', show_imdb_id='tt0903747', season=1, episode=3,
                         position_seconds=900.5, duration_seconds=2880)


def test_remote_history_becomes_watched_marks_and_resume_points(server, kodi):
    logged_in(server)
    add_history(server)
    result = pull_sync.run()
    assert (result.outcome, result.watched, result.resume) == ('done', 2, 2)
    assert playstate.watched_keys(['movie:tt1375666', 'episode:tt0903747:1:2', 'movie:tmdb:550']) == {
        'movie:tt1375666', 'episode:tt0903747:1:2'}
    assert playstate.resume_point('movie:tmdb:550') == (1800.0, 8340.0)
    assert playstate.resume_point('episode:tt0903747:1:3') == (900.5, 2880.0)
    assert sync_requests(server)[0].headers['authorization'].startswith('Bearer ')
    assert server.sync_sinces == [None]   # the first pull asks for the whole history


def test_the_cursor_is_kept_per_account_and_a_pull_with_nothing_new_costs_one_request(server, kodi):
    logged_in(server)
    add_history(server)
    before = int(time.time() * 1000)
    pull_sync.run()
    cursor = sync_state.cursor('tester')
    assert cursor >= before
    server.clear_log()
    result = pull_sync.run()
    assert result.outcome == 'unchanged'
    assert len(server.requests) == 1 and server.sync_sinces[-1] == cursor - 3600 * 1000
    assert sync_state.cursor('another') is None


def test_a_play_newer_on_this_device_is_kept(server, kodi):
    logged_in(server)
    server.add_sync_item('movies', imdb_id='tt1375666', watched_at='2026-01-01T00:00:00Z')
    playstate.save_position('movie:tt1375666', 1200.0, 8880.0)   # now: newer than the remote watch
    assert pull_sync.run().outcome == 'unchanged'
    assert playstate.resume_point('movie:tt1375666') == (1200.0, 8880.0)
    assert not playstate.watched_keys(['movie:tt1375666'])


def test_a_malformed_answer_changes_nothing_and_keeps_the_cursor(server, kodi):
    logged_in(server)
    add_history(server)
    server.fail('^/api/scrobble/sync$', 200, body={'movies': [{'imdb_id': 'tt1', 'watched_at': ISO}],
                                                      'in_progress': 'broken'})
    assert pull_sync.run().outcome == 'malformed'
    assert not playstate.watched_keys(['movie:tt1', 'movie:tt1375666'])
    assert sync_state.cursor('tester') is None
    assert pull_sync.run().outcome == 'done'   # the next pull asks for the same history again


ISO = '2026-07-01T00:00:00Z'


def test_a_refused_token_pauses_punchplay_until_a_new_login(server, kodi):
    tokens = logged_in(server)
    server.expire_access_tokens()
    server.refresh_tokens[tokens['refresh_token']] = False   # the refresh is refused too
    assert pull_sync.run().outcome == 'unauthorized'
    assert client.token_store().load().get('reauth_required')
    server.clear_log()
    assert pull_sync.run().outcome == 'not_logged_in' and server.requests == []


def test_sync_now_offline_says_so_and_loses_nothing(server, kodi):
    logged_in(server)
    outbox_store.enqueue('punchplay', 'stop', {'media_type': 'movie', 'title': 'x'}, wake=False)
    playstate.save_position('movie:tt1', 600.0, 3600.0)
    server.set_offline(True)
    kodi.run_plugin('plugin://plugin.video.aiostreams/?action=punchplay_sync', handle=-1)
    assert messages(kodi) == ['PunchPlay.tv did not answer (no network?). Nothing was lost: the next sync catches '
                              'up.']
    assert outbox_store.pending('punchplay') == 1 and playstate.resume_point('movie:tt1') == (600.0, 3600.0)
    [bar] = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'progress_bg']
    assert bar['closed']


def test_sync_now_shows_a_background_bar_and_the_counts(server, kodi):
    logged_in(server)
    add_history(server)
    kodi.run_plugin('plugin://plugin.video.aiostreams/punchplay/sync', handle=-1)
    assert messages(kodi) == ['PunchPlay.tv synced: 2 watched, 2 to resume']
    assert [dialog['kind'] for dialog in kodi.dialogs] == ['progress_bg']
    kodi.run_plugin('plugin://plugin.video.aiostreams/?action=punchplay_sync', handle=-1)
    assert messages(kodi)[-1] == 'PunchPlay.tv synced: nothing new'


def test_sync_now_without_a_login_says_so(server, kodi):
    tools.sync_now()
    assert messages(kodi) == ['You are not logged in to PunchPlay.tv.'] and server.requests == []


def test_the_service_task_pulls_only_when_logged_in(server, kodi):
    [task] = pull_sync.tasks()
    assert task.name == 'punchplay_sync' and task.interval == 300
    task.action()
    assert server.requests == []
    logged_in(server)
    add_history(server)
    task.action()
    assert playstate.watched_keys(['movie:tt1375666'])


# ---- tools ---------------------------------------------------------------------------------------------------

def test_test_connection_shows_the_account_name(server, kodi):
    logged_in(server)
    kodi.answer('ok', True)
    kodi.answer('ok', True)
    assert tools.test_connection() == 'Connected to PunchPlay.tv as tester.'
    server.set_offline(True)
    assert tools.test_connection().startswith('Could not reach PunchPlay.tv: ')


def test_test_connection_without_a_login(server, kodi):
    kodi.answer('ok', True)
    assert tools.test_connection() == 'You are not logged in to PunchPlay.tv.'


def test_status_names_the_account_the_queue_per_kind_the_last_delivery_and_error(server, kodi):
    logged_in(server)
    for kind in ('start', 'progress', 'progress'):
        outbox_store.enqueue('punchplay', kind, {'media_type': 'movie'}, wake=False)
    text = tools.status_text()
    assert 'Logged in as: tester' in text
    assert 'Waiting to be sent: progress 2, start 1' in text
    assert 'Last delivery: never' in text and 'Last error: none' in text
    assert 'Last sync from PunchPlay.tv: never (-)' in text
    pull_sync.run()
    assert tools.status_text().endswith('(nothing new)')
    server.fail('^/api/scrobble/', 503)
    outbox_store.replay('punchplay')
    text = tools.status_text()
    assert 'Last error: start: ' in text and 'HTTP 503' in text


def test_clear_queue_asks_first(server, kodi):
    logged_in(server)
    outbox_store.enqueue('punchplay', 'stop', {'media_type': 'movie'}, wake=False)
    kodi.answer('yesno', False)
    assert tools.clear_queue() == 0 and outbox_store.pending('punchplay') == 1
    kodi.answer('yesno', True)
    assert tools.clear_queue() == 1 and outbox_store.pending('punchplay') == 0


# ---- Continue Watching without Trakt ----------------------------------------------------------------------------

def test_without_trakt_the_main_menu_offers_continue_watching_of_the_local_resume_points(server, kodi):
    main = kodi.run_plugin('plugin://plugin.video.aiostreams/')
    assert 'Continue Watching' not in main.labels
    logged_in(server)
    add_history(server)
    pull_sync.run()
    playstate.save_position('movie:tt0000042', 300.0, 3600.0)   # played here after the sync: listed first
    main = kodi.run_plugin('plugin://plugin.video.aiostreams/')
    assert 'Continue Watching' in main.labels
    listing = kodi.run_plugin('plugin://plugin.video.aiostreams/?action=continue_watching')
    assert listing.succeeded
    shown = [(parse_qs(urlsplit(item.url).query).get('imdb_id'), parse_qs(urlsplit(item.url).query).get('episode'),
              item.listitem.getVideoInfoTag().getResumeTime()) for item in listing.items]
    assert shown[0] == (['tt0000042'], None, 300.0)   # the newest first
    assert sorted(shown[1:], key=str) == [(['tmdb:550'], None, 1800.0), (['tt0903747'], ['3'], 900.5)]
