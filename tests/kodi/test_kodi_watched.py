"""Issue 15.2 and issue 18 ("watched toggles go both ways") in a real Kodi 20.1: Kodi's own "Mark as watched" on one
of our movies (the video window's togglewatched action: the job Kodi's context entry runs) makes our listing show it
watched and reaches the fake Trakt (/sync/history) and the fake PunchPlay (/api/scrobble/import); Kodi's "Mark as
unwatched" takes it back (/sync/history/remove; PunchPlay's contract has no un-watch). What Kodi announces on the way
is recorded from its JSON-RPC TCP notifications: nothing for a plugin item."""
from __future__ import annotations

import json
import socket
import threading
import time

import pytest
from kodi_harness import ADDON_ID, wait_for

P = 'plugin://%s' % ADDON_ID
CATALOG = P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top'
NOTIFICATIONS_PORT = 9090   # Kodi's JSON-RPC over TCP (services.esenabled): every announcement, as Monitors get it


@pytest.fixture(scope='module')
def kodi_settings(service_settings, servers):
    return dict(service_settings, base_url=servers['aio'].manifest_url)


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


class Announcements(threading.Thread):
    """Kodi's JSON-RPC notifications (method, params.data) while the scenario runs."""

    def __init__(self):
        super().__init__(daemon=True)
        self.found = []
        self.stopped = threading.Event()
        self.sock = socket.create_connection(('127.0.0.1', NOTIFICATIONS_PORT), timeout=0.5)

    def run(self):
        decoder, text = json.JSONDecoder(), ''
        while not self.stopped.is_set():
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:   # closed by stop()
                return
            if not chunk:
                return
            text += chunk.decode('utf-8', 'replace')
            while text:
                try:
                    message, end = decoder.raw_decode(text)
                except ValueError:
                    break
                text = text[end:].lstrip()
                if 'method' in message:
                    self.found.append((message['method'], message.get('params', {}).get('data')))

    def stop(self):
        self.stopped.set()
        self.sock.close()


@pytest.fixture
def announcements(kodi):
    listener = Announcements()
    listener.start()
    yield listener
    listener.stop()


def focus_first_movie(kodi):
    """Show the catalog and put the focus on its first movie; its URL."""
    kodi.show_folder(CATALOG)
    for _ in range(5):
        path = kodi.info_labels(['ListItem.FileNameAndPath'])['ListItem.FileNameAndPath']
        if '/play?' in path or 'action=play' in path:
            return path
        kodi.input('Down')
        time.sleep(0.3)
    raise AssertionError('no movie of ours in focus (last: %s)' % path)


def our_playcount(kodi, url):
    """The play count our listing gives the item (what its overlay shows)."""
    items = kodi.list_directory(CATALOG, properties=('title', 'playcount'))['items'] or []
    return next((item.get('playcount') for item in items if item['file'] == url), None)


def history_posts(trakt, path):
    return [request.body for request in trakt.requests
            if request.method == 'POST' and request.path == path and request.status in (200, 201)]


def test_kodis_own_mark_watched_and_unwatched_reach_our_listing_trakt_and_punchplay(kodi, servers, announcements):
    trakt, punchplay = servers['trakt'], servers['punchplay']
    url = focus_first_movie(kodi)
    imdb = url.split('imdb_id=')[1].split('&')[0]
    assert not our_playcount(kodi, url)

    kodi.input('ExecuteAction', {'action': 'togglewatched'})
    wait_for(lambda: our_playcount(kodi, url), 30, 'our listing showing the movie watched')
    posts = wait_for(lambda: history_posts(trakt, '/sync/history'), 30, 'the watched mark on Trakt')
    assert [movie['ids'].get('imdb') for movie in posts[0]['movies']] == [imdb]
    wait_for(lambda: punchplay.imports, 30, 'the watched mark on PunchPlay')
    assert [(entry['media_type'], entry['imdb_id']) for entry in punchplay.imports] == [('movie', imdb)]
    # what Kodi announced for its mark on a plugin item: nothing of the library (the listener hears Kodi: see below)
    assert [method for method, _ in announcements.found if method.startswith('VideoLibrary.')] == []
    kodi.rpc('JSONRPC.NotifyAll', {'sender': 'test', 'message': 'heard'})
    wait_for(lambda: any(method == 'Other.heard' for method, _ in announcements.found), 10, 'the listener hearing Kodi')

    assert focus_first_movie(kodi) == url
    assert kodi.info_labels(['ListItem.PlayCount'])['ListItem.PlayCount'] not in ('', '0')  # Kodi's entry follows
    kodi.input('ExecuteAction', {'action': 'togglewatched'})
    wait_for(lambda: not our_playcount(kodi, url), 30, 'our listing showing the movie unwatched')
    removed = wait_for(lambda: history_posts(trakt, '/sync/history/remove'), 30, 'the un-watch on Trakt')
    assert [movie['ids'].get('imdb') for movie in removed[0]['movies']] == [imdb]
    time.sleep(2)
    assert len(punchplay.imports) == 1 and len(history_posts(trakt, '/sync/history')) == 1
