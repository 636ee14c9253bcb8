"""Issue 5 in a real Kodi, against the fake Trakt server holding the large seeded account: device login from
RunPlugin, the first sync in the service, Next Up equal to the contract's semantics, a no-change cycle costing one
request, an un-watch on trakt.tv propagating, a context-menu "mark watched" made offline reaching Trakt once the
network is back, and a token refresh wanted by two service threads at once without losing the refresh token."""
from __future__ import annotations

import json
import re
import sqlite3
import stat
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from kodi_harness import ADDON_ID, notifications_in, profile, wait_for

from tests.fakes.trakt_generator import large_account
from tests.integration.trakt_env import elsewhere

P = 'plugin://%s' % ADDON_ID
DAMAGED = 'The database file was damaged. It was moved aside and will be rebuilt from Trakt.'


@pytest.fixture(scope='module')
def trakt_account():
    return large_account()


@pytest.fixture(scope='module')
def trakt_options():
    return {'device_interval': 1, 'auto_approve_after': 1}


@pytest.fixture(scope='module')
def trakt(servers):
    return servers['trakt']


@pytest.fixture(scope='module')
def kodi_settings(service_settings):
    """Not logged in; the first sync after the login runs by itself in the service."""
    return dict(service_settings, trakt_sync_auto=True)


def home_property(kodi, name):
    label = 'Window(Home).Property(%s)' % name
    return kodi.info_labels([label])[label]


def next_up(kodi):
    """[(imdb id, season, episode)] of the whole Next Up list as Kodi lists it, page after page."""
    items, url = [], P + '/?action=trakt_next_up'
    while url:
        listing = kodi.list_directory(url, properties=('title',))
        assert listing['error'] is None and listing['dialogs'] == []
        url = listing['items'][-1]['file'] if listing['items'] and listing['items'][-1]['label'] == 'Next page' \
            else None
        items += listing['items'][:-1] if url else listing['items']
    found = []
    for item in items:
        query = parse_qs(urlsplit(item['file']).query)
        assert query['action'] == ['play'] and query['content_type'] == ['series'], item['file']
        found.append((query['imdb_id'][0], int(query['season'][0]), int(query['episode'][0])))
    return found


def expected_next_up(trakt):
    account = trakt.account
    return [(account.shows[show]['ids']['imdb'], season, number) for show, season, number in
            account.expected_next_up()]


def sync_now(kodi):
    """Tools > Sync now: the plugin asks the service and follows its progress until the cycle is over."""
    run = kodi.run_plugin(P + '/?action=trakt_sync', answer_dialogs=False, timeout=120)
    return notifications_in(run['log'])


def show_imdb(trakt, name):
    return trakt.account.shows[trakt.account.edge[name]]['ids']['imdb']


def test_device_login_in_kodi(kodi, trakt):
    run = kodi.run_plugin(P + '/?action=trakt_auth', answer_dialogs=False, timeout=60)
    assert 'Trakt login complete. Hello, %s!' % trakt.account.username in notifications_in(run['log'])
    polls = [request.status for request in trakt.requests if request.path == '/oauth/device/token']
    assert polls[-1] == 200 and 400 in polls
    token_file = profile(kodi) / 'trakt_token.json'
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    token = json.loads(token_file.read_text(encoding='utf-8'))
    assert token['username'] == trakt.account.username and token['access_token'] in trakt.tokens
    settings = (profile(kodi) / 'settings.xml').read_text(encoding='utf-8')
    assert token['access_token'] not in settings and token['refresh_token'] not in settings


def test_first_sync_of_the_large_account_runs_in_the_service(kodi, trakt):
    started = time.monotonic()
    wait_for(lambda: home_property(kodi, 'AIOStreams.Trakt.SyncState') == 'done', 240, 'the first sync')
    print('first sync in Kodi: %.1f s after login, %d requests' % (time.monotonic() - started,
                                                                   len(trakt.requests)))
    account = trakt.account
    database = sqlite3.connect(str(profile(kodi) / 'aiostreams.db'))
    try:
        movies = database.execute('SELECT COUNT(*) FROM trakt_watched_movie').fetchone()[0]
        episodes = database.execute('SELECT COUNT(*) FROM trakt_watched_episode').fetchone()[0]
    finally:
        database.close()
    assert movies == len(account.watched_movies()) >= 1000
    assert episodes == sum(len(eps) for eps in account.watched_episodes().values()) >= 8000
    assert home_property(kodi, 'AIOStreams.NextUp.Count') == '20'
    assert trakt.count('/sync/watched/movies') >= 5  # every page of 1,050 movies


def test_next_up_in_kodi_equals_the_contract(kodi, trakt):
    found = next_up(kodi)
    assert found == expected_next_up(trakt)
    first = found[0]
    url = home_property(kodi, 'AIOStreams.NextUp.0.PlayURL')
    assert url == '%s/?action=play&content_type=series&imdb_id=%s&season=%d&episode=%d' % ((P,) + first)


def test_next_up_in_the_videos_window_keeps_our_labels(kodi, trakt):
    """Kodi's default label mask (%T) would show an episode's title alone; Next Up shows "Show S01E02 - Title"."""
    kodi.show_folder(P + '/trakt/next_up')
    try:
        show, season, number = trakt.account.expected_next_up()[0]
        names = ['Container.ListItemAbsolute(%d).%s' % (index, field) for index in (0, 1)
                 for field in ('Label', 'Title', 'TVShowTitle')]
        found = kodi.info_labels(names)
        index = 0 if found[names[0]] != '..' else 1  # the parent folder item comes first when shown
        label, title, show_title = (re.sub(r'\[/?COLOR[^\]]*\]', '', found[names[3 * index + offset]])
                                    for offset in range(3))
        assert show_title and title and label.startswith('%s S%02dE%02d - ' % (show_title, season, number)), found
        assert label.endswith(' - ' + title) and label != title
    finally:
        kodi.input('Home')


