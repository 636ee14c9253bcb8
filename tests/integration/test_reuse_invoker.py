"""reuselanguageinvoker is on (addon.xml): Kodi keeps one interpreter for the plugin and re-runs only plugin.py, so
modules, their globals and the HTTP sessions survive from one call to the next. fakekodi.run_plugin does the same
(modules stay loaded), so these tests run different routes one after the other in one interpreter and check that
nothing of a call leaks into the next: parameters, handle, widget mode, settings, login state, profile folder."""
from __future__ import annotations

import json
import os
import sys
import xml.etree.ElementTree as ET

import fakekodi
from tests.conftest import REPO_ROOT
from tests.fakes.aiostreams_fixture import aio, reset_http_sessions  # noqa: F401  (fixture)
from tests.fakes.aiostreams_server import FakeAIOStreams

P = 'plugin://plugin.video.aiostreams'
MAIN_MENU = ['Search', 'Movies', 'TV Shows', 'Tools']
CATALOG = '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&catalog_name=Popular'


def test_addon_xml_turns_reuse_on():
    metadata = ET.parse(os.path.join(REPO_ROOT, 'addon.xml')).getroot().find(
        "./extension[@point='xbmc.addon.metadata']")
    assert metadata.findtext('reuselanguageinvoker').strip() == 'true'


def test_parameters_handle_and_widget_mode_do_not_leak(aio, kodi):
    page = kodi.run_plugin(P + CATALOG + '&genre=Drama&skip=20&widget=true', handle=11)
    assert page.succeeded and 'Next page' not in page.labels  # widgets get no "Next page"
    menu = kodi.run_plugin(P + '/', handle=12)
    assert menu.labels == MAIN_MENU  # no genre, skip or widget parameter of the call before
    again = kodi.run_plugin(P + CATALOG, handle=13)
    assert again.labels[-1] == 'Next page' and again.labels[0] == 'Sample Feature'  # not a widget, first page
    assert len(kodi.directory(11).items) == len(page.items)  # nothing written to an older handle
    assert kodi.errors() == []


def test_an_interactive_call_after_a_widget_call_opens_its_dialog(aio, kodi):
    widget = kodi.run_plugin(P + '/search?content_type=movie&widget=true', handle=21)
    assert widget.ended and not widget.succeeded  # a widget never opens the keyboard
    kodi.answer('input', 'fake movie 01')
    typed = kodi.run_plugin(P + '/search?content_type=movie', handle=22)
    assert kodi.pending_answers() == {} and 'Fake Movie 01' in typed.labels


def test_a_setting_changed_between_calls_is_used_by_the_next_call(aio, kodi):
    kodi.run_plugin(P + '/movies', handle=31)
    other = FakeAIOStreams().start()
    try:
        kodi.set_setting('base_url', other.manifest_url)
        listing = kodi.run_plugin(P + '/movies', handle=32)
        assert listing.succeeded and other.requests_to('/manifest.json')
        assert len(aio.requests_to('/manifest.json')) == 1
    finally:
        other.stop()


def test_a_trakt_logout_shows_at_the_next_call(kodi):
    kodi.set_setting('base_url', 'https://aio.example/stremio/u/alias/manifest.json')  # the menu sends no request
    folder = os.path.join(kodi.translate_path('special://profile'), 'addon_data', 'plugin.video.aiostreams')
    os.makedirs(folder)
    token = os.path.join(folder, 'trakt_token.json')
    with open(token, 'w', encoding='utf-8') as handle:
        json.dump({'access_token': 'a' * 64, 'refresh_token': 'r' * 64}, handle)
    assert 'Trakt' in kodi.run_plugin(P + '/', handle=41).labels
    os.remove(token)
    assert kodi.run_plugin(P + '/', handle=42).labels == MAIN_MENU


def test_another_kodi_profile_gets_its_own_http_cache(aio, kodi, tmp_path):
    """Kodi profiles have their own addon_data: a kept HTTP session must not keep writing to the first one."""
    kodi.run_plugin(P + '/movies', handle=51)
    first_cache = os.path.join(kodi.translate_path('special://profile'), 'addon_data', 'plugin.video.aiostreams',
                               'http_cache.sqlite')
    assert os.path.exists(first_cache)
    fakekodi.reset(addon_root=REPO_ROOT, profile_dir=tmp_path / 'second', home_dir=tmp_path / 'home2')
    fakekodi.set_setting('base_url', aio.manifest_url)
    aio.clear_log()
    listing = fakekodi.run_plugin(P + '/movies', handle=52)
    assert listing.succeeded and aio.requests_to('/manifest.json')  # not answered from the first profile's cache
    assert os.path.exists(tmp_path / 'second' / 'addon_data' / 'plugin.video.aiostreams' / 'http_cache.sqlite')
    reset_http_sessions()


def test_no_settings_object_outlives_a_call(aio, kodi):
    """A call shares one xbmcaddon.Addon (Kodi reloads the settings for each new one, 0.7 ms a read); in Kodi that
    object never sees later changes, so it must be gone when the call ends, a failed call included."""
    from addon import kodi as door
    assert kodi.run_plugin(P + CATALOG, handle=61).succeeded
    assert door._call_addon is None
    kodi.run_plugin(P + '/no/such/route', handle=62)
    assert door._call_addon is None


def test_the_entry_script_adds_the_bundled_libraries_to_the_path_once(kodi):
    """Kodi re-runs plugin.py in the kept interpreter without resetting sys.path."""
    script = os.path.join(REPO_ROOT, 'plugin.py')
    vendor = os.path.join(REPO_ROOT, 'resources', 'lib', 'vendor')
    with open(script, encoding='utf-8') as handle:
        code = compile(handle.read(), script, 'exec')
    counts = []

    def run_twice(argv):
        for _ in range(2):
            exec(code, {'__name__': '__main__', '__file__': script})
            counts.append(sys.path.count(vendor))

    kodi.run_plugin(P + '/', handle=71, entry=run_twice)
    assert counts == [1, 1]
