"""kodi_six behaves like the real kodi-six on Python 3: star-import copies of the Kodi modules (§3)."""
from __future__ import annotations

import importlib

import pytest
import xbmc
import xbmcgui

import fakekodi

MODULES = ('xbmc', 'xbmcgui', 'xbmcplugin', 'xbmcaddon', 'xbmcvfs', 'xbmcdrm')


@pytest.mark.parametrize('name', MODULES)
def test_each_submodule_is_a_separate_module_with_the_same_public_objects(name):
    original = importlib.import_module(name)
    shim = importlib.import_module('kodi_six.' + name)
    assert shim is not original
    public = [key for key in vars(original) if not key.startswith('_')]
    assert public and all(getattr(shim, key) is getattr(original, key) for key in public)


def test_private_names_are_not_copied():
    from kodi_six import xbmc as six_xbmc
    assert hasattr(xbmc, '_fk') and not hasattr(six_xbmc, '_fk')
    assert hasattr(xbmc, '_CORE_STRINGS') and not hasattr(six_xbmc, '_CORE_STRINGS')


def test_monkeypatching_xbmc_later_does_not_reach_kodi_six(monkeypatch, kodi):
    from kodi_six import xbmc as six_xbmc
    patched = []
    monkeypatch.setattr(xbmc, 'log', lambda msg, level=0: patched.append(msg))
    six_xbmc.log('through kodi_six', xbmc.LOGINFO)
    assert patched == [] and kodi.log_lines == [(xbmc.LOGINFO, 'through kodi_six')]


def test_shared_objects_stay_shared(kodi):
    from kodi_six import xbmcgui as six_xbmcgui
    six_xbmcgui.Window(10000).setProperty('shared', 'yes')
    assert xbmcgui.Window(10000).getProperty('shared') == 'yes'
    assert fakekodi.window_property(10000, 'shared') == 'yes'


def test_utils_are_identity_functions_on_python_3():
    from kodi_six import utils
    assert utils.PY2 is False
    assert utils.py2_encode('é') == 'é' and utils.py2_decode(b'x') == b'x'
