"""The canonical ids PunchPlay.tv answered a stop with (tmdb_id, tvdb_id, imdb_id, punchplay_id), kept per media key
in a small JSON file of the profile, so a rating of the same movie or episode names them (punchplay-api.md §5.2).

Written by the service's PunchPlay sender only (atomic replace: a plugin process reading it sees the old or the new
file, never half of one); the newest entries are kept.
"""
from __future__ import annotations

import json
import os
import threading

from addon import kodi

FILE_NAME = 'punchplay_ids.json'
MAX_ENTRIES = 500

_lock = threading.Lock()


def _path() -> str:
    return os.path.join(kodi.profile_dir(), FILE_NAME)


def _read() -> dict:
    try:
        with open(_path(), encoding='utf-8') as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def of(key) -> dict:
    """The canonical ids kept for a media key ({} when none)."""
    found = _read().get(key) if key else None
    return found if isinstance(found, dict) else {}


def remember(key, ids):
    """Keep `ids` for `key` (the newest MAX_ENTRIES keys stay)."""
    if not key or not ids:
        return
    with _lock:
        data = _read()
        data.pop(key, None)
        data[key] = ids
        for old in list(data)[:-MAX_ENTRIES]:
            del data[old]
        temporary = '%s.%d.tmp' % (_path(), os.getpid())
        try:
            with open(temporary, 'w', encoding='utf-8') as handle:
                json.dump(data, handle, separators=(',', ':'))
            os.replace(temporary, _path())
        except OSError as error:
            kodi.log('PunchPlay ids not kept: %s' % error, 'warning')
