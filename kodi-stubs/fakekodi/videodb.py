"""Kodi's video database as far as watched marks go: MyVideos121.db (Kodi 20's name) under special://database, with
the `path` and `files` tables Kodi keeps a play count in, plus library movies and episodes with their ids.

What Kodi 20.1 does (tests/kodi/test_kodi_watched.py checks it in a real Kodi):
- "Mark as watched" / "Mark as unwatched" on a `plugin://` item writes playCount / lastPlayed of the row of the
  item's URL (creating it) and announces nothing.
- The same on a library movie or episode writes its file row and announces VideoLibrary.OnUpdate with
  {"item": {"id", "type"}, "playcount"} (sender "xbmc", data a JSON string).
- A play that ends past the watched point does the same as "Mark as watched" (plus Player.OnStop).
- Files.SetFileDetails {file, media: "video", playcount} refuses a plugin URL ("Invalid params": Kodi finds no details
  of the file); a library file's count it writes.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time

SCHEMA = (
    'CREATE TABLE IF NOT EXISTS path (idPath INTEGER PRIMARY KEY, strPath TEXT)',
    'CREATE TABLE IF NOT EXISTS files (idFile INTEGER PRIMARY KEY, idPath INTEGER, strFilename TEXT, '
    'playCount INTEGER, lastPlayed TEXT, dateAdded TEXT)',
)


class FakeVideoDatabase:
    """Tests call mark_watched / play_ended / add_movie / add_episode; the JSON-RPC fake reads and writes it."""

    def __init__(self, folder: str, monitor):
        self.folder = folder
        self.path = os.path.join(folder, 'MyVideos121.db')
        self.monitor = monitor
        self.library = {}   # ('movie' | 'episode' | 'tvshow', id) -> {'file', details...}

    def _open(self, work):
        """Run `work(connection)` in one transaction; the file is made on first use (as Kodi makes it at start)."""
        os.makedirs(self.folder, exist_ok=True)
        connection = sqlite3.connect(self.path)
        for statement in SCHEMA:
            connection.execute(statement)
        try:
            with connection:
                return work(connection)
        finally:
            connection.close()

    @staticmethod
    def _split(url):
        """Kodi's split of a file path into its folder (ending with '/') and its file name. Kodi 20.1 files a plugin
        URL under the URL without its query (plus '/'), with the whole URL as the file name."""
        if url.startswith('plugin://'):
            return url.partition('?')[0].rstrip('/') + '/', url
        folder, _, name = url.rpartition('/')
        return folder + '/', name

    def _file_id(self, db, url):
        folder, name = self._split(url)
        row = db.execute('SELECT idPath FROM path WHERE strPath = ?', (folder,)).fetchone()
        path_id = row[0] if row else db.execute('INSERT INTO path (strPath) VALUES (?)', (folder,)).lastrowid
        row = db.execute('SELECT idFile FROM files WHERE idPath = ? AND strFilename = ?', (path_id, name)).fetchone()
        if row:
            return row[0]
        return db.execute('INSERT INTO files (idPath, strFilename, dateAdded) VALUES (?, ?, ?)',
                          (path_id, name, time.strftime('%Y-%m-%d %H:%M:%S'))).lastrowid

    def set_playcount(self, url, playcount, when=None):
        """Write a file's count as Kodi does (0 stores NULL and clears the last-played time)."""
        stamp = time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(when or time.time())) if playcount else None

        def write(db):
            file_id = self._file_id(db, url)
            db.execute('UPDATE files SET playCount = ?, lastPlayed = ? WHERE idFile = ?',
                       (playcount or None, stamp, file_id))
        self._open(write)

    def playcount(self, url) -> int:
        folder, name = self._split(url)
        row = self._open(lambda db: db.execute(
            'SELECT files.playCount FROM files JOIN path ON path.idPath = files.idPath '
            'WHERE path.strPath = ? AND files.strFilename = ?', (folder, name)).fetchone())
        return int(row[0] or 0) if row else 0

    # ---- what the user and the player do ----------------------------------------------------------------------

    def mark_watched(self, target, watched=True):
        """Kodi's own context entry on a plugin URL (str) or a library item (('movie' | 'episode', id))."""
        if isinstance(target, str):
            current = self.playcount(target)
            self.set_playcount(target, current + 1 if watched else 0)
            return
        item = self.library[target]
        count = self.playcount(item['file']) + 1 if watched else 0
        self.set_playcount(item['file'], count)
        self.monitor.notify('xbmc', 'VideoLibrary.OnUpdate',
                            json.dumps({'item': {'id': target[1], 'type': target[0]}, 'playcount': count}))

    def play_ended(self, url, when=None):
        """A play of `url` ended past Kodi's watched point: the count goes up, like Kodi's own mark."""
        self.monitor.notify('xbmc', 'Player.OnStop', json.dumps({'end': True, 'item': {'type': 'movie'}}))
        self.set_playcount(url, self.playcount(url) + 1, when)

    def add_movie(self, movie_id, file, **details):
        self.library[('movie', movie_id)] = dict(details, file=file)

    def add_episode(self, episode_id, file, show, **details):
        """`show`: the tvshow details ({'tvshowid', 'title', 'uniqueid', ...})."""
        self.library[('episode', episode_id)] = dict(details, file=file, tvshowid=show['tvshowid'])
        self.library[('tvshow', show['tvshowid'])] = dict(show)

    def details(self, kind, item_id, properties):
        item = self.library.get((kind, item_id))
        if item is None:
            return None
        found = {key: item[key] for key in properties if key in item}
        found['label'] = item.get('title', '')
        if 'playcount' in properties and 'file' in item:
            found['playcount'] = self.playcount(item['file'])
        return found
