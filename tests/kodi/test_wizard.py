"""Issue 16 in a real Kodi: a fresh install (no manifest URL) shows "Set up AIOStreams" first in the main menu and
no entry that needs the server; the wizard, driven as a user drives it (Select on the entry, the select dialog,
the keyboard, Back on the optional steps), ends with a main menu listing the catalogs, and a catalog opens with
titles. Screenshots of the set-up entry and of the wizard's first dialog go to dist/screenshots/."""
from __future__ import annotations

import shutil
import subprocess
import time

import pytest
from conftest import OFFLINE_SETTINGS
from dependency_addons import requests_set
from kodi_harness import ADDON_ID, REPO_ROOT, addon_strings, wait_for

from tests.fakes.aiostreams_server import ENCRYPTED_PASSWORD, FakeAIOStreams

STRINGS = addon_strings(REPO_ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
P = 'plugin://%s' % ADDON_ID
SCREENSHOTS = REPO_ROOT / 'dist' / ('screenshots' if requests_set() == 'kodi' else 'screenshots-' + requests_set())
BACKEND_ENTRIES = (STRINGS[30001], STRINGS[30002], STRINGS[30003])  # Search, Movies, TV Shows


@pytest.fixture(scope='module')
def aio():
    server = FakeAIOStreams().start()
    yield server
    server.stop()


@pytest.fixture(scope='module')
def kodi_settings() -> dict:
    """A fresh install: no manifest URL; Trakt and PunchPlay unreachable."""
    return dict(OFFLINE_SETTINGS)


def active(kodi, window) -> bool:
    return kodi.info_booleans(['Window.IsActive(%s)' % window])['Window.IsActive(%s)' % window]


def wait_window(kodi, window, timeout=30):
    wait_for(lambda: active(kodi, window), timeout, 'the %s window' % window)
    time.sleep(0.5)  # the dialog's controls take their labels a moment after it opens


def shown_labels(kodi) -> list:
    count = int(kodi.info_labels(['Container.NumItems'])['Container.NumItems'] or 0)
    wanted = ['Container.ListItemAbsolute(%d).Label' % index for index in range(count)]
    found = kodi.info_labels(wanted)
    return [found[label] for label in wanted if found[label] != '..']  # not the parent folder


def screenshot(kodi, name):
    """dist/screenshots/readme-<name>.png, reduced to 256 colours like the other README pictures."""
    wait_for(lambda: not kodi.info_booleans(['Window.IsVisible(notification)'])['Window.IsVisible(notification)'],
             20, 'the notification to go')
    path = kodi.screenshot(SCREENSHOTS / ('readme-%s.png' % name))
    if shutil.which('convert'):
        subprocess.run(['convert', str(path), '-strip', '-colors', '256', '-define', 'png:compression-level=9',
                        str(path)], check=True)
    return path


def test_a_fresh_install_shows_the_set_up_entry_first_and_nothing_that_needs_the_server(kodi):
    kodi.show_folder(P + '/')
    labels = shown_labels(kodi)
    assert labels[0] == STRINGS[32300]
    assert not set(BACKEND_ENTRIES) & set(labels)
    if kodi.info_labels(['ListItem.Label'])['ListItem.Label'] == '..':
        kodi.input('Down')  # the picture shows the set-up entry focused
    screenshot(kodi, 'setup')


def test_the_wizard_driven_as_a_user_ends_with_a_working_catalog(kodi, aio):
    kodi.show_folder(P + '/')
    if kodi.info_labels(['ListItem.Label'])['ListItem.Label'] == '..':
        kodi.input('Down')
    wait_for(lambda: kodi.info_labels(['ListItem.Label'])['ListItem.Label'] == STRINGS[32300], 10,
             'the set-up entry focused')
    kodi.input('Select')
    wait_window(kodi, 'selectdialog')
    assert kodi.dialog_text().startswith('Select dialog: %s' % (STRINGS[32310] % (1, 4)))
    screenshot(kodi, 'setup-wizard')
    kodi.input('Select')  # Paste the manifest URL
    wait_window(kodi, 'virtualkeyboard')
    kodi.input('SendText', {'text': aio.manifest_url, 'done': True})
    for question in (32323, 32328, 32330):  # Trakt, PunchPlay.tv, keymap: skipped with Back
        wait_window(kodi, 'yesnodialog')
        assert STRINGS[question].split('?')[0] in kodi.dialog_text()
        kodi.input('Back')
    wait_for(lambda: set(BACKEND_ENTRIES) <= set(shown_labels(kodi)), 20, 'the main menu with the catalogs')
    assert shown_labels(kodi)[:3] == list(BACKEND_ENTRIES) and STRINGS[32300] not in shown_labels(kodi)
    assert aio.requests_to('/manifest.json')  # the live test reached the server
    movies = kodi.get_directory(P + '/movies')
    assert movies, 'no movie catalogs listed'
    titles = [item['label'] for item in kodi.get_directory(movies[0]['file'])]
    assert 'Sample Feature' in titles, 'the catalog %s opened without its titles: %s' % (movies[0]['label'], titles)
    assert ENCRYPTED_PASSWORD not in kodi.log_text() and aio.manifest_url not in kodi.log_text()
