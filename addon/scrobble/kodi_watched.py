"""Kodi's own "Mark as watched" / "Mark as unwatched" on items we identify, treated as if the user used ours
(addon.scrobble.watched_marks: the local watched mark, Trakt and PunchPlay).

What Kodi 20.1 tells (tests/kodi/test_kodi_watched.py):
- our `plugin://` items: nothing. Kodi's entry (and its togglewatched action) adds one to the play count of the
  item's URL in its video database, or clears it, and announces nothing. Kodi never shows that count in our
  listings: its entry offers "Mark as watched" or "unwatched" after the play count our listing gives the item, so it
  always follows ours. The worker reads Kodi's counts of our URLs (read-only) when the database file changes, and
  compares them with its last look.
- library movies and episodes: VideoLibrary.OnUpdate {"item": {"id", "type"}, "playcount"}; the worker asks Kodi
  for the item's ids over JSON-RPC.

Kodi's count of a play that just ended is that play's echo (the scrobbler sends the play), never a toggle; a change
that agrees with ours is nothing new. Monitor callbacks only call `record`, which keeps the notification and
returns; the service's worker does the rest.
"""
from __future__ import annotations

import collections
import time

from addon import kodi
from addon.core import kodi_watched as rules
from addon.platform import kodi_videodb, playstate
from addon.platform.service_wakeup import PeriodicTask
from addon.scrobble.watched_marks import apply, shown_watched

TASK = 'kodi_watched'
CHECK_SECONDS = 3          # a stat of Kodi's database file; it is read only when it changed
SETTLE_SECONDS = 5         # after a player start or stop, the scrobbler's record of it comes first
PREFIX = 'plugin://%s/' % kodi.ADDON_ID
PLAYER_METHODS = ('Player.OnPlay', 'Player.OnAVStart', 'Player.OnStop')

_library = collections.deque(maxlen=200)   # (raw data, monotonic time) of VideoLibrary.OnUpdate
_last_player_event = [0.0]                 # monotonic time of the last player start or stop


def record(sender, method, data) -> bool:
    """Monitor callback: keep what the worker needs and return at once; True when the worker should look now."""
    if sender != 'xbmc':
        return False
    if method in PLAYER_METHODS:
        _last_player_event[0] = time.monotonic()
        return False
    if method.startswith('VideoLibrary.'):
        kodi.log('Kodi announced %s' % method)
    if method == 'VideoLibrary.OnUpdate':
        _library.append((data, time.monotonic()))
        return True
    return False


def _playing() -> bool:
    """A video plays, or stopped so recently that the scrobbler may not have recorded its end yet."""
    return kodi.condition('Player.HasVideo') or time.monotonic() - _last_player_event[0] < SETTLE_SECONDS


def _near_a_play(at) -> bool:
    return kodi.condition('Player.HasVideo') or abs(at - _last_player_event[0]) <= rules.PLAY_ECHO_SECONDS


class Watcher:
    """The worker's side: one look at a time, from the service's worker thread only."""

    def __init__(self):
        self.database = None
        self.stamp = None
        self.rows = None          # {url: (playcount, lastplayed)} at the last look

    def check(self):
        while _library:
            data, at = _library.popleft()
            self._library_update(data, at)
        self._plugin_items()

    # ---- library items ------------------------------------------------------------------------------------------

    def _library_update(self, data, at):
        update = rules.library_update(data)
        if update is None or _near_a_play(at):
            return
        item = _library_item(update['type'], update['id'])
        if item is not None and shown_watched([item])[0] != update['watched']:
            apply(item, update['watched'])

    # ---- our plugin items ---------------------------------------------------------------------------------------

    def _plugin_items(self):
        self.database = self.database or kodi_videodb.database_file()
        if self.database is None:
            self.rows = {} if self.rows is None else self.rows   # nothing counted yet: later rows are news
            return
        stamp = kodi_videodb.stamp(self.database)
        if stamp == self.stamp or _playing():
            return   # while a video plays (and just after), Kodi's writes are that play's: looked at once it is over
        rows = kodi_videodb.rows_of(self.database, PREFIX)
        if rows is None:
            return
        self.stamp = stamp
        before, self.rows = self.rows, rows
        if before is not None:   # the first look is what Kodi counted before: of unknown age, never sent
            for url, watched in rules.changed(before, rows):
                self._kodi_toggled(url, watched, rows[url][1])

    def _kodi_toggled(self, url, watched, lastplayed):
        item = rules.item_of_url(url, kodi.ADDON_ID)
        if item is None or shown_watched([item])[0] == watched:
            return
        if watched and rules.is_play_echo(lastplayed, playstate.updated_at(item['key'])):
            return
        if not watched and _near_a_play(time.monotonic()):
            return
        kodi.log('Kodi marked our %s %s %s' % (item['kind'], item['key'], 'watched' if watched else 'unwatched'),
                 'info')
        apply(item, watched)


def _library_item(kind, library_id):
    """Our item of a library movie or episode (its IMDb or TMDb id), or None when Kodi does not know them."""
    properties = ['title', 'uniqueid', 'imdbnumber'] if kind == 'movie' else ['season', 'episode', 'tvshowid',
                                                                              'showtitle', 'uniqueid']
    try:
        if kind == 'movie':
            details = kodi.jsonrpc('VideoLibrary.GetMovieDetails',
                                   {'movieid': library_id, 'properties': properties})['moviedetails']
            return rules.library_item('movie', details)
        details = kodi.jsonrpc('VideoLibrary.GetEpisodeDetails',
                               {'episodeid': library_id, 'properties': properties})['episodedetails']
        show = kodi.jsonrpc('VideoLibrary.GetTVShowDetails', {'tvshowid': details['tvshowid'],
                            'properties': ['title', 'uniqueid', 'imdbnumber']})['tvshowdetails']
    except (RuntimeError, KeyError, TypeError):
        return None
    return rules.library_item('episode', details, show)


def tasks():
    watcher = Watcher()
    return [PeriodicTask(TASK, CHECK_SECONDS, watcher.check, first_delay=CHECK_SECONDS)]
