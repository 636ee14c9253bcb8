"""Shared pytest setup: the repository (the addon folder) and kodi-stubs/ on sys.path, and the `kodi` fixture."""
from __future__ import annotations

import os
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUBS_DIR = os.path.join(REPO_ROOT, 'kodi-stubs')

for _path in (REPO_ROOT, STUBS_DIR):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import fakekodi  # noqa: E402  (needs the path above)

# Initial state for modules that talk to Kodi at import time (routing reads the addon id when imported).
fakekodi.reset(addon_root=REPO_ROOT)


@pytest.fixture
def kodi(tmp_path):
    """fakekodi reset for the addon in this repository, with profile and home folders under tmp_path."""
    fakekodi.reset(addon_root=REPO_ROOT, profile_dir=tmp_path / 'profile', home_dir=tmp_path / 'home')
    yield fakekodi
