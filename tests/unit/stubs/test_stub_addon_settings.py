"""xbmcaddon fake: settings defaults from settings.xml (both formats), typed getters and setters, user values
from the profile, strings from strings.po, addon info from addon.xml."""
from __future__ import annotations

import os

import pytest
import xbmc
import xbmcaddon
from stub_addon import write_addon

import fakekodi

LEGACY_SETTINGS = """\
<settings>
  <category label="30100">
    <setting label="30101" type="lsep"/>
    <setting id="enabled" type="bool" label="30102" default="true"/>
    <setting id="pages" type="number" label="30102" default="3"/>
    <setting id="quality" type="enum" label="30102" values="SD|HD|4K" default="1"/>
    <setting id="sort" type="labelenum" label="30102" values="name|date" default="date"/>
    <setting id="volume" type="slider" option="float" range="0,0.5,1" label="30102" default="0.5"/>
    <setting id="user" type="text" label="30102" default=""/>
  </category>
</settings>
"""

USER_SETTINGS = """\
<settings version="2">
    <setting id="timeout">30</setting>
    <setting id="base_url">https://example.invalid/manifest.json</setting>
    <setting id="auto_resume" default="true">false</setting>
    <setting id="ratio">not a number</setting>
    <setting id="removed_setting">x</setting>
</settings>
"""


def test_v1_defaults_are_typed(fk):
    addon = xbmcaddon.Addon()
    assert addon.getSettingInt('timeout') == 15
    assert addon.getSettingNumber('ratio') == 1.5
    assert addon.getSettingBool('auto_resume') is True
    assert addon.getSettingString('base_url') == ''
    assert addon.getSettingString('behavior') == 'show_streams'
    assert addon.getSettingString('download_dir') == 'special://profile/dl/'
    assert addon.getSettingString('authorize') == ''
    assert addon.getSettings().getStringList('tags') == ['a', 'b']
    assert addon.getSetting('auto_resume') == 'true' and addon.getSetting('timeout') == '15'


def test_legacy_defaults_are_typed(tmp_path):
    root = write_addon(tmp_path / 'legacy', settings_xml=LEGACY_SETTINGS)
    fakekodi.reset(addon_root=root, profile_dir=tmp_path / 'profile', home_dir=tmp_path / 'home')
    try:
        addon = xbmcaddon.Addon()
        assert addon.getSettingBool('enabled') is True
        assert addon.getSettingInt('pages') == 3
        assert addon.getSettingInt('quality') == 1
        assert addon.getSettingString('sort') == 'date'
        assert addon.getSettingNumber('volume') == 0.5
        assert addon.getSettingString('user') == ''
        with pytest.raises(ValueError):
            fakekodi.set_setting('quality', 3)  # only 3 enum values
        with pytest.raises(ValueError):
            fakekodi.set_setting('sort', 'size')
    finally:
        fakekodi.reset()


def test_typed_getters_raise_type_error_on_the_wrong_type(fk):
    addon = xbmcaddon.Addon()
    with pytest.raises(TypeError):
        addon.getSettingBool('timeout')
    with pytest.raises(TypeError):
        addon.getSettingInt('base_url')
    with pytest.raises(TypeError):
        addon.getSettings().getBool('ratio')


@pytest.mark.parametrize('getter', ['getSetting', 'getSettingBool', 'getSettingInt', 'getSettingNumber',
                                    'getSettingString'])
def test_every_getter_raises_on_an_unknown_id(fk, getter):
    with pytest.raises(fakekodi.UnknownSettingError) as error:
        getattr(xbmcaddon.Addon(), getter)('timeout_seconds')
    assert isinstance(error.value, TypeError) and isinstance(error.value, KeyError)


def test_set_setting_is_checked_against_settings_xml(fk):
    fk.set_setting('timeout', 60)
    fk.set_setting('behavior', 'play_first')
    assert xbmcaddon.Addon().getSettingInt('timeout') == 60 and fk.setting('behavior') == 'play_first'
    with pytest.raises(KeyError):
        fk.set_setting('nope', 1)
    with pytest.raises(TypeError):
        fk.set_setting('timeout', '60')
    with pytest.raises(TypeError):
        fk.set_setting('auto_resume', 1)
    with pytest.raises(ValueError):
        fk.set_setting('behavior', 'play_all')
    with pytest.raises(ValueError):
        fk.set_setting('timeout', 2)  # below <minimum>3</minimum>
    assert fk.setting('timeout') == 60


