"""special:// path translation onto the test's folders."""
from __future__ import annotations

import os


class SpecialPaths:
    """Maps Kodi's special:// roots to real folders.

    special://profile, special://masterprofile and special://userdata -> profile_dir;
    special://home -> home_dir, except special://home/addons/<addon id> -> the addon under test;
    special://temp and special://logpath -> home_dir/temp; special://xbmc -> home_dir/xbmc;
    special://database and special://thumbnails -> folders under profile_dir.
    """

    def __init__(self, profile_dir: str, home_dir: str, addon_id: str, addon_root: str):
        self.addon_prefix = 'special://home/addons/%s' % addon_id
        self.addon_root = addon_root
        self.roots = {
            'profile': profile_dir,
            'masterprofile': profile_dir,
            'userdata': profile_dir,
            'database': os.path.join(profile_dir, 'Database'),
            'thumbnails': os.path.join(profile_dir, 'Thumbnails'),
            'home': home_dir,
            'temp': os.path.join(home_dir, 'temp'),
            'logpath': os.path.join(home_dir, 'temp'),
            'xbmc': os.path.join(home_dir, 'xbmc'),
            'xbmcbin': os.path.join(home_dir, 'xbmc'),
        }

    def translate(self, path: str) -> str:
        """Real path for `path`; other paths come back unchanged. A trailing slash is kept, like Kodi."""
        if not path.startswith('special://'):
            return path
        if path == self.addon_prefix or path.startswith(self.addon_prefix + '/'):
            return self._join(self.addon_root, path[len(self.addon_prefix):])
        root, slash, rest = path[len('special://'):].partition('/')
        if root not in self.roots:
            raise ValueError('unknown special path root: %r' % path)
        return self._join(self.roots[root], slash + rest)

    @staticmethod
    def _join(base: str, rest: str) -> str:
        return base.rstrip(os.sep) + rest.replace('/', os.sep)
