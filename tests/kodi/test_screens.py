"""Issue 15 points 3-6 in a real Kodi, as a user sees the screens: Similar items carry art, plot and runtime;
Show information opens Kodi's video information dialog with the cast; Tools' long texts open in the text viewer,
whole; a search from the menu never ends in an empty folder. Screenshots go to dist/screenshots/screens-*.png."""
from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest
from kodi_harness import ADDON_ID, REPO_ROOT, KodiInstance, addon_strings, profile, wait_for, write_private_files

from tests.fakes.trakt_account import Account
from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET

STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
P = 'plugin://%s' % ADDON_ID
SHOTS = REPO_ROOT / 'dist' / 'screenshots'
RELATED = ['tt9%06d' % number for number in range(1, 9)]  # fake AIOStreams movies, so they have metas


@pytest.fixture(scope='module')
def trakt_account():
    account = Account(username='screens')
    account.add_movie(8001, 'Sample Feature', 2010, imdb='tt1000001', tmdb=27205, runtime=148)
    for index, imdb in enumerate(RELATED):
        account.add_movie(8101 + index, 'Related %d' % index, 1991 + index, imdb=imdb)
    account.settle_activities()
    return account


@pytest.fixture(scope='module')
def kodi(tmp_path_factory, addon_zip, dependency_addons, servers):
    instance = KodiInstance(tmp_path_factory.mktemp('kodi-screens'))
    try:
        for folder in dependency_addons:
            instance.install_addon(folder)
        instance.install_addon(addon_zip)
        trakt = servers['trakt']
        instance.write_addon_settings(ADDON_ID, {
            'base_url': servers['aio'].manifest_url, 'trakt_api_url': trakt.url, 'trakt_client_id': CLIENT_ID,
            'trakt_client_secret': CLIENT_SECRET, 'trakt_sync_auto': False, 'punchplay_url': 'http://127.0.0.1:9'})
        write_private_files(profile(instance), {
            'trakt_token.json': dict(trakt.issue_token(), username=trakt.account.username)})
        instance.start()
        yield instance
    finally:
        instance.shutdown()


def active(kodi, window) -> bool:
    condition = 'Window.IsActive(%s)' % window
    return kodi.info_booleans([condition])[condition]


def settle(kodi):
    busy = ['Window.IsActive(busydialog)', 'Window.IsActive(busydialognocancel)', 'Container.IsUpdating']
    time.sleep(0.5)
    wait_for(lambda: not any(kodi.info_booleans(busy).values()), 30, 'the list to settle')


def rows(kodi, count, fields=('Label', 'Art(poster)', 'Plot', 'Duration')) -> list:
    """The first `count` rows of the shown list as Kodi has them (Container.ListItemAbsolute), '..' left out."""
    fields = ('Label',) + tuple(field for field in fields if field != 'Label')
    labels = ['Container.ListItemAbsolute(%d).%s' % (index, field) for index in range(count + 1) for field in fields]
    found = kodi.info_labels(labels)
    shown = [{field: found['Container.ListItemAbsolute(%d).%s' % (index, field)] for field in fields}
             for index in range(count + 1)]
    return [row for row in shown if row['Label'] != '..'][:count]


def test_similar_items_carry_art_plot_and_runtime(kodi):
    url = P + '/?action=show_related&content_type=movie&imdb_id=tt1000001&title=%s' % quote('Sample Feature')
    kodi.show_folder(url)
    settle(kodi)
    count = int(kodi.info_labels(['Container.NumItems'])['Container.NumItems'])
    assert count == len(RELATED)

    def filled():
        shown = rows(kodi, count)
        return shown if all(row['Art(poster)'] and row['Plot'] and row['Duration'] for row in shown) else None

    # the service fetches the metas (paced) and refreshes the list the user is looking at
    shown = wait_for(filled, 40, 'the similar titles to get their art, plot and runtime')
    assert sorted(row['Label'] for row in shown) == ['Fake Movie %02d' % number for number in range(1, 9)]
    assert all('/art/poster/tt9' in row['Art(poster)'] for row in shown)
    kodi.screenshot(SHOTS / 'screens-similar.png')


