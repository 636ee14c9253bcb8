"""Fixtures for the tests of kodi-stubs: a small throw-away addon, independent of the real one."""
from __future__ import annotations

import os
import sys

import pytest
from stub_addon import write_addon

import fakekodi

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def addon_dir(tmp_path):
    return write_addon(tmp_path / 'plugin.video.stubtest')


@pytest.fixture
def fk(addon_dir, tmp_path):
    """fakekodi reset to the throw-away addon; the repository's addon is restored afterwards."""
    sys.modules.pop('leaky', None)  # the throw-away addon's module: fresh for each test
    fakekodi.reset(addon_root=addon_dir, profile_dir=tmp_path / 'profile', home_dir=tmp_path / 'home')
    yield fakekodi
    fakekodi.reset(addon_root=REPO_ROOT)
