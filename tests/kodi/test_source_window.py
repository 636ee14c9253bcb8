"""Issue 16's source window in a real Kodi against the fake AIOStreams server: select_stream opens
aiostreams-sources.xml (Window.IsActive), one row per stream with the title's art; Down + Select plays the second
row's stream (the one the fake served), Info shows the release text over the window, Back cancels quietly (nothing
plays, no dialog, no notification). Also the time from the known stream list to the window's onInit, and the README
screenshot dist/screenshots/readme-source-window.png.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import time

import pytest
from dependency_addons import requests_set
from kodi_harness import ADDON_ID, REPO_ROOT, KodiError, notifications_in

from tests.fakes.aiostreams_server import FakeAIOStreams

PLUGIN = 'plugin://%s/?' % ADDON_ID
SELECT = PLUGIN + 'action=select_stream&content_type=movie&imdb_id=tt1000001&title=Sample%20Feature'
WINDOW = 'aiostreams-sources.xml'
UHD, BLURAY, P2P, PROXIED, ERROR, STATISTIC = range(6)
SCREENSHOTS = REPO_ROOT / 'dist' / ('screenshots' if requests_set() == 'kodi' else 'screenshots-' + requests_set())
OPEN_BUDGET_MS = 300


def _cached_copy(stream, service, resolution, group):
    """The template stream as another cached release (so the second row plays without a download notice)."""
    copied = copy.deepcopy(stream)
    for key in ('name', 'url'):
        copied[key] = copied[key].replace('DEMAND', group)
    copied['behaviorHints']['filename'] = copied['streamData']['filename'] = \
        copied['streamData']['filename'].replace('DEMAND', group).replace('1080p', resolution)
    copied['url'] = copied['url'].replace('1080p', resolution)
    copied['streamData']['service'] = {'id': service, 'cached': True}
    copied['streamData']['parsedFile'].update({'resolution': resolution, 'releaseGroup': group,
                                               'languages': ['English', 'German'], 'audioTags': ['DTS-HD MA']})
    copied['name'] = '[%s+] Fake %s' % (service[:2].upper(), resolution)
    return copied


@pytest.fixture(scope='module')
def server():
    fake = FakeAIOStreams().start()
    template = fake.dataset['stream_template']
    fake.dataset['streams']['movie/tt1000001'] = [
        copy.deepcopy(template[UHD]), _cached_copy(template[BLURAY], 'realdebrid', '1080p', 'FLAME'),
        copy.deepcopy(template[BLURAY]), _cached_copy(template[BLURAY], 'alldebrid', '720p', 'SPARKS'),
        copy.deepcopy(template[ERROR]), copy.deepcopy(template[STATISTIC])]
    yield fake
    fake.stop()


@pytest.fixture(scope='module')
def kodi_settings(server):
    return {'base_url': server.manifest_url, 'trakt_api_url': 'http://127.0.0.1:9',
            'punchplay_url': 'http://127.0.0.1:9', 'keep_server_order': False}


@pytest.fixture
def idle(kodi):
    kodi.wait_no_player()
    yield kodi
    kodi.wait_no_player()


def is_active(kodi, window) -> bool:
    name = 'Window.IsActive(%s)' % window
    return kodi.info_booleans([name])[name]


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise KodiError('%s within %d s' % (what, timeout))


def open_window(kodi):
    mark = kodi.log_mark()
    kodi.player_open(SELECT)
    wait_until(lambda: is_active(kodi, WINDOW), 40, 'the source window did not open')
    time.sleep(0.5)
    return mark


def row(kodi, index, prop):
    label = 'Container(50).ListItemAbsolute(%d).Property(%s)' % (index, prop)
    return kodi.info_labels([label])[label]


def test_select_stream_opens_the_window_and_down_select_plays_the_second_row(idle, server):
    kodi = idle
    server.clear_log()
    mark = open_window(kodi)
    assert not is_active(kodi, 'selectdialog')
    counts = kodi.info_labels(['Container(50).NumItems', 'Control.GetLabel(2)', 'Control.GetLabel(5)'])
    assert counts['Container(50).NumItems'] == '4'            # the error and statistic items are no rows
    assert '[4K]' in row(kodi, 0, 'badge') and row(kodi, 0, 'title') == 'Torrentio'
    second = row(kodi, 1, 'release')
    assert second.endswith('.mkv') and 'cached' in row(kodi, 1, 'service')
    kodi.input('Down')
    time.sleep(0.4)
    kodi.input('Select')
    player = kodi.wait_for_player(30)
    time.sleep(1.0)
    playing = kodi.playing_item(player['playerid'])['file']
    assert second in playing
    served = [entry.decoded_path for entry in server.requests_to('/ok/')]
    assert served and all(second in path for path in served)     # only the chosen stream was fetched
    assert not is_active(kodi, WINDOW)
    assert not kodi.modal_dialog_open(), kodi.dialog_text()
    assert notifications_in(kodi.log_since(mark)) == []


def test_info_shows_the_release_text_and_back_cancels_quietly(idle, server):
    kodi = idle
    server.clear_log()
    mark = open_window(kodi)
    release = row(kodi, 0, 'release')
    kodi.input('Info')
    wait_until(lambda: is_active(kodi, 'textviewer'), 10, 'the release text did not show')
    viewer = kodi.info_labels(['Control.GetLabel(1)', 'Control.GetLabel(5)'])
    assert viewer['Control.GetLabel(1)'] == 'Torrentio' and release in viewer['Control.GetLabel(5)'], viewer
    kodi.input('Back')
    wait_until(lambda: not is_active(kodi, 'textviewer'), 10, 'the text viewer did not close')
    time.sleep(1.0)   # its closing animation still takes the keys
    assert is_active(kodi, WINDOW)
    kodi.input('Back')
    kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
    time.sleep(2.0)
    assert not is_active(kodi, WINDOW)
    assert kodi.active_players() == []
    assert server.requests_to('/ok/') == []
    assert not kodi.modal_dialog_open(), kodi.dialog_text()
    assert notifications_in(kodi.log_since(mark)) == []


def test_the_window_opens_within_300_ms_of_the_stream_list(idle):
    """From the known stream list to onInit (rows built, XML loaded, controls filled), as the addon logs it."""
    kodi = idle
    figures = []
    for _ in range(3):
        mark = open_window(kodi)
        line = kodi.wait_for_log(r'source window open with \d+ rows in \d+ ms', since=mark, timeout=10)
        print(line)
        figures.append(int(re.search(r'in (\d+) ms', line).group(1)))
        kodi.input('Back')
        kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
        time.sleep(1.0)
    print('source window open times (ms): %s' % figures)
    # The best of three: in CI two Kodis and the unit suites share two cores, and one open may wait for a core.
    assert min(figures) <= OPEN_BUDGET_MS, figures


def test_readme_screenshot_of_the_source_window(idle):
    kodi = idle
    mark = open_window(kodi)
    kodi.input('Down')
    time.sleep(2.5)   # the artwork fades in
    path = kodi.screenshot(SCREENSHOTS / 'readme-source-window.png')
    if shutil.which('convert'):
        subprocess.run(['convert', str(path), '-strip', '-colors', '256', '-define', 'png:compression-level=9',
                        str(path)], check=True)
    kodi.input('Back')
    kodi.wait_plugin_finished(mark, answer_dialogs=False, timeout=30)
    assert path.stat().st_size > 10000
