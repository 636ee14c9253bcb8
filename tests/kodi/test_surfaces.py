"""Issue 7 in a real Kodi: widgets, the skin search URLs, the keymap, context menus (ours and the global entry on
another add-on's item), trailers, every Tools action, the Up Next signal, and the README screenshots.

One Kodi runs the whole module, in file order: the fake AIOStreams server (default dataset); the fake Trakt server
with a small account about the fake server's titles (Sample Show and Robot Show watched up to S01E01, Sample
Feature on the watchlist, Fake Movie 02 half watched), logged in before Kodi starts; and three test add-ons built
here: a fake `service.upnext` that logs the upnext_data it receives, a fake `plugin.video.youtube` that plays the
fake server's clip for any video id, and `plugin.video.surfacesprobe`, another add-on listing a movie and an
episode that carry only IMDb ids (as the library and other add-ons do).
"""
from __future__ import annotations

import calendar
import json
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from dependency_addons import requests_set
from kodi_harness import (
    ADDON_ID,
    REPO_ROOT,
    KodiError,
    KodiInstance,
    addon_strings,
    notifications_in,
    plugin_runs,
    profile,
    quiet_screen,
    readme_screenshot,
    run_ended,
    wait_for,
    write_private_files,
)

from tests.fakes.trakt_account import Account
from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET

STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
P = 'plugin://%s' % ADDON_ID
UNREACHABLE = 'http://127.0.0.1:9'
DAY = 86400.0
SHOW, ROBOT, FEATURE, HALF_WATCHED = 9001, 9002, 8001, 8002
# dist/screenshots with Kodi's requests; dist/screenshots-newest beside it, so two sessions never share a file
SCREENSHOTS = REPO_ROOT / 'dist' / ('screenshots' if requests_set() == 'kodi' else 'screenshots-' + requests_set())
RELOAD = 'AIOStreams.Widgets.Reload'


# ---- the world ------------------------------------------------------------------------------------------------

def _aired(text):
    return float(calendar.timegm(time.strptime(text, '%Y-%m-%d')))


def surfaces_account() -> Account:
    """Trakt data about the fake AIOStreams server's own titles, so every list shows full metadata."""
    account = Account(username='surfaces-tester')
    now = time.time()
    account.add_show(SHOW, 'Sample Show', 2008, {
        0: [('Minisode', _aired('2009-02-17'))],
        1: [('Pilot', _aired('2008-01-20')), ('The Bag', _aired('2008-01-27')), ('And the Bag', _aired('2008-02-10'))],
        2: [('Seven', _aired('2009-03-08')), ('Not Yet Aired', None)],
    }, imdb='tt2000001', tmdb=1396, tvdb=81189)
    account.add_show(ROBOT, 'Robot Show', 2015, {
        1: [('Hello', _aired('2015-06-24')), ('Ones and Zeroes', _aired('2015-07-01'))],
    }, tmdb=62560)
    account.add_movie(FEATURE, 'Sample Feature', 2010, imdb='tt1000001', tmdb=27205, runtime=148)
    account.add_movie(HALF_WATCHED, 'Fake Movie 02', 1992, imdb='tt9000002', runtime=82)
    account.add_play('episode', (SHOW, 1, 1), now - 2 * DAY)
    account.add_play('episode', (ROBOT, 1, 1), now - 3 * DAY)
    account.watchlist.append({'id': account.next_id(), 'listed_at': now - DAY, 'type': 'movie', 'trakt': FEATURE,
                              'notes': None})
    entry = account.next_id()
    account.playback[entry] = {'id': entry, 'progress': 40.0, 'paused_at': now - 3600, 'type': 'movie',
                               'movie': HALF_WATCHED}
    account.settle_activities()
    return account


ADDON_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="{id}" name="{name}" version="{version}" provider-name="AIOStreams tests">
  <requires><import addon="xbmc.python" version="3.0.0"/></requires>
  {extension}
  <extension point="xbmc.addon.metadata">
    <summary lang="en_GB">{name}</summary>
    <description lang="en_GB">A test double of the AIOStreams end-to-end tests.</description>
    <platform>all</platform>
  </extension>
