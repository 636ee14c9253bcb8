"""Kodi's own play counts of one addon's plugin URLs, read from Kodi's video database (MyVideos<N>.db), read-only.

Kodi announces play-count changes of library items only: its "Mark as watched" on a `plugin://` item writes the count
for the item's URL and tells nobody (Kodi 20.1, tests/kodi/test_kodi_watched.py). The file is only read, with SQLite
in read-only mode; Kodi refuses to set a plugin URL's count over JSON-RPC (Files.SetFileDetails answers "Invalid
params": the file has no details). A user whose video database lives on a MySQL server has no such file: the
feature then sees library items only.
"""
from __future__ import annotations

import glob
import os
import re
import sqlite3
import time

from addon import kodi

_NAME = re.compile(r'MyVideos(\d+)\.db$')


def database_file():
    """The newest MyVideos<N>.db of the profile (Kodi 20 uses 121, Kodi 21 131), or None."""
    found = []
    for path in glob.glob(os.path.join(kodi.translate_path('special://database/'), 'MyVideos*.db')):
        match = _NAME.search(path)
        if match:
            found.append((int(match.group(1)), path))
    return max(found)[1] if found else None


def stamp(path):
    """What changes when Kodi writes the file (size and modification time); None when it is gone."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _epoch(text):
    try:
        return time.mktime(time.strptime(text, '%Y-%m-%d %H:%M:%S')) if text else None
    except ValueError:
        return None


def rows_of(path, prefix):
    """{url: (playcount, lastplayed epoch or None)} of every file Kodi counts whose URL starts with `prefix`; None
    when the file cannot be read (busy, missing, not a Kodi database)."""
    try:
        connection = sqlite3.connect('file:%s?mode=ro' % path, uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        rows = connection.execute(
            'SELECT path.strPath, files.strFilename, files.playCount, files.lastPlayed FROM files '
            'JOIN path ON path.idPath = files.idPath WHERE path.strPath >= ? AND path.strPath < ?',
            (prefix, prefix + '\uffff')).fetchall()
    except sqlite3.Error as error:
        kodi.log('Kodi video database not readable: %s' % error, 'warning')
        return None
    finally:
        connection.close()
    # Kodi 20 files a plugin item's count under the folder of its URL with the whole URL as the file name
    return {(name if '://' in name else folder + name): (int(count or 0), _epoch(played))
            for folder, name, count, played in rows}

