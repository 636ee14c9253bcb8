"""Issue 15.2 and issue 18 ("watched toggles go both ways") in a real Kodi 20.1: Kodi's own "Mark as watched" on one
of our movies (the video window's togglewatched action: the job Kodi's context entry runs) makes our listing show it
watched and reaches the fake Trakt (/sync/history) and the fake PunchPlay (/api/scrobble/import); Kodi's "Mark as
unwatched" takes it back (/sync/history/remove; PunchPlay's contract has no un-watch). Kodi announces nothing for its
mark on a plugin item (no VideoLibrary.OnUpdate reaches the service, which hears Kodi's library announcements)."""
from __future__ import annotations

import time

import pytest
from kodi_harness import ADDON_ID, wait_for

P = 'plugin://%s' % ADDON_ID
CATALOG = P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top'


@pytest.fixture(scope='module')
def kodi_settings(service_settings, servers):
    return dict(service_settings, base_url=servers['aio'].manifest_url)


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


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


def test_kodis_own_mark_watched_and_unwatched_reach_our_listing_trakt_and_punchplay(kodi, servers):
    trakt, punchplay = servers['trakt'], servers['punchplay']
    url = focus_first_movie(kodi)
    imdb = url.split('imdb_id=')[1].split('&')[0]
    assert not our_playcount(kodi, url)

    mark = kodi.log_mark()
    kodi.input('ExecuteAction', {'action': 'togglewatched'})
    wait_for(lambda: our_playcount(kodi, url), 30, 'our listing showing the movie watched')
    posts = wait_for(lambda: history_posts(trakt, '/sync/history'), 30, 'the watched mark on Trakt')
    assert [movie['ids'].get('imdb') for movie in posts[0]['movies']] == [imdb]
    wait_for(lambda: punchplay.imports, 30, 'the watched mark on PunchPlay')
    assert [(entry['media_type'], entry['imdb_id']) for entry in punchplay.imports] == [('movie', imdb)]
    # what Kodi announced for its mark on a plugin item: nothing (our service logs each VideoLibrary announcement it
    # hears; a library clean shows that it hears them)
    kodi.rpc('VideoLibrary.Clean', {'showdialogs': False})
    wait_for(lambda: 'Kodi announced VideoLibrary.OnClean' in kodi.log_since(mark), 30, 'the service hearing Kodi')
    assert 'Kodi announced VideoLibrary.OnUpdate' not in kodi.log_since(mark)

    assert focus_first_movie(kodi) == url
    assert kodi.info_labels(['ListItem.PlayCount'])['ListItem.PlayCount'] not in ('', '0')  # Kodi's entry follows
    kodi.input('ExecuteAction', {'action': 'togglewatched'})
    wait_for(lambda: not our_playcount(kodi, url), 30, 'our listing showing the movie unwatched')
    removed = wait_for(lambda: history_posts(trakt, '/sync/history/remove'), 30, 'the un-watch on Trakt')
    assert [movie['ids'].get('imdb') for movie in removed[0]['movies']] == [imdb]
    time.sleep(2)
    assert len(punchplay.imports) == 1 and len(history_posts(trakt, '/sync/history')) == 1
