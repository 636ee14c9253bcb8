"""Issue 15 points 1, 7 and 8 in a real Kodi with Estuary: labels every skin can draw and read.

One Kodi for the module: the fake AIOStreams server (default dataset) and a fake Trakt account about its Sample
Show (tt2000001: season 1 has 3 aired episodes, season 2 one aired and one not): S01E01, S01E02 and S02E01 watched,
the show on the watchlist, plus 55 small shows one episode into their two, so Next Up holds 56 entries. The
scenarios read what Kodi shows over JSON-RPC (labels, ListItem properties, Container.NumItems, the window and the
dialog heading) and save screenshots in dist/screenshots/labels-*.png where the look is the proof.
"""
from __future__ import annotations

import re
import sqlite3
import time
from urllib.parse import quote

import pytest
from dependency_addons import requests_set
from kodi_harness import ADDON_ID, REPO_ROOT, profile, wait_for

from tests.fakes.trakt_account import Account

P = 'plugin://%s' % ADDON_ID
DAY = 86400.0
SHOW, FILLERS = 9101, 55
SCREENSHOTS = REPO_ROOT / 'dist' / ('screenshots' if requests_set() == 'kodi' else 'screenshots-' + requests_set())
COLOUR = re.compile(r'\[/?COLOR[^\]]*\]')
STARS = re.compile('[\u2605\u2606]')


@pytest.fixture(scope='module')
def trakt_account():
    account = Account(username='labels-tester')
    now = time.time()
    long_ago = now - 400 * DAY
    account.add_show(SHOW, 'Sample Show', 2008, {
        0: [('Minisode', long_ago)],
        1: [('Pilot', long_ago), ('The Bag', long_ago), ('And the Bag', long_ago)],
        2: [('Seven', long_ago), ('Not Yet Aired', now + 30 * DAY)],
    }, imdb='tt2000001', tmdb=1396, tvdb=81189)
    for key in ((1, 1), (1, 2), (2, 1)):
        account.add_play('episode', (SHOW,) + key, now - 5 * DAY + key[0] * 3600 + key[1] * 60)
    for index in range(FILLERS):
        trakt = 9200 + index
        account.add_show(trakt, 'Filler %02d' % index, 2020, {1: [('Start', long_ago), ('Middle', long_ago)]},
                         imdb='tt%07d' % (7100000 + index))   # Next Up lists titles with an id to play
        account.add_play('episode', (trakt, 1, 1), now - 10 * DAY - index * 60)
    account.watchlist.append({'id': account.next_id(), 'listed_at': now - DAY, 'type': 'show', 'trakt': SHOW,
                              'notes': None})
    account.settle_activities()
    return account


@pytest.fixture(scope='module')
def kodi_settings(dialog_picker_settings):
    return dialog_picker_settings


@pytest.fixture(scope='module')
def kodi_tokens(logged_in_tokens):
    return logged_in_tokens


@pytest.fixture(scope='module')
def synced(kodi, trakt_account):
    """The account synced once (the lists render from the local copy)."""
    mark = kodi.log_mark()
    kodi.builtin('RunPlugin(%s/?action=trakt_sync)' % P)
    try:
        wait_for(lambda: len(listing(kodi, '/?action=trakt_next_up&widget=true&reload=%f' % time.time())) >= 50,
                 400, 'the first sync', poll=3.0)
    except AssertionError:
        print(kodi.log_since(mark)[-8000:])
        raise
    kodi.close_dialogs(quiet_seconds=1.0)
    yield kodi
    (REPO_ROOT / 'dist' / 'labels-kodi.log').write_text(kodi.log_text())   # for a failure's post-mortem


def listing(kodi, path):
    found = kodi.list_directory(P + path, properties=('title', 'playcount'))
    assert found['error'] is None and found['dialogs'] == [], found
    return found['items']


def plain(label):
    return COLOUR.sub('', label)


def shot(kodi, name):
    time.sleep(1.5)
    path = kodi.screenshot(SCREENSHOTS / ('labels-%s.png' % name))
    assert path.stat().st_size > 10000
    return path


