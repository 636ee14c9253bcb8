"""PunchPlay's pull sync as plain data (punchplay-api.md section 4.1): read one GET /api/scrobble/sync answer and merge
it into the local play state (a watched mark and a resume point per media key, addon.core.mediakey). Pure.

Rules: remote watched items become watched marks, remote in-progress positions resume points; nothing is ever
un-watched; a play or mark newer on this device wins over an older remote one; a position too early (< 1 min), too
near the end (< 2 min left) or too close to ours (< 1 min apart) is left alone. A repeated answer changes nothing.
"""
from __future__ import annotations

import re
from collections import namedtuple

from addon.core import trakt_times as times
from addon.core.mediakey import media_key

OVERLAP_MS = 3600 * 1000   # the next pull asks again for the last hour (PunchPlay's own client does the same)
MIN_RESUME_SECONDS = 60
END_GUARD_SECONDS = 120
MIN_MOVE_SECONDS = 60
LISTS = ('movies', 'episodes', 'in_progress')
_IMDB = re.compile(r'^tt\d+$')

# at: epoch seconds of the remote watch / progress (0.0 when the answer does not say)
Remote = namedtuple('Remote', 'key watched position total at')
# The local play state of one key (addon.platform.playstate): seconds, seconds, bool, epoch seconds.
State = namedtuple('State', 'position total watched updated_at')


class Malformed(ValueError):
    """The answer is not the contract's shape: nothing of it may be applied."""


def since_param(cursor_ms):
    """The `since` of the next pull (epoch ms, an hour of overlap), or None for the whole history."""
    if not cursor_ms:
        return None
    return max(0, int(cursor_ms) - OVERLAP_MS)


def parse(body):
    """([Remote], unmatched count) of a sync answer; raises Malformed when any part has the wrong shape. Items
    without an id we can name are counted and skipped, as PunchPlay's own client does."""
    if not isinstance(body, dict):
        raise Malformed('the answer is not an object')
    found, unmatched = [], 0
    for name in LISTS:
        items = body.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            raise Malformed('%s is not a list' % name)
        for item in items:
            remote = _remote(name, item)
            if remote is None:
                unmatched += 1
            else:
                found.append(remote)
    return found, unmatched


def _remote(name, item):
    if not isinstance(item, dict):
        raise Malformed('an item of %s is not an object' % name)
    if name == 'in_progress':
        kind = item.get('media_type')
        if kind not in ('movie', 'episode'):
            raise Malformed('in_progress media_type %r' % (kind,))
    else:
        kind = 'movie' if name == 'movies' else 'episode'
    key = _key(kind, item)
    if name != 'in_progress':
        _number(item, 'playcount', int)
        return key and Remote(key, True, 0.0, 0.0, iso_seconds(item.get('watched_at')))
    position = _number(item, 'position_seconds', (int, float))
    total = _number(item, 'duration_seconds', (int, float))
    if position is None:
        raise Malformed('in_progress without position_seconds')
    return key and Remote(key, False, float(position), float(total or 0), iso_seconds(item.get('updated_at')))


def _number(item, field, types):
    value = item.get(field)
    if value is not None and (isinstance(value, bool) or not isinstance(value, types) or value < 0):
        raise Malformed('%s %r' % (field, value))
    return value


def _ident(item, imdb_field, tmdb_field):
    """Our id of a title: its IMDb id, else 'tmdb:<n>' (as listings and play URLs name it), or None."""
    imdb, tmdb = item.get(imdb_field), _number(item, tmdb_field, int)
    if imdb is not None and not isinstance(imdb, str):
        raise Malformed('%s %r' % (imdb_field, imdb))
    if imdb and _IMDB.match(imdb):
        return imdb
    return 'tmdb:%d' % tmdb if tmdb else None


def _key(kind, item):
    if kind == 'movie':
        ident = _ident(item, 'imdb_id', 'tmdb_id')
        return ident and media_key('movie', ident)
    ident = _ident(item, 'show_imdb_id', 'show_tmdb_id')
    season, episode = _number(item, 'season', int), _number(item, 'episode', int)
    if not ident or season is None or episode is None:
        return None
    return media_key('episode', ident, season, episode)


def iso_seconds(text) -> float:
    """Epoch seconds of an ISO-8601 time ('Z', an offset, or none: UTC; milliseconds allowed); 0.0 when absent."""
    if text is None:
        return 0.0
    seconds = times.parse(text) if isinstance(text, str) else None
    if seconds is None:
        raise Malformed('a time %r' % (text,))
    return seconds


def merge(remotes, local):
    """{key: State} to write so the local play state holds what the remotes add. `local`: {key: State} of the keys
    the remotes name (absent: never played here). Watched items go first, then positions, each oldest first, so a
    position newer than a watched mark survives it and an older one does not."""
    states = dict(local)
    changed = {}
    for remote in sorted(remotes, key=lambda item: (not item.watched, item.at)):
        current = states.get(remote.key)
        new = _watched(remote, current) if remote.watched else _position(remote, current)
        if new is not None:
            states[remote.key] = changed[remote.key] = new
    return changed


def _newer_here(remote, current) -> bool:
    return current is not None and current.updated_at >= remote.at


def _watched(remote, current):
    if current is not None and current.watched or _newer_here(remote, current):
        return None
    return State(0.0, current.total if current else 0.0, True, remote.at)


def _position(remote, current):
    if remote.position < MIN_RESUME_SECONDS or _newer_here(remote, current):
        return None
    if remote.total > 0 and remote.total - remote.position < END_GUARD_SECONDS:
        return None
    if current is not None and abs(current.position - remote.position) < MIN_MOVE_SECONDS:
        return None
    return State(remote.position, remote.total, bool(current and current.watched), remote.at)
