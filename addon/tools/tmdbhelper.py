"""Install our TMDbHelper player files (players/*.json) into TMDbHelper's user players folder."""
from __future__ import annotations

import os
import shutil

from addon import kodi

TMDBHELPER_ID = 'plugin.video.themoviedb.helper'
PLAYERS_FOLDER = 'special://profile/addon_data/%s/players/' % TMDBHELPER_ID
PLAYER_FILES = ('aiostreams.direct.json', 'aiostreams.select.json')


def install() -> list:
    """Copy the player files (overwriting older copies); returns the installed file names. Raises OSError."""
    source = os.path.join(kodi.addon_dir(), 'players')
    target = kodi.translate_path(PLAYERS_FOLDER)
    os.makedirs(target, exist_ok=True)
    for name in PLAYER_FILES:
        shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
    return list(PLAYER_FILES)


def install_with_feedback():
    """Tools action: install and tell the user what happened."""
    try:
        names = install()
    except OSError as error:
        kodi.log('installing TMDbHelper players failed: %s' % error, 'error')
        kodi.notify(kodi.localize(30572, error.strerror or type(error).__name__), icon='error')
        return
    if kodi.addon_enabled(TMDBHELPER_ID):
        kodi.notify(kodi.localize(30570, ', '.join(names)))
    else:
        kodi.ok_dialog(kodi.localize(30571))