def focused(kodi, label, names, tries=60):
    """Focus the item of the shown list whose plain label is `label`; its info labels `names`."""
    seen = []
    for _ in range(tries):
        values = kodi.info_labels(['ListItem.Label'] + list(names))
        if plain(values['ListItem.Label']) == label:
            return values
        seen.append(values['ListItem.Label'])
        kodi.input('Down')
        time.sleep(0.15)
    raise AssertionError('no %r among %s' % (label, sorted(set(seen))))


def set_reliability(kodi, key, successes, failures):
    with sqlite3.connect(str(profile(kodi) / 'aiostreams.db')) as connection:
        connection.execute('INSERT OR REPLACE INTO stream_stats (key, successes, failures, last_outcome_at) '
                           'VALUES (?, ?, ?, ?)', (key, successes, failures, time.time()))


# ---- point 1: reliability the font draws ---------------------------------------------------------------------

def test_the_picker_names_the_title_and_shows_reliability_in_words(synced):
    kodi = synced
    set_reliability(kodi, 'torrentio|realdebrid|ntb', 9.0, 0.0)
    kodi.wait_no_player()
    kodi.close_dialogs(quiet_seconds=2.0)
    mark = kodi.log_mark()
    kodi.player_open(P + '/?action=select_stream&content_type=series&imdb_id=tt2000001&season=1&episode=2'
                     '&title=%s' % quote('Sample Show'))
    try:
        wait_for(lambda: kodi.info_booleans(['Window.IsActive(selectdialog)'])['Window.IsActive(selectdialog)'],
                 60, 'the stream picker')
    except AssertionError:
        print(kodi.current_window(), kodi.modal_dialog_open(), kodi.dialog_text())
        print('\n'.join(line for line in kodi.log_since(mark).splitlines() if 'JSONRPC' not in line
                        and 'CWebserver' not in line)[-6000:])
        raise
    time.sleep(1.0)
    names = ['Control.GetLabel(1)'] + ['Container(6).ListItem(%d).Label' % index for index in range(6)]
    shown = kodi.info_labels(names)
    path = shot(kodi, 'picker')
    kodi.input('Back')
    kodi.wait_no_player()
    assert shown['Control.GetLabel(1)'] == 'Choose a stream - Sample Show S01E02'
    rows = [shown[name] for name in names[1:] if shown[name]]
    assert rows and not [row for row in rows if STARS.search(row)]
    assert any('Torrentio' in row and plain(row).endswith(' reliable') for row in rows), rows
    assert path.exists()


def test_the_streams_folder_names_the_title_and_its_rows_have_no_stars(synced):
    kodi = synced
    url = P + '/?action=show_streams&content_type=series&imdb_id=tt2000001&season=1&episode=2&title=Sample%20Show'
    kodi.show_folder(url, timeout=60)
    shown = kodi.info_labels(['Container.PluginCategory', 'System.CurrentWindow', 'Container.NumItems'])
    rows = [item['label'] for item in listing(kodi, url[len(P):])]
    shot(kodi, 'streams-folder')
    assert shown['Container.PluginCategory'] == 'Streams - Sample Show S01E02'
    assert int(shown['Container.NumItems']) == len(rows) > 1
    assert not [row for row in rows if STARS.search(row)]
    assert any(plain(row).endswith(' reliable') for row in rows), rows


# ---- point 7: seasons and shows ------------------------------------------------------------------------------

def test_season_labels_count_once_with_plurals_and_progress_in_kodis_fields(synced):
    kodi = synced
    url = P + '/?action=show_seasons&meta_id=tt2000001&content_type=series'
    kodi.show_folder(url, timeout=60)
    items = listing(kodi, url[len(P):])
    assert [item['label'] for item in items] == [
        '[COLOR FFE8B84A]Season 1 (3 episodes)[/COLOR]',   # 2 of 3 watched: in progress
        'Season 2 (2 episodes)',                           # its one aired episode watched: not "in progress"
        'Specials (1 episode)']
    assert not [item for item in items if '  ' in item['label'] or re.search(r'\(\d+/\d+\)', item['label'])]
    properties = ['ListItem.Property(WatchedEpisodes)', 'ListItem.Property(TotalEpisodes)',
                  'ListItem.Property(UnWatchedEpisodes)', 'ListItem.PlayCount', 'ListItem.Title']
    season1 = focused(kodi, 'Season 1 (3 episodes)', properties)
    assert [season1[name] for name in properties[:3]] == ['2', '3', '1']
    season2 = focused(kodi, 'Season 2 (2 episodes)', properties)
    assert [season2[name] for name in properties[:3]] == ['1', '1', '0'] and season2['ListItem.PlayCount'] == '1'
    assert season2['ListItem.Title'] == 'Season 2'
    shot(kodi, 'seasons')