</addon>
"""

UPNEXT_SERVICE = '''import base64
import json

import xbmc


class Monitor(xbmc.Monitor):
    def onNotification(self, sender, method, data):
        if method.endswith('upnext_data'):
            payload = json.loads(base64.b64decode(json.loads(data)[0]).decode('utf-8'))
            xbmc.log('[service.upnext] upnext_data from %s: %s' % (sender, json.dumps(payload)), xbmc.LOGINFO)


monitor = Monitor()
xbmc.log('[service.upnext] listening', xbmc.LOGINFO)
while not monitor.abortRequested():
    if monitor.waitForAbort(1):
        break
'''

YOUTUBE_PLUGIN = '''import sys
from urllib.parse import parse_qs

import xbmc
import xbmcgui
import xbmcplugin

CLIP = %r
handle = int(sys.argv[1])
video_id = parse_qs(sys.argv[2].lstrip('?')).get('video_id', [''])[0]
xbmc.log('[plugin.video.youtube] play %%s' %% video_id, xbmc.LOGINFO)
if handle >= 0:
    xbmcplugin.setResolvedUrl(handle, True, xbmcgui.ListItem('Trailer', path=CLIP, offscreen=True))
else:
    xbmc.Player().play(CLIP)
'''

PROBE_PLUGIN = '''import sys

import xbmcgui
import xbmcplugin

handle = int(sys.argv[1])
movie = xbmcgui.ListItem('Sample Feature', offscreen=True)
tag = movie.getVideoInfoTag()
tag.setMediaType('movie')
tag.setTitle('Sample Feature')
tag.setUniqueIDs({'imdb': 'tt1000001'}, 'imdb')
episode = xbmcgui.ListItem('The Bag', offscreen=True)
tag = episode.getVideoInfoTag()
tag.setMediaType('episode')
tag.setTitle('The Bag')
tag.setTvShowTitle('Sample Show')
tag.setSeason(1)
tag.setEpisode(2)
tag.setUniqueIDs({'imdb': 'tt9999999', 'tvshow.imdb': 'tt2000001'}, 'imdb')
xbmcplugin.setContent(handle, 'movies')
xbmcplugin.addDirectoryItems(handle, [(sys.argv[0] + '?item=movie', movie, False),
                                      (sys.argv[0] + '?item=episode', episode, False)])
xbmcplugin.endOfDirectory(handle)
'''


def write_addon(root: Path, addon_id, name, extension, files) -> Path:
    folder = root / addon_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'addon.xml').write_text(ADDON_XML.format(id=addon_id, name=name, version='1.1.9',
                                                       extension=extension), encoding='utf-8')
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding='utf-8')
    return folder


def test_addons(root: Path, clip_url) -> list:
    plugin = '<extension point="xbmc.python.pluginsource" library="default.py"><provides>video</provides>' \
             '</extension>'
    return [
        write_addon(root, 'service.upnext', 'Up Next (test double)',
                    '<extension point="xbmc.service" library="service.py"/>', {'service.py': UPNEXT_SERVICE}),
        write_addon(root, 'plugin.video.youtube', 'YouTube (test double)', plugin,
                    {'default.py': YOUTUBE_PLUGIN % clip_url}),
        write_addon(root, 'plugin.video.surfacesprobe', 'Another add-on (test double)', plugin,
                    {'default.py': PROBE_PLUGIN}),
    ]


test_addons.__test__ = False  # a builder, not a test


@pytest.fixture(scope='module')
def trakt_account():
    return surfaces_account()


@pytest.fixture(scope='module')
def aio(servers):
    return servers['aio']


@pytest.fixture(scope='module')
def trakt(servers):
    return servers['trakt']


@pytest.fixture(scope='module')
def kodi(tmp_path_factory, addon_zip, dependency_addons, aio, trakt):
    instance = KodiInstance(tmp_path_factory.mktemp('kodi-surfaces'))
    try:
        for folder in dependency_addons + test_addons(tmp_path_factory.mktemp('test-addons'),
                                                      aio.origin + '/media/clip.mp4'):
            instance.install_addon(folder)
        instance.install_addon(addon_zip)
        instance.write_addon_settings(ADDON_ID, {
            'base_url': aio.manifest_url, 'trakt_api_url': trakt.url, 'trakt_client_id': CLIENT_ID,
            'trakt_client_secret': CLIENT_SECRET, 'punchplay_url': UNREACHABLE})
        write_private_files(profile(instance), {
            'trakt_token.json': dict(trakt.issue_token(), username=trakt.account.username)})
        instance.start()
        instance.wait_for_log(r'\[service.upnext\] listening', timeout=30)
        yield instance
    finally:
        instance.shutdown()


# ---- helpers --------------------------------------------------------------------------------------------------

def database(kodi):
    return sqlite3.connect(str(profile(kodi) / 'aiostreams.db'))


def rows(kodi, table):
    with database(kodi) as connection:
        return connection.execute('SELECT COUNT(*) FROM "%s"' % table).fetchone()[0]


def home_property(kodi, name):
    label = 'Window(Home).Property(%s)' % name
    return kodi.info_labels([label])[label]


def widget(path, token='1'):
    """A widget path as a skin expands it (the reload token of the Home property put in)."""
    return '%s/?%s&widget=true&reload=%s' % (P, path, token)


def plain(label):
    """A label without the watched colour and the "(watched/total)" progress our lists may add."""
    return re.sub(r'\s+\(\d+/\d+\)$', '', re.sub(r'\[/?COLOR[^\]]*\]', '', label))


def labels(items):
    return [plain(item['label']) for item in items]


def settle(kodi):
    """Wait until the shown list is not being (re)loaded (a refresh after an action shows a busy dialog)."""
    busy = ['Window.IsActive(busydialog)', 'Window.IsActive(busydialognocancel)', 'Container.IsUpdating']
    time.sleep(0.5)
    wait_for(lambda: not any(kodi.info_booleans(busy).values()), 30, 'the list to settle')
    time.sleep(0.5)


def focus(kodi, label, tries=30):
    """Move the focus in the shown list to the item labelled `label` (or starting with `label` and a space)."""
    settle(kodi)
    seen = []
    for _ in range(tries):
        shown = plain(kodi.info_labels(['ListItem.Label'])['ListItem.Label'])
        if shown == label or shown.startswith(label + ' '):
            return
        seen.append(shown)
        kodi.input('Down')
        time.sleep(0.15)
    raise KodiError('no item %r in the shown list: %s' % (label, sorted(set(seen))))


def context_menu(kodi):
    """Open the context menu of the focused item; returns its entries' labels (in order)."""
    kodi.input('ContextMenu')
    wait_for(lambda: kodi.info_booleans(['Window.IsActive(contextmenu)'])['Window.IsActive(contextmenu)'], 10,
             'the context menu')
    seen = []
    while True:
        current = kodi.info_labels(['System.CurrentControl'])['System.CurrentControl']
        if current in seen:
            return seen
        seen.append(current)
        kodi.input('Down')
        time.sleep(0.15)


