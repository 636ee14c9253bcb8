"""The release each show last played from, on this device (table binge_releases): written when a stream of ours
starts playing (the service's monitor, from the play's handoff), read when the show's next episode is chosen."""
from __future__ import annotations

import time

from addon.platform import storage
from addon.play.stream_store import BingeRelease

FIELDS = ('binge_group', 'provider_key', 'resolution', 'service')


def show_key(content_type, ident) -> str:
    return '%s:%s' % (content_type or 'series', ident)


def remember(key, release, season=None, episode=None, now=None) -> None:
    """Keep `release` ({binge_group, provider_key, resolution, service}) as the show's last one."""
    storage.open_db()
    values = {field: release.get(field) or None for field in FIELDS}
    values.update({'season': season, 'episode': episode, 'played_at': time.time() if now is None else now})
    (BingeRelease.insert(show_key=key, **values)
     .on_conflict(conflict_target=[BingeRelease.show_key], update=values).execute())


def recall(key) -> dict | None:
    """The show's last release as plain data, or None."""
    storage.open_db()
    row = BingeRelease.get_or_none(BingeRelease.show_key == key)
    if row is None:
        return None
    found = {field: getattr(row, field) for field in FIELDS}
    found.update({'season': row.season, 'episode': row.episode})
    return found
