"""Kodi's own play counts of one addon's plugin URLs, read from Kodi's video database (MyVideos<N>.db), read-only.

Kodi announces play-count changes of library items only: its "Mark as watched" on a `plugin://` item writes the count
for the item's URL and tells nobody. The file is read with SQLite in read-only mode, never written: changes go
through JSON-RPC (Files.SetFileDetails), which keeps Kodi's caches right. A user whose video database lives on a
MySQL server has no such file: `rows_of` then answers None.
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
    return {folder + name: (int(count or 0), _epoch(played)) for folder, name, count, played in rows}


def set_playcount(url, playcount):
    """Kodi's play count of a file (0 clears it and its last-played time); False when Kodi refused."""
    try:
        kodi.jsonrpc('Files.SetFileDetails', {'file': url, 'media': 'video', 'playcount': int(playcount)})
    except RuntimeError as error:
        kodi.log('Kodi refused a play count for our item: %s' % error, 'warning')
        return False
    return True