def choose(kodi, entry):
    """In the open context menu, select `entry`."""
    for _ in range(30):
        if kodi.info_labels(['System.CurrentControl'])['System.CurrentControl'] == entry:
            kodi.input('Select')
            return
        kodi.input('Down')
        time.sleep(0.15)
    raise KodiError('no context menu entry %r' % entry)


def press(kodi, key):
    """A key press as the keyboard sends it (the keymap applies)."""
    kodi.rpc('Input.ButtonEvent', {'button': key, 'keymap': 'KB'})


def idle(kodi):
    """Nothing plays and no dialog has been open for a moment (Kodi aborts overlapping playback starts)."""
    kodi.wait_no_player()
    kodi.close_dialogs(quiet_seconds=2.0)


def wait_window(kodi, name, timeout=20):
    wait_for(lambda: kodi.info_booleans(['Window.IsActive(%s)' % name])['Window.IsActive(%s)' % name], timeout,
             'the %s window' % name)


def shown_text(kodi, wait=10.0) -> str:
    """The open dialog's heading and text; a text viewer's body once Kodi has filled it (it opens empty first)."""
    deadline = time.monotonic() + wait
    while True:
        body = kodi.info_labels(['Control.GetLabel(5)'])['Control.GetLabel(5)']
        viewer = kodi.info_booleans(['Window.IsActive(textviewer)'])['Window.IsActive(textviewer)']
        if body.strip() or not viewer or time.monotonic() > deadline:
            return kodi.dialog_text() + ' ' + body
        time.sleep(0.25)