def test_show_information_opens_kodis_info_dialog_with_the_cast(kodi):
    kodi.show_folder(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&catalog_name=Popular')
    settle(kodi)
    kodi.builtin('RunPlugin(%s/?action=info&content_type=movie&imdb_id=tt1000001)' % P)
    wait_for(lambda: active(kodi, 'movieinformation'), 30, 'the video information dialog')
    time.sleep(1.5)
    found = kodi.info_labels(['ListItem.Title', 'ListItem.Director', 'ListItem.Writer', 'ListItem.Trailer',
                              'ListItem.Rating', 'ListItem.Cast', 'ListItem.CastAndRole', 'Container(50).NumItems',
                              'Container(50).ListItem(0).Label', 'Container(50).ListItem(0).Label2',
                              'Container(50).ListItem(0).Art(thumb)'])
    kodi.screenshot(SHOTS / 'screens-info.png')
    assert found['ListItem.Title'] == 'Sample Feature' and found['ListItem.Director'] == 'Some Director'
    assert found['ListItem.Writer'] == 'Some Writer' and found['ListItem.Trailer'].startswith('plugin://')
    assert 'Lead Actor' in found['ListItem.Cast'] and 'Dom' in found['ListItem.CastAndRole']
    assert found['Container(50).NumItems'] == '2' and found['Container(50).ListItem(0).Label'] == 'Lead Actor'
    assert found['Container(50).ListItem(0).Art(thumb)'].endswith('/art/person/lead.png')
    kodi.input('Back')
    wait_for(lambda: not active(kodi, 'movieinformation'), 10, 'the dialog to close')


def viewer_text(kodi, action, shot):
    """Run a Tools action, wait for the text viewer, take a screenshot; returns the viewer's text."""
    kodi.builtin('RunPlugin(%s/?action=%s)' % (P, action))
    wait_for(lambda: active(kodi, 'textviewer'), 30, 'the text viewer')
    time.sleep(1.0)
    kodi.screenshot(SHOTS / shot)
    text = kodi.info_labels(['Control.GetLabel(5)'])['Control.GetLabel(5)']
    kodi.input('Back')
    wait_for(lambda: not active(kodi, 'textviewer'), 10, 'the text viewer to close')
    return text


def unfolded(text):
    return re.sub(r'\n(?=[&?])|(?<=/)\n', '', text).replace('[B][/B]', '')


@pytest.mark.parametrize('action', ['widget_paths', 'show_database_info'])
def test_tools_texts_show_whole_lines_in_the_text_viewer(kodi, action):
    text = viewer_text(kodi, action, 'screens-%s.png' % action)
    # Kodi wraps at spaces only: a word wider than the viewer (~85 characters in Estuary) would be cut at its edge
    widest = max(len(word.replace('[B][/B]', '')) for word in text.split())
    assert widest <= 72, text
    if action == 'widget_paths':
        assert P + '/?action=trakt_next_up&widget=true&reload=$INFO[Window(Home).Property(' in unfolded(text)
    else:
        assert re.search(r'Database file: /\S*/addon_data/%s/aiostreams\.db \(' % re.escape(ADDON_ID), unfolded(text))


def search_from_the_menu(kodi, text):
    kodi.show_folder(P + '/menu/search')
    settle(kodi)
    if kodi.info_labels(['ListItem.Label'])['ListItem.Label'] == '..':
        kodi.input('Down')
    assert kodi.info_labels(['ListItem.Label'])['ListItem.Label'] == STRINGS[30006]
    kodi.input('Select')
    wait_for(lambda: active(kodi, 'virtualkeyboard'), 20, 'the keyboard')
    kodi.input('SendText', {'text': text, 'done': True})
    time.sleep(1.0)
    settle(kodi)


def test_search_from_the_menu_shows_the_results_at_once(kodi):
    search_from_the_menu(kodi, 'robot')
    shown = kodi.info_labels(['Container.FolderPath', 'Container.NumItems'])
    assert '/search?content_type=both' in shown['Container.FolderPath'] and int(shown['Container.NumItems']) >= 1
    labels = [row['Label'] for row in rows(kodi, int(shown['Container.NumItems']), ('Label',))]
    assert labels[0] == 'Robot Show' and STRINGS[30002] not in labels  # results, not a Movies / TV Shows step
    kodi.screenshot(SHOTS / 'screens-search.png')


def test_a_search_without_results_stays_in_the_search_menu(kodi):
    search_from_the_menu(kodi, 'zzzz nothing')
    wait_for(lambda: active(kodi, 'notification') or None, 10, 'the "No results" toast')
    path = kodi.info_labels(['Container.FolderPath'])['Container.FolderPath']
    assert path.rstrip('/') == P + '/menu/search'  # no empty folder to back out of
