"""Open the addon database in the profile folder, telling the user when a damaged file had to be rebuilt."""
from __future__ import annotations

import os

from addon import db, kodi


def open_db():
    """The ready-to-use peewee database (opened once per process)."""
    path = os.path.join(kodi.profile_dir(), db.DB_FILE)
    try:
        return db.open_database(path)
    except db.DatabaseDamaged as damaged:
        kodi.log('database damaged; moved aside to %s and rebuilt' % os.path.basename(damaged.moved_to), 'error')
        kodi.notify(kodi.localize(30017), icon='warning')
        return db.database