def test_addon_setters_check_types_and_convert_text(fk):
    addon = xbmcaddon.Addon()
    with pytest.raises(TypeError):
        addon.setSettingInt('timeout', '20')
    with pytest.raises(TypeError):
        addon.setSettingBool('timeout', True)  # timeout is an integer setting
    addon.setSetting('auto_resume', 'false')
    addon.setSettingNumber('ratio', 2)
    addon.getSettings().setString('base_url', 'https://x.invalid/')
    assert fk.setting('auto_resume') is False and fk.setting('ratio') == 2.0
    assert addon.getSettingString('base_url') == 'https://x.invalid/'
    addon.getSettings().setStringList('tags', ['c'])
    assert fk.setting('tags') == ['c'] and addon.getSetting('tags') == 'c'
    with pytest.raises(TypeError):
        addon.getSettings().setIntList('tags', [1])  # a list of strings
    with pytest.raises(ValueError):
        addon.setSetting('timeout', 'fifteen')


def test_user_values_overlay_the_defaults(addon_dir, tmp_path):
    user_file = tmp_path / 'profile' / 'addon_data' / 'plugin.video.stubtest' / 'settings.xml'
    user_file.parent.mkdir(parents=True)
    user_file.write_text(USER_SETTINGS, encoding='utf-8')
    fakekodi.reset(addon_root=addon_dir, profile_dir=tmp_path / 'profile', home_dir=tmp_path / 'home')
    try:
        assert fakekodi.setting('timeout') == 30
        assert fakekodi.setting('base_url') == 'https://example.invalid/manifest.json'
        assert fakekodi.setting('auto_resume') is True  # marked default="true": the default applies
        assert fakekodi.setting('ratio') == 1.5  # unparsable value: the default applies
    finally:
        fakekodi.reset()


def test_an_addon_object_kept_across_resets_sees_the_current_state(fk, addon_dir, tmp_path):
    kept = xbmcaddon.Addon()
    fk.set_setting('timeout', 99)
    fakekodi.reset(addon_root=addon_dir, profile_dir=tmp_path / 'p2', home_dir=tmp_path / 'h2')
    assert kept.getSettingInt('timeout') == 15


def test_an_addon_without_settings_xml_has_no_settings(tmp_path):
    root = write_addon(tmp_path / 'bare', settings_xml=None, strings_po=None)
    fakekodi.reset(addon_root=root, profile_dir=tmp_path / 'profile', home_dir=tmp_path / 'home')
    try:
        with pytest.raises(fakekodi.UnknownSettingError):
            xbmcaddon.Addon().getSettingBool('anything')
    finally:
        fakekodi.reset()


def test_strings_come_from_strings_po(fk):
    addon = xbmcaddon.Addon()
    assert addon.getLocalizedString(30100) == 'General'
    assert addon.getLocalizedString(30101) == 'Line one and "two"'
    assert addon.getLocalizedString(30102) == 'Overridden text'
    assert xbmc.getLocalizedString(30100) == 'General'  # the addon range goes to the calling addon
    assert xbmc.getLocalizedString(137) == 'Search'
    assert addon.getLocalizedString(137) == ''


def test_an_unknown_addon_string_logs_an_error_and_raises(fk):
    with pytest.raises(fakekodi.UnknownStringError):
        xbmcaddon.Addon().getLocalizedString(30999)
    assert fk.errors() == ['string id 30999 is not in strings.po']
    with pytest.raises(TypeError):
        xbmcaddon.Addon().getLocalizedString('30100')


def test_addon_info_comes_from_addon_xml(fk, addon_dir):
    addon = xbmcaddon.Addon()
    assert addon.getAddonInfo('id') == 'plugin.video.stubtest'
    assert addon.getAddonInfo('name') == 'Stub Test' and addon.getAddonInfo('version') == '1.2.3'
    assert addon.getAddonInfo('path') == addon_dir
    assert addon.getAddonInfo('profile') == 'special://profile/addon_data/plugin.video.stubtest/'
    assert addon.getAddonInfo('icon') == os.path.join(addon_dir, 'resources/icon.png')
    assert addon.getAddonInfo('summary') == 'A summary'
    with pytest.raises(RuntimeError):
        addon.getAddonInfo('homepage')


def test_other_addons_must_be_installed(fk):
    with pytest.raises(RuntimeError):
        xbmcaddon.Addon('plugin.video.youtube')
    fk.installed_addons['plugin.video.youtube'] = True
    assert xbmcaddon.Addon('plugin.video.youtube').getAddonInfo('id') == 'plugin.video.youtube'
    assert xbmcaddon.Addon('plugin.video.stubtest').getSettingInt('timeout') == 15


def test_the_kodi_fixture_serves_the_repository_addon(kodi, tmp_path):
    assert xbmcaddon.Addon().getAddonInfo('id') == 'plugin.video.aiostreams'
    assert kodi.translate_path('special://profile/') == str(tmp_path / 'profile') + os.sep