def run_script(kodi, url, yes=0, timeout=60) -> dict:
    """RunPlugin(url): the first `yes` yes/no dialogs get Yes (button 11 of Kodi's DialogConfirm), every other
    dialog Back; returns the dialogs' texts (text viewers included) and the notifications."""
    mark = kodi.log_mark()
    kodi.builtin('RunPlugin(%s)' % url)
    dialogs = []
    deadline = time.monotonic() + timeout
    while not run_ended(kodi.log_since(mark), url=url):
        if time.monotonic() > deadline:
            raise KodiError('%s did not end within %d s' % (url, timeout))
        if kodi.modal_dialog_open():
            dialogs.append(shown_text(kodi))
            if yes and kodi.info_booleans(['Window.IsActive(yesnodialog)'])['Window.IsActive(yesnodialog)']:
                yes -= 1
                kodi.builtin('SendClick(11)')
            else:
                kodi.input('Back')
            time.sleep(0.5)
        time.sleep(0.2)
    text = kodi.log_since(mark)
    return {'dialogs': dialogs, 'notifications': notifications_in(text), 'log': text}


def runs_since(kodi, mark):
    return [query for _, query in plugin_runs(kodi.log_since(mark))]


def sync_now(kodi):
    return run_script(kodi, P + '/?action=trakt_sync', timeout=120)['notifications']


# ---- the scenarios --------------------------------------------------------------------------------------------

def trailer_in_watchlist(kodi):
    items = kodi.get_directory(widget('action=trakt_watchlist&media_type=movies'), properties=('title', 'trailer'))
    return items and items[0]['trailer']


def test_first_sync_brings_the_account(kodi, trakt):
    assert STRINGS[30722] in sync_now(kodi)
    assert rows(kodi, 'trakt_watchlist') == 1 and rows(kodi, 'trakt_playback') == 1
    # the service fetches the metas the lists need (paced), so widgets show full metadata
    wait_for(lambda: trailer_in_watchlist(kodi), 90, 'the meta fetcher')


WIDGETS = [
    ('action=trakt_next_up', ['Sample Show S01E02 - The Bag', 'Robot Show S01E02 - Ones and Zeroes']),
    ('action=trakt_continue_watching', ['Fake Movie 02']),
    ('action=trakt_watchlist&media_type=movies', ['Sample Feature']),
    ('action=browse_catalog&content_type=movie&catalog_id=fk1.tmdb.trending', None),
    ('action=browse_catalog&content_type=movie&catalog_id=fk1.tmdb.top', None),
]


@pytest.mark.parametrize('path,expected', WIDGETS, ids=[path.split('&')[0][7:] + path[-8:] for path, _ in WIDGETS])
def test_widget_paths_list_without_any_dialog(kodi, path, expected):
    started = time.monotonic()
    outcome = kodi.invoke(widget(path), 'directory')
    elapsed = time.monotonic() - started
    assert outcome['error'] is None and outcome['dialogs'] == [] and outcome['notifications'] == []
    found = labels(outcome['items'])
    assert found and STRINGS[30020] not in found  # never a "Next page" item in a widget
    if expected is not None:
        assert found == expected
    assert elapsed < 10, 'the widget took %.1f s' % elapsed


def test_widget_items_carry_the_keymap_properties_and_trailers(kodi):
    assert trailer_in_watchlist(kodi) == 'plugin://plugin.video.youtube/play/?video_id=YoHD9XEInc0'
    kodi.show_folder(P + '/?action=trakt_watchlist&media_type=movies')
    focus(kodi, 'Sample Feature')
    found = kodi.info_labels(['ListItem.Property(imdb_id)', 'ListItem.Property(meta_id)',
                              'ListItem.Property(content_type)', 'ListItem.DBTYPE', 'ListItem.Trailer'])
    assert found == {'ListItem.Property(imdb_id)': 'tt1000001', 'ListItem.Property(meta_id)': 'tt1000001',
                     'ListItem.Property(content_type)': 'movie', 'ListItem.DBTYPE': 'movie',
                     'ListItem.Trailer': 'plugin://plugin.video.youtube/play/?video_id=YoHD9XEInc0'}


