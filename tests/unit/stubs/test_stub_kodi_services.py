"""xbmc functions, window properties and xbmcvfs against fakekodi's state."""
from __future__ import annotations

import json
import os

import pytest
import xbmc
import xbmcgui
import xbmcvfs


def test_log_records_level_and_message(fk):
    xbmc.log('hello')
    xbmc.log('careful', level=xbmc.LOGWARNING)
    xbmc.log('broken', xbmc.LOGERROR)
    assert fk.log_lines == [(xbmc.LOGDEBUG, 'hello'), (xbmc.LOGWARNING, 'careful'), (xbmc.LOGERROR, 'broken')]
    assert fk.errors() == ['broken']
    with pytest.raises(TypeError):
        xbmc.log(b'bytes')
    assert not hasattr(xbmc, 'LOGNOTICE')  # removed in Kodi 19


def test_translate_path_lives_in_xbmcvfs_only(fk, tmp_path, addon_dir):
    assert not hasattr(xbmc, 'translatePath')  # removed in Kodi 20
    profile, home = str(tmp_path / 'profile'), str(tmp_path / 'home')
    assert xbmcvfs.translatePath('special://profile/addon_data/plugin.video.stubtest/') == os.path.join(
        profile, 'addon_data', 'plugin.video.stubtest') + os.sep
    assert xbmcvfs.translatePath('special://userdata') == profile
    assert xbmcvfs.translatePath('special://temp/x.log') == os.path.join(home, 'temp', 'x.log')
    assert xbmcvfs.translatePath('special://home/addons/plugin.video.stubtest/main.py') == os.path.join(
        addon_dir, 'main.py')
    assert xbmcvfs.translatePath('/already/real') == '/already/real'
    with pytest.raises(ValueError):
        xbmcvfs.translatePath('special://nowhere/x')


def test_the_addon_profile_folder_is_not_created_for_the_addon(fk):
    profile = 'special://profile/addon_data/plugin.video.stubtest/'
    assert not xbmcvfs.exists(profile)
    assert xbmcvfs.mkdirs(profile) and xbmcvfs.exists(profile)


def test_vfs_file_operations(fk):
    folder = 'special://profile/addon_data/plugin.video.stubtest/'
    xbmcvfs.mkdirs(folder + 'cache/')
    with xbmcvfs.File(folder + 'token.json', 'w') as handle:
        assert handle.write('{"a": 1}')
    with xbmcvfs.File(folder + 'token.json') as handle:
        assert json.loads(handle.read()) == {'a': 1}
    assert xbmcvfs.exists(folder + 'token.json')
    assert not xbmcvfs.exists(folder + 'cache')  # a folder only exists with its trailing slash, like Kodi
    assert xbmcvfs.listdir(folder) == (['cache'], ['token.json'])
    assert xbmcvfs.copy(folder + 'token.json', folder + 'copy.json')
    assert xbmcvfs.rename(folder + 'copy.json', folder + 'moved.json')
    assert xbmcvfs.Stat(folder + 'moved.json').st_size() == 8
    assert xbmcvfs.delete(folder + 'moved.json') and not xbmcvfs.delete(folder + 'moved.json')
    assert xbmcvfs.File(folder + 'missing.json').read() == ''


def test_window_properties_are_shared_and_case_insensitive(fk):
    xbmcgui.Window(10000).setProperty('AIOStreams.Widgets.Reload', '42')
    assert xbmcgui.Window(10000).getProperty('aiostreams.widgets.reload') == '42'
    assert fk.window_property(10000, 'AIOStreams.Widgets.Reload') == '42'
    assert fk.window_properties(10000) == {'aiostreams.widgets.reload': '42'}
    xbmcgui.Window(10000).clearProperty('AIOSTREAMS.widgets.reload')
    assert fk.window_property(10000, 'AIOStreams.Widgets.Reload') == ''
    with pytest.raises(TypeError):
        xbmcgui.Window(10000).setProperty('count', 3)


def test_builtins_are_recorded(fk):
    xbmc.executebuiltin('Container.Refresh')
    xbmc.executebuiltin('Dialog.Close(busydialog)', True)
    assert fk.builtins == ['Container.Refresh', 'Dialog.Close(busydialog)']


def test_cond_visibility_and_info_labels(fk):
    fk.installed_addons.update({'plugin.video.youtube': True, 'script.disabled': False})
    fk.cond_visibility['Window.IsVisible(home)'] = True
    fk.info_labels['ListItem.Property(imdb_id)'] = 'tt1'
    assert xbmc.getCondVisibility('System.AddonIsEnabled(plugin.video.youtube)')
    assert not xbmc.getCondVisibility('System.AddonIsEnabled(script.disabled)')
    assert xbmc.getCondVisibility('System.HasAddon(script.disabled)')
    assert not xbmc.getCondVisibility('System.HasAddon(plugin.video.missing)')
    assert xbmc.getCondVisibility('System.HasAddon(plugin.video.stubtest)')
    assert xbmc.getCondVisibility('Window.IsVisible(home)')
    assert not xbmc.getCondVisibility('Player.HasVideo')
    fk.player.play('x')
    assert xbmc.getCondVisibility('Player.HasVideo')
    assert xbmc.getInfoLabel('ListItem.Property(imdb_id)') == 'tt1'
    assert xbmc.getInfoLabel('System.BuildVersion').startswith('20.')
    assert xbmc.getInfoLabel('ListItem.Title') == ''


def test_json_rpc_default_answers_and_custom_handler(fk):
    fk.installed_addons['plugin.video.youtube'] = False
    ping = json.loads(xbmc.executeJSONRPC(json.dumps({'jsonrpc': '2.0', 'id': 1, 'method': 'JSONRPC.Ping'})))
    assert ping == {'id': 1, 'jsonrpc': '2.0', 'result': 'pong'}
    details = json.loads(xbmc.executeJSONRPC(json.dumps(
        {'jsonrpc': '2.0', 'id': 2, 'method': 'Addons.GetAddonDetails',
         'params': {'addonid': 'plugin.video.youtube', 'properties': ['enabled']}})))
    assert details['result']['addon']['enabled'] is False
    unknown = json.loads(xbmc.executeJSONRPC('{"jsonrpc": "2.0", "id": 3, "method": "VideoLibrary.Scan"}'))
    assert unknown['error']['code'] == -32601
    requests = []
    fk.jsonrpc_handler = lambda request: requests.append(request) or {'id': request['id'], 'result': 'OK'}
    assert json.loads(xbmc.executeJSONRPC('{"id": 4, "method": "Player.Stop"}')) == {'id': 4, 'result': 'OK'}
    assert requests == [{'id': 4, 'method': 'Player.Stop'}]


def test_reset_clears_recorded_state(fk, addon_dir, tmp_path):
    xbmc.log('x')
    xbmc.executebuiltin('Container.Refresh')
    xbmcgui.Window(10000).setProperty('k', 'v')
    xbmcgui.Dialog().notification('h', 'm')
    fk.answer('select', 0)
    fk.installed_addons['a'] = True
    log_lines = fk.log_lines
    fk.reset(addon_root=addon_dir, profile_dir=tmp_path / 'p', home_dir=tmp_path / 'h')
    assert (fk.log_lines, fk.builtins, fk.notifications, fk.window_properties(10000)) == ([], [], [], {})
    assert fk.pending_answers() == {} and fk.installed_addons == {}
    assert log_lines is fk.log_lines  # emptied in place


def test_sleep_takes_integer_milliseconds(fk):
    xbmc.sleep(1)
    with pytest.raises(TypeError):
        xbmc.sleep(0.5)
