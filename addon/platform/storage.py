"""Open the addon database in the profile folder, telling the user when a damaged file had to be rebuilt.

A rebuild raises the service flag REBUILT (addon.platform.service_wakeup): the background service then asks the
features whose copy lived in the file (Trakt) to refill it. Storage knows no feature.
"""
from __future__ import annotations

import os

from addon import kodi
from addon.platform import db, service_wakeup

REBUILT = 'database_rebuilt'


def open_db():
    """The ready-to-use peewee database (opened once per process)."""
    path = os.path.join(kodi.profile_dir(), db.DB_FILE)
    try:
        return db.open_database(path, on_damage=_rebuilt)
    except db.DatabaseDamaged as damaged:
        _rebuilt(damaged.moved_to)
        return db.database


def _rebuilt(moved_to):
    """A damaged file was moved aside (at the open, or later where it was used): tell the user and the service."""
    kodi.log('database damaged; moved aside to %s and rebuilt' % os.path.basename(moved_to), 'error')
    kodi.notify(kodi.localize(30017), icon='warning')
    service_wakeup.raise_flag(REBUILT)