def test_context_entry_follows_the_state_and_its_runplugin_performs_the_action(kodi, trakt):
    kodi.show_folder(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    focus(kodi, 'Sample Feature')
    entries = context_menu(kodi)
    for expected in ('Play', 'Show streams', 'Play trailer', 'Similar to this', 'Remove from Trakt watchlist',
                     'Mark as watched', 'Quick actions'):
        assert expected in entries, entries
    assert STRINGS[30050] not in entries  # the global entry stays off our own items
    token = home_property(kodi, RELOAD)
    mark = kodi.log_mark()
    choose(kodi, 'Remove from Trakt watchlist')
    kodi.wait_plugin_finished(mark)
    assert any('action=trakt_remove_watchlist' in query and 'imdb_id=tt1000001' in query
               for query in runs_since(kodi, mark))
    new_token = home_property(kodi, RELOAD)
    assert new_token and new_token != token  # every widget of ours reloads
    assert labels(kodi.get_directory(widget('action=trakt_watchlist&media_type=movies', new_token))) == []
    wait_for(lambda: trakt.account.watchlist == [], 30, 'the watchlist removal reaching Trakt')


def test_keymap_is_installed_and_its_keys_act_on_the_focused_item(kodi):
    outcome = run_script(kodi, P + '/?action=install_keymap')
    assert any(STRINGS[31132] in text for text in outcome['dialogs'])
    installed = kodi.userdata / 'keymaps' / 'aiostreams.xml'
    assert installed.read_text(encoding='utf-8') == \
        (REPO_ROOT / 'resources' / 'keymaps' / 'aiostreams.xml').read_text(encoding='utf-8')
    kodi.show_folder(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    focus(kodi, 'Sample Feature')
    mark = kodi.log_mark()
    press(kodi, 'w')  # W: mark watched
    kodi.wait_plugin_finished(mark)
    assert runs_since(kodi, mark)[0] == '?action=toggle_watched&focused=true'  # then our list refreshes
    wait_for(lambda: rows(kodi, 'trakt_watched_movie') == 1, 10, 'the watched mark')
    assert STRINGS[30773] in notifications_in(kodi.log_since(mark))
    focus(kodi, 'Sample Feature')
    mark = kodi.log_mark()
    press(kodi, 'q')  # Q: toggle the watchlist (it was removed above: added again)
    kodi.wait_plugin_finished(mark)
    wait_for(lambda: rows(kodi, 'trakt_watchlist') == 1, 10, 'the watchlist addition')
    focus(kodi, 'Sample Feature')
    mark = kodi.log_mark()
    press(kodi, 'a')  # A: quick actions of the focused item
    wait_window(kodi, 'selectdialog')
    assert kodi.dialog_text().startswith('Select dialog: Sample Feature')
    kodi.input('Back')
    kodi.wait_plugin_finished(mark)


def test_keymap_on_an_item_that_is_not_ours_explains(kodi):
    kodi.show_folder(P + '/menu/tools')
    focus(kodi, STRINGS[31130])
    mark = kodi.log_mark()
    press(kodi, 'q')
    kodi.wait_plugin_finished(mark)
    assert STRINGS[31120] in notifications_in(kodi.log_since(mark))


def test_global_context_entry_on_another_addons_item_opens_quick_actions(kodi):
    kodi.show_folder('plugin://plugin.video.surfacesprobe/')
    focus(kodi, 'The Bag')
    entries = context_menu(kodi)
    assert STRINGS[30050] in entries
    mark = kodi.log_mark()
    choose(kodi, STRINGS[30050])
    wait_window(kodi, 'selectdialog')
    assert kodi.dialog_text().startswith('Select dialog: Sample Show')  # the episode's show
    kodi.input('Back')
    kodi.wait_plugin_finished(mark)
    query = parse_qs(urlsplit(runs_since(kodi, mark)[-1]).query or runs_since(kodi, mark)[-1].lstrip('?'))
    assert query['imdb_id'] == ['tt2000001'] and query['season'] == ['1'] and query['episode'] == ['2']


def test_skin_search_url_with_nocache_opens_the_keyboard_then_the_results(kodi):
    kodi.input('Home')  # a skin's search button lives on the home screen
    wait_window(kodi, 'home')
    url = P + '/?action=search&content_type=both&nocache=%s' % time.strftime('%S')
    kodi.builtin('ActivateWindow(videos,%s,return)' % url)
    wait_window(kodi, 'virtualkeyboard')
    time.sleep(1.0)
    kodi.input('SendText', {'text': 'Sample', 'done': True})
    heading = STRINGS[30306] % 'Sample'
    wait_for(lambda: kodi.info_labels(['Container.PluginCategory'])['Container.PluginCategory'] == heading, 20,
             'the search results')
    found = kodi.info_labels(['Container.FolderPath', 'Container.NumItems'])
    assert 'action=search&content_type=both&nocache=' in found['Container.FolderPath']
    assert found['Container.NumItems'] == '2'  # Sample Feature and Sample Show at once, no Movies / TV Shows step


def test_skin_search_url_with_a_query_lists_results_directly(kodi):
    outcome = kodi.invoke(P + '/?action=search&content_type=both&query=Sample', 'directory')
    assert outcome['dialogs'] == [] and outcome['error'] is None
    assert {'Sample Feature', 'Sample Show'} <= set(labels(outcome['items']))


def test_trailer_plays_through_the_youtube_addon(kodi):
    idle(kodi)
    mark = kodi.log_mark()
    kodi.builtin('RunPlugin(%s/?action=play_trailer&content_type=series&imdb_id=tt2000001&media_type=tvshow)' % P)
    kodi.wait_for_log(r'\[plugin.video.youtube\] play HhesaQXLuRY', since=mark, timeout=30)
    kodi.wait_for_player(30)
    kodi.wait_no_player()


def test_trailer_without_the_youtube_addon_is_explained(kodi):
    kodi.set_addon_enabled('plugin.video.youtube', False)
    try:
        outcome = run_script(kodi, P + '/?action=play_trailer&content_type=movie&imdb_id=tt1000001')
        assert STRINGS[31122] in outcome['notifications']
        assert not kodi.active_players()
    finally:
        kodi.set_addon_enabled('plugin.video.youtube', True)


def test_up_next_gets_the_next_episode_across_the_season(kodi):
    idle(kodi)
    mark = kodi.log_mark()
    kodi.player_open(P + '/?action=play_first&content_type=series&imdb_id=tt2000001&season=1&episode=3')
    kodi.wait_for_player(40)
    line = kodi.wait_for_log(r'\[service.upnext\] upnext_data from %s.SIGNAL: ' % re.escape(ADDON_ID), since=mark,
                             timeout=30)
    data = json.loads(line.split('.SIGNAL: ', 1)[1])
    kodi.wait_no_player()
    current, following = data['current_episode'], data['next_episode']
    assert (current['season'], current['episode'], current['title']) == (1, 3, 'And the Bag')
    assert (following['season'], following['episode'], following['title']) == (2, 1, 'Seven')
    assert following['showtitle'] == 'Sample Show'
    play_url = data['play_url']
    assert parse_qs(urlsplit(play_url).query) == {
        'action': ['play_first'], 'content_type': ['series'], 'imdb_id': ['tt2000001'], 'season': ['2'],
        'episode': ['1'], 'stream_id': ['tt2000001:2:1'], 'title': ['Sample Show']}
    idle(kodi)
    kodi.player_open(play_url)  # what Up Next does when the user (or its countdown) says "play"
    player = kodi.wait_for_player(40)
    item = kodi.playing_item(player['playerid'], ('title', 'season', 'episode', 'showtitle'))
    assert (item['showtitle'], item['season'], item['episode'], item['title']) == ('Sample Show', 2, 1, 'Seven')
    kodi.wait_no_player()


def test_up_next_is_quiet_after_the_last_aired_episode(kodi):
    idle(kodi)
    mark = kodi.log_mark()
    kodi.player_open(P + '/?action=play_first&content_type=series&imdb_id=tt2000001&season=2&episode=1')
    kodi.wait_for_player(40)
    kodi.wait_for_log(r'Up Next: tt2000001 S02E01 is the last aired episode', since=mark, timeout=30)
    kodi.wait_no_player()
    assert 'upnext_data from' not in kodi.log_since(mark)


# Tools menu entry -> (yes answers, what the user is told: a string id or a regex)
TOOLS = {
    'test_connection': (0, None),
    'refresh_manifest_cache': (0, None),
    'clear_cache': (0, None),
    'trakt_sync': (0, 30722),
    'install_tmdbhelper_players': (0, None),
    'install_keymap': (0, 31134),
    # shown literally (not expanded by Kodi), so it can be typed into a skin's widget settings
    # (folded before each '&' so no line runs past the text viewer's edge)
    'widget_paths': (0, r'action=trakt_next_up\s*&widget=true\s*&reload=\$INFO\[Window\(Home\)\.Property\(%s\)\]'
                        % RELOAD),
    'show_database_info': (0, r'trakt_watchlist: 1 rows'),
    'vacuum_database': (0, r'Database optimized: '),
    'rebuild_trakt_database': (1, 30722),
    'clear_stream_stats': (1, r'Stream statistics cleared \(\d+ providers\)\.'),
    'clear_preferences': (1, r'Learned preferences cleared \(\d+ providers\)\.'),
    'database_reset': (2, r'Database reset: \d+ rows deleted from \d+ tables\.'),
}


def test_tools_menu_offers_every_tool(kodi):
    actions = [parse_qs(urlsplit(item['file']).query)['action'][0]
               for item in kodi.get_directory(P + '/menu/tools') if 'action=' in item['file']]
    assert actions == list(TOOLS)


@pytest.mark.parametrize('action', list(TOOLS))
def test_each_tool_does_its_job_and_says_so(kodi, action):
    yes, expected = TOOLS[action]
    outcome = run_script(kodi, P + '/?action=' + action, yes=yes, timeout=180)
    told = '\n'.join(outcome['notifications'] + outcome['dialogs']).replace('[B][/B]', '')
    assert told, '%s told the user nothing' % action
    if isinstance(expected, int):
        assert STRINGS[expected] in told, told
    elif expected:
        assert re.search(expected, told), told
    if action == 'database_reset':
        for table in ('trakt_watchlist', 'trakt_watched_movie', 'play_state', 'stream_stats', 'trakt_sync_state'):
            assert rows(kodi, table) == 0, table


def test_settings_offer_the_tools(kodi):
    text = (REPO_ROOT / 'resources' / 'settings.xml').read_text(encoding='utf-8')
    for action in list(TOOLS) + ['setup_from_uuid', 'trakt_auth', 'trakt_revoke']:
        if action == 'trakt_sync':
            continue
        assert 'RunPlugin(plugin://%s/?action=%s)' % (ADDON_ID, action) in text, action


# ---- README screenshots ---------------------------------------------------------------------------------------

def test_readme_screenshots(kodi):
    """Main menu, a catalog, a series, the stream selection and Next Up, as PNGs for the README (its copies are in
    docs/screenshots/: copy dist/screenshots/readme-*.png there, without the prefix, to update them)."""
    assert STRINGS[30722] in sync_now(kodi)  # the reset above emptied the Trakt data
    shots = {
        'main-menu': P + '/',
        'catalog': P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&catalog_name=Popular',
        'series': P + '/episodes?meta_id=tt2000001&season=1&content_type=series',
        'next-up': P + '/?action=trakt_next_up',
    }
    for name, url in shots.items():
        kodi.show_folder(url)
        settle(kodi)
        if kodi.info_labels(['ListItem.Label'])['ListItem.Label'] == '..':
            kodi.input('Down')  # the first title, not the parent folder
        quiet_screen(kodi)
        readme_screenshot(kodi, name)
    idle(kodi)
    kodi.player_open(P + '/?action=select_stream&content_type=series&imdb_id=tt2000001&season=1&episode=2'
                     '&title=%s' % quote('Sample Show'))
    wait_window(kodi, 'aiostreams-sources.xml', 40)  # the source window (source_select_style's default)
    time.sleep(2.5)
    readme_screenshot(kodi, 'stream-selection')
    kodi.input('Back')
    kodi.wait_no_player()
    for name in list(shots) + ['stream-selection']:
        path = SCREENSHOTS / ('readme-%s.png' % name)
        assert path.stat().st_size > 10000, path