def settled(trakt, quiet=16.0, limit=90.0):
    """Wait until the service asks the fake Trakt nothing for `quiet` seconds: a cycle asked for while another
    ran (login, first sync) comes MIN_GAP (15 s) after it."""
    deadline = time.monotonic() + limit
    seen, since = len(trakt.requests), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet:
        time.sleep(0.5)
        if len(trakt.requests) != seen:
            seen, since = len(trakt.requests), time.monotonic()


def test_a_cycle_without_changes_costs_one_request(kodi, trakt):
    settled(trakt)
    trakt.clear_log()
    assert 'Trakt sync complete.' in sync_now(kodi)
    assert [request.path for request in trakt.requests] == ['/sync/last_activities']


def test_an_unwatch_on_trakt_propagates(kodi, trakt):
    gap = trakt.account.edge['gap']
    imdb = show_imdb(trakt, 'gap')
    assert (imdb, 1, 6) in next_up(kodi)
    elsewhere(trakt, '/sync/history/remove', {'shows': [{'ids': {'trakt': gap}, 'seasons': [
        {'number': 1, 'episodes': [{'number': 5}]}]}]})
    assert 'Trakt sync complete.' in sync_now(kodi)
    found = next_up(kodi)
    assert (imdb, 1, 3) in found and (imdb, 1, 6) not in found
    assert found == expected_next_up(trakt)


def test_mark_watched_offline_reaches_trakt_when_the_network_is_back(kodi, trakt):
    show = trakt.account.edge['season_boundary']
    imdb = show_imdb(trakt, 'season_boundary')
    assert (imdb, 2, 1) in next_up(kodi)
    trakt.set_offline(True)
    try:
        command = P + ('/?action=trakt_mark_watched&media_type=series&imdb_id=%s&season=2&episode=1&title=Edge'
                       % imdb)
        run = kodi.run_plugin(command, timeout=30)
        assert 'Marked as watched' in notifications_in(run['log'])
        assert (imdb, 2, 2) in next_up(kodi)  # the local state changed at once
        time.sleep(3)
    finally:
        trakt.set_offline(False)
    wait_for(lambda: any(play['type'] == 'episode' and (play['show'], play['season'], play['number']) ==
                         (show, 2, 1) for play in trakt.account.history), 150, 'the play reaching Trakt')
    posts = [request for request in trakt.requests if request.path == '/sync/history' and request.method == 'POST']
    assert len(posts) == 1 and posts[0].status == 201
    assert posts[0].body['shows'][0]['seasons'] == [{'number': 2, 'episodes': [{'number': 1}]}]


def test_two_service_threads_refreshing_keep_a_working_refresh_token(kodi, trakt):
    """The sync thread and the outbox sender both find the token about to expire at the same moment."""
    token = dict(trakt.issue_token(expires_in=3600, created_at=time.time() - 3590),
                 username=trakt.account.username)
    (profile(kodi) / 'trakt_token.json').write_text(json.dumps(token), encoding='utf-8')
    trakt.refresh_delay = 1.5
    trakt.clear_log()
    imdb = show_imdb(trakt, 'hidden_season')
    kodi.run_plugin(P + '/?action=trakt_mark_watched&media_type=series&imdb_id=%s&season=3&episode=1' % imdb)
    sync_now(kodi)
    wait_for(lambda: trakt.count('/sync/history', 'POST') == 1, 90, 'the history write')
    assert trakt.count('/oauth/token') == 1
    stored = json.loads((profile(kodi) / 'trakt_token.json').read_text(encoding='utf-8'))
    assert stored['refresh_token'] in trakt.refresh_tokens and stored['access_token'] != token['access_token']
    assert all(request.status != 401 for request in trakt.requests)
    trakt.refresh_delay = 0.0



def test_a_damaged_database_is_rebuilt_and_refilled_from_trakt(kodi, trakt):
    """Kodi quits, the file gets damaged, Kodi starts again: the user is told once, the process that rebuilt the
    file raises the service's flag, and the service syncs the Trakt copy back by itself. Automatic sync is off, so
    only the rebuild can ask for that sync."""
    kodi.set_addon_setting(ADDON_ID, 'trakt_sync_auto', 'false')
    assert 'Trakt sync complete.' in sync_now(kodi)
    before = next_up(kodi)
    assert before
    path = profile(kodi) / 'aiostreams.db'
    kodi.shutdown()
    path.write_bytes(b'\x00not a database\xff' * 4096)
    mark = kodi.log_mark()
    kodi.start()
    started = time.monotonic()
    kodi.list_directory(P + '/?action=trakt_next_up&widget=true&reload=2')  # meets the damage, unless the service did
    wait_for(lambda: home_property(kodi, 'AIOStreams.Trakt.SyncState') == 'done', 180, 'the sync after the rebuild')
    print('Trakt copy refilled %.1f s after the start' % (time.monotonic() - started))
    assert next_up(kodi) == before
    assert notifications_in(kodi.log_since(mark)).count(DAMAGED) == 1
    assert list(path.parent.glob('aiostreams.db.damaged-*')), 'the damaged file is kept aside'
