"""Open the addon database in the profile folder, telling the user when a damaged file had to be rebuilt."""
from __future__ import annotations

import os

from addon import kodi
from addon.platform import db


def open_db():
    """The ready-to-use peewee database (opened once per process)."""
    path = os.path.join(kodi.profile_dir(), db.DB_FILE)
    try:
        return db.open_database(path, on_damage=_rebuilt)
    except db.DatabaseDamaged as damaged:
        _rebuilt(damaged.moved_to)
        return db.database


def _rebuilt(moved_to):
    """A damaged file was moved aside (at the open, or later where it was used): tell the user, refill from Trakt."""
    kodi.log('database damaged; moved aside to %s and rebuilt' % os.path.basename(moved_to), 'error')
    kodi.notify(kodi.localize(30017), icon='warning')
    from addon.trakt import service_tasks
    service_tasks.request_sync()