def test_a_show_keeps_its_progress_out_of_its_title(synced):
    kodi = synced
    url = P + '/?action=trakt_watchlist&media_type=shows'
    kodi.show_folder(url, timeout=60)
    items = listing(kodi, url[len(P):])
    assert [plain(item['label']) for item in items] == ['Sample Show']
    shown = focused(kodi, 'Sample Show', ['ListItem.Title', 'ListItem.Property(WatchedEpisodes)',
                                          'ListItem.Property(TotalEpisodes)'])
    assert shown['ListItem.Title'] == 'Sample Show'   # what the side panel shows, no "(3/4)"
    assert (shown['ListItem.Property(WatchedEpisodes)'], shown['ListItem.Property(TotalEpisodes)']) == ('3', '4')
    shot(kodi, 'show-progress')


# ---- point 8: history, watched colour, Next Up paging --------------------------------------------------------

def test_history_rows_read_show_code_and_title_and_watched_rows_keep_the_skins_colours(synced):
    kodi = synced
    url = P + '/?action=trakt_history'
    kodi.show_folder(url, timeout=60)
    items = listing(kodi, url[len(P):])
    assert len(items) == FILLERS + 3
    odd = [item['label'] for item in items if not re.match(r'^\S.* S\d{2}E\d{2} - \S.*$', item['label'])]
    assert odd == []
    assert all(item['playcount'] >= 1 for item in items)     # watched: Kodi's overlay shows it, no grey
    assert [item['label'] for item in items if '[COLOR' in item['label']] == []
    shot(kodi, 'history')


def test_next_up_is_paged_and_a_widget_gets_one_page(synced, trakt_account):
    kodi = synced
    everything = len(trakt_account.expected_next_up())
    assert everything > 50
    first = P + '/?action=trakt_next_up'
    kodi.show_folder(first, timeout=60)
    shown = kodi.info_labels(['Container.NumItems', 'System.CurrentWindow'])
    items = listing(kodi, first[len(P):])
    assert int(shown['Container.NumItems']) == len(items) == 51 and items[-1]['label'] == 'Next page'
    second = items[-1]['file']
    kodi.show_folder(second, timeout=60)
    rest = listing(kodi, second[len(P):])
    assert len(rest) == everything - 50 and 'Next page' not in [item['label'] for item in rest]
    assert not {item['label'] for item in rest} & {item['label'] for item in items}
    shot(kodi, 'next-up-page-2')
    widget = listing(kodi, '/?action=trakt_next_up&widget=true&reload=2')
    assert len(widget) == 50 and 'Next page' not in [item['label'] for item in widget]


def test_the_masked_manifest_url_stays_clear_of_its_label(synced):
    kodi = synced
    kodi.close_dialogs(quiet_seconds=1.0)
    kodi.builtin('Addon.OpenSettings(%s)' % ADDON_ID)
    wait_for(lambda: kodi.info_booleans(['Window.IsActive(addonsettings)'])['Window.IsActive(addonsettings)'], 20,
             'the settings dialog')
    time.sleep(1.0)
    kodi.input('Right')   # from the categories into the first one's settings: the manifest URL first
    time.sleep(1.0)
    shown = kodi.info_labels(['System.CurrentControl', 'Window.Property(xmlfile)'])
    path = shot(kodi, 'settings-manifest-url')
    kodi.input('Back')
    print('settings focus: %r, screenshot %s' % (shown, path))
    # the row of the masked value carries no label (the group above is headed "Manifest URL"): nothing to run into
    assert 'Manifest URL' not in shown['System.CurrentControl']
