"""Issue 18 in a real Kodi 20.1, for a user of PunchPlay.tv without Trakt: what was watched on other devices (the fake
PunchPlay's GET /api/scrobble/sync) shows watched and resumable in our listings and in Continue Watching after "Sync
now", and "Mark watched / unwatched" from our context menu reaches PunchPlay (/api/scrobble/import)."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from kodi_harness import ADDON_ID, wait_for
from test_surfaces import choose, context_menu, focus, run_script

P = 'plugin://%s' % ADDON_ID
CATALOG = P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top'
EPISODES = P + '/episodes?meta_id=tt2000001&season=1&content_type=series'
CONTINUE = P + '/?action=continue_watching'


@pytest.fixture(scope='module')
def kodi_settings(service_settings, servers):
    return dict(service_settings, base_url=servers['aio'].manifest_url)


@pytest.fixture(scope='module')
def kodi_tokens(servers):
    """Logged in to PunchPlay only: overlays and resume points must not need Trakt."""
    return {'punchplay_token.json': servers['punchplay'].issue_token()}


def names(url, ident) -> bool:
    """Whether a play URL of ours names the title `ident` (tt.. as imdb_id, tmdb:.. as meta_id)."""
    query = url + '&'
    return 'imdb_id=%s&' % ident in query or 'meta_id=%s&' % quote(ident, safe='') in query


def state_of(kodi, url, ident, season=None, episode=None):
    """(play count, resume position) our listing at `url` gives the title `ident` (or its episode); the test fails,
    naming what was listed, when the title is not there."""
    listing = kodi.list_directory(url, properties=('playcount', 'resume', 'season', 'episode'))
    assert listing['items'] is not None, 'Kodi could not list %s: %s, dialogs %s' % (
        url, listing['error'], listing['dialogs'])
    for item in listing['items']:
        if names(item['file'], ident) and (season is None or (item['season'], item['episode']) == (season, episode)):
            return item.get('playcount') or 0, (item.get('resume') or {}).get('position') or 0
    raise AssertionError('%s (%s) is not listed at %s: %s' % (ident, (season, episode), url,
                                                              [item['file'] for item in listing['items']]))


def test_sync_now_shows_what_was_watched_elsewhere_as_watched_and_resumable(kodi, servers):
    punchplay = servers['punchplay']
    assert state_of(kodi, CATALOG, 'tt1000001') == (0, 0)
    punchplay.add_sync_item('movies', imdb_id='tt1000001', title='Sample Feature')
    punchplay.add_sync_item('movies', tmdb_id=550001)   # a title our backend knows by its TMDb id only
    punchplay.add_sync_item('in_progress', media_type='movie', imdb_id='tt9000001', position_seconds=1800,
                            duration_seconds=6720)
    punchplay.add_sync_item('episodes', show_imdb_id='tt2000001', season=1, episode=1)
    punchplay.add_sync_item('in_progress', media_type='episode', show_imdb_id='tt2000001', season=1, episode=2,
                            position_seconds=600, duration_seconds=2880)
    asked = len(punchplay.sync_sinces)
    result = kodi.invoke(P + '/?action=punchplay_sync', how='script', timeout=60)
    assert len(punchplay.sync_sinces) > asked
    # the service may have pulled first (it does every 5 minutes): then Sync now finds nothing new
    assert [note for note in result['notifications'] if note.startswith('PunchPlay.tv synced')], result['log']
    assert state_of(kodi, CATALOG, 'tt1000001')[0] >= 1
    assert state_of(kodi, CATALOG, 'tmdb:550001')[0] >= 1
    assert state_of(kodi, CATALOG, 'tt9000001') == (0, 1800)
    assert state_of(kodi, EPISODES, 'tt2000001', 1, 1)[0] >= 1
    assert state_of(kodi, EPISODES, 'tt2000001', 1, 2) == (0, 600)
    # without Trakt, the main menu offers Continue Watching: the two positions from the other device
    menu = kodi.list_directory(P + '/')['items'] or []
    assert 'Continue Watching' in [item['label'] for item in menu]
    assert state_of(kodi, CONTINUE, 'tt9000001') == (0, 1800)
    assert state_of(kodi, CONTINUE, 'tt2000001', 1, 2) == (0, 600)


def test_sync_now_with_nothing_new_costs_one_request(kodi, servers):
    punchplay = servers['punchplay']
    # the service pulls 20 s after it started, then every 5 minutes: its first pull (the second run in the log, after
    # the Sync now above) must not fall into the count
    wait_for(lambda: kodi.log_text().count('PunchPlay pull sync: Result(') >= 2, 90, "the service's first pull")
    before = punchplay.count('/api/')
    result = kodi.invoke(P + '/?action=punchplay_sync', how='script', timeout=60)
    assert 'PunchPlay.tv synced: nothing new' in result['notifications']
    assert punchplay.count('/api/') - before == 1


def test_mark_watched_from_our_context_menu_reaches_punchplay(kodi, servers):
    punchplay = servers['punchplay']
    assert state_of(kodi, CATALOG, 'tt9000002') == (0, 0)
    kodi.show_folder(CATALOG)
    focus(kodi, 'Fake Movie 02')
    assert 'Mark watched / unwatched' in context_menu(kodi)
    choose(kodi, 'Mark watched / unwatched')
    wait_for(lambda: [entry for entry in punchplay.imports if entry.get('imdb_id') == 'tt9000002'], 30,
             'the watched mark on PunchPlay')
    [entry] = [entry for entry in punchplay.imports if entry.get('imdb_id') == 'tt9000002']
    assert (entry['media_type'], entry['playcount']) == ('movie', 1) and entry['watched_at'].endswith('Z')
    wait_for(lambda: state_of(kodi, CATALOG, 'tt9000002')[0] >= 1, 30, 'our listing showing it watched')


def test_the_punchplay_tools_test_the_login_show_the_status_and_clear_the_queue(kodi, servers):
    punchplay = servers['punchplay']
    menu = kodi.list_directory(P + '/menu/tools')['items'] or []
    actions = [parse_qs(urlsplit(item['file']).query).get('action', [''])[0] for item in menu]
    after_sync = actions.index('trakt_sync') + 1
    assert actions[after_sync:after_sync + 4] == ['punchplay_sync', 'punchplay_test', 'punchplay_status',
                                                 'punchplay_clear_queue']
    tested = run_script(kodi, P + '/?action=punchplay_test')
    assert any('Connected to PunchPlay.tv as %s.' % punchplay.username in text for text in tested['dialogs'])
    # PunchPlay offline: a watched mark waits in the queue, and the status and Clear queue see it
    punchplay.set_offline(True)
    try:
        kodi.invoke(P + '/?action=toggle_watched&content_type=movie&imdb_id=tt9000003', how='script', timeout=60)
        status = run_script(kodi, P + '/?action=punchplay_status')
        assert any('Logged in as: %s' % punchplay.username in text and 'Waiting to be sent: ' in text
                   and 'import' in text for text in status['dialogs']), status['dialogs']
        cleared = run_script(kodi, P + '/?action=punchplay_clear_queue', yes=1)
        assert any(re.match(r'Deleted [1-9]\d* queued PunchPlay\.tv events\.', note)
                   for note in cleared['notifications']), cleared
        again = run_script(kodi, P + '/?action=punchplay_clear_queue')
        assert 'No PunchPlay.tv events are waiting.' in again['notifications']
    finally:
        punchplay.set_offline(False)
